/**
 * Delivers the outbox. With SMTP_URL it sends through nodemailer; without it the message
 * goes to the dev mailbox: it stays in the table, marked sent, and its links are logged.
 * It polls (so messages queued by other processes go out too) and wakes at once when this
 * process queues one.
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
}

export class MailWorker {
  private transport: Transporter | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;

  constructor(private readonly opts: MailWorkerOptions) {
    this.transport = opts.smtpUrl ? nodemailer.createTransport(opts.smtpUrl) : null;
  }

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

  /** Delivers everything due; returns how many messages went out. */
  async pass(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await claimDue(this.opts.db);
      if (batch.length === 0) return sent;
      for (const row of batch) {
        if (await this.deliver(row)) sent++;
      }
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
      } else {
        const links = row.text.match(/https?:\/\/\S+/g) ?? [];
        this.opts.log.info(
          { to: row.to, subject: row.subject, links },
          'dev mailbox: message stored',
        );
      }
      await markSent(this.opts.db, row.id);
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
