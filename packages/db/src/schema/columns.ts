import { jsonb, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from './values.js';

/** Every instant is stored with its zone (UTC inside PostgreSQL). */
export const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Text in several languages, as a JSON object of language → text. */
export const localized = (name: string) => jsonb(name).$type<LocalizedText>();
