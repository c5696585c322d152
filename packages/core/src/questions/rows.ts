/**
 * Small pieces of the Q&A that its use-cases and its live area share: reading a session's
 * questions in their order, who may see which, shaping the question view, loading a
 * question with its session locked, and the Q&A settings.
 */
import { and, desc, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { questions, questionVotes, sessions, type Db } from '@kengash/db';
import type { Actor } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type { QaSettingsView, QuestionView } from '../schemas/questions.js';
import { loadSession, type SessionAccess, type SessionRow } from '../sessions/rows.js';

export type QuestionRow = typeof questions.$inferSelect;

/** The list's order: pinned first, then most votes, then oldest. */
export const questionOrder = [
  desc(questions.pinned),
  desc(questions.votes),
  asc(questions.createdAt),
  asc(questions.id),
];

/**
 * Who sees a question: moderators all of them; everyone else the approved and answered
 * ones, and a signed-in author her own pending ones.
 */
export function canSeeQuestion(
  row: Pick<QuestionRow, 'status' | 'userId'>,
  viewer: { moderator: boolean; userId: string | null },
): boolean {
  if (viewer.moderator) return true;
  if (row.status === 'approved' || row.status === 'answered') return true;
  return row.status === 'pending' && viewer.userId !== null && row.userId === viewer.userId;
}

function visibleWhere(viewer: { moderator: boolean; userId: string | null }): SQL | undefined {
  if (viewer.moderator) return undefined;
  const shown = inArray(questions.status, ['approved', 'answered']);
  if (!viewer.userId) return shown;
  return or(shown, and(eq(questions.status, 'pending'), eq(questions.userId, viewer.userId)));
}

/** A session's questions this viewer may see, in the list's order. */
export function visibleQuestions(
  db: Db,
  sessionId: string,
  viewer: { moderator: boolean; userId: string | null },
): Promise<QuestionRow[]> {
  return db
    .select()
    .from(questions)
    .where(and(eq(questions.sessionId, sessionId), visibleWhere(viewer)))
    .orderBy(...questionOrder);
}

/** The ids of the session's questions this user has voted for. */
export async function votedIds(db: Db, sessionId: string, userId: string): Promise<Set<string>> {
  const rows = await db
    .select({ id: questionVotes.questionId })
    .from(questionVotes)
    .innerJoin(questions, eq(questions.id, questionVotes.questionId))
    .where(and(eq(questions.sessionId, sessionId), eq(questionVotes.userId, userId)));
  return new Set(rows.map((r) => r.id));
}

/**
 * A question as a viewer sees it: the author's name unless the question is anonymous
 * (moderators always see it); `anonymous` for moderators and the author; `mine` and
 * `voted` when the viewer is named.
 */
export function shapeQuestion(
  row: QuestionRow,
  viewer: { moderator: boolean; userId?: string | null; voted?: Set<string> },
): QuestionView {
  const own = !!viewer.userId && row.userId === viewer.userId;
  const view: QuestionView = {
    id: row.id,
    text: row.text,
    status: row.status,
    votes: row.votes,
    pinned: row.pinned,
    author: row.anonymous && !viewer.moderator ? null : { name: row.authorName },
    createdAt: row.createdAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
  if (viewer.moderator || own) view.anonymous = row.anonymous;
  if (viewer.userId !== undefined) view.mine = own;
  if (viewer.voted) view.voted = viewer.voted.has(row.id);
  return view;
}

/** Open means questions may be asked: Q&A on, not closed, and the session not cancelled. */
export const qaSettingsOf = (
  s: Pick<SessionRow, 'qaEnabled' | 'qaOpen' | 'qaModerated' | 'status'>,
): QaSettingsView => ({
  open: s.qaEnabled && s.qaOpen && s.status !== 'cancelled',
  moderated: s.qaModerated,
});

/** The Q&A settings as they are now (a live snapshot must not trust a row read earlier). */
export async function qaSettings(db: Db, sessionId: string): Promise<QaSettingsView> {
  const [row] = await db
    .select({
      qaEnabled: sessions.qaEnabled,
      qaOpen: sessions.qaOpen,
      qaModerated: sessions.qaModerated,
      status: sessions.status,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!row) throw notFound('Session');
  return qaSettingsOf(row);
}

/**
 * A question and its session (the session row locked when asked). A question of a session
 * the caller may not see, or that the caller may not see itself, is 404 as an unknown one.
 */
export async function loadQuestion(
  tx: Db,
  actor: Actor | null,
  id: string,
  options: {
    lock?: boolean;
    /** When given (a frame on a session's live channel), a question of another session is 404. */
    sessionId?: string | undefined;
    moderator?: (s: SessionAccess) => boolean;
  } = {},
): Promise<{ question: QuestionRow; s: SessionAccess }> {
  const [found] = await tx.select().from(questions).where(eq(questions.id, id));
  if (!found || (options.sessionId !== undefined && found.sessionId !== options.sessionId))
    throw notFound('Question');
  const s = await loadSession(tx, actor, found.sessionId, { lock: options.lock }).catch(
    (err: unknown) => {
      if (err instanceof AppError && err.code === 'not_found') throw notFound('Question');
      throw err;
    },
  );
  if (!options.lock) return { question: found, s };
  // Read again under the lock: it may have changed while we waited for it.
  const [question] = await tx.select().from(questions).where(eq(questions.id, id));
  if (!question) throw notFound('Question');
  return { question, s };
}

/** The number of questions the user asked in the session in the last minute. */
export async function askedLastMinute(tx: Db, sessionId: string, userId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(questions)
    .where(
      and(
        eq(questions.sessionId, sessionId),
        eq(questions.userId, userId),
        sql`${questions.createdAt} > clock_timestamp() - interval '1 minute'`,
      ),
    );
  return Number(row?.n ?? 0);
}
