import { and, eq, sql } from 'drizzle-orm';
import {
  bookmarks,
  calendarFeeds,
  meetings,
  meetingStaff,
  registrations,
  sessions,
  users,
  workingGroups,
} from '@kengash/db';
import type { Ctx } from '../context.js';
import { notFound } from '../errors.js';
import { hashToken } from '../tokens.js';
import {
  feedLabel,
  feedLocale,
  type FeedEntry,
  sessionsCalendar,
  speakersOf,
} from './session-events.js';
import { FEED_TTL_SECONDS } from './get-meeting-calendar.js';

/**
 * GET /api/calendar-feeds/private.ics?token=…: a delegate's private feed, read by calendar
 * apps without a cookie. It holds the sessions she bookmarked, across meetings (confirmed
 * site visits join it once they exist); a meeting still in draft shows only to its staff.
 * The online link of a session is given where she is a confirmed registrant or staff of
 * its meeting (or a platform admin). Unknown or rotated tokens: 404. Four queries at most,
 * whatever the number of sessions.
 *
 * Language: `?lang=` first, then the language she chose for her account.
 */
export async function getPrivateCalendar(input: {
  ctx: Ctx;
  token: string;
  /** The languages the feed's URL asks for (`?lang=`), best first. */
  langs: readonly string[];
  /** Platform admins (ADMIN_EMAILS) see every meeting as staff do. */
  isAdminEmail: (email: string) => boolean;
}): Promise<string> {
  const db = input.ctx.db;
  const [owner] = await db
    .select({ id: users.id, email: users.email, preferredLanguage: users.preferredLanguage })
    .from(calendarFeeds)
    .innerJoin(users, eq(users.id, calendarFeeds.userId))
    .where(eq(calendarFeeds.tokenHash, hashToken(input.token)));
  if (!owner) throw notFound('Calendar feed');
  const admin = input.isAdminEmail(owner.email);

  const rows = await db
    .select({
      session: sessions,
      meeting: meetings,
      wgCode: workingGroups.code,
      wgName: workingGroups.name,
      staff: sql<boolean>`exists (select 1 from ${meetingStaff} where ${meetingStaff.meetingId} = ${meetings.id} and ${meetingStaff.userId} = ${owner.id})`,
      registrant: sql<boolean>`exists (select 1 from ${registrations} where ${registrations.meetingId} = ${meetings.id} and ${registrations.userId} = ${owner.id} and ${registrations.status} = 'confirmed')`,
    })
    .from(bookmarks)
    .innerJoin(sessions, eq(sessions.id, bookmarks.sessionId))
    .innerJoin(meetings, eq(meetings.id, sessions.meetingId))
    .leftJoin(workingGroups, eq(workingGroups.id, sessions.workingGroupId))
    .where(and(eq(bookmarks.userId, owner.id)))
    .orderBy(sessions.startsAt, sessions.id);

  const visible = rows.filter((r) => r.meeting.status !== 'draft' || admin || asBool(r.staff));
  const speakers = await speakersOf(
    db,
    visible.map((r) => r.session.id),
  );
  const entries: FeedEntry[] = visible.map((r) => ({
    session: r.session,
    meeting: r.meeting,
    workingGroup: r.wgCode && r.wgName ? { code: r.wgCode, name: r.wgName } : null,
    speakers: speakers.get(r.session.id) ?? [],
    showOnlineUrl: admin || asBool(r.staff) || asBool(r.registrant),
  }));
  const wanted = [...input.langs, owner.preferredLanguage];
  return sessionsCalendar({
    publicUrl: input.ctx.publicUrl,
    name: `Kengash — ${feedLabel(feedLocale(wanted), 'myAgenda')}`,
    entries,
    wanted,
    ttlSeconds: FEED_TTL_SECONDS,
  });
}

// Both drivers give booleans for EXISTS; be strict about it anyway.
const asBool = (v: unknown) => v === true || v === 't' || v === 'true';
