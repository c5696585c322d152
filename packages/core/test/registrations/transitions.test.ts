/** The registration's state machine (src/schemas/registrations.ts), written out in full. */
import { describe, expect, it } from 'vitest';
import {
  canTransition,
  liveRegistrationStatuses,
  registrationStatuses,
  type RegistrationStatus,
} from '../../src/schemas/index.js';

// Every allowed move; everything else is refused.
const allowed: [RegistrationStatus, RegistrationStatus][] = [
  ['pending', 'confirmed'], // approved with a seat free
  ['pending', 'waitlisted'], // approved while full
  ['pending', 'declined'],
  ['pending', 'cancelled'],
  ['waitlisted', 'confirmed'], // promoted
  ['waitlisted', 'declined'],
  ['waitlisted', 'cancelled'],
  ['confirmed', 'cancelled'],
];

describe('registration transitions', () => {
  it('allows exactly the listed moves', () => {
    const all = registrationStatuses.flatMap((from) =>
      registrationStatuses.map((to) => [from, to] as [RegistrationStatus, RegistrationStatus]),
    );
    expect(all).toHaveLength(25);
    const granted = all.filter(([from, to]) => canTransition(from, to));
    const names = (moves: string[][]) => moves.map(([from, to]) => `${from} → ${to}`).sort();
    expect(names(granted)).toEqual(names(allowed));
  });

  it('keeps declined and cancelled final, and no status moves to itself or back to pending', () => {
    for (const to of registrationStatuses) {
      expect(canTransition('declined', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
      expect(canTransition(to, to)).toBe(false);
      expect(canTransition(to, 'pending')).toBe(false);
    }
    expect(canTransition('confirmed', 'waitlisted')).toBe(false);
  });

  it('counts pending, confirmed and waitlisted as live: one of them per address and meeting', () => {
    expect([...liveRegistrationStatuses]).toEqual(['pending', 'confirmed', 'waitlisted']);
  });
});
