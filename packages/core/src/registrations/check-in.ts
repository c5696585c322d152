import { and, eq } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { normalizeCheckInCode } from '../tokens.js';
import { toRegistrationView } from './views.js';

/**
 * POST /api/meetings/:slug/check-in (organizer) — idempotent: a second scan keeps the
 * first time and says so (`alreadyCheckedIn`), so the desk notices a reused badge.
 */
export async function checkIn(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  code: string;
}) {
  return change(input.ctx, async (fx) => {
    const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug });
    const [reg] = await fx.tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.meetingId, access.meeting.id),
          eq(registrations.checkInCode, normalizeCheckInCode(input.code)),
        ),
      )
      .for('update');
    if (!reg) throw notFound('Check-in code');
    if (reg.status !== 'confirmed')
      throw conflict(`This registration is ${reg.status}, not confirmed`);
    const viewer = { organizer: true, own: reg.userId === input.actor?.userId };
    if (reg.checkedInAt)
      return { ...toRegistrationView(reg, input.slug, null, viewer), alreadyCheckedIn: true };
    const [updated] = await fx.tx
      .update(registrations)
      .set({ checkedInAt: new Date(), updatedAt: new Date() })
      .where(eq(registrations.id, reg.id))
      .returning();
    await fx.audit({
      meetingId: access.meeting.id,
      actor: input.actor,
      action: 'registration.checked_in',
      entityType: 'registration',
      entityId: reg.id,
    });
    return { ...toRegistrationView(updated!, input.slug, null, viewer), alreadyCheckedIn: false };
  });
}
