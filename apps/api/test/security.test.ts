/**
 * The API's defences that need no browser: the dev mailbox only where it is safe, client
 * addresses by TRUST_PROXY, registration limits, the `next` path, security headers and
 * the Origin check on either loopback name.
 */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, trustFunction } from '../src/client-address.js';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  createMeeting,
  delegate,
  nextClientAddress,
  PUBLIC_URL,
  signIn,
  useHarness,
  type Harness,
} from './helpers.js';

const requestLink = (
  x: Harness,
  email: string,
  opts: { headers?: Record<string, string>; remoteAddress?: string } = {},
) =>
  x.app.inject({
    method: 'POST',
    url: '/api/auth/magic-link',
    payload: { email },
    ...(opts.headers ? { headers: opts.headers } : {}),
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });

describe('the dev mailbox', () => {
  describe('without SMTP_URL outside production', () => {
    const h = useHarness();
    it('answers', async () => {
      expect((await h.app.inject('/api/dev/mailbox')).statusCode).toBe(200);
    });
  });

  describe('with SMTP_URL set, even outside production', () => {
    const x = useHarness({ SMTP_URL: 'smtp://127.0.0.1:2525' });
    it('is unknown (404)', async () => {
      const res = await x.app.inject('/api/dev/mailbox');
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    });
  });

  describe('in production, even without SMTP_URL', () => {
    const x = useHarness({ NODE_ENV: 'production' });
    it('is unknown (404)', async () => {
      expect((await x.app.inject('/api/dev/mailbox')).statusCode).toBe(404);
    });

    it('does not believe X-Forwarded-For either (TRUST_PROXY is unset)', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++)
        codes.push(
          (
            await requestLink(x, `prod${i}@example.org`, {
              headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
            })
          ).statusCode,
        );
      expect(codes[20]).toBe(429);
    });
  });
});

describe('TRUST_PROXY', () => {
  it('parses true, a hop count and a list of proxies; refuses a bad address', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }).trustProxy).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY/);
  });

  it('finds the client behind the proxies it trusts, and only those', () => {
    const req = (xff: string) =>
      ({
        headers: { 'x-forwarded-for': xff },
        socket: { remoteAddress: '10.0.0.1' },
      }) as unknown as IncomingMessage;
    const chain = '192.0.2.1, 192.0.2.2, 192.0.2.3';
    expect(clientAddress(req(chain), trustFunction(false))).toBe('10.0.0.1');
    expect(clientAddress(req(chain), trustFunction(1))).toBe('192.0.2.3');
    expect(clientAddress(req(chain), trustFunction(2))).toBe('192.0.2.2');
    expect(clientAddress(req(chain), trustFunction(true))).toBe('192.0.2.1');
    expect(clientAddress(req(chain), trustFunction(['10.0.0.1']))).toBe('192.0.2.3');
    expect(clientAddress(req(chain), trustFunction(['10.0.0.0/8', '192.0.2.3']))).toBe('192.0.2.2');
    expect(clientAddress(req(chain), trustFunction(['10.0.0.2']))).toBe('10.0.0.1');
  });

  describe('unset', () => {
    const h = useHarness();
    it('a rotating X-Forwarded-For does not escape the per-client limit', async () => {
      const codes: number[] = [];
      for (let i = 0; i < 21; i++)
        codes.push(
          (
            await requestLink(h, `rot${i}@example.org`, {
              headers: { 'x-forwarded-for': `203.0.113.${i + 1}` },
            })
          ).statusCode,
        );
      expect(codes.slice(0, 20)).toEqual(Array(20).fill(202));
      expect(codes[20]).toBe(429);
    });
  });

  describe.each(['true', '1', 'loopback'])('set to %s', (trust) => {
    const x = useHarness({ TRUST_PROXY: trust });
    it('limits the client the proxy names, not the proxy', async () => {
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
      for (let i = 0; i < 20; i++)
        expect((await requestLink(x, `a${i}@example.org`, from('203.0.113.7'))).statusCode).toBe(
          202,
        );
      const limited = await requestLink(x, 'a20@example.org', from('203.0.113.7'));
      expect(limited.statusCode).toBe(429);
      expect(limited.json()).toMatchObject({ status: 429, title: 'Too many requests' });
      // Another client behind the same proxy is not punished for the first one.
      expect((await requestLink(x, 'b@example.org', from('203.0.113.8'))).statusCode).toBe(202);
    });
  });

  describe('set to a list', () => {
    const x = useHarness({ TRUST_PROXY: '10.9.9.9' });
    it('believes only the proxies it names', async () => {
      // Straight from 127.0.0.1, not a listed proxy: its X-Forwarded-For is ignored.
      for (let i = 0; i < 20; i++)
        await requestLink(x, `l${i}@example.org`, {
          headers: { 'x-forwarded-for': `192.0.2.${i}` },
        });
      expect(
        (await requestLink(x, 'l20@example.org', { headers: { 'x-forwarded-for': '192.0.2.99' } }))
          .statusCode,
      ).toBe(429);
      // Through the listed proxy the forwarded client counts.
      expect(
        (
          await requestLink(x, 'm@example.org', {
            remoteAddress: '10.9.9.9',
            headers: { 'x-forwarded-for': '192.0.2.99' },
          })
        ).statusCode,
      ).toBe(202);
    });
  });
});

