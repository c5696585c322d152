import { describe, expect, it } from 'vitest';
import {
  ADMIN,
  createMeeting,
  registerDelegate,
  registerInOrder,
  signIn,
  useHarness,
} from './helpers.js';
import {
  auditOf,
  call,
  decide,
  expectDensePositions,
  inQueueOrder,
  listRegistrations,
  mailKinds,
  meetingCounts,
  rowCounts,
  signInStranger,
} from './registration-helpers.js';

const h = useHarness();

const CONSENT_VERSION = '2026-11-v1';

describe('registration in open mode', () => {
  it('confirms while seats remain, then waitlists with dense positions, and the counts match', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 2 });
    const before = Date.now();
    const a = await registerDelegate(h, slug, {
      email: 'Anna.Karimova@Example.ORG',
      country: 'uz',
    });
    const b = await registerDelegate(h, slug);
    const c = await registerDelegate(h, slug);
    const d = await registerDelegate(h, slug);
    const after = Date.now();

    expect(a.res.statusCode).toBe(201);
    expect(a.res.json()).toEqual({ id: expect.any(String), status: 'confirmed' });
    expect(b.res.json()).toEqual({ id: expect.any(String), status: 'confirmed' });
    expect(c.res.statusCode).toBe(201);
    expect(c.res.json()).toEqual({
      id: expect.any(String),
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(d.res.json()).toEqual({
      id: expect.any(String),
      status: 'waitlisted',
      waitlistPosition: 2,
    });

    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 2, waitlistCount: 2 });

    const items = await listRegistrations(h, cookie, slug);
    expect(items.map((r) => [r.id, r.status, r.waitlistPosition])).toEqual([
      [a.res.json().id, 'confirmed', null],
      [b.res.json().id, 'confirmed', null],
      [c.res.json().id, 'waitlisted', 1],
      [d.res.json().id, 'waitlisted', 2],
    ]);
    // E-mail and country are normalised; consent is recorded with its time and version.
    expect(items[0]).toMatchObject({
      email: 'anna.karimova@example.org',
      country: 'UZ',
      consentVersion: CONSENT_VERSION,
    });
    for (const r of items) {
      expect(r.consentVersion).toBe(CONSENT_VERSION);
      expect(r.consentAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const t = Date.parse(r.consentAt);
      expect(t).toBeGreaterThanOrEqual(before - 1);
      expect(t).toBeLessThanOrEqual(after + 1);
    }
    expect((await listRegistrations(h, cookie, slug, 'waitlisted')).map((r) => r.id)).toEqual([
      c.res.json().id,
      d.res.json().id,
    ]);

    const stats = await call(h, 'GET', `/api/meetings/${slug}/registrations/stats`, { cookie });
    expect(stats.statusCode).toBe(200);
    expect(stats.json().byStatus).toEqual({
      pending: 0,
      confirmed: 2,
      waitlisted: 2,
      declined: 0,
      cancelled: 0,
    });
  });

  it('keeps a country at maxPerCountry while seats remain for others', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 5, maxPerCountry: 2 });
    const kz = [];
    for (let i = 0; i < 3; i++)
      kz.push((await registerDelegate(h, slug, { country: 'KZ' })).res.json());
    const uz = (await registerDelegate(h, slug, { country: 'UZ' })).res.json();
    expect(kz.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expect(kz[2].waitlistPosition).toBe(1);
    expect(uz.status).toBe('confirmed');
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 3, waitlistCount: 1 });
    const stats = (
      await call(h, 'GET', `/api/meetings/${slug}/registrations/stats`, { cookie })
    ).json();
    expect(stats.byCountry).toEqual([
      { country: 'KZ', confirmed: 2, waitlisted: 1, pending: 0, total: 3 },
      { country: 'UZ', confirmed: 1, waitlisted: 0, pending: 0, total: 1 },
    ]);
  });
});

