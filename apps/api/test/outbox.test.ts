/**
 * The outbox against a real SMTP server started in the test: mail owed while SMTP is down
 * goes out once it is back, exactly once, and a fresh worker (a restarted process) picks
 * up what an earlier one left.
 */
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { mailOutbox } from '@kengash/db';
import { retryDelayMs } from '@kengash/core';
import { MailWorker } from '../src/mail-worker.js';
import { harness, useHarness } from './helpers.js';

interface Received {
  to: string[];
  raw: string;
}

/** An SMTP server that answers 451 to every message while `state.failing` is set. */
function startSmtp(opts: { failing: boolean }) {
  const received: Received[] = [];
  const state = { failing: opts.failing, tries: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        state.tries++;
        if (state.failing) {
          const err = new Error('Mailbox busy, try later') as Error & { responseCode: number };
          err.responseCode = 451;
          return callback(err);
        }
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString(),
        });
        callback();
      });
    },
  });
  return new Promise<{
    port: number;
    received: Received[];
    /** `tries`: messages the server was handed, accepted or not. */
    state: { failing: boolean; tries: number };
    close: () => Promise<void>;
  }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.server.address() as { port: number }).port;
      resolve({
        port,
        received,
        state,
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}

const silent = { info: () => {}, warn: () => {} };
const h = useHarness();

describe('mail outbox', () => {
  it('retries with backoff capped at a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(retryDelayMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000,
    ]);
  });

  it('delivers after SMTP failures, once, with text, HTML and the right recipient', async () => {
    const smtp = await startSmtp({ failing: true });
    try {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/auth/magic-link',
        payload: { email: 'mail@example.org' },
      });
      expect(res.statusCode).toBe(202);
      const worker = new MailWorker({
        db: h.database.db,
        smtpUrl: `smtp://127.0.0.1:${smtp.port}`,
        from: 'Kengash <no-reply@kengash.test>',
        log: silent,
      });
      const message = async () => (await h.database.db.select().from(mailOutbox))[0]!;

      // SMTP refuses: nothing is sent, every try is recorded, the next waits its backoff
      // from the failure. (A pass may try twice if the machine stalls past the backoff.)
      const beforeFailure = Date.now();
      expect(await worker.pass()).toBe(0);
      const afterFailure = Date.now();
      let row = await message();
      expect(smtp.state.tries).toBeGreaterThanOrEqual(1);
      expect(row).toMatchObject({ attempts: smtp.state.tries, sentAt: null, lockedUntil: null });
      expect(row.lastError).toMatch(/busy/);
      const backoff = retryDelayMs(row.attempts);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThanOrEqual(beforeFailure + backoff);
      expect(row.nextAttemptAt.getTime()).toBeLessThanOrEqual(afterFailure + backoff);

      // Not due yet: a pass leaves the message alone (no try, no new failure).
      const triesSoFar = smtp.state.tries;
      await h.database.db
        .update(mailOutbox)
        .set({ nextAttemptAt: new Date(Date.now() + 3_600_000) });
      expect(await worker.pass()).toBe(0);
      expect(smtp.state.tries).toBe(triesSoFar);
      expect(await message()).toMatchObject({ attempts: triesSoFar, sentAt: null });

      // Due, and SMTP is back: it goes out, once.
      smtp.state.failing = false;
      await h.database.db.update(mailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1) });
      expect(await worker.pass()).toBe(1);
      expect(smtp.state.tries).toBe(triesSoFar + 1);
      row = await message();
      expect(row.sentAt).toBeInstanceOf(Date);
      expect(row).toMatchObject({ attempts: triesSoFar, lastError: null, lockedUntil: null });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]!.to).toEqual(['mail@example.org']);
      expect(smtp.received[0]!.raw).toMatch(/Content-Type: text\/plain/);
      expect(smtp.received[0]!.raw).toMatch(/Content-Type: text\/html/);
      expect(smtp.received[0]!.raw).toContain('auth/verify?token=');
      // Sent mail is not sent again.
      await h.database.db.update(mailOutbox).set({ nextAttemptAt: new Date(Date.now() - 1) });
      expect(await worker.pass()).toBe(0);
      expect(smtp.state.tries).toBe(triesSoFar + 1);
      expect(smtp.received).toHaveLength(1);
      await worker.stop();
    } finally {
      await smtp.close();
    }
  });

  it('leaves queued mail for the next process and two workers never send one message twice', async () => {
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org'])
      await h.app.inject({ method: 'POST', url: '/api/auth/magic-link', payload: { email } });
    const smtp = await startSmtp({ failing: false });
    try {
      const smtpUrl = `smtp://127.0.0.1:${smtp.port}`;
      const w1 = new MailWorker({
        db: h.database.db,
        smtpUrl,
        from: 'k@kengash.test',
        log: silent,
      });
      const w2 = new MailWorker({
        db: h.database.db,
        smtpUrl,
        from: 'k@kengash.test',
        log: silent,
      });
      const [n1, n2] = await Promise.all([w1.pass(), w2.pass()]);
      expect(n1 + n2).toBe(3);
      expect(smtp.received.map((r) => r.to[0]).sort()).toEqual([
        'a@example.org',
        'b@example.org',
        'c@example.org',
      ]);
      await Promise.all([w1.stop(), w2.stop()]);
    } finally {
      await smtp.close();
    }
  });

  it('keeps mail in the dev mailbox without SMTP_URL', async () => {
    await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      payload: { email: 'dev@example.org', language: 'ru' },
    });
    const worker = new MailWorker({
      db: h.database.db,
      smtpUrl: undefined,
      from: 'k@kengash.test',
      log: silent,
    });
    expect(await worker.pass()).toBe(1);
    const box = await h.app.inject('/api/dev/mailbox');
    expect(box.statusCode).toBe(200);
    const [mail] = box.json().items;
    expect(mail).toMatchObject({
      to: 'dev@example.org',
      subject: 'Ссылка для входа в Kengash',
      sentAt: expect.any(String),
    });
    expect(mail.html).toContain('lang="ru"');
  });

  it('has no dev mailbox in production', async () => {
    const production = await harness({ NODE_ENV: 'production' });
    try {
      expect((await production.app.inject('/api/dev/mailbox')).statusCode).toBe(404);
    } finally {
      await production.close();
    }
  });
});
