import { sql } from 'drizzle-orm';
import { sessions } from '@kengash/db';
import { loadAccess, requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { SessionView } from '../schemas/sessions.js';
import { meetingSessions, selectSessions, toSessionView } from './views.js';

/** GET /api/me/agenda?meeting=:slug (signed in): the caller's bookmarked sessions. */
export async function myAgenda(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
}): Promise<SessionView[]> {
  const actor = requireSignedIn(input.actor);
  const access = await loadAccess(input.ctx.db, actor, { slug: input.slug });
  const rows = await selectSessions(
    input.ctx.db,
    meetingSessions(
      access.meeting.id,
      sql`exists (select 1 from bookmarks b where b.session_id = ${sessions.id} and b.user_id = ${actor.userId})`,
    ),
    actor.userId,
  );
  return rows.map((r) => toSessionView(access, r, input.langs));
}
