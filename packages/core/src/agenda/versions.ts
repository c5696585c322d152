/** Agenda versions: the snapshot a publication freezes and the changelog against the last. */
import type { AgendaChangeRow, AgendaSnapshotRow } from '@kengash/db';
import { pickText } from '../schemas/lang.js';
import type { AgendaVersionView } from '../schemas/sessions.js';
import type { SessionRow } from '../sessions/rows.js';

export function snapshotOf(s: SessionRow): AgendaSnapshotRow {
  return {
    sessionId: s.id,
    title: s.title,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    room: s.room,
    status: s.status,
    kind: s.kind,
  };
}

const sameTitle = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * What changed from `previous` (null for the first publication) to `current`, in agenda
 * order: a session new since then is added (unless it was cancelled before anyone saw
 * it), one now cancelled is cancelled, one whose time or room differ moved, one whose
 * title or kind differ changed. One entry a session, the first that applies.
 */
export function diffAgenda(
  previous: AgendaSnapshotRow[] | null,
  current: AgendaSnapshotRow[],
): AgendaChangeRow[] {
  const before = new Map((previous ?? []).map((s) => [s.sessionId, s]));
  const out: AgendaChangeRow[] = [];
  for (const s of current) {
    const p = before.get(s.sessionId);
    before.delete(s.sessionId);
    const cancelled = s.status === 'cancelled';
    let change: AgendaChangeRow['change'] | null = null;
    if (!p) change = cancelled ? null : 'added';
    else if (cancelled) change = p.status === 'cancelled' ? null : 'cancelled';
    else if (p.status === 'cancelled') change = 'added';
    else if (
      p.startsAt !== s.startsAt ||
      p.endsAt !== s.endsAt ||
      (p.room ?? '') !== (s.room ?? '')
    )
      change = 'moved';
    else if (!sameTitle(p.title, s.title) || p.kind !== s.kind) change = 'changed';
    if (change) out.push({ sessionId: s.sessionId, title: s.title, change });
  }
  // A session that is gone altogether is cancelled for those who read the last version.
  for (const p of before.values())
    if (p.status !== 'cancelled')
      out.push({ sessionId: p.sessionId, title: p.title, change: 'cancelled' });
  return out;
}

export function toAgendaVersionView(
  v: {
    version: number;
    name: Record<string, string> | null;
    publishedAt: Date;
    changes: AgendaChangeRow[];
  },
  wanted: readonly string[],
  languages: readonly string[],
): AgendaVersionView {
  return {
    version: v.version,
    name: pickText(v.name, wanted, languages)?.text ?? null,
    translations: { name: v.name ?? {} },
    publishedAt: v.publishedAt.toISOString(),
    changes: v.changes.map((c) => ({
      sessionId: c.sessionId,
      title: pickText(c.title, wanted, languages)?.text ?? '',
      change: c.change,
    })),
  };
}
