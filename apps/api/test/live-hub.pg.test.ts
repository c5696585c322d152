/**
 * Several server processes on one PostgreSQL: an event committed through one reaches a
 * viewer connected to another, through LISTEN/NOTIFY (ids only) and the live_events table.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meetings, openPostgres, sessions } from '@kengash/db';
import { change, registerLiveArea } from '@kengash/core';
import { buildApp } from '../src/app.js';
import { createMeeting, PUBLIC_URL, useHarness } from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';

// Registered for this file only: test files share their worker's modules.
const unregister = registerLiveArea({
  name: 'test-area',
  types: ['qa.updated'],
  snapshot: async () => ({}),
  render: async (_db, _id, events) =>
    events.map((e) => ({
      byClass: { moderator: e.payload, registrant: e.payload, public: e.payload },
    })),
});

afterAll(() => unregister());

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

describe('live hub across processes', () => {
  it('delivers an event committed by one server process to a viewer of another', async () => {
    const { slug } = await createMeeting(h);
    const [m] = await h.database.db.select().from(meetings).where(eq(meetings.slug, slug));
    const [s] = await h.database.db
      .insert(sessions)
      .values({
        meetingId: m!.id,
        title: { en: 'Opening plenary' },
        kind: 'plenary',
        startsAt: m!.startsAt,
        endsAt: new Date(m!.startsAt.getTime() + 3_600_000),
      })
      .returning();
    // A second server on the same database: its own app, hub, pool and LISTEN connection.
    const database = openPostgres(h.database.url!, 4);
    const second = await buildApp({ config: h.config, database });
    try {
      const base = await listen(second);
      const viewer = await connect(`${base}/api/live/sessions/${s!.id}`, { origin: PUBLIC_URL });
      clients.push(viewer);
      await viewer.waitFor((f) => f.type === 'snapshot');
      await change(h.app.ctx, (fx) =>
        fx.event({ sessionId: s!.id, type: 'qa.updated', payload: { note: 'across' } }),
      );
      expect(await viewer.waitFor((f) => f.type === 'event')).toEqual({
        type: 'event',
        seq: 1,
        event: 'qa.updated',
        data: { note: 'across' },
      });
    } finally {
      await second.close();
      await database.close();
    }
  });
});
