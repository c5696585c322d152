import { auditLog, type Db } from '@kengash/db';
import { type Actor, actorLabel } from '../context.js';
import type { AuditAction, AuditEntityType } from './audit-actions.js';

export interface AuditEntry {
  meetingId: string | null;
  actor: Actor | null;
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string;
  /** What changed; never personal data beyond what the entity already shows its readers. */
  data?: Record<string, unknown>;
}

/** Written inside the transaction of the change it records (the envelope does it). */
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
