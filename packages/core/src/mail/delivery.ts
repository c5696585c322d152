/**
 * Delivery side of the outbox. claimDue() leases due rows (FOR UPDATE SKIP LOCKED), so two
 * workers — in one process or several — never take the same message; a lease that outlives
 * a crashed worker expires and the message is tried again.
 */
import { and, asc, desc, eq, isNull, lte, or, sql, type SQLWrapper } from 'drizzle-orm';
import { mailOutbox, type Db } from '@kengash/db';

export type OutboxRow = typeof mailOutbox.$inferSelect;

const LEASE_SECONDS = 120;
/** Exponential backoff: 1 s, 2 s, 4 s … capped at one minute. */
export const retryDelayMs = (attempts: number) =>
  Math.min(60_000, 1000 * 2 ** Math.max(0, attempts - 1));

export async function claimDue(db: Db, limit = 10): Promise<OutboxRow[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: mailOutbox.id })
      .from(mailOutbox)
      .where(
        and(
          isNull(mailOutbox.sentAt),
          lte(mailOutbox.nextAttemptAt, sql`now()`),
          or(isNull(mailOutbox.lockedUntil), lte(mailOutbox.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(desc(mailOutbox.priority), asc(mailOutbox.nextAttemptAt), asc(mailOutbox.id))
      .limit(limit)
      .for('update', { skipLocked: true });
    if (due.length === 0) return [];
    return tx
      .update(mailOutbox)
      .set({ lockedUntil: sql`now() + make_interval(secs => ${LEASE_SECONDS})` })
      .where(
        sql`${mailOutbox.id} in (${sql.join(
          due.map((d) => sql`${d.id}`),
          sql`, `,
        )})`,
      )
      .returning();
  });
}

/** A sign-in link's token in a URL, in text, HTML or the JSON of the parameters. */
const SIGN_IN_TOKEN = '(/auth/verify\\?token=)[A-Za-z0-9_-]+';
export const SCRUBBED_TOKEN = 'sent';

/**
 * Marks a message sent. With `scrubSignInLinks` (mail that left through SMTP) the stored
 * copy loses the tokens of its sign-in links: the database then holds no usable link,
 * though magic_links keeps only hashes. The dev mailbox keeps them: it is how one reads
 * them without SMTP.
 */
export async function markSent(
  db: Db,
  id: number,
  options: { scrubSignInLinks?: boolean } = {},
): Promise<void> {
  const scrub = (column: SQLWrapper) =>
    sql`regexp_replace(${column}, ${SIGN_IN_TOKEN}, ${`\\1${SCRUBBED_TOKEN}`}, 'g')`;
  await db
    .update(mailOutbox)
    .set({
      sentAt: sql`now()`,
      lockedUntil: null,
      lastError: null,
      ...(options.scrubSignInLinks
        ? {
            text: scrub(mailOutbox.text),
            html: scrub(mailOutbox.html),
            params: sql`(${scrub(sql`${mailOutbox.params}::text`)})::jsonb`,
          }
        : {}),
    })
    .where(eq(mailOutbox.id, id));
}

export async function markFailed(db: Db, row: OutboxRow, error: string): Promise<void> {
  const attempts = row.attempts + 1;
  await db
    .update(mailOutbox)
    .set({
      attempts,
      lastError: error.slice(0, 1000),
      lockedUntil: null,
      nextAttemptAt: new Date(Date.now() + retryDelayMs(attempts)),
    })
    .where(eq(mailOutbox.id, row.id));
}

/** When the next unsent message falls due (for the worker's timer), or null. */
export async function nextDueAt(db: Db): Promise<Date | null> {
  const [row] = await db
    .select({
      at: sql<Date>`min(greatest(${mailOutbox.nextAttemptAt}, coalesce(${mailOutbox.lockedUntil}, ${mailOutbox.nextAttemptAt})))`.mapWith(
        mailOutbox.nextAttemptAt,
      ),
    })
    .from(mailOutbox)
    .where(isNull(mailOutbox.sentAt));
  return row?.at ?? null;
}

/** The dev mailbox: the newest messages, for /dev/mailbox outside production. */
export async function recentMail(db: Db, limit = 100) {
  const rows = await db.select().from(mailOutbox).orderBy(desc(mailOutbox.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.to,
    subject: r.subject,
    text: r.text,
    html: r.html,
    attachments: r.attachments,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
    attempts: r.attempts,
    lastError: r.lastError,
  }));
}
