/**
 * The agenda under concurrency, really in parallel over a pool of connections (PostgreSQL
 * only: on PGlite's one connection the requests serialize and would prove nothing): one
 * room is booked once however many organizers try at once, and agenda versions are
 * numbered without gaps or duplicates.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, useHarness } from './helpers.js';
import { sessionBody } from './agenda-helpers.js';
import { call } from './registration-helpers.js';

const h = useHarness({}, 20);

describe('the agenda under concurrency', () => {
  it('books a room once when ten sessions ask for it at the same time', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        call(h, 'POST', `/api/meetings/${slug}/sessions`, {
          cookie,
          payload: sessionBody(meeting, 1 + (i % 3) * 0.25, 2.5, { title: `Try ${i}` }),
        }),
      ),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses).toEqual([201, ...Array(9).fill(409)]);
    const winner = answers.find((a) => a.statusCode === 201)!.json();
    for (const a of answers.filter((a) => a.statusCode === 409))
      expect(a.json().detail).toContain(winner.id);
    const list = await call(h, 'GET', `/api/meetings/${slug}/sessions`);
    expect(list.json().items).toHaveLength(1);
  });

  it('numbers agenda versions 1..n when they are published at once', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    await call(h, 'POST', `/api/meetings/${slug}/sessions`, {
      cookie,
      payload: sessionBody(meeting, 1, 2),
    });
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(h, 'POST', `/api/meetings/${slug}/agenda/versions`, { cookie, payload: {} }),
      ),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(Array(8).fill(201));
    const numbers = answers.map((a) => a.json().version as number).sort((a, b) => a - b);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Only the first found the session new.
    const first = answers.find((a) => a.json().version === 1)!.json();
    expect(first.changes).toHaveLength(1);
    for (const a of answers.filter((a) => a.json().version > 1))
      expect(a.json().changes).toEqual([]);
  });
});
