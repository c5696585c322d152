import { and, eq, isNull } from 'drizzle-orm';
import { type MailAttachment, mailOutbox, type Db } from '@kengash/db';
import type { Locale } from '../schemas/values.js';
import { renderMail } from './render.js';
import type { MailParams } from './templates/index.js';

export interface QueueOptions {
  /** Not sent before this instant (a debounce, a reminder the day before). */
  notBefore?: Date;
  /** Higher goes first; sign-in links use 10. */
  priority?: number;
  /**
   * While an unsent message with this key waits, a new one is merged into it (`merge`
   * gets the waiting message's parameters and the new ones) instead of queued beside it.
   */
  coalesceKey?: string;
  merge?: (waiting: MailParams, next: MailParams) => MailParams;
}

/**
 * Queues an e-mail. Called through the change envelope, inside the transaction of the
 * change that owes the message: the row commits with the change or not at all, and the
 * worker delivers it later.
 */
export async function queueMail(
  tx: Db,
  to: string,
  locale: Locale,
  params: MailParams,
  attachments: MailAttachment[] = [],
  options: QueueOptions = {},
): Promise<void> {
  if (options.coalesceKey) {
    // Lock the waiting message, if any, unless a worker is sending it right now.
    const [waiting] = await tx
      .select()
      .from(mailOutbox)
      .where(
        and(
          eq(mailOutbox.coalesceKey, options.coalesceKey),
          isNull(mailOutbox.sentAt),
          isNull(mailOutbox.lockedUntil),
        ),
      )
      .for('update');
    if (waiting?.params) {
      const merged = options.merge ? options.merge(waiting.params as MailParams, params) : params;
      await tx
        .update(mailOutbox)
        .set({
          ...renderMail(locale, merged),
          params: merged,
          ...(options.notBefore ? { nextAttemptAt: options.notBefore } : {}),
        })
        .where(eq(mailOutbox.id, waiting.id));
      return;
    }
  }
  await tx.insert(mailOutbox).values({
    kind: params.kind,
    to,
    locale,
    params,
    ...renderMail(locale, params),
    attachments,
    priority: options.priority ?? 0,
    coalesceKey: options.coalesceKey ?? null,
    ...(options.notBefore ? { nextAttemptAt: options.notBefore } : {}),
  });
}
