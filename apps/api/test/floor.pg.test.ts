/**
 * The floor across server processes on one PostgreSQL: a change made through one process
 * reaches a viewer connected to another as `floor.updated` (LISTEN/NOTIFY carries the ids,
 * the other process reads the floor from the tables).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { meetings, openPostgres, sessions } from '@kengash/db';
import { buildApp } from '../src/app.js';
import {
  cookieOf,
  createMeeting,
  lastMailTo,
  PUBLIC_URL,
  registerDelegate,
  tokenFrom,
  useHarness,
} from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function signIn(email: string): Promise<string> {
  await h.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email } });
  const token = tokenFrom((await lastMailTo(h, email))!.text);
  return cookieOf(
    await h.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } }),
  );
}

describe('the floor across processes', () => {
  it('delivers a change made through one server process to a viewer of another', async () => {
    const { slug, cookie: organizer } = await createMeeting(h);
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
    const { res, body } = await registerDelegate(h, slug, { fullName: 'Aida Nurlanovna' });
    expect(res.statusCode, res.body).toBe(201);
    const delegate = await signIn(body.email);

    // A second server on the same database: its own app, hub, pool and LISTEN connection.
    const database = openPostgres(h.database.url!, 4);
    const second = await buildApp({ config: h.config, database });
    try {
      const base = await listen(second);
      const url = `${base}/api/live/sessions/${s!.id}`;
      const watcher = await connect(url, { origin: PUBLIC_URL });
      const chair = await connect(url, { origin: PUBLIC_URL, cookie: organizer });
      clients.push(watcher, chair);
      const snapshot = await watcher.waitFor((f) => f.type === 'snapshot');
      expect(snapshot.floor).toMatchObject({ open: true, current: null, queue: [] });
      await chair.waitFor((f) => f.type === 'snapshot');

      // Through the first process: a request, then the floor given.
      const asked = await h.app.inject({
        method: 'POST',
        url: `/api/sessions/${s!.id}/floor`,
        headers: { cookie: delegate },
        payload: {},
      });
      expect(asked.statusCode, asked.body).toBe(201);
      const id = asked.json().id as string;
      const first = await watcher.waitFor((f) => f.type === 'event');
      expect(first).toMatchObject({
        type: 'event',
        seq: (snapshot.seq as number) + 1,
        event: 'floor.updated',
        data: {
          current: null,
          queue: [{ id, name: 'Aida Nurlanovna', position: 1, kind: 'statement' }],
        },
      });
      const given = await h.app.inject({
        method: 'POST',
        url: `/api/sessions/${s!.id}/floor/next`,
        headers: { cookie: organizer },
      });
      expect(given.statusCode, given.body).toBe(200);
      const second_ = await watcher.waitFor(
        (f) => f.type === 'event' && f.seq === (snapshot.seq as number) + 2,
      );
      expect(second_.data).toMatchObject({ current: { id, name: 'Aida Nurlanovna' }, queue: [] });
      expect((second_.data as Record<string, unknown>).speakingTotals).toBeUndefined();
      const chairs = await chair.waitFor(
        (f) => f.type === 'event' && f.seq === (snapshot.seq as number) + 2,
      );
      expect((chairs.data as Record<string, unknown>).speakingTotals).toEqual([
        expect.objectContaining({ delegation: 'KZ', turns: 1 }),
      ]);
      // What the other process sent is what this one answers.
      const now = await h.app.inject(`/api/sessions/${s!.id}/floor`);
      expect(second_.data).toEqual(now.json());
    } finally {
      await second.close();
      await database.close();
    }
  });
});
