/**
 * Vote tallies on the live channel. A vote is not one event to every viewer (a room of
 * delegates voting at once would flood 5,000 sockets): each server process collects the
 * questions voted on per session and, at most every `intervalMs`, appends ONE
 * `question.updated` event per session with the tallies read from the table when the
 * event is written — under the session's row lock, so events of two processes carry
 * counts in the order of their numbers and the last event has the last count. The event
 * goes through live_events like every other, so it reaches every process and a `?since=`
 * replay. A vote that commits after a read is noted again and goes out with the next one.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { questions, sessions } from '@kengash/db';
import { change } from '../changes/envelope.js';
import type { Ctx } from '../context.js';

/** Appends one event with the current tallies of these questions of the session. */
export async function writeTallies(ctx: Ctx, sessionId: string, ids: readonly string[]) {
  if (ids.length === 0) return;
  await change(ctx, async (fx) => {
    const [session] = await fx.tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.id, sessionId))
      .for('update');
    if (!session) return;
    const rows = await fx.tx
      .select({ id: questions.id, votes: questions.votes })
      .from(questions)
      .where(and(eq(questions.sessionId, sessionId), inArray(questions.id, [...ids])))
      .orderBy(questions.id);
    if (rows.length === 0) return;
    await fx.event({ sessionId, type: 'question.updated', payload: { tallies: rows } });
  });
}

export interface TallyLog {
  warn(obj: object, msg: string): void;
}

/** The per-process batcher: `note` after a vote commits; `drain` before the process stops. */
export class VoteTallies {
  private pending = new Map<string, Set<string>>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly ctx: () => Ctx,
    private readonly log: TallyLog,
    private readonly intervalMs = 250,
  ) {}

  note = (sessionId: string, questionId: string): void => {
    let ids = this.pending.get(sessionId);
    if (!ids) this.pending.set(sessionId, (ids = new Set()));
    ids.add(questionId);
    if (this.stopped) return;
    this.timer ??= setTimeout(() => void this.flush(), this.intervalMs);
    this.timer.unref?.();
  };

  /** Writes what is pending now (and waits for a flush under way). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.flushing.then(async () => {
      for (const [sessionId, ids] of batch) {
        try {
          await writeTallies(this.ctx(), sessionId, [...ids]);
        } catch (err) {
          this.log.warn({ err, sessionId }, 'vote tallies not written; retrying');
          for (const id of ids) this.note(sessionId, id);
        }
      }
    });
    return this.flushing;
  }

  /** Writes what is pending and stops (no retries once the process closes). */
  async drain(): Promise<void> {
    await this.flush();
    this.stopped = true;
  }
}
