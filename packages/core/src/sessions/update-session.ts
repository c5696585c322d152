import { eq, sql } from 'drizzle-orm';
import { sessions } from '@kengash/db';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, invalid } from '../errors.js';
import { hasText, mergeText } from '../schemas/lang.js';
import type { SessionUpdate, SessionView } from '../schemas/sessions.js';
import { notifyBookmarkers } from './notify.js';
import { sessionForOrganizer } from './organizer.js';
import { assertRoomFree, placementIssues, workingGroupIdFor } from './rules.js';
import { selectSession, toSessionView } from './views.js';

const sameText = (a: Record<string, string> | null, b: Record<string, string> | null) =>
  JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(b ?? {}).sort());

/**
 * PATCH /api/sessions/:id (organizer). A change of time, room or title is one a calendar
 * must notice: it adds 1 to `sequence` and queues a notice to every delegate who
 * bookmarked the session. A cancelled session is not edited (409).
 */
export async function updateSession(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  data: SessionUpdate;
  langs: readonly string[];
}): Promise<SessionView> {
  const { data } = input;
  return change(input.ctx, async (fx) => {
    const { access, session: old } = await sessionForOrganizer(fx.tx, input.actor, input.id);
    const m = access.meeting;
    if (old.status === 'cancelled') throw conflict('This session is cancelled');
    const first = m.languages[0] ?? 'en';
    const set: Partial<typeof sessions.$inferInsert> = { updatedAt: new Date() };
    const issues = [];
    if (data.title !== undefined) {
      set.title = mergeText(old.title, data.title, first);
      if (!hasText(set.title)) issues.push({ path: 'title', message: 'Give a title' });
    }
    if (data.description !== undefined) {
      const d =
        data.description === null ? {} : mergeText(old.description, data.description, first);
      set.description = hasText(d) ? d : null;
    }
    const placement = {
      startsAt: data.startsAt ? new Date(data.startsAt) : old.startsAt,
      endsAt: data.endsAt ? new Date(data.endsAt) : old.endsAt,
      room: data.room === undefined ? old.room : data.room?.trim() || null,
    };
    const moved =
      placement.startsAt.getTime() !== old.startsAt.getTime() ||
      placement.endsAt.getTime() !== old.endsAt.getTime();
    const roomChanged = (placement.room ?? '') !== (old.room ?? '');
    if (moved) issues.push(...placementIssues(m, placement));
    if (issues.length) throw invalid(issues);
    if (moved || roomChanged) {
      Object.assign(set, placement);
      await assertRoomFree(fx.tx, m, placement, old.id);
    }
    if (data.workingGroupCode !== undefined)
      set.workingGroupId = await workingGroupIdFor(fx.tx, m.id, data.workingGroupCode);
    if (data.kind !== undefined) set.kind = data.kind;
    if (data.onlineUrl !== undefined) set.onlineUrl = data.onlineUrl;
    if (data.interpretation !== undefined) set.interpretation = [...new Set(data.interpretation)];
    if (data.qaEnabled !== undefined) set.qaEnabled = data.qaEnabled;
    if (data.qaModerated !== undefined) set.qaModerated = data.qaModerated;
    if (data.speakingMinutes !== undefined) set.speakingMinutes = data.speakingMinutes;

    const retitled = set.title !== undefined && !sameText(set.title, old.title);
    const noticed = moved || roomChanged || retitled;
    const [row] = await fx.tx
      .update(sessions)
      .set({ ...set, ...(noticed ? { sequence: sql`${sessions.sequence} + 1` } : {}) })
      .where(eq(sessions.id, old.id))
      .returning();
    const fields = Object.keys(data).filter((k) => data[k as keyof typeof data] !== undefined);
    await fx.audit({
      meetingId: m.id,
      actor: input.actor,
      action: 'session.updated',
      entityType: 'session',
      entityId: old.id,
      data: { fields, ...(noticed ? { sequence: row!.sequence } : {}) },
    });
    if (noticed) await notifyBookmarkers(fx, m, row!);
    await fx.emit('session.changed', { before: old, after: row! });
    const record = await selectSession(fx.tx, old.id, input.actor?.userId ?? null);
    return toSessionView(access, record!, input.langs);
  });
}
