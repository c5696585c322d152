import { and, eq, gt, lt, or, isNotNull, sql } from 'drizzle-orm';
import { magicLinks, meetings, meetingStaff, users, userSessions, type Db } from '@kengash/db';
import type { StaffRole } from '../schemas/values.js';
import { hashToken } from '../tokens.js';
import type { User } from './ensure-user.js';

export async function userForSession(db: Db, sessionToken: string): Promise<User | null> {
  const [row] = await db
    .select({ user: users })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(
      and(
        eq(userSessions.tokenHash, hashToken(sessionToken)),
        gt(userSessions.expiresAt, sql`now()`),
      ),
    );
  return row?.user ?? null;
}

export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await db.delete(userSessions).where(eq(userSessions.tokenHash, hashToken(sessionToken)));
}

export async function rolesOfUser(
  db: Db,
  userId: string,
): Promise<{ meetingSlug: string; role: StaffRole }[]> {
  return db
    .select({ meetingSlug: meetings.slug, role: meetingStaff.role })
    .from(meetingStaff)
    .innerJoin(meetings, eq(meetings.id, meetingStaff.meetingId))
    .where(eq(meetingStaff.userId, userId))
    .orderBy(meetings.slug, meetingStaff.role);
}

/**
 * Deletes what can sign nobody in any more: expired sessions, and sign-in links that
 * expired or were used a day ago (kept that long so a second click says "already used").
 */
export async function purgeExpiredCredentials(
  db: Db,
): Promise<{ sessions: number; links: number }> {
  const sessions = await db
    .delete(userSessions)
    .where(lt(userSessions.expiresAt, sql`now()`))
    .returning({ t: userSessions.tokenHash });
  const links = await db
    .delete(magicLinks)
    .where(
      or(
        lt(magicLinks.expiresAt, sql`now() - interval '1 day'`),
        and(isNotNull(magicLinks.usedAt), lt(magicLinks.usedAt, sql`now() - interval '1 day'`)),
      ),
    )
    .returning({ t: magicLinks.tokenHash });
  return { sessions: sessions.length, links: links.length };
}
