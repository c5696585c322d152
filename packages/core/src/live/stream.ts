/** Reading a session's live stream: its last number, and the events after a number. */
import { and, asc, eq, gt, lt, min, sql } from 'drizzle-orm';
import { liveEvents, liveStreams, type Db } from '@kengash/db';
import type { LiveEventRow } from './registry.js';

export async function currentSeq(db: Db, sessionId: string): Promise<number> {
  const [row] = await db
    .select({ seq: liveStreams.seq })
    .from(liveStreams)
    .where(eq(liveStreams.sessionId, sessionId));
  return row?.seq ?? 0;
}

/** Events after `since`, in order, at most `limit`. */
export async function eventsAfter(
  db: Db,
  sessionId: string,
  since: number,
  limit = 1000,
): Promise<LiveEventRow[]> {
  return db
    .select({
      sessionId: liveEvents.sessionId,
      seq: liveEvents.seq,
      type: liveEvents.type,
      payload: liveEvents.payload,
    })
    .from(liveEvents)
    .where(and(eq(liveEvents.sessionId, sessionId), gt(liveEvents.seq, since)))
    .orderBy(asc(liveEvents.seq))
    .limit(limit);
}

/** The oldest number still kept, or null when nothing is. */
export async function oldestKeptSeq(db: Db, sessionId: string): Promise<number | null> {
  const [row] = await db
    .select({ seq: min(liveEvents.seq) })
    .from(liveEvents)
    .where(eq(liveEvents.sessionId, sessionId));
  return row?.seq ?? null;
}

/** Drops events older than `hours`; a viewer that far behind gets a fresh snapshot. */
export async function purgeLiveEvents(db: Db, hours = 48): Promise<number> {
  const gone = await db
    .delete(liveEvents)
    .where(lt(liveEvents.createdAt, sql`now() - make_interval(hours => ${hours})`))
    .returning({ seq: liveEvents.seq });
  return gone.length;
}
