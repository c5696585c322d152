import { describe, expect, it } from 'vitest';
import { ADMIN, createMeeting, useHarness, meetingBody, signIn } from './helpers.js';

const h = useHarness();

const post = (url: string, cookie: string | undefined, payload?: unknown) =>
  h.app.inject({
    method: 'POST',
    url,
    headers: cookie ? { cookie } : {},
    ...(payload ? { payload: payload as object } : {}),
  });

describe('creating meetings', () => {
  it('lets an admin create a draft and makes them its organizer', async () => {
    const cookie = await signIn(h, ADMIN);
    const res = await post(
      '/api/meetings',
      cookie,
      meetingBody({ maxPerCountry: 5, series: 'rec-central-asia' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      slug: 'rec-test-meeting',
      status: 'draft',
      timezone: 'Asia/Tashkent',
      country: 'UZ',
      capacity: 50,
      maxPerCountry: 5,
      confirmedCount: 0,
      waitlistCount: 0,
    });
    expect(res.json().startsAt).toMatch(/Z$/);
    const me = await h.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.json().roles).toEqual([{ meetingSlug: 'rec-test-meeting', role: 'organizer' }]);
  });

  it('needs sign-in (401) and admin rights (403)', async () => {
    expect((await post('/api/meetings', undefined, meetingBody())).statusCode).toBe(401);
    const cookie = await signIn(h, 'delegate@example.org');
    expect((await post('/api/meetings', cookie, meetingBody())).statusCode).toBe(403);
  });

  it('validates slug, country, time zone and dates, field by field, and writes nothing', async () => {
    const cookie = await signIn(h, ADMIN);
    const res = await post(
      '/api/meetings',
      cookie,
      meetingBody({
        slug: 'Bad Slug!',
        country: 'XX',
        timezone: 'Mars/Olympus',
        endsAt: '2020-01-01T00:00:00Z',
        capacity: 0,
      }),
    );
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    expect(paths).toEqual(['capacity', 'country', 'endsAt', 'slug', 'timezone']);
    const list = await h.app.inject({ url: '/api/meetings', headers: { cookie } });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a taken slug with 409', async () => {
    const cookie = await signIn(h, ADMIN);
    expect((await post('/api/meetings', cookie, meetingBody())).statusCode).toBe(201);
    expect((await post('/api/meetings', cookie, meetingBody())).statusCode).toBe(409);
  });
});

describe('visibility and status', () => {
  it('hides drafts from everyone but staff, shows published ones to all', async () => {
    const { cookie, slug } = await createMeeting(h, {}, false);
    const stranger = await signIn(h, 'stranger@example.org');
    expect((await h.app.inject(`/api/meetings/${slug}`)).statusCode).toBe(404);
    expect(
      (await h.app.inject({ url: `/api/meetings/${slug}`, headers: { cookie: stranger } }))
        .statusCode,
    ).toBe(404);
    expect((await h.app.inject('/api/meetings')).json().items).toEqual([]);
    expect(
      (await h.app.inject({ url: `/api/meetings/${slug}`, headers: { cookie } })).statusCode,
    ).toBe(200);
    expect((await h.app.inject(`/api/meetings/${slug}/working-groups`)).statusCode).toBe(404);

    expect((await post(`/api/meetings/${slug}/publish`, cookie)).json().status).toBe('published');
    const pub = await h.app.inject(`/api/meetings/${slug}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json()).toMatchObject({ status: 'published', confirmedCount: 0, waitlistCount: 0 });
    expect(
      (await h.app.inject('/api/meetings')).json().items.map((m: { slug: string }) => m.slug),
    ).toEqual([slug]);
  });

  it('moves draft → published → closed and refuses the rest with 409', async () => {
    const { cookie, slug } = await createMeeting(h, {}, false);
    expect((await post(`/api/meetings/${slug}/close`, cookie)).statusCode).toBe(409);
    expect((await post(`/api/meetings/${slug}/publish`, cookie)).statusCode).toBe(200);
    expect((await post(`/api/meetings/${slug}/publish`, cookie)).statusCode).toBe(409);
    expect((await post(`/api/meetings/${slug}/close`, cookie)).json().status).toBe('closed');
    const stranger = await signIn(h, 'x@example.org');
    expect((await post(`/api/meetings/${slug}/publish`, stranger)).statusCode).toBe(403);
  });

  it('lets organizers patch, validates the merged dates, and refuses others', async () => {
    const { cookie, slug } = await createMeeting(h);
    const ok = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${slug}`,
      headers: { cookie },
      payload: { title: 'Renamed', venue: 'Congress Hall' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ title: 'Renamed', venue: 'Congress Hall' });
    const bad = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${slug}`,
      headers: { cookie },
      payload: { endsAt: '2000-01-01T00:00:00Z' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'endsAt', message: 'Must be after startsAt' }]);
    const stranger = await signIn(h, 'y@example.org');
    const denied = await h.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${slug}`,
      headers: { cookie: stranger },
      payload: { title: 'x' },
    });
    expect(denied.statusCode).toBe(403);
    expect((await h.app.inject(`/api/meetings/${slug}`)).json().title).toBe('Renamed');
  });
});

