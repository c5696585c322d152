import { requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { CalendarFeedView } from '../schemas/calendar.js';
import { privateFeedUrl, rotateFeedToken } from './feed-token.js';

/**
 * POST /api/me/calendar-feed/rotate: a new address for the caller's private feed; the
 * old one answers 404 from now on (a link that was shared too widely, a lost phone).
 */
export async function rotateCalendarFeed(input: {
  ctx: Ctx;
  actor: Actor | null;
}): Promise<CalendarFeedView> {
  const actor = requireSignedIn(input.actor);
  const token = await rotateFeedToken(input.ctx.db, input.ctx.keys.calendarFeed, actor.userId);
  return { url: privateFeedUrl(input.ctx.publicUrl, token) };
}
