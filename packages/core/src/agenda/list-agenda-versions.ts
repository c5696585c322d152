import { desc, eq } from 'drizzle-orm';
import { agendaVersions } from '@kengash/db';
import { loadAccess } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { AgendaVersionView } from '../schemas/sessions.js';
import { toAgendaVersionView } from './versions.js';

/** GET /api/meetings/:slug/agenda/versions — the public changelog, newest first. */
export async function listAgendaVersions(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
}): Promise<AgendaVersionView[]> {
  const access = await loadAccess(input.ctx.db, input.actor, { slug: input.slug });
  const rows = await input.ctx.db
    .select({
      version: agendaVersions.version,
      name: agendaVersions.name,
      publishedAt: agendaVersions.publishedAt,
      changes: agendaVersions.changes,
    })
    .from(agendaVersions)
    .where(eq(agendaVersions.meetingId, access.meeting.id))
    .orderBy(desc(agendaVersions.version));
  return rows.map((v) => toAgendaVersionView(v, input.langs, access.meeting.languages));
}
