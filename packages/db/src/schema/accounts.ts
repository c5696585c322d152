import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns.js';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** Always stored lower-cased; the unique key of an account. */
  email: text('email').notNull().unique(),
  name: text('name'),
  preferredLanguage: text('preferred_language').notNull().default('en'),
  createdAt: at('created_at').notNull().defaultNow(),
});

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const userSessions = pgTable(
  'user_sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
  },
  (t) => [index('user_sessions_user_idx').on(t.userId)],
);

/** E-mailed sign-in links: single use, short-lived, stored hashed. */
export const magicLinks = pgTable(
  'magic_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    email: text('email').notNull(),
    next: text('next'),
    createdAt: at('created_at').notNull().defaultNow(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [
    index('magic_links_expires_idx')
      .on(t.expiresAt)
      .where(sql`used_at is null`),
  ],
);