/** PUT or DELETE /api/meetings/:slug/staff. */
const staff = (method: 'PUT' | 'DELETE', cookie: string, slug: string, payload: object) =>
  h.app.inject({ method, url: `/api/meetings/${slug}/staff`, headers: { cookie }, payload });

describe('staff and working groups', () => {
  it('adds, lists and removes staff; the new organizer may act', async () => {
    const { cookie, slug } = await createMeeting(h, {}, false);
    const put = await staff('PUT', cookie, slug, { email: 'Chair@Example.org', role: 'moderator' });
    expect(put.statusCode).toBe(200);
    await staff('PUT', cookie, slug, { email: 'org2@example.org', role: 'organizer' });
    const list = await h.app.inject({ url: `/api/meetings/${slug}/staff`, headers: { cookie } });
    expect(
      list
        .json()
        .items.map((s: { email: string; role: string }) => `${s.role}:${s.email}`)
        .sort(),
    ).toEqual(['moderator:chair@example.org', `organizer:${ADMIN}`, 'organizer:org2@example.org']);
    // A moderator sees the draft but cannot manage staff.
    const chair = await signIn(h, 'chair@example.org');
    expect(
      (await h.app.inject({ url: `/api/meetings/${slug}`, headers: { cookie: chair } })).statusCode,
    ).toBe(200);
    expect(
      (await h.app.inject({ url: `/api/meetings/${slug}/staff`, headers: { cookie: chair } }))
        .statusCode,
    ).toBe(403);
    const org2 = await signIn(h, 'org2@example.org');
    expect((await post(`/api/meetings/${slug}/publish`, org2)).statusCode).toBe(200);

    const del = await staff('DELETE', cookie, slug, {
      email: 'chair@example.org',
      role: 'moderator',
    });
    expect(del.statusCode).toBe(204);
    const me = await h.app.inject({ url: '/api/me', headers: { cookie: chair } });
    expect(me.json().roles).toEqual([]);
  });

  it('keeps at least one organizer', async () => {
    const { cookie, slug } = await createMeeting(h);
    const res = await staff('DELETE', cookie, slug, { email: ADMIN, role: 'organizer' });
    expect(res.statusCode).toBe(409);
  });

  it('creates working groups with unique codes and lists them publicly', async () => {
    const { cookie, slug } = await createMeeting(h);
    const a = await post(`/api/meetings/${slug}/working-groups`, cookie, {
      code: 'A',
      name: 'Accountability, legal and judicial issues',
    });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({
      code: 'A',
      name: 'Accountability, legal and judicial issues',
    });
    expect(
      (await post(`/api/meetings/${slug}/working-groups`, cookie, { code: 'a', name: 'Dup' }))
        .statusCode,
    ).toBe(409);
    expect(
      (await post(`/api/meetings/${slug}/working-groups`, cookie, { code: '', name: 'x' }))
        .statusCode,
    ).toBe(400);
    const list = await h.app.inject(`/api/meetings/${slug}/working-groups`);
    expect(list.json()).toEqual({
      items: [
        {
          id: expect.any(String),
          code: 'A',
          name: 'Accountability, legal and judicial issues',
          nameLang: 'en',
          translations: { name: { en: 'Accountability, legal and judicial issues' } },
        },
      ],
    });
  });
});

describe('audit', () => {
  it('records every state change of the meeting, newest first, for organizers only', async () => {
    const { cookie, slug } = await createMeeting(h);
    await post(`/api/meetings/${slug}/working-groups`, cookie, {
      code: 'B',
      name: 'Psychosocial support',
    });
    await post(`/api/meetings/${slug}/close`, cookie);
    const res = await h.app.inject({ url: `/api/meetings/${slug}/audit`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { action: string }) => i.action)).toEqual([
      'meeting.closed',
      'working_group.created',
      'meeting.published',
      'meeting.created',
    ]);
    expect(res.json().items[0]).toMatchObject({
      actor: ADMIN,
      entityType: 'meeting',
      at: expect.stringMatching(/Z$/),
    });
    expect((await h.app.inject(`/api/meetings/${slug}/audit`)).statusCode).toBe(401);
  });
});
