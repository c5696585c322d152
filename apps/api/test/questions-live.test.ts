/**
 * The Q&A on the live channel, with real WebSocket clients: each viewer's snapshot is what
 * GET gives her; events reach each class as it may see them (moderators everything, the
 * author her own pending question, the public and other delegates only approved ones);
 * ask/vote/unvote/moderate frames answer with acks; ?since= replays what was missed; and a
 * vote storm goes out as a few batched tally events with the right final counts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_URL, useHarness } from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';
import {
  ask,
  listOf,
  moderate,
  qaDelegate,
  type QaDelegate,
  qaSetup,
  type QaSetup,
  type QuestionAnswer,
  setQa,
  voteCall,
} from './questions-helpers.js';

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

async function viewers<K extends string>(
  s: QaSetup,
  cookies: Record<K, string | null>,
): Promise<{ url: string } & Record<K, LiveClient>> {
  const base = await listen(h.app);
  const url = `${base}/api/live/sessions/${s.sessionId}`;
  const out = {} as Record<K, LiveClient>;
  for (const [name, cookie] of Object.entries(cookies) as [K, string | null][]) {
    const c = await connect(url, { origin: PUBLIC_URL, ...(cookie ? { cookie } : {}) });
    clients.push(c);
    await c.waitFor((f) => f.type === 'snapshot');
    out[name] = c;
  }
  return { url, ...out };
}

const snapshotOf = (c: LiveClient) => c.frames.find((f) => f.type === 'snapshot')!;
const eventsOf = (c: LiveClient, type?: string) =>
  c.frames.filter((f) => f.type === 'event' && (!type || f.event === type));
const atSeq = (c: LiveClient, seq: number) =>
  c.waitFor((f) => f.type === 'event' && (f.seq as number) >= seq);

describe('the Q&A snapshot', () => {
  it('gives each viewer the questions GET gives her: a delegate her own pending, the public none', async () => {
    const s = await qaSetup(h);
    const [a, b] = [
      await qaDelegate(h, s.slug, { fullName: 'Aida' }),
      await qaDelegate(h, s.slug, { fullName: 'Bakyt' }),
    ];
    const open = await ask(h, s, b.cookie, 'Approved, anonymous', true);
    await setQa(h, s, { moderated: true });
    const pa = await ask(h, s, a.cookie, 'Pending, from Aida');
    const pb = await ask(h, s, b.cookie, 'Pending, from Bakyt');
    const v = await viewers(s, { pub: null, aida: a.cookie, chair: s.moderator });

    for (const [c, cookie] of [
      [v.pub!, null],
      [v.aida!, a.cookie],
      [v.chair!, s.moderator],
    ] as const) {
      const snap = snapshotOf(c);
      expect(snap.qa).toEqual({ open: true, moderated: true });
      expect(snap.questions).toEqual(await listOf(h, s, cookie));
      expect(snap.floor).toBeDefined();
    }
    const ids = (c: LiveClient) => (snapshotOf(c).questions as QuestionAnswer[]).map((q) => q.id);
    expect(ids(v.pub!)).toEqual([open.id]);
    expect(ids(v.aida!)).toEqual([open.id, pa.id]);
    expect(ids(v.chair!)).toEqual([open.id, pa.id, pb.id]);
    expect(JSON.stringify(snapshotOf(v.pub!))).not.toContain('Bakyt');
    expect((snapshotOf(v.chair!).questions as QuestionAnswer[])[0]!.author).toEqual({
      name: 'Bakyt',
    });
  });
});

describe('Q&A events', () => {
  it('reach each class as it may see them; the author gets her own pending question', async () => {
    const s = await qaSetup(h);
    const [a, b] = [
      await qaDelegate(h, s.slug, { fullName: 'Aida' }),
      await qaDelegate(h, s.slug, { fullName: 'Bakyt' }),
    ];
    await setQa(h, s, { moderated: true });
    const v = await viewers(s, { pub: null, aida: a.cookie, bakyt: b.cookie, chair: s.moderator });
    const start = snapshotOf(v.pub!).seq as number;

    const q = await ask(h, s, a.cookie, 'Held for approval', true); // start + 1
    const created = await atSeq(v.chair!, start + 1);
    expect(created).toMatchObject({
      event: 'question.created',
      data: { id: q.id, status: 'pending', author: { name: 'Aida' }, anonymous: true },
    });
    const own = await atSeq(v.aida!, start + 1);
    expect(own).toMatchObject({
      seq: start + 1,
      event: 'question.created',
      data: { id: q.id, status: 'pending', author: null, mine: true },
    });

    await moderate(h, s, q.id, 'approve'); // start + 2
    for (const c of [v.pub!, v.bakyt!]) {
      const approved = await atSeq(c, start + 2);
      // The pending question's event never reached them: their first event is the approval.
      expect(approved).toMatchObject({
        seq: start + 2,
        event: 'question.updated',
        data: { id: q.id, status: 'approved', author: null },
      });
    }
    await moderate(h, s, q.id, 'reject'); // start + 3: those who saw it learn it is gone
    expect((await atSeq(v.pub!, start + 3)).data).toMatchObject({ id: q.id, status: 'rejected' });
    await setQa(h, s, { open: false }); // start + 4
    for (const c of [v.pub!, v.aida!, v.bakyt!, v.chair!]) {
      const e = await atSeq(c, start + 4);
      expect(e).toMatchObject({
        seq: start + 4,
        event: 'qa.updated',
        data: { open: false, moderated: true },
      });
    }
    expect(eventsOf(v.pub!).map((e) => e.seq)).toEqual([start + 2, start + 3, start + 4]);
    expect(eventsOf(v.bakyt!).map((e) => e.seq)).toEqual([start + 2, start + 3, start + 4]);
    expect(eventsOf(v.chair!).map((e) => e.seq)).toEqual([1, 2, 3, 4].map((i) => start + i));
    expect(JSON.stringify(v.pub!.frames)).not.toContain('Aida');
  });

  it('gives a moderator who asks the moderators’ copy; a pending tally reaches moderators and its author only', async () => {
    const s = await qaSetup(h);
    const [a, b] = [
      await qaDelegate(h, s.slug, { fullName: 'Aida' }),
      await qaDelegate(h, s.slug, { fullName: 'Bakyt' }),
    ];
    await setQa(h, s, { moderated: true });
    const pa = await ask(h, s, a.cookie, 'Pending, from Aida');
    const v = await viewers(s, { pub: null, aida: a.cookie, bakyt: b.cookie, chair: s.moderator });
    const start = snapshotOf(v.pub!).seq as number;
    const cq = await ask(h, s, s.moderator, 'From the chair, anonymous', true); // start + 1
    expect(cq.status).toBe('pending');
    expect((await atSeq(v.chair!, start + 1)).data).toMatchObject({
      id: cq.id,
      author: { name: expect.any(String) },
      anonymous: true,
    });
    // Aida votes for her own pending question: one tally event, for her and the moderators.
    expect((await voteCall(h, pa.id, a.cookie)).json()).toEqual({ votes: 1 });
    const tally = { questions: [{ id: pa.id, votes: 1 }] };
    expect((await atSeq(v.chair!, start + 2)).data).toEqual(tally);
    expect((await atSeq(v.aida!, start + 2)).data).toEqual(tally);
    await setQa(h, s, { open: false }); // start + 3
    for (const c of [v.pub!, v.bakyt!]) {
      await atSeq(c, start + 3);
      expect(eventsOf(c).map((e) => e.event)).toEqual(['qa.updated']);
    }
  });

  it("tells viewers when the organizer's edit or a cancellation changes what the room may do", async () => {
    const s = await qaSetup(h);
    const v = await viewers(s, { pub: null });
    const start = snapshotOf(v.pub!).seq as number;
    const edit = (payload: Record<string, unknown>, path = '') =>
      h.app.inject({
        method: path ? 'POST' : 'PATCH',
        url: `/api/sessions/${s.sessionId}${path}`,
        headers: { cookie: s.organizer, origin: PUBLIC_URL },
        ...(path ? {} : { payload }),
      });
    expect((await edit({ qaModerated: true })).statusCode).toBe(200); // start + 1
    expect((await atSeq(v.pub!, start + 1)).data).toEqual({ open: true, moderated: true });
    expect((await edit({ room: 'Hall B' })).statusCode).toBe(200); // nothing for the Q&A
    expect((await edit({}, '/cancel')).statusCode).toBe(200); // start + 2
    const closed = await atSeq(v.pub!, start + 2);
    expect(closed).toMatchObject({ seq: start + 2, event: 'qa.updated' });
    expect(closed.data).toEqual({ open: false, moderated: true });
    expect(eventsOf(v.pub!).map((e) => e.event)).toEqual(['qa.updated', 'qa.updated']);
  });

  it('replays what a viewer missed on ?since=, only what she may see', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug, { fullName: 'Aida' });
    const v = await viewers(s, { pub: null });
    const seq = snapshotOf(v.pub!).seq as number;
    v.pub!.close();
    const seen = await ask(h, s, a.cookie, 'Asked while away'); // seq + 1
    await setQa(h, s, { moderated: true }); // seq + 2
    await ask(h, s, a.cookie, 'Pending while away'); // seq + 3: not for the public
    await moderate(h, s, seen.id, 'pin'); // seq + 4
    const back = await connect(`${v.url}?since=${seq}`, { origin: PUBLIC_URL });
    clients.push(back);
    await back.waitFor((f) => f.seq === seq + 4);
    expect(back.frames.map((f) => [f.type, f.seq, f.event])).toEqual([
      ['event', seq + 1, 'question.created'],
      ['event', seq + 2, 'qa.updated'],
      ['event', seq + 4, 'question.updated'],
    ]);
    expect(back.frames[2]!.data).toMatchObject({ id: seen.id, pinned: true });
    // The author reconnecting gets her pending one too.
    const aida = await connect(`${v.url}?since=${seq + 2}`, {
      origin: PUBLIC_URL,
      cookie: a.cookie,
    });
    clients.push(aida);
    await aida.waitFor((f) => f.seq === seq + 4);
    expect(aida.frames.map((f) => f.seq)).toEqual([seq + 3, seq + 4]);
    expect(aida.frames[0]!.data).toMatchObject({ status: 'pending', mine: true });
  });
});

describe('Q&A frames on the live channel', () => {
  it('ask, vote, unvote and moderate with acks, the same rules as HTTP; a bad frame keeps the socket', async () => {
    const s = await qaSetup(h);
    const [a, b] = [await qaDelegate(h, s.slug), await qaDelegate(h, s.slug)];
    const v = await viewers(s, { pub: null, aida: a.cookie, bakyt: b.cookie, chair: s.moderator });
    const ack = (c: LiveClient, ref: number) =>
      c.waitFor((f) => f.type === 'ack' && f.ref === ref) as Promise<{
        ok: boolean;
        data?: Record<string, unknown>;
        error?: { status: number; errors?: { path: string }[] };
      }>;

    v.pub!.send({ type: 'ask', text: 'From the gallery', ref: 1 });
    expect(await ack(v.pub!, 1)).toMatchObject({ ok: false, error: { status: 401 } });
    v.aida!.send({ type: 'ask', text: '   ', ref: 2 });
    expect(await ack(v.aida!, 2)).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ path: 'text' }] },
    });
    v.aida!.send('{not json');
    expect(
      await v.aida!.waitFor((f) => f.type === 'ack' && f.ok === false && f.ref === null),
    ).toMatchObject({ error: { status: 400 } });
    v.aida!.send({ type: 'ask', text: '  Over the wire  ', anonymous: true, ref: 3 });
    const asked = await ack(v.aida!, 3);
    expect(asked).toMatchObject({ ok: true, data: { id: expect.any(String), status: 'approved' } });
    const id = asked.data!.id as string;
    const created = await v.pub!.waitFor((f) => f.event === 'question.created');
    expect(created.data).toMatchObject({ id, text: 'Over the wire', author: null });

    v.bakyt!.send({ type: 'vote', questionId: id, ref: 4 });
    expect(await ack(v.bakyt!, 4)).toEqual({ type: 'ack', ref: 4, ok: true, data: { votes: 1 } });
    v.bakyt!.send({ type: 'vote', questionId: id, ref: 5 });
    expect((await ack(v.bakyt!, 5)).data).toEqual({ votes: 1 });
    v.bakyt!.send({ type: 'vote', questionId: 'nope', ref: 6 });
    expect(await ack(v.bakyt!, 6)).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ path: 'questionId' }] },
    });
    v.bakyt!.send({ type: 'vote', questionId: crypto.randomUUID(), ref: 7 });
    expect(await ack(v.bakyt!, 7)).toMatchObject({ ok: false, error: { status: 404 } });
    v.bakyt!.send({ type: 'moderate', questionId: id, action: 'pin', ref: 8 });
    expect(await ack(v.bakyt!, 8)).toMatchObject({ ok: false, error: { status: 403 } });
    v.chair!.send({ type: 'moderate', questionId: id, action: 'shout', ref: 9 });
    expect(await ack(v.chair!, 9)).toMatchObject({ ok: false, error: { status: 400 } });
    v.chair!.send({ type: 'moderate', questionId: id, action: 'pin', ref: 10 });
    expect(await ack(v.chair!, 10)).toMatchObject({
      ok: true,
      data: { id, pinned: true, anonymous: true, author: { name: expect.any(String) } },
    });
    v.bakyt!.send({ type: 'unvote', questionId: id, ref: 11 });
    expect((await ack(v.bakyt!, 11)).data).toEqual({ votes: 0 });

    // The tally and the pin reached the public viewer; the socket of the bad frames lives.
    await v.pub!.waitFor(
      (f) =>
        f.event === 'question.updated' &&
        JSON.stringify(f.data) === JSON.stringify({ questions: [{ id, votes: 0 }] }),
    );
    await v.pub!.waitFor(
      (f) => f.event === 'question.updated' && (f.data as QuestionAnswer).pinned,
    );
    expect(v.aida!.socket.readyState).toBe(v.aida!.socket.OPEN);
    expect(v.bakyt!.socket.readyState).toBe(v.bakyt!.socket.OPEN);
    expect((await listOf(h, s))[0]).toMatchObject({ id, votes: 0, pinned: true });
  });
});

describe('a vote storm', () => {
  it('goes out as a few batched tally events, the final tallies right', async () => {
    const s = await qaSetup(h);
    const delegates: QaDelegate[] = [];
    for (let i = 0; i < 40; i++) delegates.push(await qaDelegate(h, s.slug));
    const qs: { id: string; status: string }[] = [];
    for (let i = 0; i < 5; i++) qs.push(await ask(h, s, delegates[i]!.cookie, `Question ${i + 1}`));
    const v = await viewers(s, { pub: null, chair: s.moderator });
    const start = snapshotOf(v.pub!).seq as number;

    // 200 votes: each delegate for each question, all at once (and a few twice).
    const votes = delegates.flatMap((d) => qs.map((q) => voteCall(h, q.id, d.cookie)));
    const again = delegates.slice(0, 10).map((d) => voteCall(h, qs[0]!.id, d.cookie));
    const answers = await Promise.all([...votes, ...again]);
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    const final = await listOf(h, s);
    expect(final.map((q) => q.votes)).toEqual([40, 40, 40, 40, 40]);

    // Viewers converge on the final tallies …
    const tallies = new Map<string, number>();
    await v.pub!.waitFor(() => {
      tallies.clear();
      for (const e of eventsOf(v.pub!, 'question.updated'))
        for (const t of (e.data as { questions: { id: string; votes: number }[] }).questions)
          tallies.set(t.id, t.votes);
      return qs.every((q) => tallies.get(q.id) === 40);
    }, 10_000);
    // … through a few events, not one per vote.
    const events = eventsOf(v.pub!, 'question.updated');
    expect(events.length).toBeGreaterThan(0);
    expect(events.length).toBeLessThan(30);
    await v.chair!.waitFor((f) => f.seq === events.at(-1)!.seq);
    expect(eventsOf(v.chair!, 'question.updated').length).toBe(events.length);
    expect(events[0]!.seq).toBeGreaterThan(start);
  });
});
