/**
 * Seats under concurrency: many sign-ups, decisions and cancellations at once, really in
 * parallel over a pool of 20 connections. PostgreSQL only (vitest.config.ts): on PGlite's
 * one connection the requests serialize and these would prove nothing; a light burst on
 * both databases is in registration.test.ts.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { createMeeting, delegate, mailsTo, nextClientAddress, useHarness } from './helpers.js';
import {
  type RegistrationItem,
  auditOf,
  call,
  decide,
  expectDensePositions,
  inQueueOrder,
  listRegistrations,
  meetingCounts,
} from './registration-helpers.js';

const h = useHarness({}, 20);

const COUNTRIES = ['KZ', 'UZ', 'KG', 'TJ', 'TM', 'AZ'];

function register(slug: string, body: Record<string, unknown>) {
  return h.app.inject({
    method: 'POST',
    url: `/api/meetings/${slug}/registrations`,
    payload: body,
    remoteAddress: nextClientAddress(),
  });
}

/** The invariants of a meeting's seats, checked on the organizer's list. */
async function expectSeatInvariants(
  items: RegistrationItem[],
  capacity: number,
  maxPerCountry: number | null,
) {
  const confirmed = items.filter((r) => r.status === 'confirmed');
  const waiting = items.filter((r) => r.status === 'waitlisted');
  expect(confirmed.length).toBeLessThanOrEqual(capacity);
  const perCountry = new Map<string, number>();
  for (const r of confirmed) perCountry.set(r.country, (perCountry.get(r.country) ?? 0) + 1);
  if (maxPerCountry != null)
    for (const n of perCountry.values()) expect(n).toBeLessThanOrEqual(maxPerCountry);
  // Nobody waits who would fit: a free seat never stays free while someone who fits waits.
  for (const r of waiting) {
    const fits =
      confirmed.length < capacity &&
      (maxPerCountry == null || (perCountry.get(r.country) ?? 0) < maxPerCountry);
    expect(fits, `${r.country} waits although a seat fits`).toBe(false);
  }
  expectDensePositions(await inQueueOrder(h, waiting));
  for (const r of items) if (r.status !== 'waitlisted') expect(r.waitlistPosition).toBeNull();
}

describe('simultaneous sign-ups', () => {
  it('60 at once never exceed capacity nor maxPerCountry; the waiting list is 1..n', async () => {
    const capacity = 20;
    const maxPerCountry = 4;
    const { cookie, slug } = await createMeeting(h, { capacity, maxPerCountry });
    const bodies = Array.from({ length: 60 }, (_, i) =>
      delegate({ country: COUNTRIES[i % COUNTRIES.length] }),
    );
    const responses = await Promise.all(bodies.map((b) => register(slug, b)));

    for (const r of responses) expect(r.statusCode, r.body).toBe(201);
    const answers = responses.map((r) => r.json());
    const confirmed = answers.filter((a) => a.status === 'confirmed');
    const waiting = answers.filter((a) => a.status === 'waitlisted');
    // 6 countries × 4 = 24 possible, so capacity is the binding limit: exactly 20 seats.
    expect(confirmed.length).toBe(capacity);
    expect(waiting.length).toBe(40);
    for (const a of confirmed) expect(a.waitlistPosition).toBeUndefined();
    // Each sign-up was told a distinct place at the end of the queue: 1..40.
    expect(waiting.map((a) => a.waitlistPosition).sort((x, y) => x - y)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );

    const items = await listRegistrations(h, cookie, slug);
    expect(items).toHaveLength(60);
    await expectSeatInvariants(items, capacity, maxPerCountry);
    // The position told at sign-up is still the position now (nothing moved since).
    const byId = new Map(items.map((r) => [r.id, r]));
    for (const a of answers) {
      expect(byId.get(a.id)!.status).toBe(a.status);
      expect(byId.get(a.id)!.waitlistPosition).toBe(a.waitlistPosition ?? null);
    }
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 20, waitlistCount: 40 });

    // Every delegate got exactly one e-mail, the one for their status, with their position.
    const arrival: { position: number; mailId: number }[] = [];
    for (let i = 0; i < bodies.length; i++) {
      const mails = await mailsTo(h, bodies[i]!.email as string);
      expect(mails.map((m) => m.kind)).toEqual([
        answers[i].status === 'confirmed' ? 'registration_confirmed' : 'registration_waitlisted',
      ]);
      if (answers[i].status === 'waitlisted') {
        expect(mails[0]!.text).toContain(
          `You are number ${answers[i].waitlistPosition} on the waiting list`,
        );
        arrival.push({ position: answers[i].waitlistPosition, mailId: mails[0]!.id });
      }
    }
    // The queue is in the order the sign-ups reached the meeting lock (the outbox id is a
    // sequence taken under it): first come, first served.
    arrival.sort((a, b) => a.mailId - b.mailId);
    expect(arrival.map((a) => a.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const created = (await auditOf(h, cookie, slug)).filter(
      (e) => e.action === 'registration.created',
    );
    expect(created).toHaveLength(60);
  });

  it('a country limit tighter than capacity holds at once, and the freed seat goes to the first who fits', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 30, maxPerCountry: 3 });
    const bodies = Array.from({ length: 54 }, (_, i) =>
      delegate({ country: COUNTRIES[i % COUNTRIES.length] }),
    );
    const responses = await Promise.all(bodies.map((b) => register(slug, b)));
    for (const r of responses) expect(r.statusCode, r.body).toBe(201);
    let items = await listRegistrations(h, cookie, slug);
    // 6 countries × 3 = 18 seats taken, 12 stay free, 36 wait for their country.
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(18);
    await expectSeatInvariants(items, 30, 3);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 18, waitlistCount: 36 });

    // A UZ delegate leaves: the first waiting UZ delegate (not the head of the list) gets the seat.
    const uzConfirmed = items.find((r) => r.country === 'UZ' && r.status === 'confirmed')!;
    const firstUzWaiting = items
      .filter((r) => r.country === 'UZ' && r.status === 'waitlisted')
      .sort((a, b) => a.waitlistPosition! - b.waitlistPosition!)[0]!;
    expect((await decide(h, cookie, uzConfirmed.id, 'cancel')).statusCode).toBe(200);
    items = await listRegistrations(h, cookie, slug);
    expect(items.find((r) => r.id === firstUzWaiting.id)!.status).toBe('confirmed');
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(18);
    await expectSeatInvariants(items, 30, 3);
  });

  it('the same e-mail sent 10 times at once (in any case) registers exactly once; past five attempts the address is limited', async () => {
    const { cookie, slug } = await createMeeting(h);
    const body = delegate({ email: 'burst@example.org' });
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        register(slug, { ...body, email: i % 2 ? 'BURST@example.org' : 'burst@Example.org' }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([
      201,
      ...Array(4).fill(409),
      ...Array(5).fill(429),
    ]);
    const items = await listRegistrations(h, cookie, slug);
    expect(items.map((r) => r.email)).toEqual(['burst@example.org']);
    expect((await mailsTo(h, 'burst@example.org')).map((m) => m.kind)).toEqual([
      'registration_confirmed',
    ]);
  });
});

