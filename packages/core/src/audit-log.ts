import { desc, eq } from 'drizzle-orm';
import { auditLog } from '@kengash/db';
import type { Actor, Ctx } from './context.js';
import { requireOrganizer } from './meetings.js';

/** GET /api/meetings/:slug/audit — newest first. */
export async function meetingAudit(ctx: Ctx, actor: Actor | null, slug: string, limit = 500) {
  const access = await requireOrganizer(ctx.db, slug, actor);
  const rows = await ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.meetingId, access.meeting.id))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    data: r.data,
  }));
}
