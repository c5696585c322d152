import type { Actor, Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { SessionView } from '../schemas/sessions.js';
import { loadSession } from './rows.js';
import { selectSession, toSessionView } from './views.js';

/** GET /api/sessions/:id — a session of a draft is 404 for those who may not see it. */
export async function getSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  langs: readonly string[];
}): Promise<SessionView> {
  const { access } = await loadSession(input.ctx.db, input.actor, input.id);
  const record = await selectSession(input.ctx.db, input.id, input.actor?.userId ?? null);
  if (!record) throw notFound('Session');
  return toSessionView(access, record, input.langs);
}
