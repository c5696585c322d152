/**
 * The seats engine (src/seats/engine.ts) on an area of its own: an in-memory seat pool,
 * the same interface registrations and site visits hand it.
 */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  checkCapacity,
  densePositions,
  fillSeats,
  placeFor,
  SeatCount,
  type SeatPool,
  type SeatRules,
} from '../../src/seats/engine.js';

interface Holder {
  id: string;
  group: string;
}

/** Confirmed holders by group and a first-come waiting list; promote() moves one over. */
function memoryPool(rules: SeatRules, confirmed: Holder[], waiting: Holder[]) {
  const promoted: string[] = [];
  const pool: SeatPool<Holder> = {
    rules,
    async count() {
      const byGroup = new Map<string, number>();
      for (const h of confirmed) byGroup.set(h.group, (byGroup.get(h.group) ?? 0) + 1);
      return SeatCount.of([...byGroup].map(([group, n]) => ({ group, n })));
    },
    async waiting() {
      return [...waiting];
    },
    async promote(holder) {
      promoted.push(holder.id);
      waiting.splice(waiting.indexOf(holder), 1);
      confirmed.push(holder);
    },
  };
  return { pool, promoted, confirmed, waiting };
}

const people = (spec: string) =>
  // "KZ:a UZ:b" → [{id: 'a', group: 'KZ'}, {id: 'b', group: 'UZ'}]
  spec
    .split(' ')
    .filter(Boolean)
    .map((s) => {
      const [group, id] = s.split(':') as [string, string];
      return { id, group };
    });

describe('SeatCount', () => {
  it('adds up the groups it is given', () => {
    const c = SeatCount.of([
      { group: 'KZ', n: 2 },
      { group: 'UZ', n: 3 },
    ]);
    expect(c.confirmed).toBe(5);
    expect(c.byGroup.get('KZ')).toBe(2);
    expect(c.byGroup.get('UZ')).toBe(3);
    expect(SeatCount.of([]).confirmed).toBe(0);
  });

  it('fits while both the capacity and the group limit leave room', () => {
    const c = SeatCount.of([
      { group: 'KZ', n: 2 },
      { group: 'UZ', n: 1 },
    ]);
    expect(c.fits({ capacity: 4, maxPerGroup: 2 }, 'UZ')).toBe(true);
    expect(c.fits({ capacity: 4, maxPerGroup: 2 }, 'TJ')).toBe(true);
    expect(c.fits({ capacity: 4, maxPerGroup: 2 }, 'KZ')).toBe(false);
    expect(c.fits({ capacity: 3, maxPerGroup: 2 }, 'UZ')).toBe(false);
    expect(c.fits({ capacity: 3, maxPerGroup: null }, 'TJ')).toBe(false);
    expect(c.fits({ capacity: 4, maxPerGroup: null }, 'KZ')).toBe(true);
  });

  it('take() counts the seat in the total and in its group', () => {
    const c = SeatCount.of([{ group: 'KZ', n: 1 }]);
    const rules = { capacity: 10, maxPerGroup: 2 };
    c.take('KZ');
    expect(c.confirmed).toBe(2);
    expect(c.byGroup.get('KZ')).toBe(2);
    expect(c.fits(rules, 'KZ')).toBe(false);
    c.take('UZ');
    expect(c.confirmed).toBe(3);
    expect(c.byGroup.get('UZ')).toBe(1);
  });
});

describe('placeFor', () => {
  it('confirms a newcomer who fits, else puts them on the waiting list', async () => {
    const { pool } = memoryPool({ capacity: 3, maxPerGroup: 1 }, people('KZ:a UZ:b'), []);
    expect(await placeFor(pool, 'TJ')).toBe('confirmed');
    expect(await placeFor(pool, 'KZ')).toBe('waitlisted');
    const full = memoryPool({ capacity: 2, maxPerGroup: null }, people('KZ:a UZ:b'), []);
    expect(await placeFor(full.pool, 'TJ')).toBe('waitlisted');
  });
});

describe('fillSeats', () => {
  it('gives free seats to the head of the waiting list, first come first served', async () => {
    const m = memoryPool(
      { capacity: 4, maxPerGroup: null },
      people('KZ:a UZ:b'),
      people('KZ:c TJ:d UZ:e'),
    );
    expect(await fillSeats(m.pool)).toBe(2);
    expect(m.promoted).toEqual(['c', 'd']);
    expect(m.waiting.map((h) => h.id)).toEqual(['e']);
  });

  it('skips a holder whose group is at its limit and promotes the next who fits', async () => {
    const m = memoryPool(
      { capacity: 5, maxPerGroup: 2 },
      people('KZ:a KZ:b UZ:c'),
      people('KZ:d KZ:e UZ:f TJ:g UZ:h'),
    );
    expect(await fillSeats(m.pool)).toBe(2);
    // KZ is full: d and e keep their places; f takes UZ's second seat, g the last one.
    expect(m.promoted).toEqual(['f', 'g']);
    expect(m.waiting.map((h) => h.id)).toEqual(['d', 'e', 'h']);
  });

  it('counts the seats it gives: two of one group never pass the group limit', async () => {
    const m = memoryPool({ capacity: 10, maxPerGroup: 2 }, [], people('KZ:a KZ:b KZ:c UZ:d'));
    expect(await fillSeats(m.pool)).toBe(3);
    expect(m.promoted).toEqual(['a', 'b', 'd']);
  });

  it('promotes nobody when the seats are taken', async () => {
    const m = memoryPool({ capacity: 2, maxPerGroup: null }, people('KZ:a UZ:b'), people('TJ:c'));
    expect(await fillSeats(m.pool)).toBe(0);
    expect(m.promoted).toEqual([]);
  });

  it('stops when the capacity is reached, however long the list', async () => {
    const m = memoryPool(
      { capacity: 3, maxPerGroup: null },
      people('KZ:a'),
      people('UZ:b TJ:c KG:d TM:e'),
    );
    expect(await fillSeats(m.pool)).toBe(2);
    expect(m.promoted).toEqual(['b', 'c']);
  });
});

describe('checkCapacity', () => {
  const three = SeatCount.of([{ group: 'KZ', n: 3 }]);

  it('refuses a capacity below the confirmed seats with 409, saying how many are confirmed', () => {
    let thrown: unknown;
    try {
      checkCapacity(2, three);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).status).toBe(409);
    expect((thrown as AppError).message).toBe(
      '3 delegates are confirmed; the capacity cannot be lower than that (asked for 2)',
    );
    expect(() => checkCapacity(0, three, 'visitors')).toThrow(
      '3 visitors are confirmed; the capacity cannot be lower than that (asked for 0)',
    );
  });

  it('accepts the confirmed count itself and anything above', () => {
    expect(() => checkCapacity(3, three)).not.toThrow();
    expect(() => checkCapacity(40, three)).not.toThrow();
  });
});

describe('densePositions', () => {
  it('numbers a waiting list 1..n in the order given', () => {
    expect([...densePositions(['x', 'a', 'm'])]).toEqual([
      ['x', 1],
      ['a', 2],
      ['m', 3],
    ]);
    expect(densePositions([]).size).toBe(0);
  });
});