describe('refused registrations', () => {
  it('answers 404 for a draft and 409 for a closed meeting or outside the window', async () => {
    const draft = await createMeeting(h, { slug: 'draft-meeting' }, false);
    expect((await registerDelegate(h, draft.slug)).res.statusCode).toBe(404);

    const closed = await createMeeting(h, { slug: 'closed-meeting' });
    expect((await registerDelegate(h, closed.slug)).res.statusCode).toBe(201);
    const close = await call(h, 'POST', `/api/meetings/${closed.slug}/close`, {
      cookie: closed.cookie,
    });
    expect(close.statusCode).toBe(200);
    const late = await registerDelegate(h, closed.slug);
    expect(late.res.statusCode).toBe(409);
    expect(late.res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(late.res.json()).toMatchObject({ status: 409 });

    const day = 86_400_000;
    const notYet = await createMeeting(h, {
      slug: 'not-yet-open',
      registrationOpensAt: new Date(Date.now() + day).toISOString(),
    });
    const early = await registerDelegate(h, notYet.slug);
    expect(early.res.statusCode).toBe(409);
    expect(early.res.json().status).toBe(409);

    const over = await createMeeting(h, {
      slug: 'window-over',
      registrationOpensAt: new Date(Date.now() - 2 * day).toISOString(),
      registrationClosesAt: new Date(Date.now() - day).toISOString(),
    });
    expect((await registerDelegate(h, over.slug)).res.statusCode).toBe(409);

    const open = await createMeeting(h, {
      slug: 'window-open',
      registrationOpensAt: new Date(Date.now() - day).toISOString(),
      registrationClosesAt: new Date(Date.now() + day).toISOString(),
    });
    expect((await registerDelegate(h, open.slug)).res.statusCode).toBe(201);

    // Only the two accepted registrations were written.
    expect((await rowCounts(h)).registrations).toBe(2);
  });

  it('refuses the same e-mail twice (any case) until the first registration is cancelled', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1 });
    const first = await registerDelegate(h, slug, { email: 'twice@example.org' });
    expect(first.res.statusCode).toBe(201);
    const again = await registerDelegate(h, slug, { email: 'twice@example.org' });
    expect(again.res.statusCode).toBe(409);
    // The problem names the field, so a form can offer a sign-in link instead of a dead end.
    expect(again.res.json()).toMatchObject({
      status: 409,
      detail: 'This e-mail address is already registered for this meeting',
      errors: [
        { path: 'email', message: 'This e-mail address is already registered for this meeting' },
      ],
    });
    const upper = await registerDelegate(h, slug, { email: '  TWICE@Example.Org ' });
    expect(upper.res.statusCode).toBe(409);
    // A waitlisted one also holds the address.
    const w = await registerDelegate(h, slug, { email: 'waiting@example.org' });
    expect(w.res.json().status).toBe('waitlisted');
    expect((await registerDelegate(h, slug, { email: 'waiting@example.org' })).res.statusCode).toBe(
      409,
    );

    expect((await decide(h, cookie, first.res.json().id, 'cancel')).statusCode).toBe(200);
    // The seat went to the waiting delegate, so the returning one waits now.
    const back = await registerDelegate(h, slug, { email: 'TWICE@example.org' });
    expect(back.res.statusCode).toBe(201);
    expect(back.res.json()).toEqual({
      id: expect.any(String),
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(back.res.json().id).not.toBe(first.res.json().id);
    const items = await listRegistrations(h, cookie, slug);
    expect(items.filter((r) => r.email === 'twice@example.org').map((r) => r.status)).toEqual([
      'cancelled',
      'waitlisted',
    ]);
    // The delegate's own page shows the live registration, not the cancelled one.
    const own = await signIn(h, 'twice@example.org');
    const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: own });
    expect(me.json()).toMatchObject({
      id: back.res.json().id,
      status: 'waitlisted',
      waitlistPosition: 1,
    });
  });

  it('answers 400 with errors per field and writes nothing', async () => {
    const { slug } = await createMeeting(h);
    const before = await rowCounts(h);
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email' }, 'email'],
      [{ country: 'ZZ' }, 'country'],
      [{ consent: false }, 'consent'],
      [{ participantType: 'lobbyist' }, 'participantType'],
      [{ fullName: '   ' }, 'fullName'],
      [{ preferredLanguage: 'de' }, 'preferredLanguage'],
    ];
    for (const [override, path] of cases) {
      const { res } = await registerDelegate(h, slug, override);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      const body = res.json();
      expect(body.status).toBe(400);
      expect(body.errors).toEqual([{ path, message: expect.any(String) }]);
    }
    // Several bad fields at once: each is named.
    const { res } = await registerDelegate(h, slug, { email: 'x', country: 'ZZ', consent: false });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['consent', 'country', 'email']);
    // consent missing altogether
    const missing = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${slug}/registrations`,
      payload: {
        email: 'a@example.org',
        fullName: 'A',
        organization: 'B',
        country: 'KZ',
        participantType: 'other',
      },
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toEqual(['consent']);

    expect(await rowCounts(h)).toEqual(before);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 0, waitlistCount: 0 });
  });
});

describe('approval mode', () => {
  it('goes pending → confirmed / waitlisted / declined, and refuses wrong transitions with 409', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1, registrationMode: 'approval' });
    const regs = [];
    for (let i = 0; i < 4; i++) {
      const { res } = await registerDelegate(h, slug);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ id: expect.any(String), status: 'pending' });
      regs.push(res.json().id as string);
    }
    const [a, b, c, d] = regs as [string, string, string, string];
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 0, waitlistCount: 0 });

    const ok = await decide(h, cookie, a, 'approve');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ id: a, status: 'confirmed', waitlistPosition: null });
    const full = await decide(h, cookie, b, 'approve');
    expect(full.statusCode).toBe(200);
    expect(full.json()).toMatchObject({ id: b, status: 'waitlisted', waitlistPosition: 1 });
    const no = await decide(h, cookie, c, 'decline');
    expect(no.statusCode).toBe(200);
    expect(no.json()).toMatchObject({ id: c, status: 'declined' });

    const snapshot = await rowCounts(h);
    // Transitions the current status does not allow.
    for (const [id, decision] of [
      [a, 'approve'],
      [a, 'decline'],
      [b, 'approve'],
      [c, 'approve'],
      [c, 'decline'],
      [c, 'cancel'],
    ] as const) {
      const res = await decide(h, cookie, id, decision);
      expect(res.statusCode, `${decision} ${id}`).toBe(409);
      expect(res.json().status).toBe(409);
    }
    // A refused transition writes neither an audit row nor an e-mail.
    expect(await rowCounts(h)).toEqual(snapshot);

    // A waiting one may still be declined; a pending one cancelled.
    expect((await decide(h, cookie, b, 'decline')).json().status).toBe('declined');
    expect((await decide(h, cookie, d, 'cancel')).json().status).toBe('cancelled');
    expect((await decide(h, cookie, d, 'cancel')).statusCode).toBe(409);

    const items = await listRegistrations(h, cookie, slug);
    expect(items.map((r) => r.status)).toEqual(['confirmed', 'declined', 'declined', 'cancelled']);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 1, waitlistCount: 0 });

    // A declined address may register again.
    const declinedEmail = items[1]!.email;
    const again = await registerDelegate(h, slug, { email: declinedEmail });
    expect(again.res.statusCode).toBe(201);
    expect(again.res.json().status).toBe('pending');
  });

  it('lets only organizers decide: 401 without sign-in, 404 for strangers, 403 for the delegate', async () => {
    const { slug } = await createMeeting(h, { registrationMode: 'approval' });
    const { res, body } = await registerDelegate(h, slug);
    const id = res.json().id;
    expect((await decide(h, undefined, id, 'approve')).statusCode).toBe(401);
    const stranger = await signInStranger(h);
    expect((await decide(h, stranger, id, 'approve')).statusCode).toBe(404);
    expect((await decide(h, stranger, id, 'decline')).statusCode).toBe(404);
    const own = await signIn(h, body.email);
    expect((await decide(h, own, id, 'approve')).statusCode).toBe(403);
    expect((await decide(h, own, id, 'decline')).statusCode).toBe(403);
    const admin = await signIn(h, 'admin@example.org');
    expect(
      (await decide(h, admin, '00000000-0000-4000-8000-000000000000', 'approve')).statusCode,
    ).toBe(404);
    expect((await decide(h, admin, 'not-a-uuid', 'approve')).statusCode).toBe(400);
    expect((await listRegistrations(h, admin, slug))[0]!.status).toBe('pending');
  });
});

describe('cancelling', () => {
  it('by the delegate themself, not by another user, and by an organizer', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 5 });
    const mine = await registerDelegate(h, slug);
    const other = await registerDelegate(h, slug);
    const id = mine.res.json().id;

    expect((await decide(h, undefined, id, 'cancel')).statusCode).toBe(401);
    const stranger = await signInStranger(h);
    const refused = await decide(h, stranger, id, 'cancel');
    expect(refused.statusCode).toBe(404);
    // Another delegate of the same meeting cannot either.
    const otherCookie = await signIn(h, other.body.email);
    expect((await decide(h, otherCookie, id, 'cancel')).statusCode).toBe(404);
    expect((await listRegistrations(h, cookie, slug, 'confirmed')).length).toBe(2);

    const own = await signIn(h, mine.body.email);
    const res = await decide(h, own, id, 'cancel');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'cancelled', email: mine.body.email });
    const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: own });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id, status: 'cancelled' });

    const byOrganizer = await decide(h, cookie, other.res.json().id, 'cancel');
    expect(byOrganizer.statusCode).toBe(200);
    expect(byOrganizer.json().status).toBe('cancelled');
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 0, waitlistCount: 0 });
    expect(await mailKinds(h, mine.body.email)).toEqual([
      'registration_confirmed',
      'magic_link',
      'registration_cancelled',
    ]);
  });

  it('gives a freed seat to the head of the waiting list at once; positions stay dense', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 2 });
    const regs = await registerInOrder(h, slug, 5);
    const ids = regs.map((r) => r.id);
    const emails = regs.map((r) => r.email);
    const res = await decide(h, cookie, ids[0]!, 'cancel');
    expect(res.statusCode).toBe(200);
    const items = await listRegistrations(h, cookie, slug);
    expect(items.map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['cancelled', null],
      ['confirmed', null],
      ['confirmed', null],
      ['waitlisted', 1],
      ['waitlisted', 2],
    ]);
    expectDensePositions(items.filter((r) => r.status === 'waitlisted'));
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 2, waitlistCount: 2 });
    expect(await mailKinds(h, emails[2]!)).toEqual([
      'registration_waitlisted',
      'registration_promoted',
    ]);
    expect(await mailKinds(h, emails[3]!)).toEqual(['registration_waitlisted']);

    // A waiting delegate who leaves closes the gap behind them.
    expect((await decide(h, cookie, ids[3]!, 'cancel')).statusCode).toBe(200);
    const after = await listRegistrations(h, cookie, slug, 'waitlisted');
    expect(after.map((r) => [r.id, r.waitlistPosition])).toEqual([[ids[4], 1]]);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 2, waitlistCount: 1 });

    const audit = await auditOf(h, cookie, slug);
    const promoted = audit.filter((e) => e.action === 'registration.promoted');
    expect(promoted.map((e) => e.entityId)).toEqual([ids[2]]);
  });

  it('skips a waiting delegate whose country is full and promotes the next who fits', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 3, maxPerCountry: 1 });
    const reg = async (country: string) => {
      const { res, body } = await registerDelegate(h, slug, { country });
      expect(res.statusCode).toBe(201);
      return { ...res.json(), email: body.email } as {
        id: string;
        status: string;
        waitlistPosition?: number;
        email: string;
      };
    };
    const kz1 = await reg('KZ');
    const kz2 = await reg('KZ'); // KZ is full: waits although seats remain
    const uz1 = await reg('UZ');
    const kz3 = await reg('KZ');
    const tj1 = await reg('TJ'); // the last seat
    const uz2 = await reg('UZ');
    const kg1 = await reg('KG');
    expect([kz1, kz2, uz1, kz3, tj1, uz2, kg1].map((r) => [r.status, r.waitlistPosition])).toEqual([
      ['confirmed', undefined],
      ['waitlisted', 1],
      ['confirmed', undefined],
      ['waitlisted', 2],
      ['confirmed', undefined],
      ['waitlisted', 3],
      ['waitlisted', 4],
    ]);

    // UZ frees a seat: the KZ delegates ahead still do not fit, the UZ one behind them does.
    expect((await decide(h, cookie, uz1.id, 'cancel')).statusCode).toBe(200);
    let waiting = await listRegistrations(h, cookie, slug, 'waitlisted');
    expect(waiting.map((r) => [r.id, r.waitlistPosition])).toEqual([
      [kz2.id, 1],
      [kz3.id, 2],
      [kg1.id, 3],
    ]);
    expect((await listRegistrations(h, cookie, slug, 'confirmed')).map((r) => r.id).sort()).toEqual(
      [kz1.id, tj1.id, uz2.id].sort(),
    );
    expect(await mailKinds(h, uz2.email)).toEqual([
      'registration_waitlisted',
      'registration_promoted',
    ]);
    expect(await mailKinds(h, kz2.email)).toEqual(['registration_waitlisted']);

    // KZ frees its seat: the first waiting KZ delegate gets it.
    expect((await decide(h, cookie, kz1.id, 'cancel')).statusCode).toBe(200);
    waiting = await listRegistrations(h, cookie, slug, 'waitlisted');
    expect(waiting.map((r) => [r.id, r.waitlistPosition])).toEqual([
      [kz3.id, 1],
      [kg1.id, 2],
    ]);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 3, waitlistCount: 2 });
  });
});

describe('changing the meeting', () => {
  it('promotes waiting delegates when capacity or maxPerCountry grows', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1, maxPerCountry: 1 });
    const kz = [];
    for (let i = 0; i < 3; i++)
      kz.push((await registerDelegate(h, slug, { country: 'KZ' })).res.json().id);
    const uz = (await registerDelegate(h, slug, { country: 'UZ' })).res.json().id;
    const kg = (await registerDelegate(h, slug, { country: 'KG' })).res.json().id;
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 1, waitlistCount: 4 });

    // Two more seats: KZ is at its limit, so UZ and KG (behind the KZ ones) take them.
    const patch = await call(h, 'PATCH', `/api/meetings/${slug}`, {
      cookie,
      payload: { capacity: 3 },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ capacity: 3, confirmedCount: 3, waitlistCount: 2 });
    expect((await listRegistrations(h, cookie, slug, 'confirmed')).map((r) => r.id).sort()).toEqual(
      [kz[0], uz, kg].sort(),
    );

    // Raising the country limit lets the KZ delegates in as seats allow, first come first.
    const more = await call(h, 'PATCH', `/api/meetings/${slug}`, {
      cookie,
      payload: { capacity: 4, maxPerCountry: 5 },
    });
    expect(more.statusCode).toBe(200);
    expect(more.json()).toMatchObject({ confirmedCount: 4, waitlistCount: 1 });
    const waiting = await listRegistrations(h, cookie, slug, 'waitlisted');
    expect(waiting.map((r) => [r.id, r.waitlistPosition])).toEqual([[kz[2], 1]]);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 4, waitlistCount: 1 });

    const audit = await auditOf(h, cookie, slug);
    expect(
      audit
        .filter((e) => e.action === 'registration.promoted')
        .map((e) => e.entityId)
        .sort(),
    ).toEqual([uz, kg, kz[1]].sort());
  });
});

describe('the participant list is never public', () => {
  it('answers 401 without sign-in and 403 to non-organizers', async () => {
    const { slug } = await createMeeting(h);
    const { body } = await registerDelegate(h, slug);
    const paths = [
      `/api/meetings/${slug}/registrations`,
      `/api/meetings/${slug}/registrations?status=confirmed`,
      `/api/meetings/${slug}/registrations.csv`,
      `/api/meetings/${slug}/registrations/stats`,
      `/api/meetings/${slug}/audit`,
    ];
    const delegateCookie = await signIn(h, body.email);
    const stranger = await signInStranger(h);
    for (const p of paths) {
      const anon = await call(h, 'GET', p);
      expect(anon.statusCode, p).toBe(401);
      expect(anon.body).not.toContain(body.email);
      for (const cookie of [delegateCookie, stranger]) {
        const res = await call(h, 'GET', p, { cookie });
        expect(res.statusCode, p).toBe(403);
        expect(res.body).not.toContain(body.email);
      }
    }
    // The caller's own registration needs a sign-in, and someone without one gets 404.
    expect((await call(h, 'GET', `/api/meetings/${slug}/registrations/me`)).statusCode).toBe(401);
    expect(
      (await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: stranger }))
        .statusCode,
    ).toBe(404);
    const mine = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, {
      cookie: delegateCookie,
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ email: body.email, status: 'confirmed' });
  });
});

describe('audit', () => {
  it('lists created, approved, declined, cancelled, promoted and checked_in, newest first', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1, registrationMode: 'approval' });
    const regs = await registerInOrder(h, slug, 3);
    const ids = regs.map((r) => r.id);
    const emails = regs.map((r) => r.email);
    const [a, b, c] = ids as [string, string, string];
    expect((await decide(h, cookie, a, 'approve')).json().status).toBe('confirmed');
    expect((await decide(h, cookie, b, 'approve')).json().status).toBe('waitlisted');
    expect((await decide(h, cookie, c, 'decline')).json().status).toBe('declined');
    expect((await decide(h, cookie, a, 'cancel')).json().status).toBe('cancelled');
    // b was promoted by the cancellation; check b in.
    const own = await signIn(h, emails[1]!);
    const me = (
      await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: own })
    ).json();
    expect(me.status).toBe('confirmed');
    const ci = await call(h, 'POST', `/api/meetings/${slug}/check-in`, {
      cookie,
      payload: { code: me.checkInCode },
    });
    expect(ci.statusCode).toBe(200);

    const audit = (await auditOf(h, cookie, slug)).filter((e) => e.entityType === 'registration');
    expect(audit.map((e) => [e.action, e.entityId])).toEqual([
      ['registration.checked_in', b],
      ['registration.promoted', b],
      ['registration.cancelled', a],
      ['registration.declined', c],
      ['registration.approved', b],
      ['registration.approved', a],
      ['registration.created', c],
      ['registration.created', b],
      ['registration.created', a],
    ]);
    for (const e of audit) expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    const times = audit.map((e) => Date.parse(e.at));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    // Decisions name the organizer who took them; the promotion was the system's.
    expect(audit.map((e) => e.actor)).toEqual([
      ADMIN, // checked in
      'system', // promoted
      ADMIN, // cancelled
      ADMIN, // declined
      ADMIN, // approved b
      ADMIN, // approved a
      emails[2], // each sign-up is its delegate's
      emails[1],
      emails[0],
    ]);
  });
});

describe('simultaneous sign-ups on either database', () => {
  // The full concurrency suite runs on PostgreSQL only; this proves the embedded database
  // too takes a burst: its one connection makes the transactions wait for each other
  // instead of failing, and the seats come out right.
  it('answers every one of a burst, fills the seats exactly and queues the rest 1..n', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 3 });
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => registerDelegate(h, slug).then((r) => r.res)),
    );
    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const items = await listRegistrations(h, cookie, slug);
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(3);
    const waiting = await inQueueOrder(
      h,
      items.filter((r) => r.status === 'waitlisted'),
    );
    expect(waiting).toHaveLength(5);
    expectDensePositions(waiting);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 3, waitlistCount: 5 });
  });
});
