import { and, eq, sql } from 'drizzle-orm';
import { questions, questionVotes, type Db } from '@kengash/db';
import { canModerate, isRegistrant, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import type { VoteView } from '../schemas/questions.js';
import { canSeeQuestion, loadQuestion } from './rows.js';
import { writeTallies } from './tallies.js';

/**
 * POST /api/questions/:id/vote and DELETE …/vote (confirmed registrant) → the question's
 * votes. The vote row's primary key decides: a second vote inserts nothing and counts
 * nothing, however often or however concurrently it comes; the count changes in the same
 * transaction only when a row was inserted or deleted. A question the voter may not see
 * is 404. Votes are not one live event each: the process's batcher (ctx.wake.votes)
 * writes one event per session for all the tallies that changed in a short while.
 */
export async function voteQuestion(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  /** false takes the vote back. */
  up?: boolean;
  sessionId?: string | undefined;
}): Promise<VoteView> {
  const up = input.up ?? true;
  const { result, sessionId } = await change(input.ctx, async (fx) => {
    const { question, s } = await loadQuestion(fx.tx, input.actor, input.id, {
      sessionId: input.sessionId,
    });
    const userId = s.access.actor?.userId ?? null;
    if (!canSeeQuestion(question, { moderator: canModerate(s.access), userId }))
      throw notFound('Question');
    requireThat(s.access, isRegistrant, 'Only delegates with a confirmed registration can vote');
    if (s.session.status === 'cancelled') throw conflict('The session is cancelled');
    if (!s.session.qaEnabled) throw conflict('This session has no Q&A');
    const votes = await (up ? addVote : removeVote)(fx.tx, question.id, userId!);
    return { result: { votes }, sessionId: s.session.id };
  });
  const batch = input.ctx.wake?.votes;
  if (batch) batch(sessionId, input.id);
  // Without a batcher (a script, a one-off), the vote tells its viewers itself.
  else await writeTallies(input.ctx, sessionId, [input.id]);
  return result;
}

async function addVote(tx: Db, questionId: string, userId: string): Promise<number> {
  const inserted = await tx
    .insert(questionVotes)
    .values({ questionId, userId })
    .onConflictDoNothing()
    .returning({ id: questionVotes.questionId });
  return inserted.length > 0 ? bump(tx, questionId, 1) : current(tx, questionId);
}

async function removeVote(tx: Db, questionId: string, userId: string): Promise<number> {
  const deleted = await tx
    .delete(questionVotes)
    .where(and(eq(questionVotes.questionId, questionId), eq(questionVotes.userId, userId)))
    .returning({ id: questionVotes.questionId });
  return deleted.length > 0 ? bump(tx, questionId, -1) : current(tx, questionId);
}

async function bump(tx: Db, questionId: string, by: number): Promise<number> {
  const [row] = await tx
    .update(questions)
    .set({ votes: sql`${questions.votes} + ${by}` })
    .where(eq(questions.id, questionId))
    .returning({ votes: questions.votes });
  return row!.votes;
}

async function current(tx: Db, questionId: string): Promise<number> {
  const [row] = await tx
    .select({ votes: questions.votes })
    .from(questions)
    .where(eq(questions.id, questionId));
  return row?.votes ?? 0;
}
