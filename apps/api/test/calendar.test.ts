/**
 * Calendars (RFC 5545): the meeting feed, one session, the private feed. Every feed is read
 * with two independent parsers (ical.js and node-ical) that must agree, and the instants
 * are compared exactly: before and after a session moves, across New York's switch to
 * summer time, and for a Tashkent morning that must arrive as 04:00Z. Also ETag and 304,
 * the private feed's rotation, where the online link may and may not appear, drafts, and
 * constant query counts.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import nodeIcal from 'node-ical';
import { describe, expect, it } from 'vitest';
import { bookmarks, calendarFeeds, dataKeyFallback, meetings, sessions, users } from '@kengash/db';
import { getCalendarFeed, hashToken } from '@kengash/core';
import { loadConfig } from '../src/config.js';
import { type Running, startServer } from '../src/server.js';
import {
  ADMIN,
  countQueries,
  createMeeting,
  harness,
  PUBLIC_URL,
  registerDelegate,
  signIn,
  useHarness,
} from './helpers.js';

const h = useHarness();

interface ParsedEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  location: string;
  status: string;
  description: string;
  url: string;
}
interface ParsedCalendar {
  name: string;
  events: ParsedEvent[];
}

/** ical.js's reading of a feed. */
function withIcalJs(text: string): ParsedCalendar {
  const cal = new ICAL.Component(ICAL.parse(text));
  const events = cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return {
      uid: e.uid,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      summary: e.summary,
      location: e.location,
      status: String(v.getFirstPropertyValue('status')),
      description: e.description,
      url: String(v.getFirstPropertyValue('url')),
    };
  });
  return { name: String(cal.getFirstPropertyValue('x-wr-calname')), events };
}

const textOf = (v: unknown): string =>
  typeof v === 'string' ? v : v && typeof v === 'object' && 'val' in v ? String(v.val) : '';

/** node-ical's reading of the same feed. */
function withNodeIcal(text: string): ParsedCalendar {
  const data = nodeIcal.sync.parseICS(text);
  const events: ParsedEvent[] = [];
  for (const [key, c] of Object.entries(data)) {
    if (key === 'vcalendar' || !c || c.type !== 'VEVENT') continue;
    events.push({
      uid: c.uid!,
      sequence: Number(c.sequence),
      start: new Date(c.start!).toISOString(),
      end: new Date(c.end!).toISOString(),
      summary: textOf(c.summary),
      location: textOf(c.location),
      status: String(c.status),
      description: textOf(c.description),
      url: textOf(c.url),
    });
  }
  const vcal = data.vcalendar as Record<string, unknown> | undefined;
  return { name: textOf(vcal?.['WR-CALNAME']), events };
}

/** Both parsers' reading, which must agree; events by start, then UID. */
function parseBoth(text: string): ParsedCalendar {
  const order = (c: ParsedCalendar) => ({
    ...c,
    events: [...c.events].sort(
      (a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid),
    ),
  });
  const a = order(withIcalJs(text));
  const b = order(withNodeIcal(text));
  expect(b.events, 'node-ical reads what ical.js reads').toEqual(a.events);
  expect(b.name).toBe(a.name);
  return a;
}

async function get(url: string, headers: Record<string, string> = {}) {
  return h.app.inject({ url, headers });
}

async function feed(url: string, headers: Record<string, string> = {}) {
  const res = await get(url, headers);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
  return { res, cal: parseBoth(res.body) };
}

async function meetingIdOf(slug: string) {
  const [m] = await h.database.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.slug, slug));
  return m!.id;
}

async function userIdOf(email: string) {
  const [u] = await h.database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, email));
  return u!.id;
}

type SessionInput = {
  title: string | Record<string, string>;
  startsAt: string;
  endsAt: string;
  room?: string;
  onlineUrl?: string;
  kind?: string;
};

async function call(
  method: 'POST' | 'PATCH' | 'PUT',
  url: string,
  cookie: string,
  payload?: unknown,
) {
  return h.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
}

