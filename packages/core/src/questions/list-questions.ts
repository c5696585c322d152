import { canModerate } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { QuestionList } from '../schemas/questions.js';
import { loadSession, type SessionAccess } from '../sessions/rows.js';
import type { Db } from '@kengash/db';
import { shapeQuestion, visibleQuestions, votedIds } from './rows.js';

/**
 * GET /api/sessions/:id/questions — pinned first, then most votes, then oldest.
 * Delegates and the public see approved and answered questions and their own pending
 * ones; moderators see all. The author is hidden on anonymous questions except to
 * moderators; a signed-in caller learns which are hers (`mine`) and which she voted for.
 */
export async function listQuestions(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
}): Promise<QuestionList> {
  const s = await loadSession(input.ctx.db, input.actor, input.sessionId);
  return questionsFor(input.ctx.db, s, {
    moderator: canModerate(s.access),
    userId: s.access.actor?.userId ?? null,
  });
}

/** The list as this viewer sees it (also the `questions` of a live snapshot). */
export async function questionsFor(
  db: Db,
  s: SessionAccess,
  viewer: { moderator: boolean; userId: string | null },
): Promise<QuestionList> {
  const rows = await visibleQuestions(db, s.session.id, viewer);
  const voted = viewer.userId ? await votedIds(db, s.session.id, viewer.userId) : undefined;
  return {
    items: rows.map((r) =>
      shapeQuestion(r, {
        moderator: viewer.moderator,
        ...(viewer.userId ? { userId: viewer.userId, voted } : {}),
      }),
    ),
  };
}
