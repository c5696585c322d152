import { eq } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import { isOrganizer, loadAccess, requireSignedIn } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { RegistrationView } from '../schemas/registrations.js';
import { fillSeats, placeFor } from '../seats/engine.js';
import { waitlistPosition, type RegistrationRow } from './rows.js';
import { meetingSeatPool } from './seat-pool.js';
import { setRegistrationStatus } from './set-registration-status.js';
import { toRegistrationView } from './views.js';

export type Decision = 'approve' | 'decline' | 'cancel';

/**
 * POST /api/registrations/:id/approve|decline|cancel. Approve gives a seat that fits, else
 * the waiting list; a cancelled confirmed seat goes to the head of the waiting list at
 * once. Another delegate's registration does not exist for the caller (404).
 */
export async function decideRegistration(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  decision: Decision;
}): Promise<RegistrationView> {
  const actor = requireSignedIn(input.actor);
  return change(input.ctx, async (fx) => {
    const [found] = await fx.tx
      .select({ meetingId: registrations.meetingId })
      .from(registrations)
      .where(eq(registrations.id, input.id));
    if (!found) throw notFound('Registration');
    const access = await loadAccess(fx.tx, actor, { id: found.meetingId }, { lock: true }).catch(
      (err: unknown) => {
        // A draft meeting the caller may not see hides its registrations too; any other
        // failure (the database's) stays what it is.
        if (err instanceof AppError && err.code === 'not_found') throw notFound('Registration');
        throw err;
      },
    );
    const m = access.meeting;
    const [reg] = await fx.tx.select().from(registrations).where(eq(registrations.id, input.id));
    if (!reg) throw notFound('Registration');
    const organizer = isOrganizer(access);
    const own = reg.userId === actor.userId;
    if (!organizer && !own) throw notFound('Registration');
    if (!organizer && input.decision !== 'cancel')
      throw forbidden('Only the organizers of this meeting can do this');
    if (!organizer && reg.checkedInAt)
      throw conflict('You have checked in already; ask the secretariat to cancel');

    let updated: RegistrationRow;
    const pool = meetingSeatPool(fx, m);
    if (input.decision === 'approve') {
      if (reg.status !== 'pending')
        throw conflict(`A ${reg.status} registration cannot be approved`);
      const to = await placeFor(pool, reg.country);
      updated = await setRegistrationStatus(fx, {
        meeting: m,
        registration: reg,
        to,
        actor,
        action: 'registration.approved',
      });
    } else if (input.decision === 'decline') {
      updated = await setRegistrationStatus(fx, {
        meeting: m,
        registration: reg,
        to: 'declined',
        actor,
        action: 'registration.declined',
      });
    } else {
      updated = await setRegistrationStatus(fx, {
        meeting: m,
        registration: reg,
        to: 'cancelled',
        actor,
        action: 'registration.cancelled',
      });
      if (reg.status === 'confirmed') {
        await fx.emit('registration.left', {
          meetingId: m.id,
          registrationId: reg.id,
          userId: reg.userId,
          actor,
        });
        await fillSeats(pool);
      }
    }
    return toRegistrationView(updated, m.slug, await waitlistPosition(fx.tx, updated), {
      organizer,
      own,
    });
  });
}
