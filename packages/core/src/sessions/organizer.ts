import { eq } from 'drizzle-orm';
import { meetings, sessions, type Db } from '@kengash/db';
import { isOrganizer, requireThat, type MeetingAccess } from '../access/meeting-access.js';
import type { Actor } from '../context.js';
import { notFound } from '../errors.js';
import { loadSession, type SessionRow } from './rows.js';

/**
 * A session for its organizer to change: 404 when hidden or unknown, 401/403 for others;
 * then the meeting row is locked (its sessions' bookings change under that lock) and the
 * session re-read under it.
 */
export async function sessionForOrganizer(
  tx: Db,
  actor: Actor | null,
  id: string,
): Promise<{ access: MeetingAccess; session: SessionRow }> {
  const { access } = await loadSession(tx, actor, id);
  requireThat(access, isOrganizer);
  const [meeting] = await tx
    .select()
    .from(meetings)
    .where(eq(meetings.id, access.meeting.id))
    .for('update');
  const [session] = await tx.select().from(sessions).where(eq(sessions.id, id)).for('update');
  if (!meeting || !session) throw notFound('Session');
  return { access: { ...access, meeting }, session };
}
