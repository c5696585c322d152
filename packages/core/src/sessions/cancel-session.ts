import { eq, sql } from 'drizzle-orm';
import { sessions } from '@kengash/db';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict } from '../errors.js';
import type { SessionView } from '../schemas/sessions.js';
import { notifyBookmarkers } from './notify.js';
import { sessionForOrganizer } from './organizer.js';
import { selectSession, toSessionView } from './views.js';

/**
 * POST /api/sessions/:id/cancel (organizer): the session stays, `status: cancelled`, so
 * calendars show it cancelled instead of losing it; its room is free from now on. Adds 1
 * to `sequence` (a calendar must notice) and notifies those who bookmarked it.
 */
export async function cancelSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  langs: readonly string[];
}): Promise<SessionView> {
  return change(input.ctx, async (fx) => {
    const { access, session: old } = await sessionForOrganizer(fx.tx, input.actor, input.id);
    if (old.status === 'cancelled') throw conflict('This session is cancelled already');
    const [row] = await fx.tx
      .update(sessions)
      .set({ status: 'cancelled', sequence: sql`${sessions.sequence} + 1`, updatedAt: new Date() })
      .where(eq(sessions.id, old.id))
      .returning();
    await fx.audit({
      meetingId: access.meeting.id,
      actor: input.actor,
      action: 'session.cancelled',
      entityType: 'session',
      entityId: old.id,
      data: { sequence: row!.sequence },
    });
    await notifyBookmarkers(fx, access.meeting, row!);
    await fx.emit('session.changed', { before: old, after: row! });
    const record = await selectSession(fx.tx, old.id, input.actor?.userId ?? null);
    return toSessionView(access, record!, input.langs);
  });
}
