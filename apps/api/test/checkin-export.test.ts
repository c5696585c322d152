/** Check-in at the door and the organizer's CSV export. */
import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { registrations } from '@kengash/db';
import { createMeeting, useHarness, registerDelegate, signIn } from './helpers.js';
import { CODE_FORMAT, auditOf, call, decide, listRegistrations } from './registration-helpers.js';

const h = useHarness();

/** Registers a delegate and reads their own registration (with the check-in code) signed in. */
async function registerAndRead(slug: string, overrides: Record<string, unknown> = {}) {
  const { res, body } = await registerDelegate(h, slug, overrides);
  expect(res.statusCode, res.body).toBe(201);
  const cookie = await signIn(h, body.email);
  const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie });
  expect(me.statusCode).toBe(200);
  return { id: res.json().id as string, body, cookie, me: me.json() };
}

const checkIn = (slug: string, cookie: string | undefined, code: string) =>
  call(h, 'POST', `/api/meetings/${slug}/check-in`, {
    ...(cookie ? { cookie } : {}),
    payload: { code },
  });

describe('check-in', () => {
  it('checks a confirmed delegate in once, by the code of their registration page', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1 });
    const d = await registerAndRead(slug);
    expect(d.me.status).toBe('confirmed');
    expect(d.me.checkInCode).toMatch(CODE_FORMAT);
    expect(d.me.checkInQrSvg).toMatch(/^(<\?xml[^>]*>\s*)?<svg[\s>]/);
    expect(d.me.checkInQrSvg.trim()).toMatch(/<\/svg>$/);
    expect(d.me.checkInQrSvg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(d.me.checkedInAt).toBeNull();

    const before = Date.now();
    const first = await checkIn(slug, cookie, d.me.checkInCode);
    expect(first.statusCode, first.body).toBe(200);
    const reg = first.json();
    expect(reg).toMatchObject({ id: d.id, status: 'confirmed', email: d.body.email });
    expect(reg.checkedInAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(reg.checkedInAt)).toBeGreaterThanOrEqual(before - 1);
    expect(Date.parse(reg.checkedInAt)).toBeLessThanOrEqual(Date.now() + 1);

    // Again, and as typed by hand (lower case, no dashes, spaces): the same first time.
    const plain = (d.me.checkInCode as string).replaceAll('-', '').toLowerCase();
    const spaced = (d.me.checkInCode as string).replaceAll('-', ' ');
    for (const code of [d.me.checkInCode, plain, spaced]) {
      const again = await checkIn(slug, cookie, code);
      expect(again.statusCode, code).toBe(200);
      expect(again.json()).toMatchObject({ id: d.id, checkedInAt: reg.checkedInAt });
    }
    // The delegate sees it; the stats count it; the audit has it once.
    const me = await call(h, 'GET', `/api/meetings/${slug}/registrations/me`, { cookie: d.cookie });
    expect(me.json().checkedInAt).toBe(reg.checkedInAt);
    const stats = await call(h, 'GET', `/api/meetings/${slug}/registrations/stats`, { cookie });
    expect(stats.json().checkedIn).toBe(1);
    const audit = (await auditOf(h, cookie, slug)).filter(
      (e) => e.action === 'registration.checked_in',
    );
    expect(audit.map((e) => e.entityId)).toEqual([d.id]);
  });

  it('answers 404 for an unknown code, 409 for one not confirmed, 401/403 for non-organizers', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 1 });
    const confirmed = await registerAndRead(slug);
    const waiting = await registerAndRead(slug);
    expect(waiting.me.status).toBe('waitlisted');
    expect(waiting.me.checkInCode).toMatch(CODE_FORMAT);
    expect(waiting.me.checkInCode).not.toBe(confirmed.me.checkInCode);

    const unknown = await checkIn(slug, cookie, '0000-0000-0000');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().status).toBe(404);
    const waitlisted = await checkIn(slug, cookie, waiting.me.checkInCode);
    expect(waitlisted.statusCode).toBe(409);
    expect(waitlisted.json().status).toBe(409);

    // Not signed in, the delegate themself, a stranger: the door is the organizer's.
    expect((await checkIn(slug, undefined, confirmed.me.checkInCode)).statusCode).toBe(401);
    expect((await checkIn(slug, confirmed.cookie, confirmed.me.checkInCode)).statusCode).toBe(403);
    const stranger = await signIn(h, 'stranger@example.org');
    expect((await checkIn(slug, stranger, confirmed.me.checkInCode)).statusCode).toBe(403);
    // A code of another meeting is unknown here.
    const other = await createMeeting(h, { slug: 'another-meeting' });
    expect((await checkIn(other.slug, cookie, confirmed.me.checkInCode)).statusCode).toBe(404);
    // An empty code is invalid input.
    expect((await checkIn(slug, cookie, '')).statusCode).toBe(400);

    // A cancelled delegate cannot be checked in; the promoted one now can.
    expect((await decide(h, cookie, confirmed.id, 'cancel')).statusCode).toBe(200);
    expect((await checkIn(slug, cookie, confirmed.me.checkInCode)).statusCode).toBe(409);
    const promoted = await checkIn(slug, cookie, waiting.me.checkInCode);
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ id: waiting.id, status: 'confirmed' });
    expect(promoted.json().checkedInAt).not.toBeNull();

    const items = await listRegistrations(h, cookie, slug);
    expect(items.map((r) => [r.id, r.checkedInAt === null])).toEqual([
      [confirmed.id, true],
      [waiting.id, false],
    ]);
  });

  it('two simultaneous scans of one code record one time', async () => {
    const { cookie, slug } = await createMeeting(h);
    const d = await registerAndRead(slug);
    const scans = await Promise.all(
      Array.from({ length: 5 }, () => checkIn(slug, cookie, d.me.checkInCode)),
    );
    for (const s of scans) expect(s.statusCode).toBe(200);
    expect(new Set(scans.map((s) => s.json().checkedInAt)).size).toBe(1);
    const audit = (await auditOf(h, cookie, slug)).filter(
      (e) => e.action === 'registration.checked_in',
    );
    expect(audit).toHaveLength(1);
  });
});

