/**
 * The live Q&A through the public API: who may ask and how often, pending versus approved,
 * the list's order and what each role sees of it (anonymous authors hidden except to
 * moderators), votes that count once, moderation with its audit trail, and the Q&A
 * settings.
 */
import { describe, expect, it } from 'vitest';
import { addSession, sessionBody } from './agenda-helpers.js';
import { countQueries, createMeeting, signIn, useHarness } from './helpers.js';
import {
  ask,
  askCall,
  listOf,
  moderate,
  moderateCall,
  qaDelegate,
  type QaDelegate,
  qaSetup,
  setQa,
  voteCall,
} from './questions-helpers.js';
import { auditOf, call } from './registration-helpers.js';

const h = useHarness();

describe('asking a question', () => {
  it('takes a trimmed question from a confirmed delegate: approved, or pending while moderated', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug, { fullName: 'Aida' });
    const first = await ask(h, s, a.cookie, '   What is the timeline for ratification?  ');
    expect(first).toEqual({ id: expect.any(String), status: 'approved' });
    expect(await setQa(h, s, { moderated: true })).toEqual({ open: true, moderated: true });
    const second = await ask(h, s, a.cookie, 'And the budget?');
    expect(second.status).toBe('pending');
    const mine = await listOf(h, s, a.cookie);
    expect(mine.map((q) => [q.text, q.status])).toEqual([
      ['What is the timeline for ratification?', 'approved'],
      ['And the budget?', 'pending'],
    ]);
    expect(mine[0]).toEqual({
      id: first.id,
      text: 'What is the timeline for ratification?',
      status: 'approved',
      votes: 0,
      pinned: false,
      author: { name: 'Aida' },
      createdAt: expect.any(String),
      answeredAt: null,
      anonymous: false,
      mine: true,
      voted: false,
    });
    // Staff may ask without a registration.
    expect((await askCall(h, s, s.organizer, { text: 'From the chair' })).statusCode).toBe(201);
  });

  it('refuses bad text (400), strangers (401, 403), unknown sessions (404) and a closed Q&A (409)', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug);
    for (const payload of [{ text: '   ' }, { text: 'x'.repeat(501) }, {}, { text: 42 }]) {
      const res = await askCall(h, s, a.cookie, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json().errors[0].path).toBe('text');
    }
    expect((await askCall(h, s, a.cookie, { text: ` ${'x'.repeat(500)} ` })).statusCode).toBe(201);
    expect((await askCall(h, s, null, { text: 'Hello?' })).statusCode).toBe(401);
    const stranger = await signIn(h, 'stranger@example.org');
    const refused = await askCall(h, s, stranger, { text: 'Hello?' });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const unknown = await call(h, 'POST', `/api/sessions/${crypto.randomUUID()}/questions`, {
      cookie: a.cookie,
      payload: { text: 'Hello?' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(
      (
        await call(h, 'POST', '/api/sessions/nope/questions', {
          cookie: a.cookie,
          payload: { text: 'x' },
        })
      ).statusCode,
    ).toBe(400);

    expect(await setQa(h, s, { open: false })).toEqual({ open: false, moderated: false });
    const closed = await askCall(h, s, a.cookie, { text: 'Too late?' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json().detail).toMatch(/closed/);
    await setQa(h, s, { open: true });
    expect((await askCall(h, s, a.cookie, { text: 'Open again' })).statusCode).toBe(201);
  });

  it('refuses questions and votes in a session without Q&A or a cancelled one (409)', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug);
    const q = await ask(h, s, a.cookie, 'Before the Q&A was switched off');
    const off = await call(h, 'PATCH', `/api/sessions/${s.sessionId}`, {
      cookie: s.organizer,
      payload: { qaEnabled: false },
    });
    expect(off.statusCode, off.body).toBe(200);
    expect((await askCall(h, s, a.cookie, { text: 'Anyone?' })).statusCode).toBe(409);
    expect((await voteCall(h, q.id, a.cookie)).statusCode).toBe(409);
    expect(await setQa(h, s, { open: true })).toEqual({ open: false, moderated: false });
    await call(h, 'PATCH', `/api/sessions/${s.sessionId}`, {
      cookie: s.organizer,
      payload: { qaEnabled: true },
    });
    expect((await voteCall(h, q.id, a.cookie)).statusCode).toBe(200);
    const cancelled = await call(h, 'POST', `/api/sessions/${s.sessionId}/cancel`, {
      cookie: s.organizer,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const refused = await askCall(h, s, a.cookie, { text: 'Still there?' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/cancelled/);
    expect((await voteCall(h, q.id, a.cookie, false)).statusCode).toBe(409);
    expect((await listOf(h, s)).map((x) => x.votes)).toEqual([1]);
  });

  it('takes five questions a minute from one delegate in one session; the sixth is 429', async () => {
    const s = await qaSetup(h);
    const [a, b] = [await qaDelegate(h, s.slug), await qaDelegate(h, s.slug)];
    const answers = [];
    for (let i = 1; i <= 6; i++)
      answers.push((await askCall(h, s, a.cookie, { text: `Q${i}` })).statusCode);
    expect(answers).toEqual([201, 201, 201, 201, 201, 429]);
    const limited = await askCall(h, s, a.cookie, { text: 'Q7' });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({
      status: 429,
      detail: expect.stringMatching(/5 questions/),
    });
    // Another delegate is not held back by her.
    expect((await askCall(h, s, b.cookie, { text: 'Mine' })).statusCode).toBe(201);
    expect(await listOf(h, s)).toHaveLength(6);
  });
});

describe('the list of questions', () => {
  it('puts pinned first, then most votes, then oldest; each role sees what it may', async () => {
    const s = await qaSetup(h);
    const [a, b, c] = [
      await qaDelegate(h, s.slug, { fullName: 'Aida' }),
      await qaDelegate(h, s.slug, { fullName: 'Bakyt' }),
      await qaDelegate(h, s.slug, { fullName: 'Chen' }),
    ];
    const q1 = await ask(h, s, a.cookie, 'First, from Aida');
    const q2 = await ask(h, s, b.cookie, 'Second, anonymous', true);
    const q3 = await ask(h, s, c.cookie, 'Third, from Chen');
    const q4 = await ask(h, s, c.cookie, 'Fourth, from Chen');
    for (const d of [a, b]) expect((await voteCall(h, q3.id, d.cookie)).statusCode).toBe(200);
    expect((await voteCall(h, q2.id, a.cookie)).statusCode).toBe(200);
    await moderate(h, s, q4.id, 'pin');
    await setQa(h, s, { moderated: true });
    const pendingA = await ask(h, s, a.cookie, 'Pending, from Aida');
    const pendingB = await ask(h, s, b.cookie, 'Pending, from Bakyt');
    await moderate(h, s, pendingB.id, 'reject');
    const approved = [q4.id, q3.id, q2.id, q1.id];

    const pub = await listOf(h, s);
    expect(pub.map((q) => q.id)).toEqual(approved);
    expect(pub.map((q) => [q.votes, q.pinned])).toEqual([
      [0, true],
      [2, false],
      [1, false],
      [0, false],
    ]);
    expect(pub[2]!.author).toBeNull();
    expect(pub[0]!.author).toEqual({ name: 'Chen' });
    for (const q of pub) {
      expect(q.mine).toBeUndefined();
      expect(q.voted).toBeUndefined();
      expect(q.anonymous).toBeUndefined();
    }
    expect(JSON.stringify(pub)).not.toContain('Bakyt');

    // Aida: her own pending one too, after the approved ones with more votes.
    const aida = await listOf(h, s, a.cookie);
    expect(aida.map((q) => q.id)).toEqual([q4.id, q3.id, q2.id, q1.id, pendingA.id]);
    expect(aida.find((q) => q.id === pendingA.id)).toMatchObject({ status: 'pending', mine: true });
    expect(aida.filter((q) => q.voted).map((q) => q.id)).toEqual([q3.id, q2.id]);
    // Bakyt: not Aida's pending, not his own rejected; his anonymous one is his, unnamed.
    const bakyt = await listOf(h, s, b.cookie);
    expect(bakyt.map((q) => q.id)).toEqual(approved);
    expect(bakyt.find((q) => q.id === q2.id)).toMatchObject({
      author: null,
      anonymous: true,
      mine: true,
    });
    // Moderators: all, the rejected one too, and every author named.
    const chair = await listOf(h, s, s.moderator);
    expect(chair.map((q) => q.id)).toEqual([...approved, pendingA.id, pendingB.id]);
    expect(chair.find((q) => q.id === q2.id)).toMatchObject({
      author: { name: 'Bakyt' },
      anonymous: true,
    });
    expect(chair.find((q) => q.id === pendingB.id)!.status).toBe('rejected');
    expect(await listOf(h, s, s.organizer)).toHaveLength(6);
  });

  it('hides the questions of a draft meeting’s session (404) from all but its staff', async () => {
    const { slug, cookie, meeting } = await createMeeting(h, { slug: 'qa-draft' }, false);
    const session = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const url = `/api/sessions/${session.id}/questions`;
    expect((await call(h, 'GET', url)).statusCode).toBe(404);
    const stranger = await signIn(h, 'stranger@example.org');
    expect((await call(h, 'GET', url, { cookie: stranger })).statusCode).toBe(404);
    expect(
      (await call(h, 'POST', url, { cookie: stranger, payload: { text: 'Hello?' } })).statusCode,
    ).toBe(404);
    const staff = await call(h, 'GET', url, { cookie });
    expect(staff.statusCode).toBe(200);
    expect(staff.json()).toEqual({ items: [] });
    const unknown = await call(h, 'GET', `/api/sessions/${crypto.randomUUID()}/questions`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ status: 404 });
  });
});

