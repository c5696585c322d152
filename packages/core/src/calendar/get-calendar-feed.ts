import { requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { CalendarFeedView } from '../schemas/calendar.js';
import { issueFeedToken, privateFeedUrl } from './feed-token.js';

/**
 * GET /api/me/calendar-feed: the address of the caller's private feed (her bookmarked
 * sessions across meetings), made on the first call. Only the token's hash is kept, so
 * a later call cannot show the same address again: it issues a new one and the previous
 * address stops working (see feed-token.ts).
 */
export async function getCalendarFeed(input: {
  ctx: Ctx;
  actor: Actor | null;
}): Promise<CalendarFeedView> {
  const actor = requireSignedIn(input.actor);
  const fresh = await issueFeedToken(input.ctx.db, actor.userId, { onlyIfNone: true });
  if (fresh) return { url: privateFeedUrl(input.ctx.publicUrl, fresh) };
  const token = (await issueFeedToken(input.ctx.db, actor.userId))!;
  return { url: privateFeedUrl(input.ctx.publicUrl, token) };
}