describe('registration limits', () => {
  const h = useHarness();
  const register = (slug: string, body: object, remoteAddress: string) =>
    h.app.inject({
      method: 'POST',
      url: `/api/meetings/${slug}/registrations`,
      payload: body,
      remoteAddress,
    });

  it('lets one office register its delegation, then refuses a flood with 429', async () => {
    const { slug } = await createMeeting(h, { capacity: 100 });
    const office = '192.0.2.10';
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await register(slug, delegate(), office)).statusCode);
    // A ministry's ten delegates, and twenty more, all get through.
    expect(codes.slice(0, 30)).toEqual(Array(30).fill(201));
    expect(codes[30]).toBe(429);
    const refused = await register(slug, delegate(), office);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.json()).toMatchObject({
      type: expect.stringMatching(/429$/),
      title: 'Too many requests',
      status: 429,
      detail: expect.stringMatching(/^Too many registration requests; try again in \d+ s$/),
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another office is not affected.
    expect((await register(slug, delegate(), '192.0.2.11')).statusCode).toBe(201);
  });

  it('limits attempts for one address from many clients', async () => {
    const { slug } = await createMeeting(h);
    const body = delegate({ email: 'probe@example.org' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++)
      codes.push((await register(slug, body, nextClientAddress())).statusCode);
    // The first registers, the next four are duplicates, the sixth is refused unseen.
    expect(codes).toEqual([201, 409, 409, 409, 409, 429]);
    const other = await register(slug, delegate(), nextClientAddress());
    expect(other.statusCode).toBe(201);
  });

  it('counts e-mails case-insensitively and sign-in links apart', async () => {
    const { slug } = await createMeeting(h);
    for (let i = 0; i < 5; i++)
      await register(
        slug,
        delegate({ email: `Case${i % 2 ? 'X' : 'x'}@Example.org` }),
        nextClientAddress(),
      );
    expect(
      (await register(slug, delegate({ email: 'casex@example.org' }), nextClientAddress()))
        .statusCode,
    ).toBe(429);
    // The sign-in limit is its own.
    expect((await requestLink(h, 'casex@example.org')).statusCode).toBe(202);
  });
});

describe('next after sign-in', () => {
  const h = useHarness();
  it('refuses a path that leaves the site with 400, takes one on it', async () => {
    const ask = (next: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        payload: { email: 'next@example.org', next },
      });
    for (const next of [
      '/\\evil.example',
      '//evil.example',
      '/\\t/x',
      '/\t/x',
      'https://evil.example/',
    ]) {
      const res = await ask(next);
      expect(res.statusCode, JSON.stringify(next)).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'next', message: 'Must be a path on this site' }]);
    }
    expect((await ask('/meetings/x/manage?tab=1')).statusCode).toBe(202);
  });
});

describe('security headers on the API', () => {
  const h = useHarness();
  it('a JSON answer may not run scripts nor be framed', async () => {
    const res = await h.app.inject('/api/meetings');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none';base-uri 'none';form-action 'none';frame-ancestors 'none'",
    );
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
    const problem = await h.app.inject('/api/meetings/nope');
    expect(problem.headers['x-frame-options']).toBe('DENY');
  });

  it('the docs page loads its own scripts and styles, and is never framed', async () => {
    const page = await h.app.inject('/api/docs/');
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    // Everything the page loads is from /api/docs/static and answers.
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(3);
    for (const asset of assets) {
      const url = new URL(asset, 'http://kengash.test/api/docs/').pathname;
      expect(url.startsWith('/api/docs/static/'), asset).toBe(true);
      expect((await h.app.inject(url)).statusCode, url).toBe(200);
    }
    const init = await h.app.inject('/api/docs/static/swagger-initializer.js');
    expect(init.body).toContain("resolveUrl('./json')");
    expect((await h.app.inject('/api/docs/json')).statusCode).toBe(200);
  });
});

describe('security headers with an https PUBLIC_URL', () => {
  const x = useHarness({ PUBLIC_URL: 'https://council.example.org' });
  it('include HSTS', async () => {
    const res = await x.app.inject('/api/health');
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});

describe('origins', () => {
  const write = (x: Harness, cookie: string, origin: string) =>
    x.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, origin } });

  describe('without PUBLIC_URL', () => {
    const x = useHarness({ PUBLIC_URL: '', PORT: '3456' });
    it('both loopback names of the port are ours', async () => {
      expect(x.config.publicUrl).toBe('http://localhost:3456');
      for (const origin of [
        'http://127.0.0.1:3456',
        'http://localhost:3456',
        'http://[::1]:3456',
      ]) {
        const cookie = await signIn(x, 'loop@example.org');
        expect((await write(x, cookie, origin)).statusCode, origin).toBe(204);
      }
      const cookie = await signIn(x, 'loop@example.org');
      for (const origin of [
        'http://127.0.0.1:3457',
        'http://evil.example',
        'http://127.0.0.2:3456',
      ])
        expect((await write(x, cookie, origin)).statusCode, origin).toBe(403);
    });
  });

  describe('with PUBLIC_URL', () => {
    const h = useHarness();
    it('only its origin is ours', async () => {
      const cookie = await signIn(h, 'pub@example.org');
      expect((await write(h, cookie, 'http://127.0.0.1:3000')).statusCode).toBe(403);
      expect((await write(h, cookie, 'http://localhost:3000')).statusCode).toBe(403);
      expect((await write(h, cookie, PUBLIC_URL)).statusCode).toBe(204);
    });
  });
});
