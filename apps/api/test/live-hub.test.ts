/**
 * The live hub's mechanics with real WebSocket clients: snapshot, events in seq order,
 * visibility per class, ?since= replay, the Origin check, bad frames, the 16 KiB limit,
 * (live-hub.pg.test.ts: an event committed in one process reaching a viewer of another.)
 * The events are written through the real change envelope; the area that renders them is
 * defined here, through the same registry the floor and Q&A use.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { liveEvents, meetings, sessions } from '@kengash/db';
import { change, registerLiveArea, type Ctx } from '@kengash/core';
import { createMeeting, type Harness, PUBLIC_URL, useHarness } from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';

// Registered for this file only: test files share their worker's modules.
const unregister = registerLiveArea({
  name: 'test-area',
  types: ['qa.updated'],
  async snapshot(_db, s, viewer) {
    return { qa: { open: s.session.qaOpen, class: viewer.klass } };
  },
  async render(_db, _sessionId, events) {
    return events.map((e) => {
      const p = e.payload as { note: string; staffOnly?: boolean };
      return {
        byClass: {
          moderator: { note: p.note },
          registrant: p.staffOnly ? null : { note: p.note },
          public: p.staffOnly ? null : { note: p.note },
        },
      };
    });
  },
});

afterAll(() => unregister());

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function session(hh: Harness = h) {
  const { slug, cookie } = await createMeeting(hh);
  const [m] = await hh.database.db.select().from(meetings).where(eq(meetings.slug, slug));
  const [s] = await hh.database.db
    .insert(sessions)
    .values({
      meetingId: m!.id,
      title: { en: 'Opening plenary' },
      kind: 'plenary',
      startsAt: m!.startsAt,
      endsAt: new Date(m!.startsAt.getTime() + 3_600_000),
    })
    .returning();
  return { id: s!.id, cookie, slug };
}

const emit = (ctx: Ctx, sessionId: string, note: string, staffOnly = false) =>
  change(ctx, (fx) => fx.event({ sessionId, type: 'qa.updated', payload: { note, staffOnly } }));

async function open(base: string, id: string, opts: { cookie?: string; since?: number } = {}) {
  const c = await connect(
    `${base}/api/live/sessions/${id}${opts.since !== undefined ? `?since=${opts.since}` : ''}`,
    { origin: PUBLIC_URL, ...(opts.cookie ? { cookie: opts.cookie } : {}) },
  );
  clients.push(c);
  return c;
}

describe('live hub', () => {
  it('sends a snapshot, then each event in seq order, shaped per visibility class', async () => {
    const s = await session();
    const base = await listen(h.app);
    const organizer = await open(base, s.id, { cookie: s.cookie });
    const anonymous = await open(base, s.id);
    expect(await organizer.waitFor((f) => f.type === 'snapshot')).toEqual({
      type: 'snapshot',
      seq: 0,
      qa: { open: true, class: 'moderator' },
      // The floor's own part of every snapshot (floor.test.ts tests it).
      floor: expect.objectContaining({ current: null, queue: [] }),
      // The Q&A's list (questions-live.test.ts tests it); its `qa` is this file's area's.
      questions: [],
    });
    expect((await anonymous.waitFor((f) => f.type === 'snapshot')).qa).toEqual({
      open: true,
      class: 'public',
    });
    await emit(h.app.ctx, s.id, 'one');
    await emit(h.app.ctx, s.id, 'hidden', true);
    await emit(h.app.ctx, s.id, 'three');
    await organizer.waitFor((f) => f.seq === 3);
    await anonymous.waitFor((f) => f.seq === 3);
    expect(organizer.frames.slice(1)).toEqual([
      { type: 'event', seq: 1, event: 'qa.updated', data: { note: 'one' } },
      { type: 'event', seq: 2, event: 'qa.updated', data: { note: 'hidden' } },
      { type: 'event', seq: 3, event: 'qa.updated', data: { note: 'three' } },
    ]);
    // The public sees a gap where the staff-only event was.
    expect(anonymous.frames.slice(1).map((f) => f.seq)).toEqual([1, 3]);
  });

  it('replays what a reconnecting viewer missed, or sends a snapshot when it is no longer kept', async () => {
    const s = await session();
    const base = await listen(h.app);
    for (const note of ['a', 'b', 'c', 'd']) await emit(h.app.ctx, s.id, note);
    const back = await open(base, s.id, { since: 2 });
    await back.waitFor((f) => f.seq === 4);
    expect(back.frames.map((f) => [f.type, f.seq])).toEqual([
      ['event', 3],
      ['event', 4],
    ]);
    await emit(h.app.ctx, s.id, 'e');
    await back.waitFor((f) => f.seq === 5);
    expect(back.frames).toHaveLength(3);

    // The first events are gone: a viewer that far behind starts over from a snapshot.
    await h.database.db.delete(liveEvents).where(eq(liveEvents.seq, 1));
    const old = await open(base, s.id, { since: 0 });
    expect(await old.waitFor(() => true)).toMatchObject({ type: 'snapshot', seq: 5 });
  });

  it('refuses another Origin and an unknown session before the upgrade', async () => {
    const s = await session();
    const base = await listen(h.app);
    await expect(
      connect(`${base}/api/live/sessions/${s.id}`, { origin: 'https://evil.example' }),
    ).rejects.toMatchObject({ status: 403 });
    await expect(
      connect(`${base}/api/live/sessions/00000000-0000-4000-8000-000000000000`, {
        origin: PUBLIC_URL,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('answers a bad frame with an error ack and stays open; closes a frame over 16 KiB with 1009', async () => {
    const s = await session();
    const base = await listen(h.app);
    const c = await open(base, s.id);
    await c.waitFor((f) => f.type === 'snapshot');
    c.send('not json');
    c.send({ type: 'nonsense', ref: 7 });
    const acks = async () => {
      await c.waitFor((f) => f.type === 'ack' && f.ref === 7);
      return c.frames.filter((f) => f.type === 'ack');
    };
    expect(await acks()).toEqual([
      {
        type: 'ack',
        ref: null,
        ok: false,
        error: expect.objectContaining({ status: 400, detail: 'The frame is not valid JSON' }),
      },
      {
        type: 'ack',
        ref: 7,
        ok: false,
        error: expect.objectContaining({ status: 400, detail: 'Unknown frame type "nonsense"' }),
      },
    ]);
    await emit(h.app.ctx, s.id, 'still here');
    await c.waitFor((f) => f.type === 'event');
    c.send({ type: 'ask', text: 'x'.repeat(17 * 1024) });
    expect((await c.closed).code).toBe(1009);
  });
});