describe('cancellations during a burst', () => {
  it('freed seats go to the head of the queue at once while 40 others sign up', async () => {
    const capacity = 10;
    const { cookie, slug } = await createMeeting(h, { capacity });
    const first: { id: string; email: string; status: string }[] = [];
    for (let i = 0; i < 15; i++) {
      const body = delegate();
      const res = await register(slug, body);
      first.push({ ...res.json(), email: body.email });
    }
    expect(first.map((r) => r.status)).toEqual([
      ...Array(10).fill('confirmed'),
      ...Array(5).fill('waitlisted'),
    ]);

    const newcomers = Array.from({ length: 40 }, () => delegate());
    const leaving = first.slice(0, 8);
    // One cancellation among every five sign-ups, all sent at once.
    const requests: Promise<{
      kind: 'signup' | 'cancel';
      i: number;
      res: LightMyRequestResponse;
    }>[] = [];
    newcomers.forEach((b, i) => {
      requests.push(register(slug, b).then((res) => ({ kind: 'signup', i, res })));
      if (i % 5 === 2) {
        const j = (i - 2) / 5;
        requests.push(
          decide(h, cookie, leaving[j]!.id, 'cancel').then((res) => ({
            kind: 'cancel',
            i: j,
            res,
          })),
        );
      }
    });
    const results = await Promise.all(requests);
    const signups = results
      .filter((r) => r.kind === 'signup')
      .sort((x, y) => x.i - y.i)
      .map((r) => r.res);
    const cancels = results.filter((r) => r.kind === 'cancel').map((r) => r.res);
    expect(signups).toHaveLength(40);
    expect(cancels).toHaveLength(8);
    for (const r of cancels) expect(r.statusCode, r.body).toBe(200);
    for (const r of signups) expect(r.statusCode, r.body).toBe(201);

    const items = await listRegistrations(h, cookie, slug);
    await expectSeatInvariants(items, capacity, null);
    const byId = new Map(items.map((r) => [r.id, r]));
    // The five who waited before the burst were first in line: all got seats.
    for (const r of first.slice(10)) expect(byId.get(r.id)!.status).toBe('confirmed');
    for (const r of leaving) expect(byId.get(r.id)!.status).toBe('cancelled');
    // Freed seats never stay free while anyone waits: 10 seats taken, 55 − 10 − 8 waiting.
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    expect(items.filter((r) => r.status === 'waitlisted')).toHaveLength(37);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 10, waitlistCount: 37 });

    // First come, first served. The order in which the newcomers reached the meeting lock is
    // the order of their first e-mails (the outbox id is a sequence taken under the lock): the
    // first three of them hold the three seats left after the five earlier waiters, and the
    // other 37 wait in that same order.
    const arrival: { id: string; mailId: number; promoted: boolean }[] = [];
    let promotedMails = 0;
    for (let i = 0; i < newcomers.length; i++) {
      const answer = signups[i]!.json();
      const mails = await mailsTo(h, newcomers[i]!.email as string);
      if (answer.status === 'confirmed') {
        expect(answer.waitlistPosition).toBeUndefined();
        expect(mails.map((m) => m.kind)).toEqual(['registration_confirmed']);
      } else {
        expect(answer.status).toBe('waitlisted');
        expect(mails[0]!.kind).toBe('registration_waitlisted');
        expect(mails[0]!.text).toContain(
          `You are number ${answer.waitlistPosition} on the waiting list`,
        );
        expect(mails.slice(1).map((m) => m.kind)).toEqual(
          byId.get(answer.id)!.status === 'confirmed' ? ['registration_promoted'] : [],
        );
      }
      promotedMails += mails.filter((m) => m.kind === 'registration_promoted').length;
      arrival.push({ id: answer.id, mailId: mails[0]!.id, promoted: mails.length > 1 });
    }
    arrival.sort((x, y) => x.mailId - y.mailId);
    expect(arrival.slice(0, 3).map((a) => byId.get(a.id)!.status)).toEqual([
      'confirmed',
      'confirmed',
      'confirmed',
    ]);
    expect(arrival.slice(3).map((a) => byId.get(a.id)!.waitlistPosition)).toEqual(
      Array.from({ length: 37 }, (_, i) => i + 1),
    );
    for (const r of first.slice(10))
      expect((await mailsTo(h, r.email)).map((m) => m.kind)).toEqual([
        'registration_waitlisted',
        'registration_promoted',
      ]);

    // Every promotion is audited and e-mailed: the five earlier waiters plus the newcomers
    // who waited before their seat came.
    const audit = await auditOf(h, cookie, slug);
    const promoted = audit.filter((e) => e.action === 'registration.promoted');
    expect(promoted).toHaveLength(5 + promotedMails);
    expect(promoted.map((e) => e.entityId).sort()).toEqual(
      [
        ...first.slice(10).map((r) => r.id),
        ...arrival.filter((a) => a.promoted).map((a) => a.id),
      ].sort(),
    );
    expect(
      audit
        .filter((e) => e.action === 'registration.cancelled')
        .map((e) => e.entityId)
        .sort(),
    ).toEqual(leaving.map((r) => r.id).sort());
  });

  it('simultaneous decisions on one meeting keep the limits; a double cancel is one 200 and one 409', async () => {
    const { cookie, slug } = await createMeeting(h, {
      capacity: 10,
      maxPerCountry: 3,
      registrationMode: 'approval',
    });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) {
      const res = await register(slug, delegate({ country: COUNTRIES[i % 4] }));
      expect(res.json().status).toBe('pending');
      ids.push(res.json().id);
    }
    const approvals = await Promise.all(ids.map((id) => decide(h, cookie, id, 'approve')));
    for (const r of approvals) expect(r.statusCode, r.body).toBe(200);
    // 4 countries × 3 = 12 > 10: capacity binds.
    expect(approvals.filter((r) => r.json().status === 'confirmed')).toHaveLength(10);
    expect(approvals.filter((r) => r.json().status === 'waitlisted')).toHaveLength(14);
    let items = await listRegistrations(h, cookie, slug);
    await expectSeatInvariants(items, 10, 3);

    // Cancel three confirmed delegates, each twice at the same time, while the others wait.
    const victims = items.filter((r) => r.status === 'confirmed').slice(0, 3);
    const cancels = await Promise.all(
      victims.flatMap((v) => [
        decide(h, cookie, v.id, 'cancel'),
        decide(h, cookie, v.id, 'cancel'),
      ]),
    );
    for (let i = 0; i < victims.length; i++) {
      expect([cancels[2 * i]!.statusCode, cancels[2 * i + 1]!.statusCode].sort()).toEqual([
        200, 409,
      ]);
    }
    items = await listRegistrations(h, cookie, slug);
    expect(items.filter((r) => r.status === 'cancelled')).toHaveLength(3);
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(10);
    await expectSeatInvariants(items, 10, 3);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 10, waitlistCount: 11 });
    const audit = await auditOf(h, cookie, slug);
    expect(audit.filter((e) => e.action === 'registration.cancelled')).toHaveLength(3);
    expect(audit.filter((e) => e.action === 'registration.promoted')).toHaveLength(3);
  });

  it('raising capacity during a burst of sign-ups fills exactly the new seats', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 5 });
    const bodies = Array.from({ length: 30 }, () => delegate());
    const results = await Promise.all([
      ...bodies.map((b) => register(slug, b)),
      call(h, 'PATCH', `/api/meetings/${slug}`, { cookie, payload: { capacity: 12 } }),
    ]);
    for (const r of results.slice(0, 30)) expect(r.statusCode, r.body).toBe(201);
    expect(results[30]!.statusCode).toBe(200);
    const items = await listRegistrations(h, cookie, slug);
    await expectSeatInvariants(items, 12, null);
    expect(items.filter((r) => r.status === 'confirmed')).toHaveLength(12);
    expect(await meetingCounts(h, slug)).toEqual({ confirmedCount: 12, waitlistCount: 18 });
  });
});
