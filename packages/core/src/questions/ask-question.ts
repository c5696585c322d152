import { eq, sql } from 'drizzle-orm';
import { questions, registrations, users } from '@kengash/db';
import { isRegistrant, isStaff, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { AppError, conflict } from '../errors.js';
import {
  QUESTIONS_PER_MINUTE,
  type QuestionCreated,
  type QuestionInput,
} from '../schemas/questions.js';
import { loadSession } from '../sessions/rows.js';
import { askedLastMinute } from './rows.js';

/**
 * POST /api/sessions/:id/questions — a confirmed registrant (or staff) asks a question.
 * It waits as `pending` while the session is moderated, else it is `approved` at once.
 * Closed Q&A, Q&A off or a cancelled session → 409; more than five questions a minute
 * from one delegate in one session → 429, counted in the database under the session's
 * lock so it holds across server processes.
 */
export async function askQuestion(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
  question: QuestionInput;
}): Promise<QuestionCreated> {
  const text = input.question.text.trim();
  return change(input.ctx, async (fx) => {
    const s = await loadSession(fx.tx, input.actor, input.sessionId, { lock: true });
    requireThat(
      s.access,
      (a) => isRegistrant(a) || isStaff(a),
      'Only delegates with a confirmed registration can ask questions',
    );
    if (s.session.status === 'cancelled') throw conflict('The session is cancelled');
    if (!s.session.qaEnabled) throw conflict('This session has no Q&A');
    if (!s.session.qaOpen) throw conflict('The Q&A is closed');
    const actor = s.access.actor!;
    if ((await askedLastMinute(fx.tx, s.session.id, actor.userId)) >= QUESTIONS_PER_MINUTE)
      throw new AppError(
        'rate_limited',
        `At most ${QUESTIONS_PER_MINUTE} questions a minute; try again shortly`,
      );
    const authorName = await nameOf(fx.tx, actor, s.access.registration?.id ?? null);
    const status = s.session.qaModerated ? ('pending' as const) : ('approved' as const);
    const [created] = await fx.tx
      .insert(questions)
      .values({
        sessionId: s.session.id,
        userId: actor.userId,
        authorName,
        anonymous: input.question.anonymous ?? false,
        text,
        status,
        createdAt: sql`clock_timestamp()`,
      })
      .returning({ id: questions.id });
    await fx.event({
      sessionId: s.session.id,
      type: 'question.created',
      payload: { id: created!.id },
    });
    return { id: created!.id, status };
  });
}

/** The name the room sees: the registration's, else the account's (never the e-mail). */
async function nameOf(
  tx: Parameters<typeof askedLastMinute>[0],
  actor: Actor,
  registrationId: string | null,
): Promise<string> {
  if (registrationId) {
    const [reg] = await tx
      .select({ name: registrations.fullName })
      .from(registrations)
      .where(eq(registrations.id, registrationId));
    if (reg?.name) return reg.name;
  }
  const [user] = await tx
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, actor.userId));
  return user?.name?.trim() || 'Staff';
}