describe('CSV export', () => {
  it('is UTF-8 with a BOM, a header row and one row per registration, safe against formulas', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 2 });
    const evil = await registerDelegate(h, slug, {
      fullName: '+cmd',
      organization: '=HYPERLINK("http://x")',
      jobTitle: '-2+3',
      dietaryNeeds: '@SUM(A1:A9)',
      accessibilityNeeds: 'Wheelchair, "step-free" access\nand a ramp',
    });
    const cyrillic = await registerDelegate(h, slug, {
      fullName: 'Гульнара Ибрагимова',
      organization: 'Министерство юстиции',
      country: 'UZ',
      preferredLanguage: 'ru',
    });
    const waiting = await registerDelegate(h, slug, { country: 'KG' });
    const gone = await registerDelegate(h, slug);
    expect((await decide(h, cookie, gone.res.json().id, 'cancel')).statusCode).toBe(200);
    const tabbed = waiting.res.json().id as string;
    await h.database.db
      .update(registrations)
      .set({
        fullName: '\tcmd',
        organization: '\r=1+2',
        jobTitle: 'Head of\tunit',
        dietaryNeeds: 'Halal\r\nno nuts',
      })
      .where(eq(registrations.id, tabbed));

    const res = await call(h, 'GET', `/api/meetings/${slug}/registrations.csv`, { cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv\b/);
    expect(res.headers['content-type']).toMatch(/charset=utf-8/i);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const records: string[][] = parse(raw.toString('utf8'), {
      bom: true,
      relax_column_count: false,
    });
    const [header, ...rows] = records as [string[], ...string[][]];
    expect(header).toEqual([
      'id',
      'status',
      'waitlistPosition',
      'fullName',
      'email',
      'organization',
      'jobTitle',
      'country',
      'participantType',
      'preferredLanguage',
      'needsVisaLetter',
      'dietaryNeeds',
      'accessibilityNeeds',
      'checkInCode',
      'checkedInAt',
      'consentAt',
      'consentVersion',
      'createdAt',
    ]);
    expect(rows).toHaveLength(4);
    const byId = new Map(
      rows.map((r) => [
        r[header.indexOf('id')]!,
        Object.fromEntries(header.map((k, i) => [k, r[i]!])),
      ]),
    );
    expect([...byId.keys()].sort()).toEqual(
      [evil, cyrillic, waiting, gone].map((r) => r.res.json().id as string).sort(),
    );

    const e = byId.get(evil.res.json().id)!;
    expect(e.fullName).toBe("'+cmd");
    expect(e.organization).toBe(`'=HYPERLINK("http://x")`);
    expect(e.jobTitle).toBe("'-2+3");
    expect(e.dietaryNeeds).toBe("'@SUM(A1:A9)");
    expect(e.accessibilityNeeds).toBe('Wheelchair, "step-free" access\nand a ramp');
    expect(e.email).toBe(evil.body.email);
    expect(e.status).toBe('confirmed');

    // A tab or a carriage return first also starts a formula in some spreadsheets. The
    // form trims them away, so they are written straight into the stored rows here.
    const t = byId.get(tabbed)!;
    expect(t.fullName).toBe("'\tcmd");
    expect(t.organization).toBe("'\r=1+2");
    // Text that merely contains them later on is left as it was written.
    expect(t.jobTitle).toBe('Head of\tunit');
    expect(t.dietaryNeeds).toBe('Halal\r\nno nuts');

    const c = byId.get(cyrillic.res.json().id)!;
    expect(c).toMatchObject({
      fullName: 'Гульнара Ибрагимова',
      organization: 'Министерство юстиции',
      country: 'UZ',
      status: 'confirmed',
    });
    expect(byId.get(waiting.res.json().id)).toMatchObject({
      status: 'waitlisted',
      waitlistPosition: '1',
    });
    expect(byId.get(gone.res.json().id)!.status).toBe('cancelled');

    // The same data as the organizer's list: codes, consent.
    const list = await listRegistrations(h, cookie, slug);
    for (const item of list) {
      const row = byId.get(item.id)!;
      expect(row.consentVersion).toBe(item.consentVersion);
      expect(row.consentAt).toBe(item.consentAt);
      expect(row.checkInCode).toBe(item.checkInCode);
    }
  });

  it('is for organizers only', async () => {
    const { slug } = await createMeeting(h);
    const { body } = await registerDelegate(h, slug);
    const anon = await call(h, 'GET', `/api/meetings/${slug}/registrations.csv`);
    expect(anon.statusCode).toBe(401);
    expect(anon.body).not.toContain(body.email);
    const own = await signIn(h, body.email);
    const refused = await call(h, 'GET', `/api/meetings/${slug}/registrations.csv`, {
      cookie: own,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).not.toContain(body.email);
    expect(
      (await call(h, 'GET', '/api/meetings/no-such-meeting/registrations.csv', { cookie: own }))
        .statusCode,
    ).toBe(404);
  });
});
