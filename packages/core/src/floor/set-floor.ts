import { eq } from 'drizzle-orm';
import { sessions } from '@kengash/db';
import { canModerate, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import type { FloorSettingsInput, FloorView } from '../schemas/floor.js';
import { loadSession } from '../sessions/rows.js';
import { MODERATORS_ONLY } from './next-speaker.js';
import { balancedOrder } from './order.js';
import {
  floorChanged,
  floorFor,
  floorRows,
  lastStatementType,
  waitingOf,
  writeOrder,
} from './rows.js';

/**
 * PATCH /api/sessions/:id/floor {open?, balanced?, speakingMinutes?} (moderator): closes
 * or reopens the list, orders it balanced (the waiting list is ordered anew when that is
 * switched on), sets a statement's speaking time. Nothing that differs: no change.
 */
export async function setFloor(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
  settings: FloorSettingsInput;
}): Promise<FloorView> {
  return change(input.ctx, async (fx) => {
    const s = await loadSession(fx.tx, input.actor, input.sessionId, { lock: true });
    requireThat(s.access, canModerate, MODERATORS_ONLY);
    const { open, balanced, speakingMinutes } = input.settings;
    const set: Partial<typeof sessions.$inferInsert> = {};
    if (open !== undefined && open !== s.session.floorOpen) set.floorOpen = open;
    if (balanced !== undefined && balanced !== s.session.floorBalanced)
      set.floorBalanced = balanced;
    if (speakingMinutes !== undefined && speakingMinutes !== s.session.speakingMinutes)
      set.speakingMinutes = speakingMinutes;
    if (Object.keys(set).length > 0) {
      await fx.tx.update(sessions).set(set).where(eq(sessions.id, s.session.id));
      if (set.floorBalanced) {
        const rows = await floorRows(fx.tx, s.session.id);
        await writeOrder(fx.tx, balancedOrder(waitingOf(rows), lastStatementType(rows)));
      }
      await floorChanged(fx, s.session, s.access.actor, {
        action: 'floor.updated',
        entityId: s.session.id,
        data: { ...set },
      });
    }
    return floorFor(fx.tx, s);
  });
}
