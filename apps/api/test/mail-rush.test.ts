/**
 * Mail during a rush and credentials at rest: the worker sends several messages at once
 * over a pool of SMTP connections, a sign-in link asked for mid-burst does not wait for the
 * burst, no usable sign-in link stays in the outbox after SMTP took it, and expired
 * sessions and links are purged by the running server.
 */
import { eq, isNull } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { describe, expect, inject, it } from 'vitest';
import { hashToken, queueMail } from '@kengash/core';
import { magicLinks, mailOutbox, userSessions, users } from '@kengash/db';
import { createTestDatabase } from '@kengash/db/testing';
import { loadConfig } from '../src/config.js';
import { Housekeeping } from '../src/housekeeping.js';
import { MailWorker } from '../src/mail-worker.js';
import { startServer } from '../src/server.js';
import {
  createMeeting,
  lastMailTo,
  registerDelegate,
  signIn,
  tokenFrom,
  useHarness,
} from './helpers.js';

interface Received {
  to: string;
  raw: string;
}

/** A local SMTP server that takes `delayMs` per message and counts parallel deliveries. */
function startSmtp(delayMs: number) {
  const received: Received[] = [];
  let active = 0;
  let maxActive = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      active++;
      maxActive = Math.max(maxActive, active);
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        setTimeout(() => {
          active--;
          received.push({
            to: session.envelope.rcptTo[0]!.address,
            raw: Buffer.concat(chunks).toString(),
          });
          callback();
        }, delayMs);
      });
    },
  });
  return new Promise<{
    url: string;
    received: Received[];
    maxActive: () => number;
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as { port: number }).port;
      resolve({
        url: `smtp://127.0.0.1:${port}`,
        received,
        maxActive: () => maxActive,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

const silent = { info: () => {}, warn: () => {} };
const h = useHarness();

async function waitFor(what: string, ok: () => boolean | Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Queues `n` ordinary (priority 0) messages, as a burst of sign-ups would. */
async function queueBurst(n: number) {
  for (let i = 0; i < n; i++)
    await queueMail(h.database.db, `burst${i}@example.org`, 'en', {
      kind: 'magic_link',
      url: 'http://kengash.test/',
      minutes: 15,
      name: null,
    });
}

describe('mail during a rush', () => {
  it('delivers several messages at once over a pool of connections', async () => {
    const smtp = await startSmtp(150);
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: smtp.url,
      from: 'k@kengash.test',
      log: silent,
      connections: 3,
    });
    try {
      await queueBurst(12);
      expect(await worker.pass()).toBe(12);
      expect(smtp.received).toHaveLength(12);
      expect(new Set(smtp.received.map((r) => r.to)).size).toBe(12);
      // One message at a time would never overlap; the pool has three connections.
      expect(smtp.maxActive()).toBeGreaterThan(1);
      expect(smtp.maxActive()).toBeLessThanOrEqual(3);
      const unsent = await h.database.db.select().from(mailOutbox).where(isNull(mailOutbox.sentAt));
      expect(unsent).toEqual([]);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });

  it('sends a sign-in link asked for during a burst before the rest of the burst', async () => {
    const smtp = await startSmtp(30);
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: smtp.url,
      from: 'k@kengash.test',
      log: silent,
      connections: 2,
      pollMs: 50,
    });
    try {
      await queueBurst(40);
      worker.start();
      await waitFor('the burst to start', () => smtp.received.length >= 2);
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        payload: { email: 'hurry@example.org' },
      });
      expect(res.statusCode).toBe(202);
      const before = smtp.received.length;
      await waitFor('every message', () => smtp.received.length === 41);
      const at = smtp.received.findIndex((r) => r.to === 'hurry@example.org');
      // At most the messages already in flight (two per connection) and one claimed with
      // it go before it.
      expect(at - before).toBeLessThanOrEqual(5);
      expect(at).toBeLessThan(20);
    } finally {
      await worker.stop();
      await smtp.close();
    }
  });
});

