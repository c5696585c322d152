/**
 * The Q&A across server processes on one PostgreSQL: a question asked through one process
 * reaches a viewer connected to another (LISTEN/NOTIFY carries the ids), vote tallies
 * batched in two processes converge on the right count for a viewer of either, and the
 * same delegate voting many times at once, through both processes, counts once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { openPostgres, questionVotes } from '@kengash/db';
import { buildApp } from '../src/app.js';
import { PUBLIC_URL, useHarness } from './helpers.js';
import { connect, listen, type LiveClient } from './live-helpers.js';
import { ask, listOf, qaDelegate, qaSetup } from './questions-helpers.js';

const h = useHarness();
const clients: LiveClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
});

/** A second server on the same database: its own app, hub, batcher, pool and LISTEN. */
async function secondProcess() {
  const database = openPostgres(h.database.url!, 6);
  const app = await buildApp({ config: h.config, database });
  return {
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

describe('the Q&A across processes', () => {
  it('delivers a question asked through one process to a viewer of another, per class', async () => {
    const s = await qaSetup(h);
    const a = await qaDelegate(h, s.slug, { fullName: 'Aida Nurlanovna' });
    const second = await secondProcess();
    try {
      const base = await listen(second.app);
      const url = `${base}/api/live/sessions/${s.sessionId}`;
      const watcher = await connect(url, { origin: PUBLIC_URL });
      const chair = await connect(url, { origin: PUBLIC_URL, cookie: s.moderator });
      clients.push(watcher, chair);
      const snapshot = await watcher.waitFor((f) => f.type === 'snapshot');
      await chair.waitFor((f) => f.type === 'snapshot');
      const start = snapshot.seq as number;

      const q = await ask(h, s, a.cookie, 'Across the processes?', true);
      const created = await watcher.waitFor((f) => f.type === 'event');
      expect(created).toMatchObject({
        seq: start + 1,
        event: 'question.created',
        data: { id: q.id, text: 'Across the processes?', status: 'approved', author: null },
      });
      const chairs = await chair.waitFor((f) => f.type === 'event');
      expect(chairs.data).toMatchObject({ id: q.id, author: { name: 'Aida Nurlanovna' } });
      // What the other process sent is what this one answers.
      expect(created.data).toEqual((await listOf(h, s))[0]);
    } finally {
      await second.close();
    }
  });

  it('counts the same delegate once however many votes arrive at once, through both processes', async () => {
    const s = await qaSetup(h);
    const [a, b, c] = [
      await qaDelegate(h, s.slug),
      await qaDelegate(h, s.slug),
      await qaDelegate(h, s.slug),
    ];
    const q = await ask(h, s, a.cookie, 'Vote for me, once');
    const second = await secondProcess();
    try {
      const base = await listen(second.app);
      const watcher = await connect(`${base}/api/live/sessions/${s.sessionId}`, {
        origin: PUBLIC_URL,
      });
      clients.push(watcher);
      await watcher.waitFor((f) => f.type === 'snapshot');
      const vote = (app: typeof h.app, cookie: string) =>
        app.inject({
          method: 'POST',
          url: `/api/questions/${q.id}/vote`,
          headers: { cookie },
        });
      const answers = await Promise.all(
        [b, c].flatMap((d) =>
          Array.from({ length: 6 }, (_, i) => vote(i % 2 ? second.app : h.app, d.cookie)),
        ),
      );
      expect(answers.map((r) => r.statusCode)).toEqual(Array(12).fill(200));
      for (const r of answers) expect([1, 2]).toContain(r.json().votes);
      expect((await listOf(h, s))[0]!.votes).toBe(2);
      const [row] = await h.database.db
        .select({ n: count() })
        .from(questionVotes)
        .where(eq(questionVotes.questionId, q.id));
      expect(row!.n).toBe(2);
      // Tallies written by either process's batcher end on the right count.
      await watcher.waitFor((f) => {
        const data = f.data as { questions?: { id: string; votes: number }[] } | undefined;
        return f.event === 'question.updated' && data?.questions?.[0]?.votes === 2;
      });
      const last = watcher.frames.filter((f) => f.event === 'question.updated').at(-1)!;
      await new Promise((r) => setTimeout(r, 600));
      const after = watcher.frames.filter((f) => f.event === 'question.updated').at(-1)!;
      expect(after.data).toEqual({ questions: [{ id: q.id, votes: 2 }] });
      expect(after.seq).toBeGreaterThanOrEqual(last.seq as number);
    } finally {
      await second.close();
    }
  });
});