describe('votes', () => {
  it('count a delegate once however often she votes; unvote takes it back once', async () => {
    const s = await qaSetup(h);
    const [a, b] = [await qaDelegate(h, s.slug), await qaDelegate(h, s.slug)];
    const q = await ask(h, s, a.cookie, 'Vote for me');
    for (let i = 0; i < 3; i++) {
      const res = await voteCall(h, q.id, b.cookie);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ votes: 1 });
    }
    expect((await voteCall(h, q.id, a.cookie)).json()).toEqual({ votes: 2 });
    expect((await voteCall(h, q.id, b.cookie, false)).json()).toEqual({ votes: 1 });
    expect((await voteCall(h, q.id, b.cookie, false)).json()).toEqual({ votes: 1 });
    const list = await listOf(h, s, b.cookie);
    expect(list[0]).toMatchObject({ votes: 1, voted: false });
    expect((await listOf(h, s, a.cookie))[0]).toMatchObject({ votes: 1, voted: true });
  });

  it('is 404 on a question the voter may not see, 401 unsigned, 403 for others', async () => {
    const s = await qaSetup(h);
    const [a, b] = [await qaDelegate(h, s.slug), await qaDelegate(h, s.slug)];
    await setQa(h, s, { moderated: true });
    const pending = await ask(h, s, a.cookie, 'Not yet approved');
    expect((await voteCall(h, pending.id, b.cookie)).statusCode).toBe(404);
    // Her own pending question she sees, and may vote for.
    expect((await voteCall(h, pending.id, a.cookie)).json()).toEqual({ votes: 1 });
    await moderate(h, s, pending.id, 'reject');
    expect((await voteCall(h, pending.id, a.cookie, false)).statusCode).toBe(404);
    expect((await voteCall(h, crypto.randomUUID(), a.cookie)).statusCode).toBe(404);
    expect((await voteCall(h, 'nope', a.cookie)).statusCode).toBe(400);

    const open = await ask(h, s, a.cookie, 'Approved one');
    await moderate(h, s, open.id, 'approve');
    expect((await voteCall(h, open.id, null)).statusCode).toBe(401);
    const stranger = await signIn(h, 'stranger@example.org');
    expect((await voteCall(h, open.id, stranger)).statusCode).toBe(403);
    expect((await voteCall(h, open.id, b.cookie)).json()).toEqual({ votes: 1 });
  });
});