/** The organizer adds a session through the API. */
async function addSession(organizer: string, slug: string, s: SessionInput): Promise<string> {
  const res = await call('POST', `/api/meetings/${slug}/sessions`, organizer, {
    kind: 'plenary',
    ...s,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** The organizer moves a session (PATCH): a change of time, so sequence + 1. */
async function moveSession(organizer: string, id: string, startsAt: string, endsAt: string) {
  const res = await call('PATCH', `/api/sessions/${id}`, organizer, { startsAt, endsAt });
  expect(res.statusCode, res.body).toBe(200);
}

async function cancelSession(organizer: string, id: string) {
  const res = await call('POST', `/api/sessions/${id}/cancel`, organizer);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.json().status).toBe('cancelled');
}

/** A delegate bookmarks a session through the API. */
async function bookmark(cookie: string, sessionId: string) {
  const res = await call('PUT', `/api/sessions/${sessionId}/bookmark`, cookie);
  expect(res.statusCode, res.body).toBe(204);
}

/** A bookmark row written straight into the database (one the API would not let her make now). */
async function bookmarkRow(email: string, sessionId: string) {
  await h.database.db.insert(bookmarks).values({ userId: await userIdOf(email), sessionId });
}

/** A Tashkent meeting on a fixed future day; its sessions are given in UTC. */
const DAY = '2027-04-20';
const tashkent = {
  slug: 'tashkent-council',
  title: { en: 'Regional Expert Council', ru: 'Региональный экспертный совет' },
  venue: 'Congress Hall',
  city: 'Tashkent',
  country: 'UZ',
  timezone: 'Asia/Tashkent',
  languages: ['en', 'ru'],
  startsAt: `${DAY}T03:00:00Z`,
  endsAt: `${DAY}T14:00:00Z`,
};

const ONLINE = 'https://video.example.org/j/123456789?pwd=secret';

describe('the meeting feed', () => {
  it('writes a Tashkent 09:00 session as 04:00Z, with UID, SEQUENCE, LOCATION, URL and the calendar name', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const id = await addSession(organizer, slug, {
      title: { en: 'Opening plenary', ru: 'Открытие' },
      startsAt: `${DAY}T04:00:00Z`, // 09:00 in Tashkent (UTC+5)
      endsAt: `${DAY}T05:30:00Z`,
      room: 'Hall A',
      onlineUrl: ONLINE,
    });
    const { res, cal } = await feed(`/api/meetings/${slug}/calendar.ics`);
    expect(cal.name).toBe('Regional Expert Council');
    expect(cal.events).toEqual([
      {
        uid: `session-${id}@kengash.test`,
        sequence: 0,
        start: `${DAY}T04:00:00.000Z`,
        end: `${DAY}T05:30:00.000Z`,
        summary: 'Opening plenary',
        location: 'Hall A, Congress Hall, Tashkent',
        status: 'CONFIRMED',
        description: expect.stringContaining(`${DAY} 09:00–10:30 (Asia/Tashkent)`),
        url: `${PUBLIC_URL}/meetings/${slug}/sessions/${id}`,
      },
    ]);
    // UTC, written as such: no TZID that a calendar could read hours off.
    expect(res.body).toContain('DTSTART:20270420T040000Z');
    expect(res.body).not.toContain('TZID');
    expect(res.body).toMatch(/^DTSTAMP:\d{8}T\d{6}Z\r?$/m);
    expect(res.body).toContain('X-WR-CALNAME:Regional Expert Council');
    // The online link is for registrants' private feeds only.
    expect(res.body).not.toContain('video.example.org');
    expect(res.headers['cache-control']).toBe('public, no-cache');
  });

  it('answers in the language asked for: ?lang=, else Accept-Language, else the meeting’s first', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, {
      ...tashkent,
      languages: ['ru', 'en'],
    });
    await addSession(organizer, slug, {
      title: { en: 'Opening plenary', ru: 'Открытие' },
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
    });
    const summary = async (query: string, headers: Record<string, string> = {}) =>
      (await feed(`/api/meetings/${slug}/calendar.ics${query}`, headers)).cal.events[0]!.summary;
    expect(await summary('?lang=en')).toBe('Opening plenary');
    expect(await summary('', { 'accept-language': 'en-GB,en;q=0.9' })).toBe('Opening plenary');
    expect(await summary('', { 'accept-language': 'de' })).toBe('Открытие');
    expect(await summary('')).toBe('Открытие');
    expect((await feed(`/api/meetings/${slug}/calendar.ics?lang=en`)).cal.name).toBe(
      'Regional Expert Council',
    );
    expect((await feed(`/api/meetings/${slug}/calendar.ics`)).cal.name).toBe(
      'Региональный экспертный совет',
    );
  });

  it('keeps the UID when a session moves: SEQUENCE + 1 and the new instants; a cancelled one stays, STATUS:CANCELLED', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const moved = await addSession(organizer, slug, {
      title: 'Working group A',
      startsAt: `${DAY}T06:00:00Z`,
      endsAt: `${DAY}T07:00:00Z`,
      room: 'Room 1',
    });
    const cancelled = await addSession(organizer, slug, {
      title: 'Side event',
      startsAt: `${DAY}T08:00:00Z`,
      endsAt: `${DAY}T09:00:00Z`,
    });
    const before = (await feed(`/api/meetings/${slug}/calendar.ics`)).cal.events;
    expect(before.map((e) => [e.uid, e.sequence, e.start, e.end, e.status])).toEqual([
      [
        `session-${moved}@kengash.test`,
        0,
        `${DAY}T06:00:00.000Z`,
        `${DAY}T07:00:00.000Z`,
        'CONFIRMED',
      ],
      [
        `session-${cancelled}@kengash.test`,
        0,
        `${DAY}T08:00:00.000Z`,
        `${DAY}T09:00:00.000Z`,
        'CONFIRMED',
      ],
    ]);

    await moveSession(organizer, moved, `${DAY}T10:00:00Z`, `${DAY}T11:15:00Z`);
    await cancelSession(organizer, cancelled);
    const after = (await feed(`/api/meetings/${slug}/calendar.ics`)).cal.events;
    expect(after.map((e) => [e.uid, e.sequence, e.start, e.end, e.status])).toEqual([
      [
        `session-${cancelled}@kengash.test`,
        1,
        `${DAY}T08:00:00.000Z`,
        `${DAY}T09:00:00.000Z`,
        'CANCELLED',
      ],
      [
        `session-${moved}@kengash.test`,
        1,
        `${DAY}T10:00:00.000Z`,
        `${DAY}T11:15:00.000Z`,
        'CONFIRMED',
      ],
    ]);
    expect(after[1]!.description).toContain(`${DAY} 15:00–16:15 (Asia/Tashkent)`);
    expect(after[0]!.summary).toBe('Cancelled: Side event');
  });

  it('places a New York side event right on both sides of the switch to summer time', async () => {
    // 14 March 2027, 02:00 EST → 03:00 EDT: 10:00 local is 15:00Z before, 14:00Z after.
    const { slug, cookie: organizer } = await createMeeting(h, {
      slug: 'new-york-side-event',
      title: 'Side event at the UN',
      venue: 'UN Headquarters',
      city: 'New York',
      country: 'US',
      timezone: 'America/New_York',
      startsAt: '2027-03-13T13:00:00Z',
      endsAt: '2027-03-16T00:00:00Z',
    });
    const saturday = await addSession(organizer, slug, {
      title: 'Before the switch',
      startsAt: '2027-03-13T15:00:00Z',
      endsAt: '2027-03-13T16:30:00Z',
      kind: 'side_event',
    });
    const night = await addSession(organizer, slug, {
      title: 'Across the switch',
      startsAt: '2027-03-14T06:30:00Z', // 01:30 EST
      endsAt: '2027-03-14T07:30:00Z', // 03:30 EDT: one hour, though the clock says two
      kind: 'side_event',
    });
    const monday = await addSession(organizer, slug, {
      title: 'After the switch',
      startsAt: '2027-03-15T14:00:00Z',
      endsAt: '2027-03-15T15:30:00Z',
      kind: 'side_event',
    });
    const { res, cal } = await feed(`/api/meetings/${slug}/calendar.ics`);
    expect(res.body).not.toContain('TZID');
    expect(cal.events.map((e) => [e.uid, e.start, e.end])).toEqual([
      [`session-${saturday}@kengash.test`, '2027-03-13T15:00:00.000Z', '2027-03-13T16:30:00.000Z'],
      [`session-${night}@kengash.test`, '2027-03-14T06:30:00.000Z', '2027-03-14T07:30:00.000Z'],
      [`session-${monday}@kengash.test`, '2027-03-15T14:00:00.000Z', '2027-03-15T15:30:00.000Z'],
    ]);
    // The same local clock time on both sides, as the meeting's zone reads it.
    expect(cal.events[0]!.description).toContain('2027-03-13 10:00–11:30 (America/New_York)');
    expect(cal.events[1]!.description).toContain('2027-03-14 01:30–03:30 (America/New_York)');
    expect(cal.events[2]!.description).toContain('2027-03-15 10:00–11:30 (America/New_York)');
    // ical.js, told the zone's rules, reads the same wall clock on either side of the
    // switch (its conversion within the switching hour itself is not exact, so the night
    // session is checked by its instants above only).
    const ny = new ICAL.Timezone({ tzid: 'America/New_York', component: newYorkZone });
    const local = [cal.events[0]!, cal.events[2]!].map((e) =>
      ICAL.Time.fromJSDate(new Date(e.start), true).convertToZone(ny).toString(),
    );
    expect(local).toEqual(['2027-03-13T10:00:00', '2027-03-15T10:00:00']);
  });

  it('answers 304 to a matching If-None-Match, and a new ETag once a session changes', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const id = await addSession(organizer, slug, {
      title: 'Plenary',
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
    });
    for (const url of [`/api/meetings/${slug}/calendar.ics`, `/api/sessions/${id}/calendar.ics`]) {
      const first = await get(url);
      const etag = first.headers.etag as string;
      expect(etag).toMatch(/^"[\w-]{32}"$/);
      expect((await get(url)).body, 'the same bytes for an unchanged feed').toBe(first.body);
      const again = await get(url, { 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await get(url, { 'if-none-match': `"other", W/${etag}` })).statusCode).toBe(304);
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
      // Another language is another body, with its own ETag.
      expect((await get(`${url}?lang=ru`, { 'if-none-match': etag })).statusCode).toBe(200);
    }
    const before = (await get(`/api/sessions/${id}/calendar.ics`)).headers.etag as string;
    await moveSession(organizer, id, `${DAY}T06:00:00Z`, `${DAY}T07:00:00Z`);
    const after = await get(`/api/sessions/${id}/calendar.ics`, { 'if-none-match': before });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    expect(parseBoth(after.body).events[0]!.start).toBe(`${DAY}T06:00:00.000Z`);
  });

  it('is 404 for a draft meeting to the public and to a signed-in outsider; its staff see it, privately', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent, false);
    const id = await addSession(organizer, slug, {
      title: 'Draft plenary',
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
    });
    const outsider = await signIn(h, 'outsider@example.org');
    for (const url of [`/api/meetings/${slug}/calendar.ics`, `/api/sessions/${id}/calendar.ics`]) {
      const anonymous = await get(url);
      expect(anonymous.statusCode).toBe(404);
      expect(anonymous.headers['content-type']).toContain('application/problem+json');
      expect((await get(url, { cookie: outsider })).statusCode).toBe(404);
      const staff = await feed(url, { cookie: organizer });
      expect(staff.cal.events).toHaveLength(1);
      expect(staff.res.headers['cache-control']).toBe('private, no-cache');
    }
  });

  it('answers 404 for unknown meetings and sessions, 400 for a malformed id', async () => {
    expect((await get('/api/meetings/no-such-meeting/calendar.ics')).statusCode).toBe(404);
    expect(
      (await get('/api/sessions/6f1c1c1e-6a0e-4a6e-8d47-000000000000/calendar.ics')).statusCode,
    ).toBe(404);
    const bad = await get('/api/sessions/not-a-uuid/calendar.ics');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors?.[0]?.path).toBeDefined();
  });

  it('gives one session with the same UID as the meeting feed', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const id = await addSession(organizer, slug, {
      title: 'Closing plenary',
      startsAt: `${DAY}T12:00:00Z`,
      endsAt: `${DAY}T13:00:00Z`,
      room: 'Hall A',
    });
    await addSession(organizer, slug, {
      title: 'Other',
      startsAt: `${DAY}T10:00:00Z`,
      endsAt: `${DAY}T11:00:00Z`,
    });
    const wg = await call('POST', `/api/meetings/${slug}/working-groups`, organizer, {
      code: 'WG1',
      name: { en: 'Water and energy', ru: 'Вода и энергетика' },
    });
    expect(wg.statusCode, wg.body).toBe(201);
    expect(
      (await call('PATCH', `/api/sessions/${id}`, organizer, { workingGroupCode: 'WG1' }))
        .statusCode,
    ).toBe(200);
    const speakers = await call('PUT', `/api/sessions/${id}/speakers`, organizer, [
      { name: 'Aliya Nurlanovna', role: 'chair', organization: 'Ministry of Energy' },
      { name: 'John Smith', role: 'speaker' },
    ]);
    expect(speakers.statusCode, speakers.body).toBe(200);
    const one = (await feed(`/api/sessions/${id}/calendar.ics`)).cal.events;
    expect(one[0]!.description).toContain('Working group: WG1 — Water and energy');
    expect(one[0]!.description).toContain(
      'Speakers: Aliya Nurlanovna (Ministry of Energy); John Smith',
    );
    expect(
      (await feed(`/api/sessions/${id}/calendar.ics?lang=ru`)).cal.events[0]!.description,
    ).toContain('Рабочая группа: WG1 — Вода и энергетика');
    const all = (await feed(`/api/meetings/${slug}/calendar.ics`)).cal.events;
    expect(one).toHaveLength(1);
    expect(all).toHaveLength(2);
    expect(all.find((e) => e.uid === one[0]!.uid)).toEqual(one[0]);
  });
});

