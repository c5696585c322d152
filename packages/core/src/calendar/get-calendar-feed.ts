import { requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { CalendarFeedView } from '../schemas/calendar.js';
import { currentFeedToken, privateFeedUrl } from './feed-token.js';

/**
 * GET /api/me/calendar-feed: the address of the caller's private feed (her bookmarked
 * sessions across meetings), made on the first call and the same on every call after,
 * until she rotates it (see feed-token.ts).
 */
export async function getCalendarFeed(input: {
  ctx: Ctx;
  actor: Actor | null;
}): Promise<CalendarFeedView> {
  const actor = requireSignedIn(input.actor);
  const token = await currentFeedToken(input.ctx.db, input.ctx.keys.calendarFeed, actor.userId);
  return { url: privateFeedUrl(input.ctx.publicUrl, token) };
}
