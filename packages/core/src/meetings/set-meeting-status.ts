import { and, eq, inArray } from 'drizzle-orm';
import { meetings } from '@kengash/db';
import { isOrganizer, loadAccess, requireSignedIn, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict } from '../errors.js';
import type { MeetingView } from '../schemas/meetings.js';
import type { MeetingStatus } from '../schemas/values.js';
import { countsFor } from './rows.js';
import { toMeetingView } from './views.js';

/** The meeting's own state machine: draft → published ⇄ closed. */
export const meetingTransitions = {
  publish: { from: ['draft', 'closed'], to: 'published', action: 'meeting.published' },
  close: { from: ['published'], to: 'closed', action: 'meeting.closed' },
} as const satisfies Record<
  string,
  { from: MeetingStatus[]; to: MeetingStatus; action: 'meeting.published' | 'meeting.closed' }
>;

/** POST /api/meetings/:slug/publish|close (organizer). */
export async function setMeetingStatus(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  transition: keyof typeof meetingTransitions;
  langs: readonly string[];
}): Promise<MeetingView> {
  const rule = meetingTransitions[input.transition];
  requireSignedIn(input.actor);
  return change(input.ctx, async (fx) => {
    const access = requireThat(
      await loadAccess(fx.tx, input.actor, { slug: input.slug }, { lock: true }),
      isOrganizer,
    );
    const [m] = await fx.tx
      .update(meetings)
      .set({ status: rule.to, updatedAt: new Date() })
      .where(and(eq(meetings.id, access.meeting.id), inArray(meetings.status, [...rule.from])))
      .returning();
    if (!m)
      throw conflict(
        `A ${access.meeting.status} meeting cannot be ${input.transition === 'publish' ? 'published' : 'closed'}`,
      );
    await fx.audit({
      meetingId: m.id,
      actor: input.actor,
      action: rule.action,
      entityType: 'meeting',
      entityId: m.id,
    });
    const counts = await countsFor(fx.tx, [m.id]);
    return toMeetingView({ ...access, meeting: m }, counts.get(m.id)!, input.langs);
  });
}
