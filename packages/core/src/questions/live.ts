/**
 * The Q&A on a session's live channel: the `qa` and `questions` keys of the snapshot (as
 * GET /api/sessions/:id/questions gives them to this viewer), and `question.created`,
 * `question.updated` and `qa.updated` events, each rendered once per class — moderators
 * (everything, authors named), registrants and the public (approved and answered
 * questions, anonymous authors hidden) — plus once for the author of a pending question,
 * who sees her own. A question that leaves what a class sees (rejected after approval)
 * reaches that class once more with its new status, so viewers drop it. A batch of events
 * is rendered from one read of the table.
 */
import { inArray } from 'drizzle-orm';
import { questions } from '@kengash/db';
import { onDomainEvent } from '../changes/domain-events.js';
import { registerLiveArea, type RenderedEvent } from '../live/registry.js';
import type { QuestionTallies, QuestionView } from '../schemas/questions.js';
import { questionsFor } from './list-questions.js';
import { qaSettings, qaSettingsOf, shapeQuestion, type QuestionRow } from './rows.js';

const shown = (r: Pick<QuestionRow, 'status'>) =>
  r.status === 'approved' || r.status === 'answered';
const none: RenderedEvent = { byClass: { moderator: null, registrant: null, public: null } };

interface Payload {
  id?: string;
  from?: string;
  tallies?: { id: string; votes: number }[];
}

registerLiveArea({
  name: 'questions',
  types: ['question.created', 'question.updated', 'qa.updated'],
  async snapshot(db, s, viewer) {
    const qa = await qaSettings(db, s.session.id);
    const list = await questionsFor(db, s, {
      moderator: viewer.klass === 'moderator',
      userId: viewer.userId,
    });
    return { qa, questions: list.items };
  },
  async render(db, _sessionId, events) {
    const ids = new Set<string>();
    for (const e of events) {
      const p = (e.payload ?? {}) as Payload;
      if (p.id) ids.add(p.id);
      for (const t of p.tallies ?? []) ids.add(t.id);
    }
    const rows = new Map<string, QuestionRow>();
    if (ids.size > 0)
      for (const r of await db
        .select()
        .from(questions)
        .where(inArray(questions.id, [...ids])))
        rows.set(r.id, r);

    return events.map((e): RenderedEvent => {
      const p = (e.payload ?? {}) as Payload;
      if (e.type === 'qa.updated') {
        const data = {
          open: !!(p as { open?: boolean }).open,
          moderated: !!(p as { moderated?: boolean }).moderated,
        };
        return { byClass: { moderator: data, registrant: data, public: data } };
      }
      if (p.tallies) return renderTallies(p.tallies, rows);
      const row = p.id ? rows.get(p.id) : undefined;
      if (!row) return none;
      const moderator = shapeQuestion(row, { moderator: true });
      const wasShown = p.from === 'approved' || p.from === 'answered';
      const shared: QuestionView | null =
        shown(row) || wasShown ? shapeQuestion(row, { moderator: false }) : null;
      const out: RenderedEvent = {
        byClass: { moderator, registrant: shared, public: shared },
      };
      // The author sees her own pending question, and learns when it is turned down.
      if (row.status === 'pending' || (row.status === 'rejected' && p.from === 'pending'))
        out.byUser = new Map([
          [row.userId, shapeQuestion(row, { moderator: false, userId: row.userId })],
        ]);
      return out;
    });
  },
});

function renderTallies(
  tallies: { id: string; votes: number }[],
  rows: Map<string, QuestionRow>,
): RenderedEvent {
  const all: QuestionTallies['questions'] = [];
  const shared: QuestionTallies['questions'] = [];
  const pendingByAuthor = new Map<string, QuestionTallies['questions']>();
  for (const t of tallies) {
    const row = rows.get(t.id);
    if (!row) continue;
    const item = { id: t.id, votes: t.votes };
    all.push(item);
    if (shown(row)) shared.push(item);
    else if (row.status === 'pending')
      pendingByAuthor.set(row.userId, [...(pendingByAuthor.get(row.userId) ?? []), item]);
  }
  const data = (list: QuestionTallies['questions']): QuestionTallies | null =>
    list.length > 0 ? { questions: list } : null;
  const out: RenderedEvent = {
    byClass: { moderator: data(all), registrant: data(shared), public: data(shared) },
  };
  if (pendingByAuthor.size > 0)
    out.byUser = new Map(
      [...pendingByAuthor].map(([userId, own]) => [userId, data([...shared, ...own])]),
    );
  return out;
}

/**
 * An organizer's edit of a session (Q&A switched off or moderated) or its cancellation
 * changes what the room may do: its viewers are told with `qa.updated`, as a moderator's
 * own change would.
 */
onDomainEvent('session.changed', async (fx, e) => {
  const before = qaSettingsOf(e.before);
  const after = qaSettingsOf(e.after);
  if (before.open === after.open && before.moderated === after.moderated) return;
  await fx.event({ sessionId: e.after.id, type: 'qa.updated', payload: { ...after } });
});
