/** Small pieces of the sessions area that its use-cases, views and the live hub share. */
import { eq } from 'drizzle-orm';
import { sessions, type Db } from '@kengash/db';
import { loadAccess, type MeetingAccess } from '../access/meeting-access.js';
import type { Actor } from '../context.js';
import { AppError, notFound } from '../errors.js';

export type SessionRow = typeof sessions.$inferSelect;

export interface SessionAccess {
  session: SessionRow;
  access: MeetingAccess;
}

/**
 * A session with the actor's relation to its meeting. A session of a meeting the caller
 * may not see (a draft) is 404, as an unknown one. With `lock`, the session row is
 * locked FOR UPDATE (its floor and Q&A change under that lock).
 */
export async function loadSession(
  db: Db,
  actor: Actor | null,
  id: string,
  options: { lock?: boolean } = {},
): Promise<SessionAccess> {
  const query = db.select().from(sessions).where(eq(sessions.id, id));
  const [session] = options.lock ? await query.for('update') : await query;
  if (!session) throw notFound('Session');
  try {
    const access = await loadAccess(db, actor, { id: session.meetingId });
    return { session, access };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('Session');
    throw err;
  }
}
