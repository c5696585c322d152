import { and, count, eq } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import type { Effects } from '../changes/envelope.js';
import type { MeetingRow } from '../meetings/rows.js';
import { SeatCount, type SeatPool, type SeatRules } from '../seats/engine.js';
import { type RegistrationRow, waitingList } from './rows.js';
import { setRegistrationStatus } from './set-registration-status.js';

export const meetingSeatRules = (m: MeetingRow): SeatRules => ({
  capacity: m.capacity,
  maxPerGroup: m.maxPerCountry,
});

/**
 * A meeting's seats for the engine: grouped by country, promoted by the system through
 * setRegistrationStatus. The caller holds the meeting lock.
 */
export function meetingSeatPool(
  fx: Effects,
  m: MeetingRow,
): SeatPool<RegistrationRow & { group: string }> {
  return {
    rules: meetingSeatRules(m),
    async count() {
      const rows = await fx.tx
        .select({ group: registrations.country, n: count() })
        .from(registrations)
        .where(and(eq(registrations.meetingId, m.id), eq(registrations.status, 'confirmed')))
        .groupBy(registrations.country);
      return SeatCount.of(rows);
    },
    async waiting() {
      return (await waitingList(fx.tx, m.id)).map((r) => ({ ...r, group: r.country }));
    },
    async promote(holder) {
      await setRegistrationStatus(fx, {
        meeting: m,
        registration: holder,
        to: 'confirmed',
        actor: null,
        action: 'registration.promoted',
      });
    },
  };
}
