import { and, eq } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import type { AuditAction } from '../changes/audit-actions.js';
import type { Effects } from '../changes/envelope.js';
import type { Actor } from '../context.js';
import { conflict } from '../errors.js';
import type { MeetingRow } from '../meetings/rows.js';
import { canTransition } from '../schemas/registrations.js';
import type { RegistrationStatus } from '../schemas/values.js';
import { queueStamp } from '../seats/engine.js';
import { notifyDelegate } from './notify.js';
import type { RegistrationRow } from './rows.js';

/**
 * The one function that changes a registration's status. It checks the transition, writes
 * the row, the audit entry and the e-mail the delegate is owed, all in the change's
 * transaction, which must hold the meeting lock. It does not check seats: callers decide
 * the target status with the seats engine under the same lock.
 */
export async function setRegistrationStatus(
  fx: Effects,
  input: {
    meeting: MeetingRow;
    registration: RegistrationRow;
    to: RegistrationStatus;
    actor: Actor | null;
    action: AuditAction;
  },
): Promise<RegistrationRow> {
  const { registration: reg, to } = input;
  if (!canTransition(reg.status, to))
    throw conflict(`A ${reg.status} registration cannot become ${to}`);
  const [updated] = await fx.tx
    .update(registrations)
    .set({
      status: to,
      updatedAt: new Date(),
      ...(to === 'waitlisted' ? { waitlistedAt: queueStamp() } : {}),
    })
    .where(and(eq(registrations.id, reg.id), eq(registrations.status, reg.status)))
    .returning();
  if (!updated) throw conflict('The registration changed meanwhile; try again');
  await fx.audit({
    meetingId: input.meeting.id,
    actor: input.actor,
    action: input.action,
    entityType: 'registration',
    entityId: reg.id,
    data: { from: reg.status, to },
  });
  await notifyDelegate(fx, input.meeting, updated, reg.status);
  return updated;
}
