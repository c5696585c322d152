import { eq } from 'drizzle-orm';
import { floorRequests } from '@kengash/db';
import { canModerate, requireSignedIn } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, forbidden } from '../errors.js';
import { floorChanged, floorRows, loadRequest, waitingOf, writeOrder } from './rows.js';

/**
 * DELETE /api/floor/:id — its delegate or a moderator withdraws a waiting request; the
 * list closes up. Someone else's request: 403 (the list is public, so it is no secret).
 * A request that had the floor already, or was withdrawn: 409.
 */
export async function withdrawFloorRequest(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  /** The live channel's session, when the change comes as a frame on it. */
  sessionId?: string | undefined;
}): Promise<void> {
  const actor = requireSignedIn(input.actor);
  await change(input.ctx, async (fx) => {
    const { request, s } = await loadRequest(fx.tx, actor, input.id, input.sessionId);
    const own = request.userId === actor.userId;
    if (!own && !canModerate(s.access))
      throw forbidden('Only the delegate who asked or a moderator can withdraw a request');
    if (request.status !== 'waiting')
      throw conflict(`A request that is ${request.status} cannot be withdrawn`);
    await fx.tx
      .update(floorRequests)
      .set({ status: 'withdrawn', position: null })
      .where(eq(floorRequests.id, request.id));
    await writeOrder(
      fx.tx,
      waitingOf(await floorRows(fx.tx, s.session.id)).map((r) => r.id),
    );
    await floorChanged(fx, s.session, actor, {
      action: 'floor.withdrawn',
      entityId: request.id,
      data: { by: own ? 'delegate' : 'moderator' },
    });
  });
}
