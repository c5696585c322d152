/**
 * The live Q&A in the browser and on the server: the API's order, and a list kept up to
 * date from the live channel's snapshot and events. Events are shared by a class of
 * viewers and leave out `mine` and `voted`; those are carried over from what was known.
 */
import type { QuestionView } from '@kengash/core/schemas/questions';

export type { QuestionView };
export const QUESTION_MAX = 500;

export interface QaState {
  open: boolean;
  moderated: boolean;
}

/** Pinned first, then most votes, then oldest — as the API sorts. */
export function sortQuestions(items: QuestionView[]): QuestionView[] {
  return [...items].sort(
    (a, b) =>
      Number(b.pinned) - Number(a.pinned) ||
      b.votes - a.votes ||
      Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
      a.id.localeCompare(b.id),
  );
}

function isQuestion(value: unknown): value is QuestionView {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return typeof v.id === 'string' && typeof v.text === 'string' && typeof v.status === 'string';
}

/** A question as an event gives it, with what this viewer knew of it kept. */
function carried(next: QuestionView, before: QuestionView | undefined): QuestionView {
  return {
    ...next,
    mine: next.mine ?? before?.mine,
    voted: next.voted ?? before?.voted,
    anonymous: next.anonymous ?? before?.anonymous,
  };
}

export interface QaChange {
  questions: QuestionView[];
  /** A question that was not in the list before. */
  added?: QuestionView;
  /** One of this viewer's questions whose status changed, with the status before. */
  ownChange?: { question: QuestionView; before: QuestionView['status'] };
}

/**
 * Applies a `question.created` / `question.updated` event's data: one question, or the
 * batched tallies `{questions: [{id, votes}]}`.
 */
export function applyQuestionEvent(
  list: QuestionView[],
  data: unknown,
  /** For a delegate: any pending question she is sent is her own. */
  pendingIsMine = false,
): QaChange | null {
  if (isQuestion(data)) {
    const before = list.find((q) => q.id === data.id);
    const next = carried(data, before);
    const questions = sortQuestions([...list.filter((q) => q.id !== data.id), next]);
    const change: QaChange = { questions };
    if (!before) change.added = next;
    if (
      before &&
      before.status !== next.status &&
      (next.mine || (pendingIsMine && before.status === 'pending'))
    )
      change.ownChange = { question: next, before: before.status };
    return change;
  }
  if (
    data &&
    typeof data === 'object' &&
    Array.isArray((data as { questions?: unknown }).questions)
  ) {
    const tallies = new Map<string, number>();
    for (const t of (data as { questions: { id?: unknown; votes?: unknown }[] }).questions)
      if (typeof t.id === 'string' && typeof t.votes === 'number') tallies.set(t.id, t.votes);
    return {
      questions: sortQuestions(
        list.map((q) => (tallies.has(q.id) ? { ...q, votes: tallies.get(q.id)! } : q)),
      ),
    };
  }
  return null;
}

/** A snapshot's questions, keeping `mine` / `voted` known from before when it leaves them out. */
export function applySnapshot(list: QuestionView[], items: unknown): QuestionView[] | null {
  if (!Array.isArray(items)) return null;
  const known = new Map(list.map((q) => [q.id, q]));
  return sortQuestions(items.filter(isQuestion).map((q) => carried(q, known.get(q.id))));
}

export function asQaState(value: unknown): QaState | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (typeof v.open === 'boolean' && typeof v.moderated === 'boolean')
    return { open: v.open, moderated: v.moderated };
  if (v.qa) return asQaState(v.qa);
  return null;
}
