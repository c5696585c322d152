import { eq, sql } from 'drizzle-orm';
import { floorRequests, registrations } from '@kengash/db';
import { isRegistrant, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, isUniqueViolation } from '../errors.js';
import type { FloorKind, FloorRequestCreated } from '../schemas/floor.js';
import { loadSession } from '../sessions/rows.js';
import { balancedOrder, insertionIndex } from './order.js';
import { floorChanged, floorRows, lastStatementType, waitingOf, writeOrder } from './rows.js';

/**
 * POST /api/sessions/:id/floor — a confirmed registrant asks for the floor. A point of
 * order goes to the head of the list, a statement after the last statement, a reply
 * after the statements; a balanced list is ordered anew. One waiting request per
 * delegate; a closed list or a cancelled session takes none (409).
 */
export async function requestFloor(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
  kind?: FloorKind | undefined;
}): Promise<FloorRequestCreated> {
  const kind = input.kind ?? 'statement';
  try {
    return await change(input.ctx, async (fx) => {
      const s = await loadSession(fx.tx, input.actor, input.sessionId, { lock: true });
      requireThat(
        s.access,
        isRegistrant,
        'Only delegates with a confirmed registration can ask for the floor',
      );
      if (s.session.status === 'cancelled') throw conflict('The session is cancelled');
      if (!s.session.floorOpen) throw conflict('The list of speakers is closed');
      const actor = s.access.actor!;
      const rows = await floorRows(fx.tx, s.session.id);
      if (rows.some((r) => r.userId === actor.userId && r.status === 'waiting'))
        throw conflict('You have asked for the floor already; wait for your turn');
      const [reg] = await fx.tx
        .select()
        .from(registrations)
        .where(eq(registrations.id, s.access.registration!.id));
      const [created] = await fx.tx
        .insert(floorRequests)
        .values({
          sessionId: s.session.id,
          userId: actor.userId,
          registrationId: reg!.id,
          name: reg!.fullName,
          organization: reg!.organization,
          country: reg!.country,
          participantType: reg!.participantType,
          kind,
          requestedAt: sql`clock_timestamp()`,
        })
        .returning();
      const queue = waitingOf(rows);
      let order: string[];
      if (s.session.floorBalanced) {
        order = balancedOrder([...queue, created!], lastStatementType(rows));
      } else {
        order = queue.map((r) => r.id);
        order.splice(insertionIndex(queue, kind), 0, created!.id);
      }
      await writeOrder(fx.tx, order);
      const position = order.indexOf(created!.id) + 1;
      await floorChanged(fx, s.session, actor, {
        action: 'floor.requested',
        entityId: created!.id,
        data: { kind, position },
      });
      return { id: created!.id, status: 'waiting' as const, position };
    });
  } catch (err) {
    // Two requests of one delegate at once: the session lock orders them, the index decides.
    if (isUniqueViolation(err, 'floor_requests_one_waiting'))
      throw conflict('You have asked for the floor already; wait for your turn');
    throw err;
  }
}
