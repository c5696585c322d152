/**
 * The live hub's self-defence with real WebSocket clients: heartbeats (a viewer is pinged,
 * one that stops answering is closed) and a slow consumer dropped instead of buffered for,
 * while the other viewers keep receiving; a connection that closes while it joins is not
 * kept. The heartbeat interval is the app's build option,
 * short here; the buffer limit is the real one (frames are made large instead).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { WebSocket } from 'ws';
import { meetings, sessions } from '@kengash/db';
import { change, registerLiveArea, type Ctx } from '@kengash/core';
import { buildApp } from '../src/app.js';
import { MAX_BUFFERED_BYTES } from '../src/live/hub.js';
import { createMeeting, PUBLIC_URL, useHarness } from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';

// Registered for this file only: test files share their worker's modules.
const unregister = registerLiveArea({
  name: 'test-limits',
  types: ['qa.updated'],
  async snapshot() {
    return {};
  },
  async render(_db, _sessionId, events) {
    return events.map((e) => {
      const p = e.payload as { n: number; pad: number };
      const data = { n: p.n, pad: 'x'.repeat(p.pad) };
      return { byClass: { moderator: data, registrant: data, public: data } };
    });
  },
});
afterAll(() => unregister());

const h = useHarness();
const clients: LiveClient[] = [];
const apps: FastifyInstance[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.socket.terminate();
  for (const app of apps.splice(0)) await app.close();
});

/** `n` sessions of a new published meeting. */
async function sessionsOf(n: number): Promise<string[]> {
  const { slug } = await createMeeting(h);
  const [m] = await h.database.db.select().from(meetings).where(eq(meetings.slug, slug));
  const rows = await h.database.db
    .insert(sessions)
    .values(
      Array.from({ length: n }, (_, i) => ({
        meetingId: m!.id,
        title: { en: `Session ${i + 1}` },
        kind: 'plenary' as const,
        startsAt: m!.startsAt,
        endsAt: new Date(m!.startsAt.getTime() + 3_600_000),
      })),
    )
    .returning();
  return rows.map((r) => r.id);
}
const session = async () => (await sessionsOf(1))[0]!;

const emit = (ctx: Ctx, sessionId: string, n: number, pad = 0) =>
  change(ctx, (fx) => fx.event({ sessionId, type: 'qa.updated', payload: { n, pad } }));

async function open(base: string, id: string) {
  const c = await connect(`${base}/api/live/sessions/${id}`, { origin: PUBLIC_URL });
  clients.push(c);
  await c.waitFor((f) => f.type === 'snapshot');
  return c;
}

/** Resolves when `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('live hub limits', () => {
  it('pings its viewers; one that answers stays, one that stops answering is closed', async () => {
    // The same app as the harness's, on its database, with a heartbeat of 100 ms.
    const app = await buildApp({ config: h.config, database: h.database, liveHeartbeatMs: 100 });
    apps.push(app);
    const id = await session();
    const base = await listen(app);

    const answering = await open(base, id);
    let pings = 0;
    answering.socket.on('ping', () => pings++);

    // A client that does not answer pings, as a connection whose other end is gone.
    const silent = new WebSocket(`${base}/api/live/sessions/${id}`, {
      origin: PUBLIC_URL,
      autoPong: false,
    });
    let silentPings = 0;
    silent.on('ping', () => silentPings++);
    const silentClosed = new Promise<number>((r) => silent.once('close', (code) => r(code)));
    await new Promise((r) => silent.once('message', r)); // its snapshot
    expect(app.liveHub.viewerCount).toBe(2);

    // Pinged once, left unanswered, closed at the next beat: 1006, no closing handshake.
    const timeout = new Promise((r) => setTimeout(() => r('still open after 5 s'), 5_000));
    expect(await Promise.race([silentClosed, timeout])).toBe(1006);
    expect(silentPings).toBeGreaterThanOrEqual(1);
    await until(() => app.liveHub.viewerCount === 1, 5_000, 'the silent viewer to leave');

    // The answering viewer has been pinged at every beat and is still served.
    await until(() => pings >= 3, 5_000, 'three pings');
    expect(answering.socket.readyState).toBe(WebSocket.OPEN);
    await emit(app.ctx, id, 1);
    expect(await answering.waitFor((f) => f.type === 'event')).toMatchObject({
      seq: 1,
      data: { n: 1 },
    });
  });

  it('drops a viewer that stops reading instead of buffering for it; the others keep receiving', async () => {
    const id = await session();
    const base = await listen(h.app);
    const reader = await open(base, id);
    const slow = await open(base, id);
    expect(h.app.liveHub.viewerCount).toBe(2);
    // The slow viewer reads nothing more: the kernel's buffers fill, then the server's.
    slow.socket.pause();

    const FRAME = 256 * 1024;
    const MAX_EVENTS = 400; // 100 MiB: far beyond the limit plus any socket buffers
    let n = 0;
    while (h.app.liveHub.viewerCount === 2) {
      if (n === MAX_EVENTS) throw new Error(`the slow viewer was still kept after ${n} events`);
      await emit(h.app.ctx, id, ++n, FRAME);
      // Let the hub deliver before the next commit, as events come in a real meeting.
      await reader.waitFor((f) => f.seq === n, 10_000);
    }
    // It was dropped once more than the limit waited for it, not at the first frames.
    expect(n * FRAME).toBeGreaterThan(MAX_BUFFERED_BYTES);

    // The reader missed nothing, before or after, in order.
    for (let k = 0; k < 3; k++) await emit(h.app.ctx, id, ++n, 10);
    await reader.waitFor((f) => f.seq === n);
    expect(reader.frames.filter((f) => f.type === 'event').map((f) => f.seq)).toEqual(
      Array.from({ length: n }, (_, i) => i + 1),
    );
    expect(reader.socket.readyState).toBe(WebSocket.OPEN);

    // The slow viewer, reading again, finds its connection cut (no close frame) and got
    // none of the events after the drop.
    slow.socket.resume();
    expect((await slow.closed).code).toBe(1006);
    const got = slow.frames.filter((f) => f.type === 'event').map((f) => f.seq as number);
    expect(Math.max(0, ...got)).toBeLessThan(n - 3);
  });
});

describe('live hub leaks', () => {
  it('keeps no viewer whose connection closed while it was joining', async () => {
    // Each the first viewer of its session: its join waits while the channel reads where
    // it starts (a round trip to PostgreSQL; PGlite answers too soon to leave a window).
    const ids = await sessionsOf(40);
    const base = await listen(h.app);
    await Promise.all(
      ids.map(
        (id) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(`${base}/api/live/sessions/${id}`, { origin: PUBLIC_URL });
            ws.once('open', () => ws.terminate());
            ws.once('close', () => resolve());
            ws.once('error', reject);
          }),
      ),
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(h.app.liveHub.viewerCount).toBe(0);
  });
});
