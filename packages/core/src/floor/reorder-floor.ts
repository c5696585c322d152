import { canModerate, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, invalid } from '../errors.js';
import type { FloorView } from '../schemas/floor.js';
import { MODERATORS_ONLY } from './next-speaker.js';
import { moveTo } from './order.js';
import { floorChanged, floorFor, floorRows, loadRequest, waitingOf, writeOrder } from './rows.js';

/**
 * PATCH /api/floor/:id {position} (moderator): moves a waiting request to a place in the
 * list (1 = next); the others close up. Only waiting requests have a place (409); a place
 * past the end of the list is 400.
 */
export async function reorderFloor(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  /** The live channel's session, when the change comes as a frame on it. */
  sessionId?: string | undefined;
  position: number;
}): Promise<FloorView> {
  return change(input.ctx, async (fx) => {
    const { request, s } = await loadRequest(fx.tx, input.actor, input.id, input.sessionId);
    requireThat(s.access, canModerate, MODERATORS_ONLY);
    if (request.status !== 'waiting')
      throw conflict(`A request that is ${request.status} has no place in the list`);
    const queue = waitingOf(await floorRows(fx.tx, s.session.id)).map((r) => r.id);
    if (input.position > queue.length)
      throw invalid([
        {
          path: 'position',
          message: `The list has ${queue.length} waiting; use 1–${queue.length}`,
        },
      ]);
    const from = queue.indexOf(request.id) + 1;
    if (from !== input.position) {
      await writeOrder(fx.tx, moveTo(queue, request.id, input.position - 1));
      await floorChanged(fx, s.session, s.access.actor, {
        action: 'floor.reordered',
        entityId: request.id,
        data: { from, to: input.position },
      });
    }
    return floorFor(fx.tx, s);
  });
}
