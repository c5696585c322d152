/**
 * The private feed's address. Its token is derived, not stored:
 * token = base64url(HMAC-SHA256(ctx.keys.calendarFeed, `${userId}:${nonce}`)), where the
 * nonce is a random value kept in calendar_feeds and the key comes from DATA_KEY, outside
 * the database. So the same address is shown on every ask until the delegate rotates it
 * (a new nonce), and the table alone (nonce and the token's SHA-256, which finds the
 * owner of an address) opens no feed.
 *
 * The token rides in the query (`/api/calendar-feeds/private.ics?token=…`), not the path:
 * the request log writes paths only.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { calendarFeeds, type Db } from '@kengash/db';
import { hashToken } from '../tokens.js';

export const PRIVATE_FEED_PATH = '/api/calendar-feeds/private.ics';

export const privateFeedUrl = (publicUrl: string, token: string) =>
  `${publicUrl}${PRIVATE_FEED_PATH}?token=${token}`;

/** The token of a user's feed: 256 bits, URL-safe. */
export const feedToken = (key: Uint8Array, userId: string, nonce: string) =>
  createHmac('sha256', key).update(`${userId}:${nonce}`).digest('base64url');

const newNonce = () => randomBytes(16).toString('base64url');

/**
 * The token of the user's feed, made on the first ask. A row whose hash is not that of the
 * derived token (made before the nonce existed, or under another DATA_KEY) is brought in
 * line: its old address could not be shown anyway.
 */
export async function currentFeedToken(db: Db, key: Uint8Array, userId: string): Promise<string> {
  const read = async () =>
    (
      await db
        .select({ nonce: calendarFeeds.nonce, tokenHash: calendarFeeds.tokenHash })
        .from(calendarFeeds)
        .where(eq(calendarFeeds.userId, userId))
    )[0];
  let row = await read();
  if (!row) {
    const nonce = newNonce();
    const token = feedToken(key, userId, nonce);
    const [made] = await db
      .insert(calendarFeeds)
      .values({ userId, nonce, tokenHash: hashToken(token) })
      .onConflictDoNothing({ target: calendarFeeds.userId })
      .returning({ userId: calendarFeeds.userId });
    if (made) return token;
    // Another request of hers made it a moment ago: hers is the address.
    row = await read();
    if (!row) return rotateFeedToken(db, key, userId);
  }
  const current = feedToken(key, userId, row.nonce);
  if (row.tokenHash !== hashToken(current))
    await db
      .update(calendarFeeds)
      .set({ tokenHash: hashToken(current) })
      .where(eq(calendarFeeds.userId, userId));
  return current;
}

/** A new nonce, hence a new token; the previous address answers 404 from now on. */
export async function rotateFeedToken(db: Db, key: Uint8Array, userId: string): Promise<string> {
  const nonce = newNonce();
  const token = feedToken(key, userId, nonce);
  const tokenHash = hashToken(token);
  await db
    .insert(calendarFeeds)
    .values({ userId, nonce, tokenHash })
    .onConflictDoUpdate({
      target: calendarFeeds.userId,
      set: { nonce, tokenHash, createdAt: sql`now()` },
    });
  return token;
}
