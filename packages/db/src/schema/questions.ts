import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { at } from './columns.js';
import { questionStatus } from './enums.js';
import { users } from './accounts.js';
import { sessions } from './sessions.js';

/**
 * A question of a session's live Q&A. `votes` is kept with the question (changed in the
 * transaction that adds or removes a vote) so the ordered list needs no count; the votes
 * themselves are rows, one per delegate, so nobody counts twice.
 */
export const questions = pgTable(
  'questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The author as shown to the room (unless anonymous) and always to moderators. */
    authorName: text('author_name').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    text: text('text').notNull(),
    status: questionStatus('status').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    votes: integer('votes').notNull().default(0),
    createdAt: at('created_at').notNull().defaultNow(),
    answeredAt: at('answered_at'),
    moderatedAt: at('moderated_at'),
    moderatedBy: uuid('moderated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('questions_session_idx').on(t.sessionId, t.status),
    index('questions_author_idx').on(t.sessionId, t.userId, t.createdAt),
  ],
);

/** One vote of one delegate for one question: the primary key makes a second vote a no-op. */
export const questionVotes = pgTable(
  'question_votes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => questions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.userId] })],
);
