/**
 * Sessions of the agenda through the API: creating with its rules (inside the meeting,
 * ending after it starts, no room double-booked), changing and the `sequence` calendars
 * follow, cancelling, who sees the video link, planned speakers, bookmarks and the
 * delegate's own agenda, drafts hidden and roles enforced.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, signIn, useHarness } from './helpers.js';
import { addSession, at, sessionBody, signedInDelegate } from './agenda-helpers.js';
import { call } from './registration-helpers.js';

const h = useHarness();

async function auditActions(cookie: string, slug: string) {
  const res = await call(h, 'GET', `/api/meetings/${slug}/audit`, { cookie });
  expect(res.statusCode).toBe(200);
  return (res.json().items as { action: string; entityId: string }[]).map(
    (i) => `${i.action} ${i.entityId}`,
  );
}

async function addWorkingGroup(cookie: string, slug: string, code: string) {
  const res = await call(h, 'POST', `/api/meetings/${slug}/working-groups`, {
    cookie,
    payload: { code, name: { en: `Group ${code}`, ru: `Группа ${code}` } },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe('creating a session', () => {
  it('answers 201 with the session in the reader’s language, scheduled, sequence 0, no speakers', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    await addWorkingGroup(cookie, slug, 'A');
    const res = await call(h, 'POST', `/api/meetings/${slug}/sessions?lang=ru`, {
      cookie,
      payload: sessionBody(meeting, 1, 2.5, {
        kind: 'working_group',
        description: { en: 'Water law', ru: 'Водное право' },
        workingGroupCode: 'a',
        room: '  Room 2 ',
        interpretation: ['en', 'ru', 'en'],
        onlineUrl: 'https://zoom.us/j/123456789?pwd=abc',
        qaModerated: true,
      }),
    });
    expect(res.statusCode, res.body).toBe(201);
    const s = res.json();
    expect(s).toMatchObject({
      meetingSlug: slug,
      timezone: 'Asia/Tashkent',
      title: 'Пленарное заседание',
      description: 'Водное право',
      textLang: { title: 'ru', description: 'ru' },
      translations: {
        title: { en: 'Plenary session', ru: 'Пленарное заседание' },
        description: { en: 'Water law', ru: 'Водное право' },
      },
      kind: 'working_group',
      startsAt: at(meeting, 1),
      endsAt: at(meeting, 2.5),
      room: 'Room 2',
      workingGroupCode: 'A',
      qaEnabled: true,
      qaModerated: true,
      onlineUrl: 'https://zoom.us/j/123456789?pwd=abc',
      interpretation: ['en', 'ru'],
      status: 'scheduled',
      sequence: 0,
      speakers: [],
      bookmarked: false,
      speakingMinutes: 3,
      floorOpen: true,
      floorBalanced: false,
    });
    expect(s.allowedActions).toEqual(['edit', 'cancel', 'setSpeakers', 'bookmark', 'moderate']);
    // The same session in English, by Accept-Language.
    const en = await h.app.inject({
      url: `/api/sessions/${s.id}`,
      headers: { 'accept-language': 'en-GB,en;q=0.9' },
    });
    expect(en.json()).toMatchObject({ title: 'Plenary session', description: 'Water law' });
    expect(await auditActions(cookie, slug)).toContain(`session.created ${s.id}`);
  });

  it('takes a plain string title as the meeting’s first language', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 0, 1, { title: 'Opening' }));
    expect(s.translations).toEqual({ title: { en: 'Opening' }, description: {} });
    // A Russian reader gets the only text there is, marked as English.
    const ru = await call(h, 'GET', `/api/sessions/${s.id}?lang=ru`);
    expect(ru.json()).toMatchObject({ title: 'Opening', textLang: { title: 'en' } });
  });

  it('refuses times outside the meeting or ending before the start with 400 and field errors', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const post = (body: Record<string, unknown>) =>
      call(h, 'POST', `/api/meetings/${slug}/sessions`, { cookie, payload: body });
    const cases: [Record<string, unknown>, string][] = [
      [sessionBody(meeting, 2, 1), 'endsAt'],
      [sessionBody(meeting, 2, 2), 'endsAt'],
      [sessionBody(meeting, -1, 1), 'startsAt'],
      [sessionBody(meeting, 8, 10), 'endsAt'],
      [sessionBody(meeting, 24, 25), 'startsAt'],
      [sessionBody(meeting, 1, 2, { startsAt: 'tomorrow' }), 'startsAt'],
      [sessionBody(meeting, 1, 2, { kind: 'party' }), 'kind'],
      [sessionBody(meeting, 1, 2, { title: '   ' }), 'title'],
      [sessionBody(meeting, 1, 2, { onlineUrl: 'http://zoom.us/j/1' }), 'onlineUrl'],
      [sessionBody(meeting, 1, 2, { onlineUrl: 'javascript:alert(1)' }), 'onlineUrl'],
      [sessionBody(meeting, 1, 2, { workingGroupCode: 'Z' }), 'workingGroupCode'],
      [sessionBody(meeting, 1, 2, { interpretation: ['English'] }), 'interpretation.0'],
    ];
    for (const [body, path] of cases) {
      const res = await post(body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = res.json();
      expect(problem.status).toBe(400);
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    const list = await call(h, 'GET', `/api/meetings/${slug}/sessions`);
    expect(list.json().items).toEqual([]);
    // Exactly the meeting's bounds are inside.
    await addSession(h, cookie, slug, sessionBody(meeting, 0, 9));
  });

  it('refuses a room taken at an overlapping time with 409 naming the session that holds it', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const holder = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 1, 3, { title: { en: 'Water plenary', ru: 'Водный пленар' } }),
    );
    for (const [from, to, room] of [
      [1, 3, 'Hall A'],
      [2, 4, 'hall a'],
      [0, 1.5, ' HALL A '],
      [1.5, 2, 'Hall A'],
      [0, 5, 'Hall A'],
    ] as const) {
      const res = await call(h, 'POST', `/api/meetings/${slug}/sessions`, {
        cookie,
        payload: sessionBody(meeting, from, to, { room, title: 'Other' }),
      });
      expect(res.statusCode, `${from}-${to} ${room}`).toBe(409);
      const problem = res.json();
      expect(problem.detail).toContain('Water plenary');
      expect(problem.detail).toContain(holder.id);
      expect(problem.errors).toEqual([{ path: 'room', message: problem.detail }]);
    }
    // Touching ends, another room, no room at all: all fine.
    await addSession(h, cookie, slug, sessionBody(meeting, 3, 4, { title: 'Next' }));
    await addSession(h, cookie, slug, sessionBody(meeting, 0, 1, { title: 'Before' }));
    await addSession(h, cookie, slug, sessionBody(meeting, 1, 3, { room: 'Hall B' }));
    await addSession(h, cookie, slug, sessionBody(meeting, 1, 3, { room: null, kind: 'break' }));
    // A cancelled session frees its room.
    expect(
      (await call(h, 'POST', `/api/sessions/${holder.id}/cancel`, { cookie })).statusCode,
    ).toBe(200);
    await addSession(h, cookie, slug, sessionBody(meeting, 1, 3, { title: 'Replacement' }));
  });

  it('is for organizers: 401 signed out, 403 for a delegate or a moderator, 404 for an unknown meeting', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const delegate = await signedInDelegate(h, slug);
    await call(h, 'PUT', `/api/meetings/${slug}/staff`, {
      cookie,
      payload: { email: 'mod@example.org', role: 'moderator' },
    });
    const moderator = await signIn(h, 'mod@example.org');
    const body = sessionBody(meeting, 1, 2);
    expect(
      (await call(h, 'POST', `/api/meetings/${slug}/sessions`, { payload: body })).statusCode,
    ).toBe(401);
    for (const who of [delegate.cookie, moderator]) {
      const res = await call(h, 'POST', `/api/meetings/${slug}/sessions`, {
        cookie: who,
        payload: body,
      });
      expect(res.statusCode).toBe(403);
    }
    expect(
      (await call(h, 'POST', '/api/meetings/no-such-meeting/sessions', { cookie, payload: body }))
        .statusCode,
    ).toBe(404);
  });
});

describe('the agenda of a meeting', () => {
  it('lists sessions by start, cancelled ones kept, filtered by kind and working group', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    await addWorkingGroup(cookie, slug, 'A');
    await addWorkingGroup(cookie, slug, 'B');
    const late = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 6, 7, { title: 'Closing' }),
    );
    const a = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 2, 4, { kind: 'working_group', workingGroupCode: 'A', room: 'R1' }),
    );
    const b = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 2, 4, { kind: 'working_group', workingGroupCode: 'B', room: 'R2' }),
    );
    const first = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 0, 1, { kind: 'ceremony' }),
    );
    await call(h, 'POST', `/api/sessions/${late.id}/cancel`, { cookie });
    const list = await call(h, 'GET', `/api/meetings/${slug}/sessions`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; status: string; workingGroupCode: string }[];
    expect(items.map((i) => i.id)).toEqual([first.id, a.id, b.id, late.id]);
    expect(items.map((i) => i.status)).toEqual([
      'scheduled',
      'scheduled',
      'scheduled',
      'cancelled',
    ]);
    expect(items.map((i) => i.workingGroupCode)).toEqual([null, 'A', 'B', null]);
    // The public gets neither bookmarks nor actions beyond none.
    expect(items[0]).not.toHaveProperty('bookmarked');
    expect(list.json().items[0].allowedActions).toEqual([]);

    const byKind = await call(h, 'GET', `/api/meetings/${slug}/sessions?kind=working_group`);
    expect(byKind.json().items.map((i: { id: string }) => i.id)).toEqual([a.id, b.id]);
    const byGroup = await call(h, 'GET', `/api/meetings/${slug}/sessions?workingGroup=b`);
    expect(byGroup.json().items.map((i: { id: string }) => i.id)).toEqual([b.id]);
    const bad = await call(h, 'GET', `/api/meetings/${slug}/sessions?kind=party`);
    expect(bad.statusCode).toBe(400);
  });

  it('hides the sessions of a draft (404) from all but its staff', async () => {
    const { cookie, slug, meeting } = await createMeeting(h, {}, false);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const stranger = await signIn(h, 'stranger@example.org');
    for (const who of [undefined, stranger]) {
      const opts = who ? { cookie: who } : {};
      expect((await call(h, 'GET', `/api/meetings/${slug}/sessions`, opts)).statusCode).toBe(404);
      const one = await call(h, 'GET', `/api/sessions/${s.id}`, opts);
      expect(one.statusCode).toBe(404);
      expect(one.json().detail).toBe('Session not found');
      expect((await call(h, 'GET', `/api/meetings/${slug}/agenda/versions`, opts)).statusCode).toBe(
        404,
      );
    }
    expect(
      (await call(h, 'PUT', `/api/sessions/${s.id}/bookmark`, { cookie: stranger })).statusCode,
    ).toBe(404);
    expect(
      (
        await call(h, 'PATCH', `/api/sessions/${s.id}`, {
          cookie: stranger,
          payload: { room: 'X' },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await call(h, 'GET', `/api/meetings/${slug}/sessions`, { cookie })).json().items,
    ).toHaveLength(1);
    // Unknown and malformed ids.
    expect(
      (await call(h, 'GET', '/api/sessions/00000000-0000-4000-8000-000000000000')).statusCode,
    ).toBe(404);
    expect((await call(h, 'GET', '/api/sessions/not-a-uuid')).statusCode).toBe(400);
  });

  it('tells the organizer she may edit the agenda', async () => {
    const { cookie, slug } = await createMeeting(h);
    const m = await call(h, 'GET', `/api/meetings/${slug}`, { cookie });
    expect(m.json().allowedActions).toContain('editAgenda');
    const pub = await call(h, 'GET', `/api/meetings/${slug}`);
    expect(pub.json().allowedActions).not.toContain('editAgenda');
  });
});

describe('changing a session', () => {
  it('adds 1 to sequence for a change of time, room or title, not for other fields', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const patch = async (payload: Record<string, unknown>) => {
      const res = await call(h, 'PATCH', `/api/sessions/${s.id}`, { cookie, payload });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    expect((await patch({ description: 'Agenda item 3' })).sequence).toBe(0);
    expect(
      (await patch({ qaEnabled: false, interpretation: ['ru'], kind: 'panel' })).sequence,
    ).toBe(0);
    // The same title again is no change.
    expect((await patch({ title: { en: 'Plenary session' } })).sequence).toBe(0);
    expect((await patch({ title: { en: 'Plenary on water' } })).sequence).toBe(1);
    const moved = await patch({ startsAt: at(meeting, 3), endsAt: at(meeting, 4) });
    expect(moved).toMatchObject({ sequence: 2, startsAt: at(meeting, 3), endsAt: at(meeting, 4) });
    expect((await patch({ room: 'Hall B' })).sequence).toBe(3);
    expect((await patch({ room: 'Hall B' })).sequence).toBe(3);
    const last = await patch({ endsAt: at(meeting, 5) });
    expect(last).toMatchObject({
      sequence: 4,
      title: 'Plenary on water',
      translations: { title: { en: 'Plenary on water', ru: 'Пленарное заседание' } },
      description: 'Agenda item 3',
      kind: 'panel',
      qaEnabled: false,
      interpretation: ['ru'],
      room: 'Hall B',
    });
    // Removing the description.
    expect((await patch({ description: null })).description).toBeNull();
    const audit = await auditActions(cookie, slug);
    expect(audit.filter((a) => a === `session.updated ${s.id}`)).toHaveLength(9);
  });

  it('keeps the rules: 400 outside the meeting or ending first, 409 into a taken room', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const other = await addSession(h, cookie, slug, sessionBody(meeting, 3, 4, { room: 'Hall B' }));
    const patch = (payload: Record<string, unknown>) =>
      call(h, 'PATCH', `/api/sessions/${s.id}`, { cookie, payload });
    const early = await patch({ startsAt: at(meeting, -2) });
    expect(early.statusCode).toBe(400);
    expect(early.json().errors.map((e: { path: string }) => e.path)).toContain('startsAt');
    const backwards = await patch({ endsAt: at(meeting, 0.5) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().errors.map((e: { path: string }) => e.path)).toContain('endsAt');
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ onlineUrl: 'ftp://example.org' })).statusCode).toBe(400);
    const taken = await patch({ startsAt: at(meeting, 3), endsAt: at(meeting, 4), room: 'hall b' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().detail).toContain(other.id);
    // Its own slot does not conflict with itself.
    expect((await patch({ endsAt: at(meeting, 2.5) })).statusCode).toBe(200);
    const after = await call(h, 'GET', `/api/sessions/${s.id}`);
    expect(after.json()).toMatchObject({
      startsAt: at(meeting, 1),
      endsAt: at(meeting, 2.5),
      sequence: 1,
    });
  });

  it('is for organizers (403) and a cancelled session is not changed (409)', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const delegate = await signedInDelegate(h, slug);
    for (const [method, url, payload] of [
      ['PATCH', `/api/sessions/${s.id}`, { room: 'X' }],
      ['POST', `/api/sessions/${s.id}/cancel`, undefined],
      ['PUT', `/api/sessions/${s.id}/speakers`, []],
    ] as const) {
      expect((await call(h, method, url, { cookie: delegate.cookie, payload })).statusCode).toBe(
        403,
      );
      expect((await call(h, method, url, { payload })).statusCode).toBe(401);
    }
    const cancelled = await call(h, 'POST', `/api/sessions/${s.id}/cancel`, { cookie });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 1 });
    expect(cancelled.json().allowedActions).not.toContain('cancel');
    expect((await call(h, 'POST', `/api/sessions/${s.id}/cancel`, { cookie })).statusCode).toBe(
      409,
    );
    const patched = await call(h, 'PATCH', `/api/sessions/${s.id}`, {
      cookie,
      payload: { room: 'X' },
    });
    expect(patched.statusCode).toBe(409);
    const one = await call(h, 'GET', `/api/sessions/${s.id}`);
    expect(one.json()).toMatchObject({ status: 'cancelled', sequence: 1, room: 'Hall A' });
    expect(await auditActions(cookie, slug)).toContain(`session.cancelled ${s.id}`);
  });
});

describe('the link to the video meeting', () => {
  it('is shown to confirmed registrants and staff only, never to the public', async () => {
    const { cookie, slug, meeting } = await createMeeting(h, { capacity: 1 });
    const url = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc';
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2, { onlineUrl: url }));
    const confirmed = await signedInDelegate(h, slug);
    expect(confirmed.registration.status).toBe('confirmed');
    const waiting = await signedInDelegate(h, slug);
    expect(waiting.registration.status).toBe('waitlisted');
    const stranger = await signIn(h, 'stranger@example.org');
    await call(h, 'PUT', `/api/meetings/${slug}/staff`, {
      cookie,
      payload: { email: 'rapporteur@example.org', role: 'rapporteur' },
    });
    const rapporteur = await signIn(h, 'rapporteur@example.org');

    const seen = async (who?: string) => {
      const opts = who ? { cookie: who } : {};
      const one = (await call(h, 'GET', `/api/sessions/${s.id}`, opts)).json();
      const list = (await call(h, 'GET', `/api/meetings/${slug}/sessions`, opts)).json().items[0];
      expect(Object.hasOwn(list, 'onlineUrl')).toBe(Object.hasOwn(one, 'onlineUrl'));
      return one.onlineUrl as string | undefined;
    };
    expect(await seen()).toBeUndefined();
    expect(await seen(stranger)).toBeUndefined();
    expect(await seen(waiting.cookie)).toBeUndefined();
    expect(await seen(confirmed.cookie)).toBe(url);
    expect(await seen(rapporteur)).toBe(url);
    expect(await seen(cookie)).toBe(url);
    const pub = await call(h, 'GET', `/api/sessions/${s.id}`);
    expect(pub.body).not.toContain('teams.microsoft.com');
    const list = await call(h, 'GET', `/api/meetings/${slug}/sessions`);
    expect(list.body).not.toContain('teams.microsoft.com');

    // A confirmed delegate who cancels loses it.
    const cancel = await call(h, 'POST', `/api/registrations/${confirmed.registration.id}/cancel`, {
      cookie: confirmed.cookie,
    });
    expect(cancel.statusCode).toBe(200);
    expect(await seen(confirmed.cookie)).toBeUndefined();
    // Removing the link: staff see null.
    const cleared = await call(h, 'PATCH', `/api/sessions/${s.id}`, {
      cookie,
      payload: { onlineUrl: null },
    });
    expect(cleared.json().onlineUrl).toBeNull();
  });
});

describe('planned speakers', () => {
  it('are replaced in the given order, with roles, organizations and minutes', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const speakers = [
      {
        name: 'Dr. Aliya Nurlanovna',
        role: 'chair',
        organization: 'Ministry of Water',
        title: 'Deputy Minister',
      },
      { name: 'John Smith', role: 'keynote', organization: 'UNECE', minutes: 15 },
      { name: 'Olga Ivanova', role: 'rapporteur' },
    ];
    const res = await call(h, 'PUT', `/api/sessions/${s.id}/speakers`, {
      cookie,
      payload: speakers,
    });
    expect(res.statusCode, res.body).toBe(200);
    const expected = [
      {
        position: 1,
        name: 'Dr. Aliya Nurlanovna',
        role: 'chair',
        organization: 'Ministry of Water',
        title: 'Deputy Minister',
        minutes: null,
      },
      {
        position: 2,
        name: 'John Smith',
        role: 'keynote',
        organization: 'UNECE',
        title: null,
        minutes: 15,
      },
      {
        position: 3,
        name: 'Olga Ivanova',
        role: 'rapporteur',
        organization: null,
        title: null,
        minutes: null,
      },
    ];
    expect(res.json()).toEqual({ items: expected });
    expect((await call(h, 'GET', `/api/sessions/${s.id}`)).json().speakers).toEqual(expected);
    expect(
      (await call(h, 'GET', `/api/meetings/${slug}/sessions`)).json().items[0].speakers,
    ).toEqual(expected);
    // A new order replaces the old one.
    const reordered = await call(h, 'PUT', `/api/sessions/${s.id}/speakers`, {
      cookie,
      payload: [speakers[2], speakers[0]],
    });
    expect(
      reordered
        .json()
        .items.map((i: { name: string; position: number }) => `${i.position} ${i.name}`),
    ).toEqual(['1 Olga Ivanova', '2 Dr. Aliya Nurlanovna']);
    const bad = await call(h, 'PUT', `/api/sessions/${s.id}/speakers`, {
      cookie,
      payload: [{ name: 'X', role: 'king' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await call(h, 'PUT', `/api/sessions/${s.id}/speakers`, { cookie, payload: { name: 'X' } }))
        .statusCode,
    ).toBe(400);
    const cleared = await call(h, 'PUT', `/api/sessions/${s.id}/speakers`, { cookie, payload: [] });
    expect(cleared.json()).toEqual({ items: [] });
    expect((await call(h, 'GET', `/api/sessions/${s.id}`)).json().speakers).toEqual([]);
    const audit = await auditActions(cookie, slug);
    expect(audit.filter((a) => a === `session.speakers_set ${s.id}`)).toHaveLength(3);
  });
});

describe('bookmarks and the delegate’s agenda', () => {
  it('PUT and DELETE answer 204, idempotent; GET /api/me/agenda lists hers in order', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s1 = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    const s2 = await addSession(h, cookie, slug, sessionBody(meeting, 0, 1, { room: 'Hall B' }));
    const s3 = await addSession(h, cookie, slug, sessionBody(meeting, 3, 4));
    const delegate = await signedInDelegate(h, slug);
    const other = await signIn(h, 'other@example.org');
    const agenda = async (who: string) => {
      const res = await call(h, 'GET', `/api/me/agenda?meeting=${slug}`, { cookie: who });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().items as { id: string; bookmarked: boolean }[]).map((i) => {
        expect(i.bookmarked).toBe(true);
        return i.id;
      });
    };
    expect(await agenda(delegate.cookie)).toEqual([]);
    for (const id of [s1.id, s2.id, s1.id]) {
      const res = await call(h, 'PUT', `/api/sessions/${id}/bookmark`, { cookie: delegate.cookie });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
    }
    expect(await agenda(delegate.cookie)).toEqual([s2.id, s1.id]);
    expect(await agenda(other)).toEqual([]);
    // Bookmarks show on the agenda for her, not for others.
    const mine = await call(h, 'GET', `/api/meetings/${slug}/sessions`, {
      cookie: delegate.cookie,
    });
    expect(mine.json().items.map((i: { bookmarked: boolean }) => i.bookmarked)).toEqual([
      true,
      true,
      false,
    ]);
    const theirs = await call(h, 'GET', `/api/meetings/${slug}/sessions`, { cookie: other });
    expect(theirs.json().items.map((i: { bookmarked: boolean }) => i.bookmarked)).toEqual([
      false,
      false,
      false,
    ]);
    expect(
      (await call(h, 'GET', `/api/sessions/${s1.id}`, { cookie: delegate.cookie })).json()
        .bookmarked,
    ).toBe(true);

    for (let i = 0; i < 2; i++) {
      const res = await call(h, 'DELETE', `/api/sessions/${s1.id}/bookmark`, {
        cookie: delegate.cookie,
      });
      expect(res.statusCode).toBe(204);
    }
    expect(await agenda(delegate.cookie)).toEqual([s2.id]);
    // Any signed-in reader may bookmark a published meeting's session.
    expect(
      (await call(h, 'PUT', `/api/sessions/${s3.id}/bookmark`, { cookie: other })).statusCode,
    ).toBe(204);
    expect(await agenda(other)).toEqual([s3.id]);
  });

  it('needs a sign-in (401), a known session (404) and a meeting to list (400, 404)', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2));
    expect((await call(h, 'PUT', `/api/sessions/${s.id}/bookmark`)).statusCode).toBe(401);
    expect((await call(h, 'DELETE', `/api/sessions/${s.id}/bookmark`)).statusCode).toBe(401);
    expect((await call(h, 'GET', `/api/me/agenda?meeting=${slug}`)).statusCode).toBe(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call(h, 'PUT', `/api/sessions/${unknown}/bookmark`, { cookie })).statusCode).toBe(
      404,
    );
    expect((await call(h, 'GET', '/api/me/agenda', { cookie })).statusCode).toBe(400);
    expect(
      (await call(h, 'GET', '/api/me/agenda?meeting=no-such-meeting', { cookie })).statusCode,
    ).toBe(404);
  });
});
