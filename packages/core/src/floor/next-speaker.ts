import { eq, sql } from 'drizzle-orm';
import { floorRequests } from '@kengash/db';
import { canModerate, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict } from '../errors.js';
import {
  POINT_OF_ORDER_MINUTES,
  REPLY_MINUTES,
  type FloorKind,
  type FloorView,
} from '../schemas/floor.js';
import { loadSession } from '../sessions/rows.js';
import { floorChanged, floorFor, floorRows, speakingOf, waitingOf, writeOrder } from './rows.js';

export const MODERATORS_ONLY = 'Only the moderators of this meeting can do this';

/** The speaking time of a turn: a statement's, or the shorter time of a reply or point of order. */
export function minutesFor(kind: FloorKind, speakingMinutes: number): number {
  if (kind === 'reply') return Math.min(REPLY_MINUTES, speakingMinutes);
  if (kind === 'point_of_order') return Math.min(POINT_OF_ORDER_MINUTES, speakingMinutes);
  return speakingMinutes;
}

/**
 * POST /api/sessions/:id/floor/next (moderator): the one speaking is done, the head of
 * the list gets the floor and its timer starts. Nobody speaking and nobody waiting → 409.
 * Works on a closed list too: closing it stops new requests, not the ones inscribed.
 */
export async function nextSpeaker(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
}): Promise<FloorView> {
  return change(input.ctx, async (fx) => {
    const s = await loadSession(fx.tx, input.actor, input.sessionId, { lock: true });
    requireThat(s.access, canModerate, MODERATORS_ONLY);
    const rows = await floorRows(fx.tx, s.session.id);
    const speaking = speakingOf(rows);
    const [head, ...rest] = waitingOf(rows);
    if (!speaking && !head) throw conflict('Nobody has asked for the floor');
    if (speaking)
      await fx.tx
        .update(floorRequests)
        .set({ status: 'done', endedAt: sql`clock_timestamp()` })
        .where(eq(floorRequests.id, speaking.id));
    if (head) {
      await fx.tx
        .update(floorRequests)
        .set({
          status: 'speaking',
          position: null,
          startedAt: sql`clock_timestamp()`,
          minutes: minutesFor(head.kind, s.session.speakingMinutes),
        })
        .where(eq(floorRequests.id, head.id));
      await writeOrder(
        fx.tx,
        rest.map((r) => r.id),
      );
      await floorChanged(fx, s.session, s.access.actor, {
        action: 'floor.given',
        entityId: head.id,
        data: { kind: head.kind, ended: speaking?.id ?? null },
      });
    } else
      await floorChanged(fx, s.session, s.access.actor, {
        action: 'floor.updated',
        entityId: s.session.id,
        data: { ended: speaking!.id },
      });
    return floorFor(fx.tx, s);
  });
}
