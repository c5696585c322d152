import type { Actor, Ctx } from '../context.js';
import { pickText } from '../schemas/lang.js';
import { loadSession } from '../sessions/rows.js';
import type { CalendarText } from './get-meeting-calendar.js';
import { meetingFeedEntries, sessionsCalendar } from './session-events.js';

/**
 * GET /api/sessions/:id/calendar.ics: one session, for "add to calendar". Its UID is the
 * one the meeting feed and the private feed give the session, so a calendar holding it
 * from either updates the same event. A session of a draft meeting is 404 to outsiders.
 */
export async function getSessionCalendar(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  langs: readonly string[];
}): Promise<CalendarText> {
  const { access } = await loadSession(input.ctx.db, input.actor, input.id);
  const meeting = access.meeting;
  const entries = await meetingFeedEntries(input.ctx.db, meeting, input.id);
  const name = pickText(meeting.title, input.langs, meeting.languages)?.text ?? meeting.slug;
  return {
    ics: sessionsCalendar({ publicUrl: input.ctx.publicUrl, name, entries, wanted: input.langs }),
    public: meeting.status !== 'draft',
  };
}
