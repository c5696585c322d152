import { auditLog, type Db } from '@kengash/db';
import { type Actor, actorLabel } from './context.js';

export interface AuditEntry {
  meetingId: string | null;
  actor: Actor | null;
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
}

/** Call inside the transaction of the change it records. */
export async function writeAudit(tx: Db, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    meetingId: entry.meetingId,
    actorId: entry.actor?.userId ?? null,
    actor: actorLabel(entry.actor),
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    data: entry.data ?? null,
  });
}
