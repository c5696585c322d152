/**
 * Small pieces of the floor that its use-cases and its live area share: reading a
 * session's requests, shaping the floor view, writing the waiting order, recording a
 * change (its audit row and its one `floor.updated` event).
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { floorRequests, sessions, type Db } from '@kengash/db';
import { canModerate } from '../access/meeting-access.js';
import type { AuditAction } from '../changes/audit-actions.js';
import type { Effects } from '../changes/envelope.js';
import type { Actor } from '../context.js';
import { AppError, notFound } from '../errors.js';
import type {
  FloorCurrentView,
  FloorQueueItemView,
  FloorView,
  SpeakingTotalView,
} from '../schemas/floor.js';
import type { ParticipantType } from '../schemas/values.js';
import { loadSession, type SessionAccess } from '../sessions/rows.js';

export type FloorRow = typeof floorRequests.$inferSelect;

/** The floor's settings on the session row. */
export interface FloorSettings {
  floorOpen: boolean;
  floorBalanced: boolean;
  speakingMinutes: number;
}

/** The session's requests that still count (waiting, speaking, done), waiting ones in order. */
export function floorRows(db: Db, sessionId: string): Promise<FloorRow[]> {
  return db
    .select()
    .from(floorRequests)
    .where(
      and(
        eq(floorRequests.sessionId, sessionId),
        inArray(floorRequests.status, ['waiting', 'speaking', 'done']),
      ),
    )
    .orderBy(
      asc(floorRequests.position),
      asc(floorRequests.startedAt),
      asc(floorRequests.requestedAt),
      asc(floorRequests.id),
    );
}

export const waitingOf = (rows: readonly FloorRow[]) =>
  rows.filter((r) => r.status === 'waiting').sort((a, b) => (a.position ?? 0) - (b.position ?? 0));

export const speakingOf = (rows: readonly FloorRow[]) => rows.find((r) => r.status === 'speaking');

/** The type of the last statement that had the floor: where the balanced cycle goes on. */
export function lastStatementType(rows: readonly FloorRow[]): ParticipantType | null {
  let last: FloorRow | undefined;
  for (const r of rows)
    if (r.kind === 'statement' && r.startedAt && (!last || r.startedAt >= last.startedAt!))
      last = r;
  return last ? (last.participantType ?? 'other') : null;
}

/** The settings as they are now (a live snapshot must not trust a row read earlier). */
export async function floorSettings(db: Db, sessionId: string): Promise<FloorSettings> {
  const [row] = await db
    .select({
      floorOpen: sessions.floorOpen,
      floorBalanced: sessions.floorBalanced,
      speakingMinutes: sessions.speakingMinutes,
    })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!row) throw notFound('Session');
  return row;
}

const delegate = (r: FloorRow) => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  organization: r.organization,
  country: r.country,
  participantType: r.participantType,
});

/**
 * Speaking time per delegation: a government's country, else the organization (`delegation`
 * is unique in the list).
 */
export function speakingTotals(rows: readonly FloorRow[], now = new Date()): SpeakingTotalView[] {
  const totals = new Map<string, SpeakingTotalView>();
  for (const r of rows) {
    if (!r.startedAt || (r.status !== 'done' && r.status !== 'speaking')) continue;
    const government = r.participantType === 'government' && r.country;
    const delegation = government ? r.country! : (r.organization ?? r.name);
    // An organization is one delegation wherever its people come from.
    const key = `${government ? 'g' : 'o'}:${delegation}`;
    const end = r.endedAt ?? now;
    const seconds = Math.max(0, Math.round((end.getTime() - r.startedAt.getTime()) / 1000));
    const t = totals.get(key) ?? {
      delegation,
      participantType: r.participantType,
      country: r.country,
      organization: government ? null : r.organization,
      seconds: 0,
      turns: 0,
    };
    if (t.country !== r.country) t.country = null;
    t.seconds += seconds;
    t.turns += 1;
    totals.set(key, t);
  }
  return [...totals.values()].sort(
    (a, b) => b.seconds - a.seconds || a.delegation.localeCompare(b.delegation),
  );
}

