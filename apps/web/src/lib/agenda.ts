/**
 * The agenda and the floor as pages see them: grouping by day in the meeting's zone, the
 * shape of the live floor, and the WebSocket address of a session. Browser-safe.
 */
import type { FloorView } from '@kengash/core/schemas/floor';
import { dayKey } from './format';

export type { FloorView };
export const floorKinds = ['statement', 'reply', 'point_of_order'] as const;

/** Sessions grouped by their calendar day in the meeting's zone, in time order. */
export function byDay<S extends { startsAt: string }>(
  sessions: readonly S[],
  timeZone: string,
): { key: string; sessions: S[] }[] {
  const sorted = [...sessions].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const out: { key: string; sessions: S[] }[] = [];
  for (const s of sorted) {
    const key = dayKey(s.startsAt, timeZone);
    const last = out[out.length - 1];
    if (last?.key === key) last.sessions.push(s);
    else out.push({ key, sessions: [s] });
  }
  return out;
}

/** webcal:// for a feed's https:// (calendar apps subscribe instead of importing once). */
export function webcal(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}

/** "4:05" from seconds; negative seconds read as time over. */
export function clock(seconds: number): string {
  const s = Math.abs(Math.trunc(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}

/** The request of this viewer in a floor view, if any. */
export function ownRequest(floor: FloorView): { id: string; speaking: boolean } | null {
  if (!floor.mine) return null;
  return { id: floor.mine.id, speaking: floor.mine.status === 'speaking' };
}

/**
 * A live event's floor with the viewer's own request carried over: events are the same for
 * every viewer and leave `mine` out, so it follows from where that request now stands.
 */
export function withMine(next: FloorView, before: FloorView): FloorView {
  if (next.mine !== undefined) return next;
  const id = before.mine?.id;
  if (!id) return { ...next, mine: null };
  if (next.current?.id === id) return { ...next, mine: { id, status: 'speaking', position: null } };
  const queued = next.queue.find((q) => q.id === id);
  return {
    ...next,
    mine: queued ? { id, status: 'waiting', position: queued.position } : null,
  };
}
