import { meetings, meetingStaff } from '@kengash/db';
import type { MeetingAccess } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { AppError, conflict, forbidden, invalid, isUniqueViolation } from '../errors.js';
import { hasText, mergeText } from '../schemas/lang.js';
import type { MeetingCreate, MeetingView } from '../schemas/meetings.js';
import { dateOrNull } from './rows.js';
import { toMeetingView } from './views.js';

/** POST /api/meetings (admin) — a draft; the admin who creates it is its organizer. */
export async function createMeeting(input: {
  ctx: Ctx;
  actor: Actor | null;
  data: MeetingCreate;
  langs: readonly string[];
}): Promise<MeetingView> {
  const { ctx, actor, data } = input;
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!actor.isAdmin) throw forbidden('Only platform admins can create meetings');
  const languages = data.languages ?? ['en', 'ru'];
  const first = languages[0]!;
  const title = mergeText(null, data.title, first);
  if (!hasText(title)) throw invalid([{ path: 'title', message: 'Give a title' }]);
  const description = data.description ? mergeText(null, data.description, first) : null;
  try {
    return await change(ctx, async (fx) => {
      const [m] = await fx.tx
        .insert(meetings)
        .values({
          slug: data.slug,
          series: data.series ?? null,
          title,
          description: description && hasText(description) ? description : null,
          venue: data.venue ?? null,
          city: data.city,
          country: data.country,
          timezone: data.timezone,
          startsAt: new Date(data.startsAt),
          endsAt: new Date(data.endsAt),
          capacity: data.capacity,
          registrationMode: data.registrationMode,
          registrationOpensAt: dateOrNull(data.registrationOpensAt),
          registrationClosesAt: dateOrNull(data.registrationClosesAt),
          maxPerCountry: data.maxPerCountry ?? null,
          languages,
          ...(data.hostOrganizations ? { hostOrganizations: data.hostOrganizations } : {}),
          createdBy: actor.userId,
        })
        .returning();
      if (!m) throw new Error('insert returned nothing');
      await fx.tx
        .insert(meetingStaff)
        .values({ meetingId: m.id, userId: actor.userId, role: 'organizer' });
      await fx.audit({
        meetingId: m.id,
        actor,
        action: 'meeting.created',
        entityType: 'meeting',
        entityId: m.id,
      });
      const access: MeetingAccess = { meeting: m, actor, roles: ['organizer'], registration: null };
      return toMeetingView(access, { confirmedCount: 0, waitlistCount: 0 }, input.langs);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`The slug "${data.slug}" is taken`);
    throw err;
  }
}
