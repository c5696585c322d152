import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';
import { meetings } from './meetings.js';

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Every state change, written in the transaction that made it. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: at('at').notNull().defaultNow(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id),
    /** The actor as shown: an e-mail, or "system" for automatic changes. */
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    data: jsonb('data'),
  },
  (t) => [index('audit_meeting_at').on(t.meetingId, t.at)],
);

export type MailAttachment = { filename: string; contentType: string; content: string };

/**
 * The transactional outbox for e-mail: a row is written in the same transaction as the
 * change that owes the message; the mail worker delivers it and marks it sent.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    createdAt: at('created_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull().defaultNow(),
    /** A worker's lease: another worker leaves the row alone until it passes. */
    lockedUntil: at('locked_until'),
    sentAt: at('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    index('mail_outbox_due')
      .on(t.nextAttemptAt)
      .where(sql`sent_at is null`),
  ],
);
