/**
 * The live list of speakers through the public API: who may ask, where a request goes
 * (points of order at the head, statements after the last statement, replies after the
 * statements), giving the floor with its timer, reordering, withdrawing, closing and
 * balancing the list, the speaking time per delegation for moderators only, the audit
 * trail, and every change reaching a second WebSocket client as one `floor.updated`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { floorRequests, users } from '@kengash/db';
import {
  countQueries,
  createMeeting,
  type Harness,
  PUBLIC_URL,
  registerDelegate,
  signIn,
  useHarness,
} from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';
import { auditOf, call } from './registration-helpers.js';

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A plenary at the meeting's start, through the organizer's agenda API. */
async function createSession(
  hh: Harness,
  slug: string,
  cookie: string,
  startsAt: string,
): Promise<string> {
  const res = await call(hh, 'POST', `/api/meetings/${slug}/sessions`, {
    cookie,
    payload: {
      title: { en: 'Plenary: general debate', ru: 'Пленарное заседание: общие прения' },
      kind: 'plenary',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
      room: 'Main hall',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

interface Setup {
  sessionId: string;
  slug: string;
  organizer: string;
  moderator: string;
}

/** A published meeting with one session and a moderator (besides the organizer). */
async function setup(hh: Harness = h, slugName = 'floor-meeting'): Promise<Setup> {
  const { slug, cookie, meeting } = await createMeeting(hh, { slug: slugName });
  const sessionId = await createSession(hh, slug, cookie, meeting.startsAt as string);
  const staff = await call(hh, 'PUT', `/api/meetings/${slug}/staff`, {
    cookie,
    payload: { email: 'chair@example.org', role: 'moderator' },
  });
  expect(staff.statusCode, staff.body).toBe(200);
  return {
    sessionId,
    slug,
    organizer: cookie,
    moderator: await signIn(hh, 'chair@example.org'),
  };
}

interface Delegate {
  cookie: string;
  email: string;
  fullName: string;
}

/** A confirmed delegate, signed in. */
async function delegate(
  slug: string,
  overrides: Record<string, unknown> = {},
  hh: Harness = h,
): Promise<Delegate> {
  const { res, body } = await registerDelegate(hh, slug, overrides);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('confirmed');
  return {
    cookie: await signIn(hh, body.email),
    email: body.email,
    fullName: body.fullName as string,
  };
}

const ask = (s: Setup, d: Delegate | null, kind?: string) =>
  call(h, 'POST', `/api/sessions/${s.sessionId}/floor`, {
    ...(d ? { cookie: d.cookie } : {}),
    ...(kind ? { payload: { kind } } : {}),
  });

async function askOk(s: Setup, d: Delegate, kind?: string) {
  const res = await ask(s, d, kind);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; position: number };
}

interface FloorAnswer {
  open: boolean;
  balanced: boolean;
  speakingMinutes: number;
  current: {
    id: string;
    name: string;
    kind: string;
    startedAt: string;
    minutes: number;
    endsAt: string;
  } | null;
  queue: {
    id: string;
    name: string;
    position: number;
    kind: string;
    organization: string | null;
    country: string | null;
    participantType: string | null;
  }[];
  mine?: { id: string; status: string; position: number | null } | null;
  speakingTotals?: {
    delegation: string;
    participantType: string | null;
    country: string | null;
    organization: string | null;
    seconds: number;
    turns: number;
  }[];
}

async function floor(s: Setup, cookie?: string): Promise<FloorAnswer> {
  const res = await call(h, 'GET', `/api/sessions/${s.sessionId}/floor`, cookie ? { cookie } : {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const names = (f: FloorAnswer) => f.queue.map((q) => `${q.name}:${q.kind}`);

async function next(s: Setup, cookie = s.moderator): Promise<FloorAnswer> {
  const res = await call(h, 'POST', `/api/sessions/${s.sessionId}/floor/next`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('asking for the floor', () => {
  it('puts points of order at the head, statements after the last statement, replies after the statements', async () => {
    const s = await setup();
    const [a, b, c, d, e] = [
      await delegate(s.slug, { fullName: 'Aida', country: 'KZ', organization: 'MFA Kazakhstan' }),
      await delegate(s.slug, { fullName: 'Bakyt', country: 'KG' }),
      await delegate(s.slug, { fullName: 'Chen', country: 'UZ' }),
      await delegate(s.slug, { fullName: 'Dina', country: 'TJ' }),
      await delegate(s.slug, { fullName: 'Erlan', country: 'TM' }),
    ];
    expect(await askOk(s, a!)).toEqual({ id: expect.any(String), status: 'waiting', position: 1 });
    expect((await askOk(s, b!, 'reply')).position).toBe(2);
    expect((await askOk(s, c!, 'statement')).position).toBe(2);
    expect((await askOk(s, d!, 'point_of_order')).position).toBe(1);
    expect((await askOk(s, e!, 'point_of_order')).position).toBe(2);

    const f = await floor(s);
    expect(f).toMatchObject({ open: true, balanced: false, speakingMinutes: 3, current: null });
    expect(names(f)).toEqual([
      'Dina:point_of_order',
      'Erlan:point_of_order',
      'Aida:statement',
      'Chen:statement',
      'Bakyt:reply',
    ]);
    expect(f.queue.map((q) => q.position)).toEqual([1, 2, 3, 4, 5]);
    expect(f.queue[2]).toEqual({
      id: expect.any(String),
      name: 'Aida',
      position: 3,
      kind: 'statement',
      organization: 'MFA Kazakhstan',
      country: 'KZ',
      participantType: 'government',
    });
    // The public sees the list, but no one's own request and no speaking totals.
    expect(f.mine).toBeUndefined();
    expect(f.speakingTotals).toBeUndefined();
    // Nothing else about the delegates: no e-mail, no user id.
    expect(JSON.stringify(f)).not.toContain('@');

    // A delegate sees her own request.
    const mine = await floor(s, c!.cookie);
    expect(mine.mine).toEqual({ id: f.queue[3]!.id, status: 'waiting', position: 4 });
    expect((await floor(s, s.moderator)).mine).toBeNull();

    // One waiting request per delegate, of whatever kind.
    for (const kind of [undefined, 'reply', 'point_of_order']) {
      const again = await ask(s, a!, kind);
      expect(again.statusCode).toBe(409);
      expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect((await floor(s)).queue).toHaveLength(5);
  });

  it('takes requests from confirmed registrants only: 401, 403, 404 and 400 otherwise', async () => {
    const s = await setup();
    expect((await ask(s, null)).statusCode).toBe(401);
    // Staff without a registration, and a signed-in stranger, may watch but not ask.
    expect(
      (await call(h, 'POST', `/api/sessions/${s.sessionId}/floor`, { cookie: s.organizer }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call(h, 'POST', `/api/sessions/${s.sessionId}/floor`, { cookie: s.moderator }))
        .statusCode,
    ).toBe(403);
    const stranger = await signIn(h, 'stranger@example.org');
    const refused = await call(h, 'POST', `/api/sessions/${s.sessionId}/floor`, {
      cookie: stranger,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ status: 403 });

    // A cancelled registration no longer counts.
    const { res, body } = await registerDelegate(h, s.slug);
    const cancelled = await call(h, 'POST', `/api/registrations/${res.json().id}/cancel`, {
      cookie: s.organizer,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(
      (await ask(s, { cookie: await signIn(h, body.email), email: body.email, fullName: '' }))
        .statusCode,
    ).toBe(403);

    const d = await delegate(s.slug);
    expect(
      (
        await call(h, 'POST', '/api/sessions/00000000-0000-4000-8000-000000000000/floor', {
          cookie: d.cookie,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(h, 'POST', '/api/sessions/not-a-uuid/floor', { cookie: d.cookie })).statusCode,
    ).toBe(400);
    const bad = await ask(s, d, 'filibuster');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.path).toMatch(/kind/);
    // With an empty body and with none at all, a statement.
    const created = await call(h, 'POST', `/api/sessions/${s.sessionId}/floor`, {
      cookie: d.cookie,
      payload: {},
    });
    expect(created.statusCode, created.body).toBe(201);
    expect((await floor(s)).queue.map((q) => q.kind)).toEqual(['statement']);
  });

  it('hides the floor of a draft meeting’s session (404) and refuses a cancelled session (409)', async () => {
    const { slug, cookie, meeting } = await createMeeting(h, { slug: 'draft-floor' }, false);
    const draft = await createSession(h, slug, cookie, meeting.startsAt as string);
    expect((await call(h, 'GET', `/api/sessions/${draft}/floor`)).statusCode).toBe(404);
    expect((await call(h, 'GET', `/api/sessions/${draft}/floor`, { cookie })).statusCode).toBe(200);

    const s = await setup();
    const d = await delegate(s.slug);
    const cancelled = await call(h, 'POST', `/api/sessions/${s.sessionId}/cancel`, {
      cookie: s.organizer,
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect((await ask(s, d)).statusCode).toBe(409);
  });
});

describe('the chair', () => {
  it('gives the floor to the head of the list with its timer; the one speaking is done', async () => {
    const s = await setup();
    const set = await call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
      cookie: s.moderator,
      payload: { speakingMinutes: 5 },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().speakingMinutes).toBe(5);
    const [a, b, c] = [
      await delegate(s.slug, { fullName: 'Aida' }),
      await delegate(s.slug, { fullName: 'Bakyt' }),
      await delegate(s.slug, { fullName: 'Chen' }),
    ];
    const ra = await askOk(s, a!);
    const rb = await askOk(s, b!, 'reply');
    const rc = await askOk(s, c!, 'point_of_order');

    // Only moderators give the floor.
    expect((await call(h, 'POST', `/api/sessions/${s.sessionId}/floor/next`)).statusCode).toBe(401);
    expect(
      (await call(h, 'POST', `/api/sessions/${s.sessionId}/floor/next`, { cookie: a!.cookie }))
        .statusCode,
    ).toBe(403);

    const before = Date.now();
    const first = await next(s);
    expect(first.current).toMatchObject({
      id: rc.id,
      name: 'Chen',
      kind: 'point_of_order',
      minutes: 1,
    });
    const started = Date.parse(first.current!.startedAt);
    expect(started).toBeGreaterThanOrEqual(before - 2000);
    expect(started).toBeLessThanOrEqual(Date.now() + 2000);
    expect(Date.parse(first.current!.endsAt) - started).toBe(60_000);
    expect(first.queue.map((q) => [q.id, q.position])).toEqual([
      [ra.id, 1],
      [rb.id, 2],
    ]);
    expect((await floor(s, c!.cookie)).mine).toEqual({
      id: rc.id,
      status: 'speaking',
      position: null,
    });

    const second = await next(s);
    expect(second.current).toMatchObject({
      id: ra.id,
      name: 'Aida',
      kind: 'statement',
      minutes: 5,
    });
    expect(Date.parse(second.current!.endsAt) - Date.parse(second.current!.startedAt)).toBe(
      300_000,
    );
    // The organizer can do what moderators can; a reply gets the shorter time.
    const third = await next(s, s.organizer);
    expect(third.current).toMatchObject({ id: rb.id, kind: 'reply', minutes: 2 });
    expect(third.queue).toEqual([]);
    // Having spoken, a delegate may ask again.
    expect((await askOk(s, c!)).position).toBe(1);
    await next(s);
    // Nobody waiting: the one speaking is done, and nobody has the floor.
    const last = await next(s);
    expect(last.current).toBeNull();
    const nobody = await call(h, 'POST', `/api/sessions/${s.sessionId}/floor/next`, {
      cookie: s.moderator,
    });
    expect(nobody.statusCode).toBe(409);

    const rows = await h.database.db
      .select()
      .from(floorRequests)
      .where(eq(floorRequests.sessionId, s.sessionId));
    expect(rows.map((r) => r.status).sort()).toEqual(['done', 'done', 'done', 'done']);
    for (const r of rows)
      expect(r.endedAt!.getTime()).toBeGreaterThanOrEqual(r.startedAt!.getTime());
  });

  it('reorders the waiting list; only waiting requests, only inside the list, only moderators', async () => {
    const s = await setup();
    const ds = [];
    for (const name of ['Aida', 'Bakyt', 'Chen', 'Dina'])
      ds.push(await delegate(s.slug, { fullName: name }));
    const ids = [];
    for (const d of ds) ids.push((await askOk(s, d)).id);

    const move = (id: string, position: unknown, cookie = s.moderator) =>
      call(h, 'PATCH', `/api/floor/${id}`, { cookie, payload: { position } });
    const moved = await move(ids[3]!, 1);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(names(moved.json())).toEqual([
      'Dina:statement',
      'Aida:statement',
      'Bakyt:statement',
      'Chen:statement',
    ]);
    const back = await move(ids[3]!, 3);
    expect(
      back.json().queue.map((q: { name: string; position: number }) => `${q.position}${q.name}`),
    ).toEqual(['1Aida', '2Bakyt', '3Dina', '4Chen']);

    const past = await move(ids[0]!, 5);
    expect(past.statusCode).toBe(400);
    expect(past.json().errors).toEqual([
      { path: 'position', message: expect.stringMatching(/1–4/) },
    ]);
    expect((await move(ids[0]!, 0)).statusCode).toBe(400);
    expect((await move(ids[0]!, 'first')).statusCode).toBe(400);
    expect((await move(ids[0]!, 2, ds[0]!.cookie)).statusCode).toBe(403);
    expect(
      (await call(h, 'PATCH', `/api/floor/${ids[0]}`, { payload: { position: 2 } })).statusCode,
    ).toBe(401);
    expect((await move('00000000-0000-4000-8000-000000000000', 1)).statusCode).toBe(404);

    await next(s); // Aida speaks
    expect((await move(ids[0]!, 1)).statusCode).toBe(409);
    expect(names(await floor(s))).toEqual(['Bakyt:statement', 'Dina:statement', 'Chen:statement']);
  });

  it('withdraws: the delegate her own request or a moderator any; the list closes up', async () => {
    const s = await setup();
    const ds = [];
    for (const name of ['Aida', 'Bakyt', 'Chen', 'Dina'])
      ds.push(await delegate(s.slug, { fullName: name }));
    const ids = [];
    for (const d of ds) ids.push((await askOk(s, d)).id);
    const withdraw = (id: string, cookie?: string) =>
      call(h, 'DELETE', `/api/floor/${id}`, cookie ? { cookie } : {});

    expect((await withdraw(ids[1]!)).statusCode).toBe(401);
    expect((await withdraw(ids[1]!, ds[0]!.cookie)).statusCode).toBe(403);
    const own = await withdraw(ids[1]!, ds[1]!.cookie);
    expect(own.statusCode, own.body).toBe(204);
    expect(own.body).toBe('');
    expect((await floor(s)).queue.map((q) => `${q.position}${q.name}`)).toEqual([
      '1Aida',
      '2Chen',
      '3Dina',
    ]);
    expect((await withdraw(ids[1]!, ds[1]!.cookie)).statusCode).toBe(409);
    expect((await withdraw(ids[2]!, s.moderator)).statusCode).toBe(204);
    expect((await floor(s)).queue.map((q) => `${q.position}${q.name}`)).toEqual(['1Aida', '2Dina']);
    expect((await withdraw('00000000-0000-4000-8000-000000000000', s.moderator)).statusCode).toBe(
      404,
    );
    // Having withdrawn, she may ask again: at the end of the statements.
    expect((await askOk(s, ds[1]!)).position).toBe(3);
    // The one speaking is not withdrawn; the chair moves on instead.
    await next(s);
    expect((await withdraw(ids[0]!, ds[0]!.cookie)).statusCode).toBe(409);
  });

  it('closes and reopens the list; a request to a closed list is 409', async () => {
    const s = await setup();
    const [a, b] = [await delegate(s.slug), await delegate(s.slug)];
    await askOk(s, a!);
    const patch = (payload: unknown, cookie: string | undefined = s.moderator) =>
      call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
        ...(cookie ? { cookie } : {}),
        payload,
      });
    const closed = await patch({ open: false });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ open: false, balanced: false });
    expect(closed.json().queue).toHaveLength(1);
    const refused = await ask(s, b!);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/closed/);
    // Those inscribed still speak.
    expect((await next(s)).current).not.toBeNull();
    expect((await patch({ open: true })).json().open).toBe(true);
    expect((await askOk(s, b!)).position).toBe(1);

    expect((await patch({ open: false }, a!.cookie)).statusCode).toBe(403);
    expect(
      (
        await call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
          payload: { open: false },
        })
      ).statusCode,
    ).toBe(401);
    expect((await patch({ open: 'no' })).statusCode).toBe(400);
    expect((await patch({ speakingMinutes: 0 })).statusCode).toBe(400);
    expect((await floor(s)).open).toBe(true);
  });
});

describe('the balanced list', () => {
  it('alternates participant types, first come within each, when switched on and as requests join', async () => {
    const s = await setup();
    const who = [
      ['G1', 'government'],
      ['G2', 'government'],
      ['G3', 'government'],
      ['IO1', 'international_organization'],
      ['R1', 'civil_society'],
      ['CS1', 'civil_society'],
      ['IO2', 'international_organization'],
    ] as const;
    const ds: Record<string, Delegate> = {};
    for (const [name, participantType] of who)
      ds[name] = await delegate(s.slug, { fullName: name, participantType });
    for (const [name] of who) await askOk(s, ds[name]!, name === 'R1' ? 'reply' : undefined);
    expect(names(await floor(s))).toEqual([
      'G1:statement',
      'G2:statement',
      'G3:statement',
      'IO1:statement',
      'CS1:statement',
      'IO2:statement',
      'R1:reply',
    ]);

    const on = await call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
      cookie: s.moderator,
      payload: { balanced: true },
    });
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().balanced).toBe(true);
    // Nobody has spoken: the cycle starts with the first request's type.
    expect(names(on.json())).toEqual([
      'G1:statement',
      'IO1:statement',
      'CS1:statement',
      'G2:statement',
      'IO2:statement',
      'G3:statement',
      'R1:reply',
    ]);

    // G1 speaks; a civil-society statement joins: the cycle goes on after the government.
    await next(s);
    const cs2 = await delegate(s.slug, { fullName: 'CS2', participantType: 'civil_society' });
    expect((await askOk(s, cs2)).position).toBe(5);
    expect(names(await floor(s))).toEqual([
      'IO1:statement',
      'CS1:statement',
      'G2:statement',
      'IO2:statement',
      'CS2:statement',
      'G3:statement',
      'R1:reply',
    ]);
    // A point of order still goes to the head.
    const poo = await delegate(s.slug, { fullName: 'P1', participantType: 'academia' });
    expect((await askOk(s, poo, 'point_of_order')).position).toBe(1);
  });
});

describe('speaking time per delegation', () => {
  it('is shown to moderators only', async () => {
    const s = await setup();
    const kz1 = await delegate(s.slug, { fullName: 'KZ one', country: 'KZ' });
    const kz2 = await delegate(s.slug, {
      fullName: 'KZ two',
      country: 'KZ',
      organization: 'Ministry of Energy',
    });
    const io = await delegate(s.slug, {
      fullName: 'IO one',
      country: 'AT',
      organization: 'OSCE',
      participantType: 'international_organization',
    });
    for (const d of [kz1, kz2, io]) await askOk(s, d);
    // Each turn lasts a known time: its start is set back before the chair moves on.
    const setBack = (seconds: number) =>
      h.database.db
        .update(floorRequests)
        .set({ startedAt: sql`clock_timestamp() - make_interval(secs => ${seconds})` })
        .where(eq(floorRequests.status, 'speaking'));
    await next(s);
    await setBack(90);
    await next(s);
    await setBack(30);
    await next(s);
    await setBack(45);
    const f = await next(s);
    expect(f.current).toBeNull();
    expect(f.speakingTotals).toEqual([
      {
        delegation: 'KZ',
        participantType: 'government',
        country: 'KZ',
        organization: null,
        seconds: expect.any(Number),
        turns: 2,
      },
      {
        delegation: 'OSCE',
        participantType: 'international_organization',
        country: 'AT',
        organization: 'OSCE',
        seconds: expect.any(Number),
        turns: 1,
      },
    ]);
    expect(Math.abs(f.speakingTotals![0]!.seconds - 120)).toBeLessThanOrEqual(2);
    expect(Math.abs(f.speakingTotals![1]!.seconds - 45)).toBeLessThanOrEqual(2);
    expect((await floor(s, s.organizer)).speakingTotals).toHaveLength(2);
    expect((await floor(s, kz1.cookie)).speakingTotals).toBeUndefined();
    expect((await floor(s)).speakingTotals).toBeUndefined();
  });
});

describe('the record and the registration', () => {
  it('audits every change of the floor', async () => {
    const s = await setup();
    const [a, b] = [await delegate(s.slug), await delegate(s.slug)];
    const ra = await askOk(s, a!);
    const rb = await askOk(s, b!);
    await call(h, 'PATCH', `/api/floor/${rb.id}`, {
      cookie: s.moderator,
      payload: { position: 1 },
    });
    await call(h, 'DELETE', `/api/floor/${rb.id}`, { cookie: b!.cookie });
    await next(s);
    await call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
      cookie: s.moderator,
      payload: { open: false },
    });
    const audit = (await auditOf(h, s.organizer, s.slug)).filter((e) => e.entityType === 'floor');
    expect(audit.map((e) => [e.action, e.entityId]).reverse()).toEqual([
      ['floor.requested', ra.id],
      ['floor.requested', rb.id],
      ['floor.reordered', rb.id],
      ['floor.withdrawn', rb.id],
      ['floor.given', ra.id],
      ['floor.updated', s.sessionId],
    ]);
    expect(audit.find((e) => e.action === 'floor.given')!.actor).toBe('chair@example.org');
    expect(audit.find((e) => e.action === 'floor.withdrawn')!.actor).toBe(b!.email);
    expect(JSON.stringify(audit)).not.toContain(a!.fullName);
  });

  it('takes a delegate off the lists when her registration is cancelled', async () => {
    const s = await setup();
    const [a, b] = [
      await delegate(s.slug, { fullName: 'Aida' }),
      await delegate(s.slug, { fullName: 'Bakyt' }),
    ];
    const ra = await askOk(s, a!);
    await askOk(s, b!);
    const mine = await call(h, 'GET', `/api/meetings/${s.slug}/registrations/me`, {
      cookie: a!.cookie,
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const cancel = await call(h, 'POST', `/api/registrations/${mine.json().id}/cancel`, {
      cookie: a!.cookie,
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await floor(s)).queue.map((q) => `${q.position}${q.name}`)).toEqual(['1Bakyt']);
    const [row] = await h.database.db
      .select()
      .from(floorRequests)
      .where(eq(floorRequests.id, ra.id));
    expect(row!.status).toBe('withdrawn');
  });
});

describe('the floor, live', () => {
  it('sends every change to each viewer as one floor.updated, seq growing, speaking totals to moderators only', async () => {
    const s = await setup();
    const [a, b] = [
      await delegate(s.slug, { fullName: 'Aida' }),
      await delegate(s.slug, { fullName: 'Bakyt' }),
    ];
    const base = await listen(h.app);
    const url = `${base}/api/live/sessions/${s.sessionId}`;
    const watcher = await connect(url, { origin: PUBLIC_URL });
    const chair = await connect(url, { origin: PUBLIC_URL, cookie: s.moderator });
    const aida = await connect(url, { origin: PUBLIC_URL, cookie: a!.cookie });
    clients.push(watcher, chair, aida);
    const snapshot = await watcher.waitFor((f) => f.type === 'snapshot');
    expect(snapshot.floor).toEqual(await floor(s));
    expect(
      ((await chair.waitFor((f) => f.type === 'snapshot')).floor as FloorAnswer).speakingTotals,
    ).toEqual([]);
    expect(
      ((await aida.waitFor((f) => f.type === 'snapshot')).floor as FloorAnswer).mine,
    ).toBeNull();
    const start = snapshot.seq as number;

    const ra = await askOk(s, a!);
    const rb = await askOk(s, b!, 'point_of_order');
    await call(h, 'PATCH', `/api/floor/${ra.id}`, {
      cookie: s.moderator,
      payload: { position: 1 },
    });
    await next(s);
    await call(h, 'DELETE', `/api/floor/${rb.id}`, { cookie: b!.cookie });
    await call(h, 'PATCH', `/api/sessions/${s.sessionId}/floor`, {
      cookie: s.moderator,
      payload: { open: false },
    });
    const count = 6;
    for (const c of [watcher, chair])
      await c.waitFor((f) => f.type === 'event' && f.seq === start + count);
    const events = watcher.frames.filter((f) => f.type === 'event');
    expect(events.map((e) => e.event)).toEqual(Array(count).fill('floor.updated'));
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: count }, (_, i) => start + i + 1),
    );
    // The last event carries the floor as it now is, as GET gives it.
    const last = events.at(-1)!.data as FloorAnswer;
    expect(last).toEqual(await floor(s));
    expect(last).toMatchObject({ open: false, current: { id: ra.id, name: 'Aida' }, queue: [] });
    expect(last.speakingTotals).toBeUndefined();
    const chairEvents = chair.frames.filter((f) => f.type === 'event');
    expect(chairEvents.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    const chairLast = chairEvents.at(-1)!.data as FloorAnswer;
    expect(chairLast.speakingTotals).toEqual([
      expect.objectContaining({ delegation: 'KZ', turns: 1 }),
    ]);
    // A delegate's own viewer gets the same events as the public.
    await aida.waitFor((f) => f.type === 'event' && f.seq === start + count);
    expect(aida.frames.filter((f) => f.type === 'event').at(-1)!.data).toEqual(last);

    // A reconnect with ?since= misses nothing.
    const back = await connect(`${url}?since=${start + 4}`, { origin: PUBLIC_URL });
    clients.push(back);
    await back.waitFor((f) => f.seq === start + count);
    expect(back.frames.map((f) => f.seq)).toEqual([start + 5, start + 6]);
  });
});

describe('the floor, by frames on the live channel', () => {
  it('runs the same use-cases with the same rules, answering with acks', async () => {
    const s = await setup();
    const a = await delegate(s.slug, { fullName: 'Aida' });
    const base = await listen(h.app);
    const url = `${base}/api/live/sessions/${s.sessionId}`;
    const watcher = await connect(url, { origin: PUBLIC_URL });
    const aida = await connect(url, { origin: PUBLIC_URL, cookie: a.cookie });
    const chair = await connect(url, { origin: PUBLIC_URL, cookie: s.moderator });
    clients.push(watcher, aida, chair);
    for (const c of [watcher, aida, chair]) await c.waitFor((f) => f.type === 'snapshot');
    const ack = (c: LiveClient, ref: number) =>
      c.waitFor((f) => f.type === 'ack' && f.ref === ref) as Promise<{
        ok: boolean;
        data?: Record<string, unknown>;
        error?: { status: number; errors?: { path: string }[] };
      }>;

    watcher.send({ type: 'floor', action: 'request', ref: 1 });
    expect(await ack(watcher, 1)).toMatchObject({ ok: false, error: { status: 401 } });
    aida.send({ type: 'floor', action: 'request', kind: 'reply', ref: 2 });
    const asked = await ack(aida, 2);
    expect(asked).toMatchObject({ ok: true, data: { status: 'waiting', position: 1 } });
    aida.send({ type: 'floor', action: 'request', ref: 3 });
    expect(await ack(aida, 3)).toMatchObject({ ok: false, error: { status: 409 } });
    aida.send({ type: 'floor', action: 'next', ref: 4 });
    expect(await ack(aida, 4)).toMatchObject({ ok: false, error: { status: 403 } });
    chair.send({ type: 'floor', action: 'shout', ref: 5 });
    expect(await ack(chair, 5)).toMatchObject({ ok: false, error: { status: 400 } });
    chair.send({ type: 'floor', action: 'reorder', id: 'nope', position: 1, ref: 6 });
    expect(await ack(chair, 6)).toMatchObject({
      ok: false,
      error: { status: 400, errors: [{ path: 'id' }] },
    });
    chair.send({ type: 'floor', action: 'next', ref: 7 });
    const given = await ack(chair, 7);
    expect(given).toMatchObject({
      ok: true,
      data: { current: { id: asked.data!.id, name: 'Aida', kind: 'reply' }, queue: [] },
    });
    chair.send({ type: 'floor', action: 'set', open: false, ref: 8 });
    expect(await ack(chair, 8)).toMatchObject({ ok: true, data: { open: false } });
    // The socket stays open, and the watcher saw each change as it happened.
    await watcher.waitFor((f) => f.type === 'event' && (f.data as FloorAnswer).open === false);
    expect(watcher.frames.filter((f) => f.type === 'event')).toHaveLength(3);
    expect(await floor(s)).toMatchObject({ open: false, current: { name: 'Aida' } });
  });
});

describe('the cost of the floor', () => {
  it('reads a long list with as many queries as a short one', async () => {
    const s = await setup();
    const add = async (from: number, to: number) => {
      const people = await h.database.db
        .insert(users)
        .values(
          Array.from({ length: to - from }, (_, i) => ({
            email: `speaker${from + i}@example.org`,
          })),
        )
        .returning();
      await h.database.db.insert(floorRequests).values(
        people.map((u, i) => ({
          sessionId: s.sessionId,
          userId: u.id,
          name: `Speaker ${from + i}`,
          country: 'KZ',
          participantType: 'government' as const,
          ...((from + i) % 2 === 0
            ? { status: 'waiting' as const, position: (from + i) / 2 + 1 }
            : {
                status: 'done' as const,
                startedAt: new Date(Date.now() - 60_000),
                endedAt: new Date(),
              }),
        })),
      );
    };
    const counts = async () => {
      const out: number[] = [];
      for (const cookie of [undefined, s.moderator]) {
        const { result, queries } = await countQueries(() =>
          h.app.inject({
            url: `/api/sessions/${s.sessionId}/floor`,
            ...(cookie ? { headers: { cookie } } : {}),
          }),
        );
        expect(result.statusCode).toBe(200);
        out.push(queries.length);
      }
      return out;
    };
    await add(0, 2);
    const few = await counts();
    await add(2, 100);
    const many = await counts();
    expect((await floor(s)).queue).toHaveLength(50);
    expect(many).toEqual(few);
  });
});
