import type { Actor, Ctx } from '../context.js';
import type { FloorView } from '../schemas/floor.js';
import { loadSession } from '../sessions/rows.js';
import { floorFor } from './rows.js';

/**
 * GET /api/sessions/:id/floor — who has the floor, with the timer, and who waits, in
 * order. Whoever may see the session may see its floor; a signed-in caller also gets her
 * own request (`mine`), a moderator the speaking time per delegation.
 */
export async function getFloor(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
}): Promise<FloorView> {
  const s = await loadSession(input.ctx.db, input.actor, input.sessionId);
  return floorFor(input.ctx.db, s);
}
