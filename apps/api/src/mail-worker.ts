/**
 * Delivers the outbox. With SMTP_URL it sends through a pool of nodemailer connections,
 * several messages at once, and then removes the sign-in links from the stored copy;
 * without it the message goes to the dev mailbox: it stays in the table, marked sent,
 * and its links are logged. It polls (so messages queued by other processes go out too)
 * and wakes at once when this process queues one.
 *
 * While a burst is delivered, a slot that frees claims the most urgent due message next
 * (claimDue orders by priority): a sign-in link asked for meanwhile waits for one message
 * to finish, not for the burst.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Db } from '@kengash/db';
import { claimDue, markFailed, markSent, type OutboxRow } from '@kengash/core';

export interface MailWorkerOptions {
  db: Db;
  smtpUrl: string | undefined;
  from: string;
  log: { info: (obj: object, msg: string) => void; warn: (obj: object, msg: string) => void };
  pollMs?: number;
  /** SMTP connections in the pool. */
  connections?: number;
}

export class MailWorker {
  private transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: MailWorkerOptions) {
    const connections = opts.connections ?? 4;
    this.transport = opts.smtpUrl
      ? nodemailer.createTransport({
          url: opts.smtpUrl,
          pool: true,
          maxConnections: connections,
          maxMessages: 100,
        })
      : null;
    // Two messages in flight per connection keep every connection busy without claiming
    // (and leasing) much more than can go out soon.
    this.window = connections * 2;
  }

  private readonly window: number;

  start(): void {
    this.stopped = false;
    this.wake();
  }

  /** Runs a delivery pass now (or right after the one under way). */
  wake = (): void => {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.running = this.pass()
      .then(() => undefined)
      .catch((err: unknown) => this.opts.log.warn({ err }, 'mail pass failed'))
      .finally(() => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.wake();
        } else this.timer = setTimeout(this.wake, this.opts.pollMs ?? 1000);
      });
  };

  /** Delivers everything due, several at once; returns how many messages went out. */
  async pass(): Promise<number> {
    let sent = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const room = this.window - inFlight.size;
      const batch = room > 0 ? await claimDue(this.opts.db, room) : [];
      for (const row of batch) {
        const sending: Promise<void> = this.deliver(row)
          .then(
            (ok) => {
              if (ok) sent++;
            },
            (err: unknown) => this.opts.log.warn({ id: row.id, err }, 'mail bookkeeping failed'),
          )
          .finally(() => inFlight.delete(sending));
        inFlight.add(sending);
      }
      if (inFlight.size === 0) return sent;
      // Claim again as soon as a slot frees: what became due meanwhile goes next.
      await Promise.race(inFlight);
    }
  }

  private async deliver(row: OutboxRow): Promise<boolean> {
    try {
      if (this.transport) {
        await this.transport.sendMail({
          from: this.opts.from,
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: `<outbox-${row.id}-${row.createdAt.getTime()}@kengash>`,
          attachments: row.attachments.map((a) => ({
            filename: a.filename,
            content: a.content,
            contentType: a.contentType,
          })),
        });
        // The stored copy must not keep a usable sign-in link once the mail is out.
        await markSent(this.opts.db, row.id, { scrubSignInLinks: true });
      } else {
        const links = row.text.match(/https?:\/\/\S+/g) ?? [];
        this.opts.log.info({}, `dev mailbox: "${row.subject}" to ${row.to} ${links.join(' ')}`);
        await markSent(this.opts.db, row.id);
      }
      return true;
    } catch (err) {
      await markFailed(this.opts.db, row, err instanceof Error ? err.message : String(err));
      this.opts.log.warn(
        { id: row.id, to: row.to, err: String(err) },
        'mail delivery failed; will retry',
      );
      return false;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }
}
