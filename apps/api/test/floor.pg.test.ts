/**
 * The floor across server processes on one PostgreSQL: a change made through one process
 * reaches a viewer connected to another as `floor.updated` (LISTEN/NOTIFY carries the ids,
 * the other process reads the floor from the tables); and requests that arrive at once, on
 * several connections, are put in order under the session's lock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres } from '@kengash/db';
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

async function createSession(slug: string, cookie: string, startsAt: string): Promise<string> {
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/meetings/${slug}/sessions`,
    headers: { cookie },
    payload: {
      title: 'General debate',
      kind: 'plenary',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('the floor across processes', () => {
  it('delivers a change made through one server process to a viewer of another', async () => {
    const { slug, meeting, cookie: organizer } = await createMeeting(h);
    const sessionId = await createSession(slug, organizer, meeting.startsAt as string);
    const { res, body } = await registerDelegate(h, slug, { fullName: 'Aida Nurlanovna' });
    expect(res.statusCode, res.body).toBe(201);
    const delegate = await signIn(body.email);

    // A second server on the same database: its own app, hub, pool and LISTEN connection.
    const database = openPostgres(h.database.url!, 4);
    const second = await buildApp({ config: h.config, database });
    try {
      const base = await listen(second);
      const url = `${base}/api/live/sessions/${sessionId}`;
      const watcher = await connect(url, { origin: PUBLIC_URL });
      const chair = await connect(url, { origin: PUBLIC_URL, cookie: organizer });
      clients.push(watcher, chair);
      const snapshot = await watcher.waitFor((f) => f.type === 'snapshot');
      expect(snapshot.floor).toMatchObject({ open: true, current: null, queue: [] });
      await chair.waitFor((f) => f.type === 'snapshot');

      // Through the first process: a request, then the floor given.
      const asked = await h.app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/floor`,
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
        url: `/api/sessions/${sessionId}/floor/next`,
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
      const now = await h.app.inject(`/api/sessions/${sessionId}/floor`);
      expect(second_.data).toEqual(now.json());
    } finally {
      await second.close();
      await database.close();
    }
  });

  it('orders requests that arrive at once: dense places, one waiting request per delegate', async () => {
    const { slug, meeting, cookie: organizer } = await createMeeting(h);
    const sessionId = await createSession(slug, organizer, meeting.startsAt as string);
    const cookies: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { res, body } = await registerDelegate(h, slug);
      expect(res.statusCode, res.body).toBe(201);
      cookies.push(await signIn(body.email));
    }
    const ask = (cookie: string, kind = 'statement') =>
      h.app.inject({
        method: 'POST',
        url: `/api/sessions/${sessionId}/floor`,
        headers: { cookie },
        payload: { kind },
      });
    // Everyone at once, the first delegate twice.
    const answers = await Promise.all([
      ...cookies.map((c, i) => ask(c, i % 3 === 2 ? 'point_of_order' : 'statement')),
      ask(cookies[0]!, 'reply'),
    ]);
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses.filter((x) => x === 201)).toHaveLength(8);
    expect(statuses.filter((x) => x === 409)).toHaveLength(1);
    const floor = (await h.app.inject(`/api/sessions/${sessionId}/floor`)).json() as {
      queue: { id: string; position: number; kind: string }[];
    };
    expect(floor.queue.map((q) => q.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(floor.queue.map((q) => q.id)).size).toBe(8);
    // Whatever the arrival order, the points of order lead and no statement follows a reply.
    const kinds = floor.queue.map((q) => q.kind);
    const lastPoint = kinds.lastIndexOf('point_of_order');
    expect(kinds.slice(0, lastPoint + 1).every((k) => k === 'point_of_order')).toBe(true);
    const firstReply = kinds.indexOf('reply');
    if (firstReply >= 0) expect(kinds.slice(firstReply).every((k) => k === 'reply')).toBe(true);
  });
});
