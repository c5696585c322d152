import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { at } from './columns.js';
import { users } from './accounts.js';
import { meetings } from './meetings.js';
import { sessions } from './sessions.js';

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
    /** The language and the template's parameters, kept so a coalesced message re-renders. */
    locale: text('locale').notNull().default('en'),
    params: jsonb('params'),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    attachments: jsonb('attachments').$type<MailAttachment[]>().notNull().default([]),
    /** Higher goes first: a sign-in link must not wait behind a burst of confirmations. */
    priority: smallint('priority').notNull().default(0),
    /**
     * Messages that gather several changes (agenda change notices) share a key: while one
     * is unsent, a new change is merged into it instead of queuing another message.
     */
    coalesceKey: text('coalesce_key'),
    createdAt: at('created_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    /** Not before this instant: the first attempt (a debounce or a reminder), then retries. */
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
    index('mail_outbox_coalesce')
      .on(t.coalesceKey)
      .where(sql`sent_at is null and coalesce_key is not null`),
  ],
);

/**
 * The sequence of live events of one session (its Q&A and floor): the last number given.
 * Taking the next number updates this row, so the events of a session are numbered in
 * commit order without gaps from concurrent writers.
 */
export const liveStreams = pgTable('live_streams', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull().default(0),
});

/**
 * Live events, written in the transaction of the change they announce. Viewers that
 * reconnect with `?since=N` are replayed what they missed from here.
 */
export const liveEvents = pgTable(
  'live_events',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.seq] })],
);
