import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { at, localized } from './columns.js';
import { sessionKind, sessionStatus } from './enums.js';
import { meetings, workingGroups } from './meetings.js';

/**
 * A session of a meeting's agenda. Times are UTC instants, shown in the meeting's zone.
 * `sequence` counts the changes a calendar must notice (time, room, title), as RFC 5545's
 * SEQUENCE. The session is also the stream of its live floor and Q&A.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    title: localized('title').notNull(),
    description: localized('description'),
    kind: sessionKind('kind').notNull(),
    startsAt: at('starts_at').notNull(),
    endsAt: at('ends_at').notNull(),
    room: text('room'),
    /** A working group in use cannot be removed (restrict). */
    workingGroupId: uuid('working_group_id').references(() => workingGroups.id, {
      onDelete: 'restrict',
    }),
    /** A link to the video meeting: for confirmed registrants and staff only. */
    onlineUrl: text('online_url'),
    interpretation: text('interpretation')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    status: sessionStatus('status').notNull().default('scheduled'),
    sequence: integer('sequence').notNull().default(0),
    qaEnabled: boolean('qa_enabled').notNull().default(true),
    qaModerated: boolean('qa_moderated').notNull().default(false),
    qaOpen: boolean('qa_open').notNull().default(true),
    floorOpen: boolean('floor_open').notNull().default(true),
    floorBalanced: boolean('floor_balanced').notNull().default(false),
    /** The floor's speaking time for a delegate's statement, in minutes. */
    speakingMinutes: smallint('speaking_minutes').notNull().default(3),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [index('sessions_meeting_starts').on(t.meetingId, t.startsAt)],
);
