/**
 * The working groups of a meeting: add, rename, remove (organizer), list (anyone who sees
 * the meeting). Sessions and recommendations refer to a group by id, so a group in use
 * cannot be removed (409) but can be renamed and recoded.
 */
import { and, eq } from 'drizzle-orm';
import { workingGroups } from '@kengash/db';
import { loadAccess, requireOrganizer } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import {
  conflict,
  invalid,
  isForeignKeyViolation,
  isUniqueViolation,
  notFound,
} from '../errors.js';
import { hasText, mergeText } from '../schemas/lang.js';
import type { WorkingGroupView } from '../schemas/meetings.js';
import type { LocalizedInput } from '../schemas/common.js';
import { toWorkingGroupView } from './views.js';

interface Base {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  langs: readonly string[];
}

const taken = (code: string) => conflict(`Working group ${code} exists already`);

/** GET /api/meetings/:slug/working-groups */
export async function listWorkingGroups(input: Omit<Base, 'actor'> & { actor: Actor | null }) {
  const access = await loadAccess(input.ctx.db, input.actor, { slug: input.slug });
  const rows = await input.ctx.db
    .select()
    .from(workingGroups)
    .where(eq(workingGroups.meetingId, access.meeting.id))
    .orderBy(workingGroups.code);
  return rows.map((wg) => toWorkingGroupView(wg, input.langs, access.meeting.languages));
}

/** POST /api/meetings/:slug/working-groups */
export async function createWorkingGroup(
  input: Base & { code: string; name: LocalizedInput },
): Promise<WorkingGroupView> {
  try {
    return await change(input.ctx, async (fx) => {
      const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug });
      const name = mergeText(null, input.name, access.meeting.languages[0] ?? 'en');
      if (!hasText(name)) throw invalid([{ path: 'name', message: 'Give a name' }]);
      const [wg] = await fx.tx
        .insert(workingGroups)
        .values({ meetingId: access.meeting.id, code: input.code, name })
        .returning();
      await fx.audit({
        meetingId: access.meeting.id,
        actor: input.actor,
        action: 'working_group.created',
        entityType: 'working_group',
        entityId: wg!.id,
        data: { code: wg!.code },
      });
      return toWorkingGroupView(wg!, input.langs, access.meeting.languages);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken(input.code);
    throw err;
  }
}

/** PATCH /api/meetings/:slug/working-groups/:id — rename or recode. */
export async function updateWorkingGroup(
  input: Base & { id: string; code?: string | undefined; name?: LocalizedInput | undefined },
): Promise<WorkingGroupView> {
  try {
    return await change(input.ctx, async (fx) => {
      const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug });
      const where = and(
        eq(workingGroups.id, input.id),
        eq(workingGroups.meetingId, access.meeting.id),
      );
      const [old] = await fx.tx.select().from(workingGroups).where(where).for('update');
      if (!old) throw notFound('Working group');
      const name =
        input.name === undefined
          ? old.name
          : mergeText(old.name, input.name, access.meeting.languages[0] ?? 'en');
      if (!hasText(name)) throw invalid([{ path: 'name', message: 'Give a name' }]);
      const [wg] = await fx.tx
        .update(workingGroups)
        .set({ name, ...(input.code ? { code: input.code } : {}) })
        .where(where)
        .returning();
      await fx.audit({
        meetingId: access.meeting.id,
        actor: input.actor,
        action: 'working_group.updated',
        entityType: 'working_group',
        entityId: old.id,
        data: {
          code: wg!.code,
          ...(input.code && input.code !== old.code ? { from: old.code } : {}),
        },
      });
      return toWorkingGroupView(wg!, input.langs, access.meeting.languages);
    });
  } catch (err) {
    if (isUniqueViolation(err) && input.code) throw taken(input.code);
    throw err;
  }
}

/** DELETE /api/meetings/:slug/working-groups/:id — 409 while sessions or drafts use it. */
export async function deleteWorkingGroup(
  input: Omit<Base, 'langs'> & { id: string },
): Promise<void> {
  try {
    await change(input.ctx, async (fx) => {
      const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug });
      const [wg] = await fx.tx
        .delete(workingGroups)
        .where(and(eq(workingGroups.id, input.id), eq(workingGroups.meetingId, access.meeting.id)))
        .returning();
      if (!wg) throw notFound('Working group');
      await fx.audit({
        meetingId: access.meeting.id,
        actor: input.actor,
        action: 'working_group.deleted',
        entityType: 'working_group',
        entityId: wg.id,
        data: { code: wg.code },
      });
    });
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw conflict('This working group is in use (sessions or recommendations refer to it)');
    throw err;
  }
}
