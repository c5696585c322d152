import { desc, eq } from 'drizzle-orm';
import { auditLog } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';

/** GET /api/meetings/:slug/audit — every state change of the meeting, newest first. */
export async function listAudit(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  limit?: number;
}) {
  const access = await requireOrganizer(input.ctx.db, input.actor, { slug: input.slug });
  const rows = await input.ctx.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.meetingId, access.meeting.id))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(input.limit ?? 500);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    data: r.data ?? undefined,
  }));
}
