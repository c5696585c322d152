import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns.js';
import { users } from './accounts.js';
import { participantType, registrationStatus } from './enums.js';
import { meetings } from './meetings.js';

export const registrations = pgTable(
  'registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    email: text('email').notNull(),
    fullName: text('full_name').notNull(),
    organization: text('organization').notNull(),
    country: text('country').notNull(),
    participantType: participantType('participant_type').notNull(),
    jobTitle: text('job_title'),
    preferredLanguage: text('preferred_language').notNull().default('en'),
    dietaryNeeds: text('dietary_needs'),
    accessibilityNeeds: text('accessibility_needs'),
    needsVisaLetter: boolean('needs_visa_letter').notNull().default(false),
    consentAt: at('consent_at').notNull(),
    consentVersion: text('consent_version').notNull(),
    status: registrationStatus('status').notNull(),
    /** When the delegate joined the waiting list: the queue order (first come, first served). */
    waitlistedAt: at('waitlisted_at'),
    /** Unguessable code behind the badge's QR code. */
    checkInCode: text('check_in_code').notNull().unique(),
    checkedInAt: at('checked_in_at'),
    createdAt: at('created_at').notNull().defaultNow(),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One live registration per address and meeting; cancelled and declined ones may repeat.
    uniqueIndex('registrations_live_email')
      .on(t.meetingId, t.email)
      .where(sql`status not in ('cancelled', 'declined')`),
    index('registrations_meeting_status').on(t.meetingId, t.status, t.waitlistedAt),
    index('registrations_user').on(t.userId),
  ],
);