describe('moderation', () => {
  it('approves, answers, pins and rejects with sensible conflicts; only moderators; every decision audited', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug, { fullName: 'Aida' });
    await setQa(h, s, { moderated: true });
    const q1 = await ask(h, s, a.cookie, 'First');
    const q2 = await ask(h, s, a.cookie, 'Second', true);

    expect((await moderateCall(h, q1.id, 'approve', a.cookie)).statusCode).toBe(403);
    expect((await moderateCall(h, q1.id, 'approve', null)).statusCode).toBe(401);
    expect((await moderateCall(h, crypto.randomUUID(), 'approve', s.moderator)).statusCode).toBe(
      404,
    );
    expect((await moderateCall(h, q1.id, 'answer', s.moderator)).statusCode).toBe(409);
    expect((await moderateCall(h, q1.id, 'pin', s.moderator)).statusCode).toBe(409);

    const approved = await moderate(h, s, q1.id, 'approve');
    expect(approved).toMatchObject({ id: q1.id, status: 'approved', author: { name: 'Aida' } });
    // Twice changes nothing (and writes no second audit row).
    expect((await moderate(h, s, q1.id, 'approve')).status).toBe('approved');
    expect((await moderate(h, s, q1.id, 'pin')).pinned).toBe(true);
    expect((await moderate(h, s, q1.id, 'unpin')).pinned).toBe(false);
    const answered = await moderate(h, s, q1.id, 'answer');
    expect(answered).toMatchObject({ status: 'answered', pinned: false });
    expect(Date.parse(answered.answeredAt!)).toBeGreaterThan(0);
    expect((await moderateCall(h, q1.id, 'reject', s.moderator)).statusCode).toBe(409);
    expect((await moderateCall(h, q1.id, 'approve', s.moderator)).statusCode).toBe(409);

    const rejected = await moderate(h, s, q2.id, 'reject');
    expect(rejected).toMatchObject({
      status: 'rejected',
      author: { name: 'Aida' },
      anonymous: true,
    });
    const refused = await moderateCall(h, q2.id, 'answer', s.moderator);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/rejected/);
    expect((await moderate(h, s, q2.id, 'approve')).status).toBe('approved');
    expect(
      (await call(h, 'POST', `/api/questions/${q2.id}/shout`, { cookie: s.moderator })).statusCode,
    ).toBe(404);

    await setQa(h, s, { open: false });
    const audit = (await auditOf(h, s.organizer, s.slug)).filter(
      (e) => e.entityType === 'question' || e.action === 'qa.updated',
    );
    expect(audit.map((e) => [e.action, e.entityId]).reverse()).toEqual([
      ['qa.updated', s.sessionId],
      ['question.approved', q1.id],
      ['question.pinned', q1.id],
      ['question.unpinned', q1.id],
      ['question.answered', q1.id],
      ['question.rejected', q2.id],
      ['question.approved', q2.id],
      ['qa.updated', s.sessionId],
    ]);
    expect(audit.every((e) => e.actor === 'chair@example.org')).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('Aida');
  });
});