/**
 * The floor as a viewer sees it: the same for everyone, plus the caller's own request
 * (`mine`, when a user is named) and, for moderators, the speaking time per delegation.
 */
export function shapeFloor(
  settings: FloorSettings,
  rows: readonly FloorRow[],
  opts: { moderator: boolean; userId?: string | null; now?: Date },
): FloorView {
  const speaking = speakingOf(rows);
  const current: FloorCurrentView | null =
    speaking && speaking.startedAt
      ? {
          ...delegate(speaking),
          startedAt: speaking.startedAt.toISOString(),
          minutes: speaking.minutes ?? settings.speakingMinutes,
          endsAt: new Date(
            speaking.startedAt.getTime() + (speaking.minutes ?? settings.speakingMinutes) * 60_000,
          ).toISOString(),
        }
      : null;
  const queue: FloorQueueItemView[] = waitingOf(rows).map((r, i) => ({
    ...delegate(r),
    position: i + 1,
  }));
  const view: FloorView = {
    open: settings.floorOpen,
    balanced: settings.floorBalanced,
    speakingMinutes: settings.speakingMinutes,
    current,
    queue,
  };
  if (opts.userId !== undefined) {
    const own = opts.userId
      ? rows.find(
          (r) => r.userId === opts.userId && (r.status === 'waiting' || r.status === 'speaking'),
        )
      : undefined;
    view.mine = own
      ? {
          id: own.id,
          status: own.status as 'waiting' | 'speaking',
          position: queue.find((q) => q.id === own.id)?.position ?? null,
        }
      : null;
  }
  if (opts.moderator) view.speakingTotals = speakingTotals(rows, opts.now);
  return view;
}

/** The floor for the caller of an HTTP request: `mine` for her, totals for moderators. */
export async function floorFor(db: Db, s: SessionAccess): Promise<FloorView> {
  const settings = await floorSettings(db, s.session.id);
  const rows = await floorRows(db, s.session.id);
  return shapeFloor(settings, rows, {
    moderator: canModerate(s.access),
    // Signed out: no `mine` at all.
    userId: s.access.actor?.userId,
  });
}

/** Writes the waiting order as dense positions 1..n, in one statement. */
export async function writeOrder(tx: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  await tx
    .update(floorRequests)
    .set({ position: sql`array_position(array[${list}]::uuid[], ${floorRequests.id})` })
    .where(inArray(floorRequests.id, [...ids]));
}

/** Records a change of the floor: its audit row and the one event its viewers get. */
export async function floorChanged(
  fx: Effects,
  session: { id: string; meetingId: string },
  actor: Actor | null,
  change: {
    action: AuditAction;
    entityId: string;
    data?: Record<string, unknown>;
  },
): Promise<void> {
  await fx.audit({
    meetingId: session.meetingId,
    actor,
    action: change.action,
    entityType: 'floor',
    entityId: change.entityId,
    data: { sessionId: session.id, ...change.data },
  });
  await fx.event({
    sessionId: session.id,
    type: 'floor.updated',
    payload: { action: change.action, id: change.entityId },
  });
}

/**
 * A request and its session, the session row locked. A request of a session the caller
 * may not see is 404, as an unknown one.
 */
export async function loadRequest(
  tx: Db,
  actor: Actor | null,
  id: string,
  /** When given (a frame on a session's live channel), a request of another session is 404. */
  sessionId?: string,
): Promise<{ request: FloorRow; s: SessionAccess }> {
  const [found] = await tx
    .select({ sessionId: floorRequests.sessionId })
    .from(floorRequests)
    .where(eq(floorRequests.id, id));
  if (!found || (sessionId !== undefined && found.sessionId !== sessionId))
    throw notFound('Floor request');
  const s = await loadSession(tx, actor, found.sessionId, { lock: true }).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'not_found') throw notFound('Floor request');
    throw err;
  });
  // Read again under the lock: it may have changed while we waited for it.
  const [request] = await tx.select().from(floorRequests).where(eq(floorRequests.id, id));
  if (!request) throw notFound('Floor request');
  return { request, s };
}