describe('the private feed', () => {
  async function registrantWithBookmark() {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const id = await addSession(organizer, slug, {
      title: { en: 'Working group B', ru: 'Рабочая группа Б' },
      startsAt: `${DAY}T06:00:00Z`,
      endsAt: `${DAY}T07:30:00Z`,
      room: 'Room 2',
      onlineUrl: ONLINE,
    });
    const { res, body } = await registerDelegate(h, slug);
    expect(res.json().status).toBe('confirmed');
    const cookie = await signIn(h, body.email);
    await bookmark(cookie, id);
    return { slug, id, cookie, organizer, email: body.email };
  }

  async function feedUrl(cookie: string) {
    const res = await h.app.inject({ url: '/api/me/calendar-feed', headers: { cookie } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const url = res.json().url as string;
    expect(url.startsWith(`${PUBLIC_URL}/api/calendar-feeds/private.ics?token=`)).toBe(true);
    return url.slice(PUBLIC_URL.length);
  }

  it('holds the bookmarked sessions, with the online link for a confirmed registrant, needing no cookie', async () => {
    const { slug, id, cookie, organizer } = await registrantWithBookmark();
    // Another session of the meeting, not bookmarked, stays out.
    await addSession(organizer, slug, {
      title: 'Not bookmarked',
      startsAt: `${DAY}T09:00:00Z`,
      endsAt: `${DAY}T10:00:00Z`,
    });
    const url = await feedUrl(cookie);
    const { res, cal } = await feed(url);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    expect(cal.events).toHaveLength(1);
    expect(cal.events[0]).toMatchObject({
      uid: `session-${id}@kengash.test`,
      sequence: 0,
      start: `${DAY}T06:00:00.000Z`,
      end: `${DAY}T07:30:00.000Z`,
      summary: 'Working group B',
      location: 'Room 2, Congress Hall, Tashkent',
    });
    expect(cal.events[0]!.description).toContain(ONLINE);
    expect(cal.name).toBe('Kengash — My agenda');
    // ?lang= chooses the language of the feed.
    const ru = (await feed(`${url}&lang=ru`)).cal;
    expect(ru.events[0]!.summary).toBe('Рабочая группа Б');
    expect(ru.name).toBe('Kengash — Моя повестка');

    // The public feeds never carry the link, not even to the registrant herself.
    for (const publicUrl of [
      `/api/meetings/${slug}/calendar.ics`,
      `/api/sessions/${id}/calendar.ics`,
    ]) {
      for (const headers of [{}, { cookie }] as Record<string, string>[]) {
        const pub = await get(publicUrl, headers);
        expect(pub.statusCode).toBe(200);
        expect(pub.body).not.toContain('video.example.org');
        expect(parseBoth(pub.body).events.every((e) => !e.description.includes(ONLINE))).toBe(true);
      }
    }

    // A move shows in the private feed: same UID, SEQUENCE + 1, new instants; ETag and 304.
    const etag = res.headers.etag as string;
    expect((await get(url, { 'if-none-match': etag })).statusCode).toBe(304);
    await moveSession(organizer, id, `${DAY}T08:00:00Z`, `${DAY}T09:00:00Z`);
    const moved = await get(url, { 'if-none-match': etag });
    expect(moved.statusCode).toBe(200);
    expect(parseBoth(moved.body).events.map((e) => [e.uid, e.sequence, e.start, e.end])).toEqual([
      [`session-${id}@kengash.test`, 1, `${DAY}T08:00:00.000Z`, `${DAY}T09:00:00.000Z`],
    ]);
    await cancelSession(organizer, id);
    const gone = parseBoth((await get(url)).body).events;
    expect(gone.map((e) => [e.uid, e.sequence, e.status])).toEqual([
      [`session-${id}@kengash.test`, 2, 'CANCELLED'],
    ]);
  });

  it('gathers bookmarks across meetings, in the language she registered in', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent);
    const first = await addSession(organizer, slug, {
      title: { en: 'Opening', ru: 'Открытие' },
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
    });
    const { slug: other } = await createMeeting(h, {
      ...tashkent,
      slug: 'almaty-council',
      city: 'Almaty',
      country: 'KZ',
      timezone: 'Asia/Almaty',
      venue: null,
      startsAt: '2027-05-11T03:00:00Z',
      endsAt: '2027-05-11T12:00:00Z',
    });
    const second = await addSession(organizer, other, {
      title: { en: 'Closing', ru: 'Закрытие' },
      startsAt: '2027-05-11T10:00:00Z',
      endsAt: '2027-05-11T11:00:00Z',
      room: 'Room 5',
    });
    const { res, body } = await registerDelegate(h, slug, { preferredLanguage: 'ru' });
    expect(res.statusCode, res.body).toBe(201);
    const cookie = await signIn(h, body.email);
    await bookmark(cookie, first);
    await bookmark(cookie, second);
    const { cal } = await feed(await feedUrl(cookie));
    expect(cal.name).toBe('Kengash — Моя повестка');
    expect(cal.events.map((e) => [e.uid, e.summary, e.start, e.location])).toEqual([
      [
        `session-${first}@kengash.test`,
        'Открытие',
        `${DAY}T04:00:00.000Z`,
        'Congress Hall, Tashkent',
      ],
      [`session-${second}@kengash.test`, 'Закрытие', '2027-05-11T10:00:00.000Z', 'Room 5, Almaty'],
    ]);
    expect(cal.events[1]!.url).toBe(`${PUBLIC_URL}/meetings/almaty-council/sessions/${second}`);
  });

  it('leaves the online link out for a delegate who is not confirmed', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, {
      ...tashkent,
      registrationMode: 'approval',
    });
    const id = await addSession(organizer, slug, {
      title: 'Plenary',
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
      onlineUrl: ONLINE,
    });
    const { res, body } = await registerDelegate(h, slug);
    expect(res.json().status).toBe('pending');
    const cookie = await signIn(h, body.email);
    await bookmark(cookie, id);
    const { res: feedRes, cal } = await feed(await feedUrl(cookie));
    expect(cal.events).toHaveLength(1);
    expect(feedRes.body).not.toContain('video.example.org');
  });

  it('gives the link to staff, and keeps a draft meeting’s sessions to its staff', async () => {
    const { slug, cookie: organizer } = await createMeeting(h, tashkent, false);
    const id = await addSession(organizer, slug, {
      title: 'Draft session',
      startsAt: `${DAY}T04:00:00Z`,
      endsAt: `${DAY}T05:00:00Z`,
      onlineUrl: ONLINE,
    });
    const admin = await signIn(h, ADMIN);
    await bookmark(admin, id);
    const staffFeed = await feed(await feedUrl(admin));
    expect(staffFeed.cal.events).toHaveLength(1);
    expect(staffFeed.cal.events[0]!.description).toContain(ONLINE);

    // Someone who bookmarked it (before it went back out of view) does not see it.
    const outsider = await signIn(h, 'outsider@example.org');
    await bookmarkRow('outsider@example.org', id);
    const outsiderFeed = await feed(await feedUrl(outsider));
    expect(outsiderFeed.cal.events).toEqual([]);
  });

  it('gives the same address on every ask until rotated; rotating stops the old one for good', async () => {
    const { cookie, email } = await registrantWithBookmark();
    const first = await feedUrl(cookie);
    // Asking again (another page view, another device) keeps the subscription working.
    expect(await feedUrl(cookie)).toBe(first);
    expect((await feed(first)).cal.events).toHaveLength(1);
    expect(await feedUrl(cookie)).toBe(first);

    // The table holds no usable token: neither the token nor anything that contains it.
    const token = new URL(first, PUBLIC_URL).searchParams.get('token')!;
    const userId = await userIdOf(email);
    const [row] = await h.database.db
      .select()
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId));
    expect(row).toBeDefined();
    for (const value of Object.values(row!)) expect(String(value)).not.toContain(token);
    expect(row!.tokenHash).toBe(hashToken(token));

    const rotated = await h.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feed/rotate',
      headers: { cookie },
    });
    expect(rotated.statusCode).toBe(200);
    expect(rotated.headers['cache-control']).toBe('no-store');
    const second = (rotated.json().url as string).slice(PUBLIC_URL.length);
    expect(second).not.toBe(first);
    const old = await get(first);
    expect(old.statusCode).toBe(404);
    expect(old.headers['content-type']).toContain('application/problem+json');
    expect((await feed(second)).cal.events).toHaveLength(1);

    // Asking now gives the new address, again and again; the old one stays dead.
    expect(await feedUrl(cookie)).toBe(second);
    expect(await feedUrl(cookie)).toBe(second);
    expect((await get(first)).statusCode).toBe(404);
    expect((await get(second)).statusCode).toBe(200);
  });

  it('the address depends on the data key: another key, another address, and the old one stops', async () => {
    const { cookie } = await registrantWithBookmark();
    const first = await feedUrl(cookie);
    const other = await harness({ DATA_KEY: randomBytes(32).toString('base64') });
    try {
      const res = await other.app.inject({ url: '/api/me/calendar-feed', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const moved = (res.json().url as string).slice(PUBLIC_URL.length);
      expect(moved).not.toBe(first);
      // The row follows the key in use: the new address serves, the old one is 404.
      expect((await other.app.inject({ url: moved })).statusCode).toBe(200);
      expect((await other.app.inject({ url: first })).statusCode).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('needs a sign-in to get or rotate the address; a cross-site GET changes nothing; bad tokens are 400 or 404', async () => {
    expect((await get('/api/me/calendar-feed')).statusCode).toBe(401);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/me/calendar-feed/rotate' })).statusCode,
    ).toBe(401);
    const cookie = await signIn(h, 'someone@example.org');
    // GET only makes the address the first time, and another site cannot read the answer:
    // asked from another site, it gives the same address as from ours.
    const crossSite = await get('/api/me/calendar-feed', {
      cookie,
      'sec-fetch-site': 'cross-site',
    });
    expect(crossSite.statusCode).toBe(200);
    expect(`${PUBLIC_URL}${await feedUrl(cookie)}`).toBe(crossSite.json().url);
    expect((await get('/api/calendar-feeds/private.ics')).statusCode).toBe(400);
    expect((await get('/api/calendar-feeds/private.ics?token=a%20b')).statusCode).toBe(400);
    expect((await get(`/api/calendar-feeds/private.ics?token=${'x'.repeat(43)}`)).statusCode).toBe(
      404,
    );
    // A new account's feed exists and is empty.
    const { cal } = await feed(await feedUrl(cookie));
    expect(cal.events).toEqual([]);
  });
});

describe('feeds keep a constant number of queries from 1 to 100 sessions', () => {
  it('the meeting feed and the private feed', async () => {
    const { slug } = await createMeeting(h, tashkent);
    const { body } = await registerDelegate(h, slug);
    const cookie = await signIn(h, body.email);
    const url = await (async () => {
      const res = await h.app.inject({ url: '/api/me/calendar-feed', headers: { cookie } });
      return (res.json().url as string).slice(PUBLIC_URL.length);
    })();
    const meetingId = await meetingIdOf(slug);
    const userId = await userIdOf(body.email);
    const counts: number[] = [];
    let have = 0;
    for (const size of [1, 100]) {
      const rows = await h.database.db
        .insert(sessions)
        .values(
          Array.from({ length: size - have }, (_, i) => ({
            meetingId,
            title: { en: `Session ${have + i}`, ru: `Заседание ${have + i}` },
            kind: 'working_group' as const,
            startsAt: new Date(Date.parse(`${DAY}T04:00:00Z`) + (have + i) * 60_000),
            endsAt: new Date(Date.parse(`${DAY}T05:00:00Z`) + (have + i) * 60_000),
            room: `Room ${have + i}`,
          })),
        )
        .returning({ id: sessions.id });
      await h.database.db.insert(bookmarks).values(rows.map((r) => ({ userId, sessionId: r.id })));
      have = size;
      const { result: meetingFeed, queries: meetingQueries } = await countQueries(() =>
        h.app.inject({ url: `/api/meetings/${slug}/calendar.ics` }),
      );
      expect(parseBoth(meetingFeed.body).events).toHaveLength(size);
      const { result: privateFeed, queries: privateQueries } = await countQueries(() =>
        h.app.inject({ url }),
      );
      expect(parseBoth(privateFeed.body).events).toHaveLength(size);
      counts.push(meetingQueries.length * 1000 + privateQueries.length);
    }
    expect(counts[0]).toBeGreaterThan(1000);
    expect(counts, 'meeting × 1000 + private queries at 1 and 100 sessions').toEqual([
      counts[0],
      counts[0],
    ]);
  });
});

/** America/New_York's rules (as in the IANA database since 2007), for ical.js. */
const newYorkZone = ICAL.Component.fromString(
  [
    'BEGIN:VTIMEZONE',
    'TZID:America/New_York',
    'BEGIN:DAYLIGHT',
    'TZOFFSETFROM:-0500',
    'TZOFFSETTO:-0400',
    'TZNAME:EDT',
    'DTSTART:20070311T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU',
    'END:DAYLIGHT',
    'BEGIN:STANDARD',
    'TZOFFSETFROM:-0400',
    'TZOFFSETTO:-0500',
    'TZNAME:EST',
    'DTSTART:20071104T020000',
    'RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU',
    'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n'),
);

describe('the data key behind the private feeds', () => {
  it('DATA_KEY must be 32 bytes in base64, else the start stops naming it', () => {
    for (const bad of ['short', randomBytes(16).toString('base64'), `${'A'.repeat(43)}!`])
      expect(() => loadConfig({ DATA_KEY: bad })).toThrow(/DATA_KEY: must be 32 bytes in base64/);
    const key = randomBytes(32);
    expect(loadConfig({ DATA_KEY: key.toString('base64') }).dataKey).toEqual(key);
    expect(loadConfig({ DATA_KEY: key.toString('base64url') }).dataKey).toEqual(key);
    expect(loadConfig({}).dataKey).toBeUndefined();
  });

  it('unset, with the database not in DATA_DIR, a key kept in the database: every app on it gives the same address', async () => {
    const cookie = await signIn(h, 'keeper@example.org');
    const res = await h.app.inject({ url: '/api/me/calendar-feed', headers: { cookie } });
    const url = res.json().url as string;
    expect(h.app.dataKeySource).toBe('database');
    const rows = await h.database.db.select().from(dataKeyFallback);
    expect(rows).toHaveLength(1);
    const second = await harness();
    try {
      const again = await second.app.inject({ url: '/api/me/calendar-feed', headers: { cookie } });
      expect(again.json().url).toBe(url);
      expect(await h.database.db.select().from(dataKeyFallback)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });

  // Its own embedded database in a DATA_DIR, whichever database the project runs on.
  it('unset, with the embedded database, a key file made once in DATA_DIR: the address survives a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kengash-key-'));
    const start = () =>
      startServer(
        loadConfig({
          PORT: '0',
          PUBLIC_URL,
          DATA_DIR: dataDir,
          SEED_DEMO: 'false',
        }),
        { web: false, logger: false },
      );
    const ask = async (running: Running, userId: string) =>
      (
        await getCalendarFeed({
          ctx: running.app.ctx,
          actor: { userId, email: 'kept@example.org', isAdmin: false },
        })
      ).url.slice(PUBLIC_URL.length);
    try {
      let running = await start();
      let url: string;
      let userId: string;
      let keyText: string;
      try {
        expect(running.app.dataKeySource).toBe('file');
        const file = join(dataDir, 'data.key');
        expect(statSync(file).mode & 0o777).toBe(0o600);
        keyText = readFileSync(file, 'utf8');
        expect(Buffer.from(keyText.trim(), 'base64')).toHaveLength(32);
        const [user] = await running.database.db
          .insert(users)
          .values({ email: 'kept@example.org' })
          .returning({ id: users.id });
        userId = user!.id;
        url = await ask(running, userId);
        expect((await running.app.inject({ url })).statusCode).toBe(200);
      } finally {
        await running.stop();
      }
      running = await start();
      try {
        expect(readFileSync(join(dataDir, 'data.key'), 'utf8')).toBe(keyText);
        expect(await ask(running, userId)).toBe(url);
        expect((await running.app.inject({ url })).statusCode).toBe(200);
      } finally {
        await running.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
