import type { Ctx, Actor } from '../context.js';
import { loadAccess } from '../access/meeting-access.js';
import type { MeetingView } from '../schemas/meetings.js';
import { countsFor } from './rows.js';
import { toMeetingView } from './views.js';

/** GET /api/meetings/:slug — a draft is 404 for non-staff. */
export async function getMeeting(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
}): Promise<MeetingView> {
  const access = await loadAccess(input.ctx.db, input.actor, { slug: input.slug });
  const counts = await countsFor(input.ctx.db, [access.meeting.id]);
  return toMeetingView(access, counts.get(access.meeting.id)!, input.langs);
}