describe('sign-in links at rest', () => {
  it('removes usable links from the stored copy once SMTP took the mail', async () => {
    const { slug } = await createMeeting(h);
    await registerDelegate(h, slug);
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'rest@example.org' },
    });
    const before = await h.database.db.select().from(mailOutbox);
    const tokens = before.map((row) => tokenFrom(row.text)!);
    expect(tokens).toHaveLength(3);
    const smtp = await startSmtp(0);
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: smtp.url,
      from: 'k@kengash.test',
      log: silent,
    });
    try {
      expect(await worker.pass()).toBe(3);
    } finally {
      await worker.stop();
      await smtp.close();
    }
    // The recipients got working links (quoted-printable undone)…
    const raw = smtp.received.map((r) => r.raw.replace(/=\r\n/g, '').replace(/=3D/g, '=')).join('');
    for (const token of tokens) expect(raw).toContain(`/auth/verify?token=${token}`);
    // …and the outbox keeps none: not in text, HTML nor the template's parameters.
    const rows = await h.database.db.select().from(mailOutbox);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const stored = `${row.text}\n${row.html}\n${JSON.stringify(row.params)}`;
      expect(stored).not.toMatch(/auth\/verify\?token=(?!sent\b)/);
      expect(row.sentAt).toBeInstanceOf(Date);
    }
    const link = await lastMailTo(h, 'rest@example.org');
    expect(link!.text).toContain('/auth/verify?token=sent');
    expect(link!.params).toMatchObject({ url: 'http://kengash.test/auth/verify?token=sent' });
    // The mailed link itself still signs in: only the copy was scrubbed.
    const token = tokenFrom(before.find((r) => r.to === 'rest@example.org')!.text);
    const verify = await h.app.inject({
      method: 'POST',
      url: '/api/auth/verify',
      payload: { token },
    });
    expect(verify.statusCode).toBe(200);
  });

  it('keeps the links readable in the dev mailbox (no SMTP)', async () => {
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'devbox@example.org' },
    });
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: undefined,
      from: 'k@kengash.test',
      log: silent,
    });
    expect(await worker.pass()).toBe(1);
    await worker.stop();
    const [mail] = (await h.app.inject('/api/dev/mailbox')).json().items;
    const token = tokenFrom(mail.text)!;
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(
      (await h.app.inject({ method: 'POST', url: '/api/auth/verify', payload: { token } }))
        .statusCode,
    ).toBe(200);
  });

  it('logs a dev-mailbox message with its links on one line', async () => {
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'oneline@example.org' },
    });
    const lines: string[] = [];
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: undefined,
      from: 'k@kengash.test',
      log: { info: (_o, m) => lines.push(m), warn: (_o, m) => lines.push(m) },
    });
    await worker.pass();
    await worker.stop();
    expect(lines).toEqual([
      expect.stringMatching(
        /^dev mailbox: "Your Kengash sign-in link" to oneline@example\.org http:\/\/kengash\.test\/auth\/verify\?token=[\w-]{43}$/,
      ),
    ]);
  });
});

describe('expired credentials', () => {
  async function seedCredentials(db: typeof h.database.db) {
    const [user] = await db.insert(users).values({ email: 'old@example.org' }).returning();
    const hour = 3_600_000;
    const now = Date.now();
    await db.insert(userSessions).values([
      { tokenHash: hashToken('expired'), userId: user!.id, expiresAt: new Date(now - hour) },
      { tokenHash: hashToken('live'), userId: user!.id, expiresAt: new Date(now + hour) },
    ]);
    await db.insert(magicLinks).values([
      { tokenHash: hashToken('l-old'), email: user!.email, expiresAt: new Date(now - 25 * hour) },
      {
        tokenHash: hashToken('l-used'),
        email: user!.email,
        expiresAt: new Date(now + hour),
        usedAt: new Date(now - 25 * hour),
      },
      // Just expired or used: kept a day so a second click says "already used".
      { tokenHash: hashToken('l-recent'), email: user!.email, expiresAt: new Date(now - hour) },
      { tokenHash: hashToken('l-live'), email: user!.email, expiresAt: new Date(now + hour) },
    ]);
  }
  const hashesOf = async (db: typeof h.database.db) => ({
    sessions: (await db.select({ t: userSessions.tokenHash }).from(userSessions))
      .map((r) => r.t)
      .sort(),
    links: (await db.select({ t: magicLinks.tokenHash }).from(magicLinks)).map((r) => r.t).sort(),
  });

  it('housekeeping deletes expired sessions and stale sign-in links, nothing else', async () => {
    const cookie = await signIn(h, 'active@example.org');
    await seedCredentials(h.database.db);
    await new Housekeeping(h.database.db, silent).run();
    const left = await hashesOf(h.database.db);
    expect(left.sessions).toEqual([hashToken('live'), hashToken(cookie.split('=')[1]!)].sort());
    expect(left.links).toHaveLength(3);
    expect(left.links).toEqual(
      expect.arrayContaining([hashToken('l-recent'), hashToken('l-live')]),
    );
    expect(left.links).not.toContain(hashToken('l-old'));
    expect(left.links).not.toContain(hashToken('l-used'));
    expect((await h.app.inject({ url: '/api/me', headers: { cookie } })).statusCode).toBe(200);
  });

  it('the server process purges at start (and then hourly)', async () => {
    const database = await createTestDatabase(inject('template'));
    await seedCredentials(database.db);
    const running = await startServer(
      loadConfig({ PORT: '0', PUBLIC_URL: 'http://kengash.test', SEED_DEMO: 'false' }),
      { database, web: false, logger: false },
    );
    try {
      await waitFor('the purge', async () => {
        const left = await hashesOf(database.db);
        return left.sessions.length === 1 && left.links.length === 2;
      });
      const [user] = await database.db
        .select()
        .from(users)
        .where(eq(users.email, 'old@example.org'));
      expect(user).toBeDefined();
    } finally {
      await running.stop();
    }
  });
});
