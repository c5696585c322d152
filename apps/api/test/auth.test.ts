import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { magicLinks, userSessions } from '@kengash/db';
import { hashToken } from '@kengash/core';
import {
  ADMIN,
  harness,
  useHarness,
  lastMailTo,
  PUBLIC_URL,
  signIn,
  tokenFrom,
} from './helpers.js';

const h = useHarness();

const requestLink = (email: string, headers: Record<string, string> = {}) =>
  h.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email }, headers });
const verify = (token: string | undefined) =>
  h.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } });

describe('magic links', () => {
  it('mails a single-use link to PUBLIC_URL/auth/verify and stores only its hash', async () => {
    const res = await requestLink('Delegate@Example.org');
    expect(res.statusCode).toBe(202);
    const mail = await lastMailTo(h, 'delegate@example.org');
    expect(mail?.kind).toBe('magic_link');
    expect(mail!.text).toContain(`${PUBLIC_URL}/auth/verify?token=`);
    const token = tokenFrom(mail!.text)!;
    const [stored] = await h.database.db.select().from(magicLinks);
    expect(stored!.tokenHash).toBe(hashToken(token));
    expect(stored!.tokenHash).not.toContain(token);
    const minutes = (stored!.expiresAt.getTime() - stored!.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(15, 0);
  });

  it('answers the same for known and unknown addresses', async () => {
    await signIn(h, 'known@example.org');
    const known = await requestLink('known@example.org');
    const unknown = await requestLink('nobody@example.org');
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
  });

  it('signs in once, then refuses the used token', async () => {
    await requestLink('a@example.org');
    const token = tokenFrom((await lastMailTo(h, 'a@example.org'))!.text);
    const first = await verify(token);
    expect(first.statusCode).toBe(200);
    expect(first.json().user).toMatchObject({ email: 'a@example.org', isAdmin: false, roles: [] });
    const cookie = first.cookies.find((c) => c.name === 'kengash_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
    const again = await verify(token);
    expect(again.statusCode).toBe(400);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses an expired token and an unknown one', async () => {
    await requestLink('late@example.org');
    const token = tokenFrom((await lastMailTo(h, 'late@example.org'))!.text)!;
    await h.database.db
      .update(magicLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(magicLinks.tokenHash, hashToken(token)));
    expect((await verify(token)).statusCode).toBe(400);
    expect((await verify('x'.repeat(43))).statusCode).toBe(400);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const https = await harness({ PUBLIC_URL: 'https://council.example.org' });
    try {
      await https.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        payload: { email: 's@example.org' },
      });
      const token = tokenFrom((await lastMailTo(https, 's@example.org'))!.text);
      const res = await https.app.inject({
        method: 'POST',
        url: '/api/auth/verify',
        payload: { token },
      });
      expect(res.cookies.find((c) => c.name === 'kengash_session')!.secure).toBe(true);
    } finally {
      await https.close();
    }
  });

  it('limits link requests per address with 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await requestLink('flood@example.org')).statusCode);
    expect(codes).toEqual([202, 202, 202, 202, 202, 429]);
    const limited = await requestLink('flood@example.org');
    expect(limited.json()).toMatchObject({ status: 429 });
    // Another address from the same client still gets through.
    expect((await requestLink('other@example.org')).statusCode).toBe(202);
  });

  it('limits link requests per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) codes.push((await requestLink(`p${i}@example.org`)).statusCode);
    expect(codes.slice(0, 20).every((c) => c === 202)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('rejects a malformed address with a field error', async () => {
    const res = await requestLink('not-an-address');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: 'email', message: expect.any(String) }]);
  });
});

describe('sessions', () => {
  it('/api/me needs a session and lists admin rights from ADMIN_EMAILS', async () => {
    expect((await h.app.inject('/api/me')).statusCode).toBe(401);
    const cookie = await signIn(h, ADMIN);
    const me = await h.app.inject({ url: '/api/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: ADMIN, isAdmin: true, roles: [] });
    const other = await signIn(h, 'someone@example.org');
    expect(
      (await h.app.inject({ url: '/api/me', headers: { cookie: other } })).json().isAdmin,
    ).toBe(false);
  });

  it('logout ends the session', async () => {
    const cookie = await signIn(h, 'out@example.org');
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: { cookie },
    });
    expect(res.statusCode).toBe(204);
    expect((await h.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(401);
    expect(await h.database.db.select().from(userSessions)).toHaveLength(0);
    expect((await h.app.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(401);
  });

  it('refuses a cookie-carrying write from another origin, accepts our own and none', async () => {
    const cookie = await signIn(h, ADMIN);
    const body = {
      slug: 'origin-test',
      title: 'T',
      city: 'Astana',
      country: 'KZ',
      timezone: 'Asia/Almaty',
      startsAt: '2030-01-01T04:00:00Z',
      endsAt: '2030-01-01T12:00:00Z',
      capacity: 10,
      registrationMode: 'open',
    };
    const evil = await h.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: { cookie, origin: 'https://evil.example' },
      payload: body,
    });
    expect(evil.statusCode).toBe(403);
    expect(
      (await h.app.inject({ url: '/api/meetings/origin-test', headers: { cookie } })).statusCode,
    ).toBe(404);
    const ours = await h.app.inject({
      method: 'POST',
      url: '/api/meetings',
      headers: { cookie, origin: PUBLIC_URL },
      payload: body,
    });
    expect(ours.statusCode).toBe(201);
    // Reads are not writes: a GET from anywhere is fine.
    const read = await h.app.inject({
      url: '/api/me',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(read.statusCode).toBe(200);
  });

  it('treats an unknown session cookie as signed out', async () => {
    const res = await h.app.inject({
      url: '/api/me',
      headers: { cookie: 'kengash_session=forged' },
    });
    expect(res.statusCode).toBe(401);
  });
});
