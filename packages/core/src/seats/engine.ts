/**
 * Seats under a parent-row lock, for every area that hands out places: a meeting's
 * registrations now, a site visit's sign-ups next.
 *
 * The caller locks the parent row (a meeting, a visit) in its transaction first; every
 * change of the parent's seats happens under that lock, so the counts read under it are
 * exact: confirmed never exceeds capacity, nor a group's (a country's, an organization
 * type's) confirmed its limit, however many requests arrive at once. Seats go first come,
 * first served; a waiting holder whose group is full keeps its place for the next seat
 * that fits it. The engine knows no area: the owner passes its counts, its waiting list
 * and its own "promote this one" step.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '@kengash/db';
import { conflict } from '../errors.js';

export interface SeatRules {
  capacity: number;
  /** At most this many confirmed per group (e.g. per country); null for no limit. */
  maxPerGroup: number | null;
}

/** Confirmed seats as counted under the lock; kept current as seats are taken. */
export class SeatCount {
  constructor(
    public confirmed: number,
    readonly byGroup: Map<string, number> = new Map(),
  ) {}

  static of(rows: { group: string; n: number }[]): SeatCount {
    return new SeatCount(
      rows.reduce((s, r) => s + r.n, 0),
      new Map(rows.map((r) => [r.group, r.n])),
    );
  }

  /** Would one more holder of this group fit? */
  fits(rules: SeatRules, group: string): boolean {
    return (
      this.confirmed < rules.capacity &&
      (rules.maxPerGroup == null || (this.byGroup.get(group) ?? 0) < rules.maxPerGroup)
    );
  }

  take(group: string): void {
    this.confirmed++;
    this.byGroup.set(group, (this.byGroup.get(group) ?? 0) + 1);
  }
}

/** One area's seats, as the engine sees them. */
export interface SeatPool<H extends { group: string }> {
  rules: SeatRules;
  /** Confirmed holders by group, read under the parent lock. */
  count(): Promise<SeatCount>;
  /** The waiting list, first come first. */
  waiting(): Promise<H[]>;
  /** The owner's own step that gives a waiting holder its seat (status, audit, e-mail). */
  promote(holder: H): Promise<void>;
}

/** Locks the parent row (FOR UPDATE) and returns it; call first in the transaction. */
export async function lockParent<T extends PgTable>(
  tx: Db,
  table: T,
  where: SQL,
): Promise<T['$inferSelect'] | undefined> {
  const [row] = await tx
    .select()
    .from(table as PgTable)
    .where(where)
    .for('update');
  return row as T['$inferSelect'] | undefined;
}

/** Whether a newcomer of `group` gets a seat now or waits. */
export async function placeFor<H extends { group: string }>(
  pool: SeatPool<H>,
  group: string,
): Promise<'confirmed' | 'waitlisted'> {
  return (await pool.count()).fits(pool.rules, group) ? 'confirmed' : 'waitlisted';
}

/**
 * Gives free seats to the waiting list, first come first served, skipping holders whose
 * group is at its limit. Returns how many were promoted.
 */
export async function fillSeats<H extends { group: string }>(pool: SeatPool<H>): Promise<number> {
  const counts = await pool.count();
  if (counts.confirmed >= pool.rules.capacity) return 0;
  let promoted = 0;
  for (const holder of await pool.waiting()) {
    if (counts.confirmed >= pool.rules.capacity) break;
    if (!counts.fits(pool.rules, holder.group)) continue;
    await pool.promote(holder);
    counts.take(holder.group);
    promoted++;
  }
  return promoted;
}

/**
 * A capacity may not go below the seats already given: they belong to people. The answer
 * says how many are confirmed, so the organizer knows the floor.
 */
export function checkCapacity(capacity: number, counts: SeatCount, noun = 'delegates'): void {
  if (capacity < counts.confirmed)
    throw conflict(
      `${counts.confirmed} ${noun} are confirmed; the capacity cannot be lower than that (asked for ${capacity})`,
    );
}

/** Dense 1..n positions of a waiting list given in order. */
export function densePositions(ids: readonly string[]): Map<string, number> {
  return new Map(ids.map((id, i) => [id, i + 1]));
}

/**
 * The waiting list's order: the database clock read under the parent lock. Not a time
 * taken before the lock (the request's arrival), or two sign-ups of one burst would be
 * queued in another order than the lock gave them their places, and told the same
 * position. clock_timestamp() has microsecond resolution and advances within a
 * transaction, so consecutive holders of the lock never tie; one database clock serves
 * every process.
 */
export const queueStamp = () => sql`clock_timestamp()`;
