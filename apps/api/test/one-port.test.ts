/**
 * The one-port production process (API + pages) as a browser meets it, over real HTTP from
 * chosen loopback addresses: security headers on pages, the API and its docs; the dev
 * mailbox page only where the API has one; page-originated API calls limited by the
 * browser's address under the same TRUST_PROXY rule as the API; both loopback names
 * usable for forms when PUBLIC_URL is unset.
 */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase } from '@kengash/db/testing';
import { loadConfig } from '../src/config.js';
import { type Running, startServer, webBuildDir } from '../src/server.js';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request from a chosen local address (Linux routes all of 127/8 to loopback). */
function http(
  port: number,
  path: string,
  opts: {
    method?: string;
    form?: Record<string, string>;
    headers?: Record<string, string>;
    from?: string;
  } = {},
): Promise<Answer> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: opts.method ?? (body ? 'POST' : 'GET'),
        localAddress: opts.from ?? '127.0.0.1',
        headers: {
          // What a browser sends; a form post that does not accept HTML is answered in JSON.
          accept: 'text/html',
          ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Starts the one-port process for the tests of the calling describe block. */
function useServer(env: (port: number) => Record<string, string>) {
  const state = { running: undefined as Running | undefined, port: 0 };
  beforeAll(async () => {
    if (!existsSync(`${webBuildDir}/handler.js`))
      throw new Error('Build the web app first (pnpm build)');
    const database = await createTestDatabase(inject('template'));
    state.port = 40000 + Math.floor(Math.random() * 20000);
    const config = loadConfig({ PORT: String(state.port), HOST: '127.0.0.1', ...env(state.port) });
    state.running = await startServer(config, { database, logger: false });
  }, 90_000);
  afterAll(async () => {
    await state.running?.stop();
  });
  return state;
}

/** The sign-in form, posted as a browser without JavaScript does. */
const signInForm = (port: number, email: string, from: string, headers = {}) =>
  http(port, '/signin', {
    form: { email },
    from,
    headers: { origin: `http://127.0.0.1:${port}`, ...headers },
  });

describe('the one-port process, PUBLIC_URL set, TRUST_PROXY unset', () => {
  const s = useServer((port) => ({ PUBLIC_URL: `http://127.0.0.1:${port}` }));

  it('pages carry a CSP with nonces or hashes, no inline scripts, and may not be framed', async () => {
    const page = await http(s.port, '/');
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    const scriptSrc = /script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc).toMatch(/'self'/);
    expect(scriptSrc).toMatch(/'(nonce-[\w+/=]+|sha256-[\w+/=]+)'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    // Every inline script of the page is allowed by its nonce, none without.
    const nonce = /'nonce-([\w+/=]+)'/.exec(scriptSrc)?.[1];
    const inline = [...page.body.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)];
    for (const [, attrs] of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // Assets get the headers too.
    const asset = /"\.?(\/_app\/immutable\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(asset, page.body).toBeDefined();
    const js = await http(s.port, asset!);
    expect(js.status).toBe(200);
    expect(js.headers['x-content-type-options']).toBe('nosniff');
  });

  it('API answers and the API docs carry theirs', async () => {
    const api = await http(s.port, '/api/health');
    expect(api.status).toBe(200);
    expect(api.headers['content-security-policy']).toContain("default-src 'none'");
    expect(api.headers['x-frame-options']).toBe('DENY');
    const docs = await http(s.port, '/api/docs/');
    expect(docs.status).toBe(200);
    expect(docs.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the dev mailbox page (no SMTP_URL, not production)', async () => {
    const page = await http(s.port, '/dev/mailbox');
    expect(page.status).toBe(200);
  });

  it("a page's sign-in counts against the browser's address, which the browser cannot forge", async () => {
    const codes: number[] = [];
    for (let i = 0; i < 20; i++)
      codes.push(
        (
          await signInForm(s.port, `page${i}@example.org`, '127.0.0.2', {
            // Neither a forwarded address nor our internal header moves a browser to
            // another bucket.
            'x-forwarded-for': `203.0.113.${i}`,
            'x-kengash-client-address': `198.51.100.${i}`,
          })
        ).status,
      );
    expect(codes).toEqual(Array(20).fill(303));
    expect((await signInForm(s.port, 'page20@example.org', '127.0.0.2')).status).toBe(429);
    // Another browser is not limited by the first one's requests (before, every page's
    // call reached the API as 127.0.0.1).
    expect((await signInForm(s.port, 'other@example.org', '127.0.0.3')).status).toBe(303);
    // Twenty-two page renders that each call the API: a few seconds, longer on a busy machine.
  }, 90_000);
});

describe('the one-port process behind a proxy (TRUST_PROXY=loopback), with SMTP_URL', () => {
  const s = useServer(() => ({
    PUBLIC_URL: 'https://council.example.org',
    TRUST_PROXY: 'loopback',
    SMTP_URL: 'smtp://127.0.0.1:9',
  }));
  const viaProxy = (port: number, email: string, client: string) =>
    http(port, '/signin', {
      form: { email },
      headers: {
        origin: 'https://council.example.org',
        'x-forwarded-for': client,
      },
    });

  it("a page's sign-in counts against the client the proxy names", async () => {
    for (let i = 0; i < 20; i++)
      expect((await viaProxy(s.port, `p${i}@example.org`, '203.0.113.7')).status).toBe(303);
    expect((await viaProxy(s.port, 'p20@example.org', '203.0.113.7')).status).toBe(429);
    expect((await viaProxy(s.port, 'q@example.org', '203.0.113.8')).status).toBe(303);
  }, 90_000);

  it('has no dev mailbox page', async () => {
    expect((await http(s.port, '/dev/mailbox')).status).toBe(404);
    expect((await http(s.port, '/api/dev/mailbox')).status).toBe(404);
  });

  it('sends HSTS on pages for an https PUBLIC_URL', async () => {
    const page = await http(s.port, '/');
    expect(page.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
  });
});

describe('the one-port process without PUBLIC_URL', () => {
  const s = useServer(() => ({ PUBLIC_URL: '' }));
  const form = (host: string, origin: string) =>
    http(s.port, '/signin', {
      form: { email: `loop-${Math.random().toString(36).slice(2)}@example.org` },
      headers: { host, origin },
    });

  it('takes forms on http://127.0.0.1:PORT and http://localhost:PORT', async () => {
    for (const name of ['127.0.0.1', 'localhost']) {
      const host = `${name}:${s.port}`;
      const res = await form(host, `http://${host}`);
      expect(res.status, `${host}: ${res.body.slice(0, 200)}`).toBe(303);
      expect(res.headers.location).toBe('/signin?sent=1');
    }
  });

  it('still refuses a cross-site form', async () => {
    const host = `127.0.0.1:${s.port}`;
    expect((await form(host, 'http://evil.example')).status).toBe(403);
    // A foreign Host name is not taken as our origin either.
    expect((await form(`evil.example:${s.port}`, `http://evil.example:${s.port}`)).status).toBe(
      403,
    );
  });
});
