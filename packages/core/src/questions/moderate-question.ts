import { eq, sql } from 'drizzle-orm';
import { questions } from '@kengash/db';
import { canModerate, requireThat } from '../access/meeting-access.js';
import type { AuditAction } from '../changes/audit-actions.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict } from '../errors.js';
import type { ModerationAction, QuestionView } from '../schemas/questions.js';
import { loadQuestion, shapeQuestion, type QuestionRow } from './rows.js';

export const QA_MODERATORS_ONLY = 'Only the moderators of this meeting can do this';

const audited: Record<ModerationAction, AuditAction> = {
  approve: 'question.approved',
  reject: 'question.rejected',
  answer: 'question.answered',
  pin: 'question.pinned',
  unpin: 'question.unpinned',
};

/**
 * What an action makes of a question: the columns to set, nothing when it is so already
 * (a second click changes nothing), or a conflict when it cannot be done.
 * - approve: pending or rejected → approved; an answered question stays answered (409).
 * - reject: pending or approved → rejected (and unpinned); an answered one cannot be (409).
 * - answer: approved → answered (and unpinned); pending or rejected → 409 (approve first).
 * - pin / unpin: approved questions only (pending, rejected or answered → 409).
 */
function transition(
  q: QuestionRow,
  action: ModerationAction,
): Partial<typeof questions.$inferInsert> | null {
  switch (action) {
    case 'approve':
      if (q.status === 'approved') return null;
      if (q.status === 'answered') throw conflict('The question is answered already');
      return { status: 'approved' };
    case 'reject':
      if (q.status === 'rejected') return null;
      if (q.status === 'answered') throw conflict('An answered question cannot be rejected');
      return { status: 'rejected', pinned: false };
    case 'answer':
      if (q.status === 'answered') return null;
      if (q.status !== 'approved')
        throw conflict(
          q.status === 'rejected'
            ? 'A rejected question cannot be answered'
            : 'Approve the question before marking it answered',
        );
      return { status: 'answered', pinned: false, answeredAt: sql`clock_timestamp()` as never };
    case 'pin':
    case 'unpin': {
      const pinned = action === 'pin';
      if (q.pinned === pinned) return null;
      if (pinned && q.status !== 'approved')
        throw conflict('Only approved questions that are not answered can be pinned');
      return { pinned };
    }
  }
}

/**
 * POST /api/questions/:id/approve|reject|answer|pin|unpin (moderator) → the question.
 * Every decision writes an audit row and one `question.updated` event (carrying the status
 * it left, so viewers that saw it learn it is gone when rejected).
 */
export async function moderateQuestion(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  action: ModerationAction;
  sessionId?: string | undefined;
}): Promise<QuestionView> {
  return change(input.ctx, async (fx) => {
    const { question, s } = await loadQuestion(fx.tx, input.actor, input.id, {
      lock: true,
      sessionId: input.sessionId,
    });
    requireThat(s.access, canModerate, QA_MODERATORS_ONLY);
    const actor = s.access.actor!;
    const set = transition(question, input.action);
    if (!set) return shapeQuestion(question, { moderator: true, userId: actor.userId });
    const [updated] = await fx.tx
      .update(questions)
      .set({ ...set, moderatedAt: sql`clock_timestamp()` as never, moderatedBy: actor.userId })
      .where(eq(questions.id, question.id))
      .returning();
    await fx.audit({
      meetingId: s.session.meetingId,
      actor,
      action: audited[input.action],
      entityType: 'question',
      entityId: question.id,
      data: { sessionId: s.session.id, from: question.status, to: updated!.status },
    });
    await fx.event({
      sessionId: s.session.id,
      type: 'question.updated',
      payload: { id: question.id, action: input.action, from: question.status },
    });
    return shapeQuestion(updated!, { moderator: true, userId: actor.userId });
  });
}
