import { type MailAttachment, mailOutbox, type Db } from '@kengash/db';
import type { Locale } from '../schemas/index.js';
import { type MailParams, renderMail } from './templates.js';

/**
 * Queues an e-mail. Call it inside the transaction of the change that owes the message:
 * the row commits with the change or not at all, and the worker delivers it later.
 */
export async function queueMail(
  tx: Db,
  to: string,
  locale: Locale,
  params: MailParams,
  attachments: MailAttachment[] = [],
): Promise<void> {
  const mail = renderMail(locale, params);
  await tx.insert(mailOutbox).values({ kind: params.kind, to, ...mail, attachments });
}
