import { and, eq, inArray } from 'drizzle-orm';
import { meetings, registrations } from '@kengash/db';
import { registrationOpen } from '../access/meeting-access.js';
import { ensureUser } from '../accounts/ensure-user.js';
import { change } from '../changes/envelope.js';
import type { Ctx } from '../context.js';
import { AppError, isUniqueViolation, notFound, conflict } from '../errors.js';
import { liveRegistrationStatuses, type RegistrationInput } from '../schemas/registrations.js';
import { CONSENT_VERSION, type RegistrationStatus } from '../schemas/values.js';
import { lockParent, placeFor, queueStamp } from '../seats/engine.js';
import { newCheckInCode } from '../tokens.js';
import { notifyDelegate } from './notify.js';
import { waitlistPosition } from './rows.js';
import { meetingSeatPool } from './seat-pool.js';

const DUPLICATE = 'This e-mail address is already registered for this meeting';
/** Names the field, so a form can tell this conflict from a closed or full meeting. */
const duplicate = () =>
  new AppError('conflict', DUPLICATE, [{ path: 'email', message: DUPLICATE }]);

/**
 * POST /api/meetings/:slug/registrations — no account needed; the e-mail becomes one.
 * Open mode: confirmed while a seat fits, else waitlisted. Approval mode: pending.
 */
export async function registerDelegate(input: {
  ctx: Ctx;
  slug: string;
  data: RegistrationInput;
  now?: Date;
}): Promise<{ id: string; status: RegistrationStatus; waitlistPosition?: number }> {
  const { data } = input;
  const now = input.now ?? new Date();
  try {
    return await change(input.ctx, async (fx) => {
      // The account first: it needs no seat, so it stays outside the meeting lock's hold.
      const language = data.preferredLanguage ?? 'en';
      const user = await ensureUser(fx.tx, { email: data.email, language, name: data.fullName });
      const m = await lockParent(fx.tx, meetings, eq(meetings.slug, input.slug));
      if (!m || m.status === 'draft') throw notFound('Meeting');
      if (m.status === 'closed') throw conflict('This meeting is closed');
      if (!registrationOpen(m, now)) {
        if (m.registrationOpensAt && m.registrationOpensAt > now)
          throw conflict(`Registration opens at ${m.registrationOpensAt.toISOString()}`);
        throw conflict('Registration for this meeting is closed');
      }
      const [live] = await fx.tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(
          and(
            eq(registrations.meetingId, m.id),
            eq(registrations.email, data.email),
            inArray(registrations.status, [...liveRegistrationStatuses]),
          ),
        );
      if (live) throw duplicate();
      const status: RegistrationStatus =
        m.registrationMode === 'open'
          ? await placeFor(meetingSeatPool(fx, m), data.country)
          : 'pending';
      const [reg] = await fx.tx
        .insert(registrations)
        .values({
          meetingId: m.id,
          userId: user.id,
          email: data.email,
          fullName: data.fullName,
          organization: data.organization,
          country: data.country,
          participantType: data.participantType,
          jobTitle: data.jobTitle ?? null,
          preferredLanguage: language,
          dietaryNeeds: data.dietaryNeeds ?? null,
          accessibilityNeeds: data.accessibilityNeeds ?? null,
          needsVisaLetter: data.needsVisaLetter ?? false,
          consentAt: now,
          consentVersion: CONSENT_VERSION,
          status,
          waitlistedAt: status === 'waitlisted' ? queueStamp() : null,
          checkInCode: newCheckInCode(),
        })
        .returning();
      if (!reg) throw new Error('insert returned nothing');
      await fx.audit({
        meetingId: m.id,
        actor: { userId: user.id, email: user.email, isAdmin: false },
        action: 'registration.created',
        entityType: 'registration',
        entityId: reg.id,
        data: { status },
      });
      await notifyDelegate(fx, m, reg, null);
      const position = await waitlistPosition(fx.tx, reg);
      return { id: reg.id, status, ...(position ? { waitlistPosition: position } : {}) };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'registrations_live_email')) throw duplicate();
    throw err;
  }
}
