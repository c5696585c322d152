import { sql } from 'drizzle-orm';
import { liveEvents, liveStreams, type DatabaseKind, type Db } from '@kengash/db';
import type { LiveRef } from '../context.js';

/** The channel that carries committed live events between server processes. */
export const LIVE_CHANNEL = 'kengash_live';

export const liveEventTypes = [
  'question.created',
  'question.updated',
  'floor.updated',
  'qa.updated',
] as const;
export type LiveEventType = (typeof liveEventTypes)[number];

export interface LiveEventInput {
  sessionId: string;
  type: LiveEventType;
  /** Ids and small facts; the hub reads details from the tables and shapes them per viewer. */
  payload: Record<string, unknown>;
}

/**
 * Numbers the event in its session's stream and stores it. The stream row's update holds
 * its lock until commit, so events of one session commit in the order of their numbers.
 * On PostgreSQL a NOTIFY (ids only, delivered at commit) tells the other processes.
 */
export async function appendLiveEvent(
  tx: Db,
  dbKind: DatabaseKind,
  event: LiveEventInput,
): Promise<LiveRef> {
  const [row] = await tx
    .insert(liveStreams)
    .values({ sessionId: event.sessionId, seq: 1 })
    .onConflictDoUpdate({
      target: liveStreams.sessionId,
      set: { seq: sql`${liveStreams.seq} + 1` },
    })
    .returning({ seq: liveStreams.seq });
  const seq = row!.seq;
  await tx
    .insert(liveEvents)
    .values({ sessionId: event.sessionId, seq, type: event.type, payload: event.payload });
  if (dbKind === 'postgres')
    await tx.execute(
      sql`select pg_notify(${LIVE_CHANNEL}, ${JSON.stringify({ s: event.sessionId, q: seq })})`,
    );
  return { sessionId: event.sessionId, seq };
}
