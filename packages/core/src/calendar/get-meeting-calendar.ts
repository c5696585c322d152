import { loadAccess } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import { pickText } from '../schemas/lang.js';
import { meetingFeedEntries, sessionsCalendar } from './session-events.js';

/** What a feed answers: the calendar text, and whether anyone may see it (cacheable). */
export interface CalendarText {
  ics: string;
  /** False for a draft meeting's feed, which only its staff see. */
  public: boolean;
}

/** How often subscribing clients should look again: agendas change in the days before. */
export const FEED_TTL_SECONDS = 3600;

/**
 * GET /api/meetings/:slug/calendar.ics: every session of the meeting, cancelled ones
 * included (STATUS:CANCELLED). The same for every reader who may see the meeting (a
 * draft is 404 to outsiders); never the online link, which only private feeds carry.
 */
export async function getMeetingCalendar(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
}): Promise<CalendarText> {
  const { meeting } = await loadAccess(input.ctx.db, input.actor, { slug: input.slug });
  const entries = await meetingFeedEntries(input.ctx.db, meeting);
  const name = pickText(meeting.title, input.langs, meeting.languages)?.text ?? meeting.slug;
  return {
    ics: sessionsCalendar({
      publicUrl: input.ctx.publicUrl,
      name,
      entries,
      wanted: input.langs,
      ttlSeconds: FEED_TTL_SECONDS,
    }),
    public: meeting.status !== 'draft',
  };
}
