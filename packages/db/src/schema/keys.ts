import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { at } from './columns.js';

/**
 * The fallback data key, one row: used only when DATA_KEY is unset and no DATA_DIR holds a
 * key file (a PostgreSQL deployment). Such a key sits beside the data it protects, so it
 * keeps no secret from someone who reads the database; setting DATA_KEY does.
 */
export const dataKeyFallback = pgTable(
  'data_key_fallback',
  {
    id: smallint('id').primaryKey().default(1),
    /** 32 random bytes, base64. */
    key: text('key').notNull(),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [check('data_key_fallback_one_row', sql`${t.id} = 1`)],
);
