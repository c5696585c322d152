/**
 * The floor on a session's live channel: the `floor` key of the snapshot (the floor as
 * GET /api/sessions/:id/floor gives it to this viewer), and `floor.updated` events, each
 * carrying the whole floor — the same for everyone, with the speaking time per delegation
 * for moderators. A batch of events is rendered from one read of the tables.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { floorRequests, sessions } from '@kengash/db';
import { onDomainEvent } from '../changes/domain-events.js';
import { registerLiveArea } from '../live/registry.js';
import {
  floorChanged,
  floorRows,
  floorSettings,
  shapeFloor,
  waitingOf,
  writeOrder,
} from './rows.js';

registerLiveArea({
  name: 'floor',
  types: ['floor.updated'],
  async snapshot(db, s, viewer) {
    const settings = await floorSettings(db, s.session.id);
    const rows = await floorRows(db, s.session.id);
    return {
      floor: shapeFloor(settings, rows, {
        moderator: viewer.klass === 'moderator',
        userId: viewer.userId ?? undefined,
      }),
    };
  },
  async render(db, sessionId, events) {
    const settings = await floorSettings(db, sessionId);
    const rows = await floorRows(db, sessionId);
    const everyone = shapeFloor(settings, rows, { moderator: false });
    const moderators = shapeFloor(settings, rows, { moderator: true });
    return events.map(() => ({
      byClass: { moderator: moderators, registrant: everyone, public: everyone },
    }));
  },
});

/**
 * A delegate whose registration is no longer confirmed leaves the lists of speakers of the
 * meeting's sessions: her waiting requests are withdrawn, each list closes up and its
 * viewers are told. The sessions' rows are locked in one order, as the floor's changes do.
 */
onDomainEvent('registration.left', async (fx, e) => {
  const waiting = await fx.tx
    .select({ id: floorRequests.id, sessionId: floorRequests.sessionId })
    .from(floorRequests)
    .innerJoin(sessions, eq(sessions.id, floorRequests.sessionId))
    .where(
      and(
        eq(sessions.meetingId, e.meetingId),
        eq(floorRequests.userId, e.userId),
        eq(floorRequests.status, 'waiting'),
      ),
    );
  if (waiting.length === 0) return;
  const sessionIds = [...new Set(waiting.map((w) => w.sessionId))].sort();
  const locked = await fx.tx
    .select()
    .from(sessions)
    .where(inArray(sessions.id, sessionIds))
    .orderBy(sessions.id)
    .for('update');
  await fx.tx
    .update(floorRequests)
    .set({ status: 'withdrawn', position: null })
    .where(
      and(
        inArray(floorRequests.sessionId, sessionIds),
        eq(floorRequests.userId, e.userId),
        eq(floorRequests.status, 'waiting'),
      ),
    );
  for (const session of locked) {
    await writeOrder(
      fx.tx,
      waitingOf(await floorRows(fx.tx, session.id)).map((r) => r.id),
    );
    const request = waiting.find((w) => w.sessionId === session.id)!;
    await floorChanged(fx, session, e.actor, {
      action: 'floor.withdrawn',
      entityId: request.id,
      data: { by: 'registration' },
    });
  }
});
