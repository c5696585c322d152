/**
 * The order rules of the list of speakers, as pure functions of the waiting requests:
 * where a new request goes, and the balanced order. The use-cases write the result as
 * dense positions under the session row's lock.
 */
import { participantTypes, type ParticipantType } from '../schemas/values.js';
import type { FloorKind } from '../schemas/floor.js';

export interface Waiting {
  id: string;
  kind: FloorKind;
  participantType: ParticipantType | null;
  requestedAt: Date;
}

const firstCome = (a: Waiting, b: Waiting) =>
  a.requestedAt.getTime() - b.requestedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Where a new request joins the list (0-based index into `queue`, which is in order): a
 * point of order at the head, after any points of order already there; a statement after
 * the last statement (so before the replies); a reply at the end.
 */
export function insertionIndex(queue: readonly Waiting[], kind: FloorKind): number {
  if (kind === 'reply') return queue.length;
  if (kind === 'point_of_order') {
    let i = 0;
    while (i < queue.length && queue[i]!.kind === 'point_of_order') i++;
    return i;
  }
  let last = -1;
  queue.forEach((r, i) => {
    if (r.kind !== 'reply') last = i;
  });
  return last + 1;
}

const typeOf = (r: Waiting): ParticipantType => r.participantType ?? 'other';

/**
 * The balanced order: points of order first (first come), then the statements
 * alternating participant types in a fixed cycle (government, international
 * organization, civil society, academia, media, other), first come within each type,
 * then the replies (first come). The cycle starts after the type of the last statement
 * given the floor — or, when nobody has spoken yet, at the type of the first request.
 */
export function balancedOrder(
  queue: readonly Waiting[],
  lastStatementType: ParticipantType | null,
): string[] {
  const points = queue.filter((r) => r.kind === 'point_of_order').sort(firstCome);
  const replies = queue.filter((r) => r.kind === 'reply').sort(firstCome);
  const statements = queue.filter((r) => r.kind === 'statement').sort(firstCome);

  const byType = new Map<ParticipantType, Waiting[]>();
  for (const r of statements) byType.set(typeOf(r), [...(byType.get(typeOf(r)) ?? []), r]);
  const cycle = participantTypes as readonly ParticipantType[];
  let start = 0;
  if (lastStatementType) start = (cycle.indexOf(lastStatementType) + 1) % cycle.length;
  else if (statements[0]) start = cycle.indexOf(typeOf(statements[0]));
  const turnOrder = [...cycle.slice(start), ...cycle.slice(0, start)];

  const balanced: Waiting[] = [];
  for (let round = 0; balanced.length < statements.length; round++)
    for (const t of turnOrder) {
      const r = byType.get(t)?.[round];
      if (r) balanced.push(r);
    }
  return [...points, ...balanced, ...replies].map((r) => r.id);
}

/** Moves `id` to the 0-based `index` of `ids`. */
export function moveTo(ids: readonly string[], id: string, index: number): string[] {
  const rest = ids.filter((x) => x !== id);
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}
