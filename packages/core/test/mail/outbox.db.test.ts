/**
 * The outbox's coalescing (src/mail/outbox.ts): a message queued with a key that an unsent
 * one already waits under is merged into it and rendered again; a message a worker is
 * sending, or has sent, is left alone and the new one queued beside it.
 */
import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { mailOutbox } from '@kengash/db';
import { openSharedTestDatabase, type SharedTestDatabase } from '@kengash/db/testing';
import { claimDue, markSent } from '../../src/mail/delivery.js';
import { queueMail } from '../../src/mail/outbox.js';
import type { MailParams } from '../../src/mail/templates/index.js';

let database: SharedTestDatabase;
beforeAll(async () => {
  database = await openSharedTestDatabase(inject('template'), 2);
});
beforeEach(() => database.reset());
afterAll(() => database.close());

const link = (minutes: number): MailParams => ({
  kind: 'magic_link',
  url: `https://kengash.test/auth/verify?token=${minutes}`,
  minutes,
});
// Merging adds the minutes up, so a test can tell a merge from a replacement.
const merge = (waiting: MailParams, next: MailParams): MailParams =>
  waiting.kind === 'magic_link' && next.kind === 'magic_link'
    ? { ...next, minutes: waiting.minutes + next.minutes }
    : next;
const rows = () => database.db.select().from(mailOutbox).orderBy(asc(mailOutbox.id));
const queue = (minutes: number, options: Parameters<typeof queueMail>[5]) =>
  database.db.transaction((tx) =>
    queueMail(tx, 'delegate@example.org', 'en', link(minutes), [], options),
  );

describe('queueMail with a coalescing key', () => {
  it('merges into the waiting unsent message and renders it again', async () => {
    await queue(10, { coalesceKey: 'k', merge });
    const [first] = await rows();
    expect(first!.text).toContain('expires in 10 minutes');

    const later = new Date(Date.now() + 3_600_000);
    await queue(15, { coalesceKey: 'k', merge, notBefore: later });
    const after = await rows();
    expect(after).toHaveLength(1);
    expect(after[0]!.id).toBe(first!.id);
    expect(after[0]!.params).toEqual({ ...link(15), minutes: 25 });
    expect(after[0]!.text).toContain('expires in 25 minutes');
    expect(after[0]!.html).toContain('expires in 25 minutes');
    expect(after[0]!.text).toContain('token=15');
    expect(after[0]!.nextAttemptAt.getTime()).toBe(later.getTime());
  });

  it('without a merge step, the newer message replaces the waiting one', async () => {
    await queue(10, { coalesceKey: 'k' });
    await queue(15, { coalesceKey: 'k' });
    const after = await rows();
    expect(after).toHaveLength(1);
    expect(after[0]!.params).toEqual(link(15));
    expect(after[0]!.text).toContain('expires in 15 minutes');
  });

  it('keeps messages of other keys, and messages without a key, apart', async () => {
    await queue(10, { coalesceKey: 'a', merge });
    await queue(11, { coalesceKey: 'b', merge });
    await queue(12, {});
    await queue(13, {});
    expect(
      (await rows()).map((r) => [r.coalesceKey, (r.params as { minutes: number }).minutes]),
    ).toEqual([
      ['a', 10],
      ['b', 11],
      [null, 12],
      [null, 13],
    ]);
  });

  it('does not merge into a message a worker is sending; queues a new one', async () => {
    await queue(10, { coalesceKey: 'k', merge });
    const [leased] = await claimDue(database.db);
    expect(leased!.lockedUntil).toBeInstanceOf(Date);

    await queue(15, { coalesceKey: 'k', merge });
    const after = await rows();
    expect(after).toHaveLength(2);
    // The message on its way is sent as it was rendered.
    expect(after[0]!.params).toEqual(link(10));
    expect(after[0]!.text).toContain('expires in 10 minutes');
    expect(after[1]!.params).toEqual(link(15));

    // Once it is sent, the next change merges into the new waiting one.
    await markSent(database.db, leased!.id);
    await queue(5, { coalesceKey: 'k', merge });
    const last = await rows();
    expect(last).toHaveLength(2);
    expect(last[1]!.params).toEqual({ ...link(5), minutes: 20 });
  });

  it('does not merge into a sent message', async () => {
    await queue(10, { coalesceKey: 'k', merge });
    const [leased] = await claimDue(database.db);
    await markSent(database.db, leased!.id);
    await queue(15, { coalesceKey: 'k', merge });
    expect((await rows()).map((r) => (r.params as { minutes: number }).minutes)).toEqual([10, 15]);
  });
});
