import { and, eq } from 'drizzle-orm';
import { sessions, workingGroups } from '@kengash/db';
import { loadAccess } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { SessionKind } from '../schemas/values.js';
import type { SessionView } from '../schemas/sessions.js';
import { meetingSessions, selectSessions, toSessionView } from './views.js';

/**
 * GET /api/meetings/:slug/sessions — the agenda by start time, cancelled sessions
 * included (marked). The meeting (with the viewer's relation to it), then every session
 * with its speakers, working group and bookmark in one query, whatever the size.
 */
export async function listSessions(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
  kind?: SessionKind | undefined;
  workingGroup?: string | undefined;
}): Promise<SessionView[]> {
  const access = await loadAccess(input.ctx.db, input.actor, { slug: input.slug });
  const filters = [
    ...(input.kind ? [eq(sessions.kind, input.kind)] : []),
    ...(input.workingGroup ? [eq(workingGroups.code, input.workingGroup)] : []),
  ];
  const rows = await selectSessions(
    input.ctx.db,
    meetingSessions(access.meeting.id, filters.length ? and(...filters) : undefined),
    input.actor?.userId ?? null,
  );
  return rows.map((r) => toSessionView(access, r, input.langs));
}
