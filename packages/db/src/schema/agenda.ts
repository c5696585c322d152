import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { at, localized } from './columns.js';
import { floorKind, floorStatus, participantType, speakerRole } from './enums.js';
import { users } from './accounts.js';
import { meetings } from './meetings.js';
import { registrations } from './registrations.js';
import { sessions } from './sessions.js';

/** The planned speakers of a session, in the order the organizer gave. */
export const sessionSpeakers = pgTable(
  'session_speakers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull(),
    name: text('name').notNull(),
    role: speakerRole('role').notNull(),
    organization: text('organization'),
    title: text('title'),
    minutes: smallint('minutes'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.position] })],
);

/** A delegate's bookmark of a session: her agenda, her private feed, her change notices. */
export const bookmarks = pgTable(
  'bookmarks',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.sessionId] }),
    index('bookmarks_session_idx').on(t.sessionId),
  ],
);

export interface AgendaChangeRow {
  sessionId: string;
  title: Record<string, string>;
  change: 'added' | 'moved' | 'changed' | 'cancelled';
}

/** What a published agenda version froze of one session, to measure the next against. */
export interface AgendaSnapshotRow {
  sessionId: string;
  title: Record<string, string>;
  startsAt: string;
  endsAt: string;
  room: string | null;
  status: string;
  kind: string;
}

/** A published agenda: its number, its frozen sessions and what changed since the last. */
export const agendaVersions = pgTable(
  'agenda_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    name: localized('name'),
    publishedAt: at('published_at').notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
    snapshot: jsonb('snapshot').$type<AgendaSnapshotRow[]>().notNull(),
    changes: jsonb('changes').$type<AgendaChangeRow[]>().notNull(),
  },
  (t) => [uniqueIndex('agenda_versions_meeting_version').on(t.meetingId, t.version)],
);

/**
 * A delegate's private calendar feed: the URL carries a token derived from the nonce and a
 * key kept outside the table; the row holds the nonce and the token's SHA-256 (to find the
 * owner of an address), never the token. Rotating draws a new nonce, and the old URL
 * answers 404 from then on.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  /**
   * The feed's token is HMAC(key, `${userId}:${nonce}`) with a key that is not in the
   * database (DATA_KEY), so the address can be shown again while the table alone opens
   * no feed. Rotating draws a new nonce.
   */
  nonce: text('nonce').notNull(),
  createdAt: at('created_at').notNull().defaultNow(),
});

/**
 * A request for the floor in a session's live list of speakers. `position` orders the
 * waiting requests (1 = next), dense, rewritten under the session row's lock.
 */
export const floorRequests = pgTable(
  'floor_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id').references(() => registrations.id, {
      onDelete: 'set null',
    }),
    /** As shown on the list: the delegate's name and delegation. */
    name: text('name').notNull(),
    organization: text('organization'),
    country: text('country'),
    participantType: participantType('participant_type'),
    kind: floorKind('kind').notNull().default('statement'),
    status: floorStatus('status').notNull().default('waiting'),
    position: integer('position'),
    minutes: smallint('minutes'),
    requestedAt: at('requested_at').notNull().defaultNow(),
    startedAt: at('started_at'),
    endedAt: at('ended_at'),
  },
  (t) => [
    index('floor_requests_session_idx').on(t.sessionId, t.status),
    // One waiting request per delegate and session.
    uniqueIndex('floor_requests_one_waiting')
      .on(t.sessionId, t.userId)
      .where(sql`status = 'waiting'`),
  ],
);
