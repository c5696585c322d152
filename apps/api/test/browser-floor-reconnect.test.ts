/**
 * The live list of speakers survives a lost connection in a browser: the page's socket is
 * cut, the floor changes while it cannot get back, and when the connection returns the page
 * reconnects with `?since=` the last seq it saw, gets the missed event replayed (not a new
 * snapshot) and shows the change without a reload; and when the browser is back online
 * after a long outage it reconnects at once instead of sitting out its backoff.
 */
import type { WebSocketRoute } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

async function api(method: 'GET' | 'POST', url: string, as?: string, payload?: object) {
  return site.running.app.inject({
    method,
    url,
    headers: as ? { cookie: `kengash_session=${await site.sessionFor(as)}` } : {},
    ...(payload ? { payload } : {}),
  });
}

/** A plenary of the demo agenda, or one made for this test if the seed has none. */
async function plenary(): Promise<string> {
  const res = await api('GET', `/api/meetings/${SLUG}/sessions?lang=en`);
  expect(res.statusCode, res.body).toBe(200);
  const found = (res.json().items as { id: string; kind: string; status: string }[]).find(
    (s) => s.kind === 'plenary' && s.status !== 'cancelled',
  );
  if (found) return found.id;
  const meeting = (await api('GET', `/api/meetings/${SLUG}`)).json();
  const created = await api('POST', `/api/meetings/${SLUG}/sessions`, DEMO_ORGANIZER, {
    title: { en: 'Plenary', ru: 'Пленарное заседание' },
    kind: 'plenary',
    startsAt: meeting.startsAt,
    endsAt: new Date(Date.parse(meeting.startsAt) + 3_600_000).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

interface Connection {
  url: string;
  /** Frames from the server, in order, as the page received them. */
  frames: Record<string, unknown>[];
  route: WebSocketRoute;
  server: WebSocketRoute | null;
}

/**
 * A page of `email` whose live connections pass through here: while `net.down`, the network
 * refuses them; otherwise they reach the real server, and their frames are recorded.
 */
async function routedPage(email: string) {
  const page = await site.page({ signedInAs: email });
  const connections: Connection[] = [];
  const net = { down: false, refused: 0 };
  await page.routeWebSocket(/\/api\/live\/sessions\//, (route) => {
    if (net.down) {
      net.refused++;
      void route.close({ code: 4000, reason: 'offline' });
      return;
    }
    const c: Connection = { url: route.url(), frames: [], route, server: null };
    connections.push(c);
    c.server = route.connectToServer();
    c.server.onMessage((message) => {
      c.frames.push(JSON.parse(String(message)) as Record<string, unknown>);
      route.send(message);
    });
  });
  return { page, connections, net };
}

describe('the live list of speakers after a lost connection', () => {
  it('reconnects with ?since= and shows what changed meanwhile, without a reload', async () => {
    const sessionId = await plenary();
    await site.register(SLUG, { email: 'cut.off@example.org', fullName: 'Dilnoza Watcher' });
    await site.register(SLUG, { email: 'speaker.a@example.org', fullName: 'Aziza Speaker' });
    await site.register(SLUG, { email: 'speaker.b@example.org', fullName: 'Bobur Speaker' });

    const { page, connections, net } = await routedPage('cut.off@example.org');
    await page.goto(`${site.base}/meetings/${SLUG}/sessions/${sessionId}`);
    await page.locator('.live-dot').waitFor();
    // A mark that a reload or a navigation would wipe out.
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));
    expect(connections).toHaveLength(1);
    expect(connections[0]!.url).not.toContain('since=');
    await expect.poll(() => connections[0]!.frames.length).toBeGreaterThan(0);
    const snapshot = connections[0]!.frames[0]!;
    expect(snapshot.type).toBe('snapshot');
    const seenSeq = snapshot.seq as number;
    expect(await page.locator('.floor-queue').textContent()).not.toContain('Aziza Speaker');

    // The connection is lost and the page cannot get back for now.
    net.down = true;
    await connections[0]!.server!.close();
    await connections[0]!.route.close({ code: 1001, reason: 'gone' });
    await expect.poll(() => page.locator('.floor-state').textContent()).toContain('Reconnecting…');

    // Meanwhile a delegate asks for the floor.
    const asked = await api('POST', `/api/sessions/${sessionId}/floor`, 'speaker.a@example.org', {
      kind: 'statement',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    // The page keeps trying (and failing) while the network is down.
    await expect.poll(() => net.refused, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await page.locator('.floor-queue').textContent()).not.toContain('Aziza Speaker');

    // The network returns: the page comes back on its own from where it was.
    net.down = false;
    await expect.poll(() => connections.length, { timeout: 20_000 }).toBe(2);
    const back = connections[1]!;
    expect(back.url).toContain(`?since=${seenSeq}`);
    await expect
      .poll(() => page.locator('.floor-queue').textContent(), { timeout: 10_000 })
      .toContain('Aziza Speaker');
    await page.locator('.live-dot').waitFor();
    // What it got was the missed event, replayed, not a fresh snapshot.
    expect(back.frames[0]).toMatchObject({
      type: 'event',
      event: 'floor.updated',
      seq: seenSeq + 1,
    });
    expect(back.frames.some((f) => f.type === 'snapshot')).toBe(false);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);

    // And it is live again: the next change arrives on the new connection.
    const next = await api('POST', `/api/sessions/${sessionId}/floor`, 'speaker.b@example.org', {
      kind: 'statement',
    });
    expect(next.statusCode, next.body).toBe(201);
    await expect
      .poll(() => page.locator('.floor-queue').textContent(), { timeout: 10_000 })
      .toContain('Bobur Speaker');
    expect(connections).toHaveLength(2);
  }, 90_000);

  it('comes back at once when the browser is online again, not at the end of its backoff', async () => {
    const sessionId = await plenary();
    await site.register(SLUG, { email: 'on.train@example.org', fullName: 'Farrukh Traveller' });
    await site.register(SLUG, { email: 'speaker.c@example.org', fullName: 'Charos Speaker' });
    const { page, connections, net } = await routedPage('on.train@example.org');
    await page.goto(`${site.base}/meetings/${SLUG}/sessions/${sessionId}`);
    await page.locator('.live-dot').waitFor();
    await expect.poll(() => connections[0]?.frames.length ?? 0).toBeGreaterThan(0);
    const seenSeq = connections[0]!.frames[0]!.seq as number;

    // Offline for a while: three attempts fail (after 1, 2 and 4 s); the next waits 8 s.
    net.down = true;
    await page.context().setOffline(true);
    await connections[0]!.server!.close();
    await connections[0]!.route.close({ code: 1001, reason: 'gone' });
    await expect.poll(() => net.refused, { timeout: 15_000 }).toBe(3);
    const asked = await api('POST', `/api/sessions/${sessionId}/floor`, 'speaker.c@example.org', {
      kind: 'statement',
    });
    expect(asked.statusCode, asked.body).toBe(201);

    // Online again: the page does not sit out the rest of its backoff.
    net.down = false;
    const online = Date.now();
    await page.context().setOffline(false);
    await expect
      .poll(() => page.locator('.floor-queue').textContent(), { timeout: 4_000 })
      .toContain('Charos Speaker');
    expect(Date.now() - online).toBeLessThan(4_000);
    expect(connections).toHaveLength(2);
    expect(connections[1]!.url).toContain(`?since=${seenSeq}`);
    expect(net.refused).toBe(3);
  }, 90_000);
});
