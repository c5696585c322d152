import { and, eq } from 'drizzle-orm';
import { bookmarks } from '@kengash/db';
import { requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import { loadSession } from './rows.js';

/**
 * PUT /api/sessions/:id/bookmark (signed in): the session joins the caller's agenda, her
 * private calendar feed and her change notices. Idempotent; a session of a meeting she
 * may not see is 404.
 */
export async function bookmarkSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
}): Promise<void> {
  const actor = requireSignedIn(input.actor);
  await loadSession(input.ctx.db, actor, input.id);
  await input.ctx.db
    .insert(bookmarks)
    .values({ userId: actor.userId, sessionId: input.id })
    .onConflictDoNothing();
}

/** DELETE /api/sessions/:id/bookmark (signed in): idempotent. */
export async function unbookmarkSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
}): Promise<void> {
  const actor = requireSignedIn(input.actor);
  await loadSession(input.ctx.db, actor, input.id);
  await input.ctx.db
    .delete(bookmarks)
    .where(and(eq(bookmarks.userId, actor.userId), eq(bookmarks.sessionId, input.id)));
}