describe('the Q&A settings', () => {
  it('are the moderators’ to change; a change answers the settings and nothing else moves', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug);
    const patch = (payload: unknown, cookie: string | null = s.moderator) =>
      call(h, 'PATCH', `/api/sessions/${s.sessionId}/qa`, {
        ...(cookie ? { cookie } : {}),
        payload,
      });
    expect((await patch({ open: false }, a.cookie)).statusCode).toBe(403);
    expect((await patch({ open: false }, null)).statusCode).toBe(401);
    expect((await patch({ open: 'no' })).statusCode).toBe(400);
    expect((await patch({})).json()).toEqual({ open: true, moderated: false });
    expect((await patch({ open: false, moderated: true })).json()).toEqual({
      open: false,
      moderated: true,
    });
    expect((await patch({ moderated: true }, s.organizer)).json()).toEqual({
      open: false,
      moderated: true,
    });
    const audit = (await auditOf(h, s.organizer, s.slug)).filter((e) => e.action === 'qa.updated');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.data).toMatchObject({ qaOpen: false, qaModerated: true });
  });
});

describe('the cost of the Q&A', () => {
  it('reads a long list with as many queries as a short one; a vote takes a handful', async () => {
    const s = await qaSetup(h);
    const delegates: QaDelegate[] = [];
    for (let i = 0; i < 5; i++) delegates.push(await qaDelegate(h, s.slug));
    const listQueries = async () => {
      const out: number[] = [];
      for (const cookie of [null, delegates[0]!.cookie, s.moderator]) {
        const { result, queries } = await countQueries(() =>
          h.app.inject({
            url: `/api/sessions/${s.sessionId}/questions`,
            ...(cookie ? { headers: { cookie } } : {}),
          }),
        );
        expect(result.statusCode).toBe(200);
        out.push(queries.length);
      }
      return out;
    };
    const first = await ask(h, s, delegates[0]!.cookie, 'The first question');
    const few = await listQueries();
    for (const d of delegates)
      for (let i = d === delegates[0] ? 1 : 0; i < 5; i++)
        await ask(h, s, d.cookie, `Question ${i}`);
    await voteCall(h, first.id, delegates[1]!.cookie);
    const many = await listQueries();
    expect(await listOf(h, s)).toHaveLength(25);
    expect(many).toEqual(few);

    const { result, queries } = await countQueries(() =>
      voteCall(h, first.id, delegates[2]!.cookie),
    );
    expect(result.json()).toEqual({ votes: 2 });
    // Who is asking (the auth session), the question, its session and meeting, the
    // caller's roles and registration, the vote and the count: no read-then-write loop.
    expect(queries.length).toBeLessThanOrEqual(8);
    expect(
      queries.filter((q) => /question_votes|"questions"/.test(q) && !q.startsWith('select')),
    ).toHaveLength(2);
  });
});
