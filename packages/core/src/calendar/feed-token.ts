/**
 * The private feed's address. Its token is 32 random bytes (base64url) and only its
 * SHA-256 is stored in calendar_feeds, so a leaked table opens no feed. The price: an
 * address once shown cannot be shown again. Asking for it again (GET
 * /api/me/calendar-feed) issues a new one, as rotating does, and the old one answers 404.
 * Pages therefore ask for it only when the delegate asks to see it.
 *
 * The token rides in the query (`/api/calendar-feeds/private.ics?token=…`), not the path:
 * the request log writes paths only.
 */
import { sql } from 'drizzle-orm';
import { calendarFeeds, type Db } from '@kengash/db';
import { hashToken, newToken } from '../tokens.js';

export const PRIVATE_FEED_PATH = '/api/calendar-feeds/private.ics';

export const privateFeedUrl = (publicUrl: string, token: string) =>
  `${publicUrl}${PRIVATE_FEED_PATH}?token=${token}`;

/**
 * Gives the user a new feed token, replacing the one she had (if any). With `onlyIfNone`,
 * a user who already has one keeps it and null is answered.
 */
export async function issueFeedToken(
  db: Db,
  userId: string,
  options: { onlyIfNone?: boolean } = {},
): Promise<string | null> {
  const token = newToken();
  const tokenHash = hashToken(token);
  const insert = db.insert(calendarFeeds).values({ userId, tokenHash });
  const rows = options.onlyIfNone
    ? await insert.onConflictDoNothing({ target: calendarFeeds.userId }).returning()
    : await insert
        .onConflictDoUpdate({
          target: calendarFeeds.userId,
          set: { tokenHash, createdAt: sql`now()` },
        })
        .returning();
  return rows.length > 0 ? token : null;
}
