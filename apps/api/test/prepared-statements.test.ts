/**
 * A guard for the prepared-statement proxy of packages/db (preparedByDefault): on
 * PostgreSQL every query drizzle sends through openPostgres() — in a transaction too —
 * becomes a named prepared statement of its connection. An upgrade of drizzle or
 * postgres.js that bypasses the proxy would silently make every query parse and plan
 * again (measured: 0.4× the throughput); here it fails. PostgreSQL only: PGlite has no
 * connections to prepare on.
 */
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { type Db, meetings, schema, users } from '@kengash/db';
import { createTestDatabase, type TestDatabase } from '@kengash/db/testing';

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

/** The statements prepared on the connection that runs this query (a pool of one). */
async function preparedOn(db: Db): Promise<string[]> {
  const rows = (await db.execute(
    sql`select statement from pg_prepared_statements order by prepare_time`,
  )) as unknown as { statement: string }[];
  return rows.map((r) => r.statement);
}

describe('prepared statements on PostgreSQL', () => {
  it('makes every drizzle query a named prepared statement, in transactions too', async () => {
    database = await createTestDatabase(inject('template'), 1);
    const { db } = database;
    const byEmail = db.select().from(users).where(eq(users.email, 'nobody@example.org'));
    const bySlug = db.select().from(meetings).where(eq(meetings.slug, 'no-such-meeting'));

    expect(await preparedOn(db)).not.toContain(byEmail.toSQL().sql);
    await byEmail;
    await db.transaction(async (tx) => {
      await tx.select().from(meetings).where(eq(meetings.slug, 'no-such-meeting'));
    });
    const prepared = await preparedOn(db);
    expect(prepared).toContain(byEmail.toSQL().sql);
    expect(prepared).toContain(bySlug.toSQL().sql);

    // Run again, the statements are reused, not prepared anew.
    await byEmail;
    await db.transaction(async (tx) => {
      await tx.select().from(meetings).where(eq(meetings.slug, 'another'));
    });
    expect(await preparedOn(db)).toHaveLength(prepared.length);
  });

  it('is what makes the difference: plain drizzle on postgres.js prepares nothing', async () => {
    database = await createTestDatabase(inject('template'), 1);
    const client = postgres(database.url!, { max: 1, onnotice: () => {} });
    try {
      const plain = drizzle(client, { schema }) as unknown as Db;
      const byEmail = plain.select().from(users).where(eq(users.email, 'nobody@example.org'));
      await byEmail;
      expect(await preparedOn(plain)).not.toContain(byEmail.toSQL().sql);
    } finally {
      await client.end();
    }
  });
});
