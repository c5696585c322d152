/** Small pieces of the registrations area that its use-cases and views share. */
import { and, asc, eq } from 'drizzle-orm';
import { registrations, type Db } from '@kengash/db';
import { densePositions } from '../seats/engine.js';

export type RegistrationRow = typeof registrations.$inferSelect;

/** The waiting list of a meeting, first come first. */
export function waitingList(tx: Db, meetingId: string) {
  return tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), asc(registrations.id));
}

/** Dense 1..n positions of the waiting list. */
export async function waitlistPositions(tx: Db, meetingId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), asc(registrations.id));
  return densePositions(rows.map((r) => r.id));
}

export async function waitlistPosition(tx: Db, reg: RegistrationRow): Promise<number | null> {
  if (reg.status !== 'waitlisted') return null;
  return (await waitlistPositions(tx, reg.meetingId)).get(reg.id) ?? null;
}
