import { sql } from 'drizzle-orm';
import { integer, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { at, localized } from './columns.js';
import { users } from './accounts.js';
import { meetingStatus, registrationMode, staffRole } from './enums.js';

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  series: text('series'),
  /** By language; the first of `languages` is the one a bare string is taken to be. */
  title: localized('title').notNull(),
  description: localized('description'),
  venue: text('venue'),
  city: text('city').notNull(),
  country: text('country').notNull(),
  timezone: text('timezone').notNull(),
  startsAt: at('starts_at').notNull(),
  endsAt: at('ends_at').notNull(),
  capacity: integer('capacity').notNull(),
  registrationMode: registrationMode('registration_mode').notNull().default('open'),
  registrationOpensAt: at('registration_opens_at'),
  registrationClosesAt: at('registration_closes_at'),
  maxPerCountry: integer('max_per_country'),
  languages: text('languages')
    .array()
    .notNull()
    .default(sql`'{en,ru}'::text[]`),
  hostOrganizations: text('host_organizations')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  status: meetingStatus('status').notNull().default('draft'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const meetingStaff = pgTable(
  'meeting_staff',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: staffRole('role').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId, t.role] })],
);

export const workingGroups = pgTable(
  'working_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: localized('name').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [unique('working_groups_meeting_code').on(t.meetingId, t.code)],
);
