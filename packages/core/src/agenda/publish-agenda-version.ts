import { asc, desc, eq } from 'drizzle-orm';
import { agendaVersions, sessions } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import type { LocalizedInput } from '../schemas/common.js';
import { hasText, mergeText } from '../schemas/lang.js';
import type { AgendaVersionView } from '../schemas/sessions.js';
import { diffAgenda, snapshotOf, toAgendaVersionView } from './versions.js';

/**
 * POST /api/meetings/:slug/agenda/versions (organizer): freezes the agenda as it stands as
 * the next numbered version, with its changelog against the previous one (the first lists
 * every session as added). Numbers are taken under the meeting row's lock.
 */
export async function publishAgendaVersion(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  name?: LocalizedInput | null | undefined;
  langs: readonly string[];
}): Promise<AgendaVersionView> {
  return change(input.ctx, async (fx) => {
    const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug }, { lock: true });
    const m = access.meeting;
    const rows = await fx.tx
      .select()
      .from(sessions)
      .where(eq(sessions.meetingId, m.id))
      .orderBy(asc(sessions.startsAt), asc(sessions.endsAt), asc(sessions.createdAt));
    const [last] = await fx.tx
      .select({ version: agendaVersions.version, snapshot: agendaVersions.snapshot })
      .from(agendaVersions)
      .where(eq(agendaVersions.meetingId, m.id))
      .orderBy(desc(agendaVersions.version))
      .limit(1);
    const snapshot = rows.map(snapshotOf);
    const changes = diffAgenda(last?.snapshot ?? null, snapshot);
    const name = input.name ? mergeText(null, input.name, m.languages[0] ?? 'en') : null;
    const [v] = await fx.tx
      .insert(agendaVersions)
      .values({
        meetingId: m.id,
        version: (last?.version ?? 0) + 1,
        name: name && hasText(name) ? name : null,
        publishedBy: input.actor!.userId,
        snapshot,
        changes,
      })
      .returning();
    await fx.audit({
      meetingId: m.id,
      actor: input.actor,
      action: 'agenda.published',
      entityType: 'agenda_version',
      entityId: v!.id,
      data: { version: v!.version, changes: changes.length },
    });
    return toAgendaVersionView(v!, input.langs, m.languages);
  });
}
