/**
 * The change envelope: every state change runs here, in one transaction, and records its
 * effects through `fx` — the audit row, the e-mail it owes (the outbox), the live event
 * viewers see. They commit with the change or not at all. After the commit the envelope
 * wakes the mail worker and the live hub; nobody else does.
 */
import type { MailAttachment, Db } from '@kengash/db';
import type { Ctx, LiveRef } from '../context.js';
import { queueMail, type QueueOptions } from '../mail/outbox.js';
import type { MailParams } from '../mail/templates/index.js';
import type { Locale } from '../schemas/values.js';
import { type AuditEntry, writeAudit } from './audit.js';
import { appendLiveEvent, type LiveEventInput } from './live.js';
import { type DomainEventName, type DomainEvents, emitDomainEvent } from './domain-events.js';

export interface MailEffect extends QueueOptions {
  to: string;
  locale: Locale;
  params: MailParams;
  attachments?: MailAttachment[];
}

export class Effects {
  /** Set when mail was queued: the worker is woken after commit. */
  mailQueued = false;
  readonly live: LiveRef[] = [];

  constructor(
    /** The transaction of the change; use-cases read and write through it. */
    readonly tx: Db,
    readonly ctx: Ctx,
  ) {}

  get publicUrl() {
    return this.ctx.publicUrl;
  }

  audit(entry: AuditEntry): Promise<void> {
    return writeAudit(this.tx, entry);
  }

  async mail(m: MailEffect): Promise<void> {
    await queueMail(this.tx, m.to, m.locale, m.params, m.attachments ?? [], m);
    this.mailQueued = true;
  }

  /** Tells the areas that stand on this one (domain-events.ts), in this transaction. */
  emit<E extends DomainEventName>(event: E, payload: DomainEvents[E]): Promise<void> {
    return emitDomainEvent(this, event, payload);
  }

  async event(e: LiveEventInput): Promise<LiveRef> {
    const ref = await appendLiveEvent(this.tx, this.ctx.dbKind, e);
    this.live.push(ref);
    return ref;
  }
}

/** Runs `work` as one change: one transaction, its effects, then the wake-ups. */
export async function change<T>(ctx: Ctx, work: (fx: Effects) => Promise<T>): Promise<T> {
  let fx: Effects | undefined;
  const result = await ctx.db.transaction(async (tx) => {
    fx = new Effects(tx, ctx);
    return work(fx);
  });
  if (fx?.mailQueued) ctx.wake?.mail?.();
  if (fx && fx.live.length > 0) ctx.wake?.live?.(fx.live);
  return result;
}
