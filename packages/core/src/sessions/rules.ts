/**
 * The rules a session's time and place keep, checked by create and update under the
 * meeting row's lock (so two organizers cannot book one room at once): inside the
 * meeting, ending after it starts, a known working group, a room free at that time.
 */
import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import { sessions, workingGroups, type Db } from '@kengash/db';
import type { MeetingRow } from '../access/meeting-access.js';
import { AppError, type FieldError } from '../errors.js';
import { pickText } from '../schemas/lang.js';

export interface Placement {
  startsAt: Date;
  endsAt: Date;
  room: string | null;
}

/** Field errors of a session's times against its meeting. */
export function placementIssues(m: MeetingRow, p: Placement): FieldError[] {
  const issues: FieldError[] = [];
  if (p.endsAt <= p.startsAt) issues.push({ path: 'endsAt', message: 'Must be after startsAt' });
  if (p.startsAt < m.startsAt || p.startsAt >= m.endsAt)
    issues.push({
      path: 'startsAt',
      message: `Must be within the meeting (${m.startsAt.toISOString()} – ${m.endsAt.toISOString()})`,
    });
  if (p.endsAt > m.endsAt || p.endsAt <= m.startsAt)
    issues.push({
      path: 'endsAt',
      message: `Must be within the meeting (${m.startsAt.toISOString()} – ${m.endsAt.toISOString()})`,
    });
  return issues;
}

/** The working group of the meeting with this code; an unknown code is a field error. */
export async function workingGroupIdFor(
  db: Db,
  meetingId: string,
  code: string | null | undefined,
): Promise<string | null> {
  if (!code) return null;
  const [wg] = await db
    .select({ id: workingGroups.id })
    .from(workingGroups)
    .where(and(eq(workingGroups.meetingId, meetingId), eq(workingGroups.code, code)));
  if (!wg) return Promise.reject(unknownGroup(code));
  return wg.id;
}

const unknownGroup = (code: string) =>
  new AppError('invalid', `workingGroupCode: no working group ${code} in this meeting`, [
    { path: 'workingGroupCode', message: `No working group ${code} in this meeting` },
  ]);

/** Room names compare without case and surrounding space: "Hall A" is "hall a ". */
const roomKey = (room: string) => room.trim().toLowerCase();

/**
 * 409 when a scheduled session of the meeting holds the room at an overlapping time
 * (touching ends do not overlap); the problem names that session.
 */
export async function assertRoomFree(
  db: Db,
  m: MeetingRow,
  p: Placement,
  exceptId: string | null,
): Promise<void> {
  if (!p.room) return;
  const [holder] = await db
    .select({
      id: sessions.id,
      title: sessions.title,
      startsAt: sessions.startsAt,
      endsAt: sessions.endsAt,
      room: sessions.room,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.meetingId, m.id),
        eq(sessions.status, 'scheduled'),
        sql`lower(btrim(${sessions.room})) = ${roomKey(p.room)}`,
        lt(sessions.startsAt, p.endsAt),
        gt(sessions.endsAt, p.startsAt),
        ...(exceptId ? [ne(sessions.id, exceptId)] : []),
      ),
    )
    .orderBy(sessions.startsAt)
    .limit(1);
  if (!holder) return;
  const title = pickText(holder.title, m.languages, m.languages)?.text ?? holder.id;
  const message = `Room "${holder.room}" is taken by the session "${title}" (${holder.id}), ${holder.startsAt.toISOString()} – ${holder.endsAt.toISOString()}`;
  throw new AppError('conflict', message, [{ path: 'room', message }]);
}
