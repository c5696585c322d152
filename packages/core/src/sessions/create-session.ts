import { sessions } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { hasText, mergeText } from '../schemas/lang.js';
import type { SessionCreate, SessionView } from '../schemas/sessions.js';
import { assertRoomFree, placementIssues, workingGroupIdFor } from './rules.js';
import { selectSession, toSessionView } from './views.js';

/**
 * POST /api/meetings/:slug/sessions (organizer): a scheduled session inside the meeting,
 * in a room nobody holds at that time (409 names the session that does).
 */
export async function createSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  data: SessionCreate;
  langs: readonly string[];
}): Promise<SessionView> {
  const { data } = input;
  return change(input.ctx, async (fx) => {
    // The meeting's lock serializes its sessions' bookings.
    const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug }, { lock: true });
    const m = access.meeting;
    const first = m.languages[0] ?? 'en';
    const title = mergeText(null, data.title, first);
    const description = data.description ? mergeText(null, data.description, first) : null;
    const placement = {
      startsAt: new Date(data.startsAt),
      endsAt: new Date(data.endsAt),
      room: data.room?.trim() || null,
    };
    const issues = placementIssues(m, placement);
    if (!hasText(title)) issues.push({ path: 'title', message: 'Give a title' });
    if (issues.length) throw invalid(issues);
    const workingGroupId = await workingGroupIdFor(fx.tx, m.id, data.workingGroupCode);
    await assertRoomFree(fx.tx, m, placement, null);
    const [row] = await fx.tx
      .insert(sessions)
      .values({
        meetingId: m.id,
        title,
        description: description && hasText(description) ? description : null,
        kind: data.kind,
        ...placement,
        workingGroupId,
        onlineUrl: data.onlineUrl ?? null,
        interpretation: [...new Set(data.interpretation ?? [])],
        ...(data.qaEnabled !== undefined ? { qaEnabled: data.qaEnabled } : {}),
        ...(data.qaModerated !== undefined ? { qaModerated: data.qaModerated } : {}),
        ...(data.speakingMinutes !== undefined ? { speakingMinutes: data.speakingMinutes } : {}),
      })
      .returning({ id: sessions.id });
    await fx.audit({
      meetingId: m.id,
      actor: input.actor,
      action: 'session.created',
      entityType: 'session',
      entityId: row!.id,
      data: { kind: data.kind, startsAt: data.startsAt, room: placement.room },
    });
    const record = await selectSession(fx.tx, row!.id, input.actor?.userId ?? null);
    return toSessionView(access, record!, input.langs);
  });
}
