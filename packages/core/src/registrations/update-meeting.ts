/**
 * PATCH /api/meetings/:slug (organizer). It lives with the registrations because a change
 * of capacity or maxPerCountry moves seats: lowering capacity below the confirmed count is
 * refused (409, saying how many are confirmed); raising either promotes from the waiting
 * list at once. The meeting's own fields go through the meetings area's step.
 */
import { eq } from 'drizzle-orm';
import { meetings } from '@kengash/db';
import { isOrganizer, loadAccess, requireSignedIn, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { applyMeetingUpdate } from '../meetings/apply-meeting-update.js';
import { countsFor } from '../meetings/rows.js';
import { toMeetingView } from '../meetings/views.js';
import type { MeetingUpdate, MeetingView } from '../schemas/meetings.js';
import { checkCapacity, fillSeats } from '../seats/engine.js';
import { meetingSeatPool } from './seat-pool.js';

export async function updateMeeting(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  data: MeetingUpdate;
  langs: readonly string[];
}): Promise<MeetingView> {
  requireSignedIn(input.actor);
  const { capacity, maxPerCountry, ...own } = input.data;
  return change(input.ctx, async (fx) => {
    // The lock first: seats are counted and changed under it.
    const access = requireThat(
      await loadAccess(fx.tx, input.actor, { slug: input.slug }, { lock: true }),
      isOrganizer,
    );
    let m = await applyMeetingUpdate(fx, access, own);
    if (capacity !== undefined || maxPerCountry !== undefined) {
      const before = { capacity: m.capacity, maxPerCountry: m.maxPerCountry };
      if (capacity !== undefined) checkCapacity(capacity, await meetingSeatPool(fx, m).count());
      [m] = (await fx.tx
        .update(meetings)
        .set({
          ...(capacity !== undefined ? { capacity } : {}),
          ...(maxPerCountry !== undefined ? { maxPerCountry } : {}),
          updatedAt: new Date(),
        })
        .where(eq(meetings.id, m.id))
        .returning()) as [typeof m];
      await fx.audit({
        meetingId: m.id,
        actor: input.actor,
        action: 'meeting.capacity_changed',
        entityType: 'meeting',
        entityId: m.id,
        data: { before, after: { capacity: m.capacity, maxPerCountry: m.maxPerCountry } },
      });
      await fillSeats(meetingSeatPool(fx, m));
    }
    const counts = await countsFor(fx.tx, [m.id]);
    return toMeetingView({ ...access, meeting: m }, counts.get(m.id)!, input.langs);
  });
}
