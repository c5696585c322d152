/**
 * Migrations at start: on PostgreSQL several processes may start at once (advisory lock);
 * on PGlite the data directory is created once, then reopened with its data intact.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  type Db,
  meetings,
  migratePostgresUrl,
  migrationsFolder,
  openDatabase,
  openPostgres,
} from '@kengash/db';
import { seedDemo } from '@kengash/core';

const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The migrations the package ships, as drizzle-kit listed them. */
const shipped = (
  JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  }
).entries.length;

/** The migrations recorded as applied: each exactly once. */
async function applied(db: Db): Promise<number> {
  const result: unknown = await db.execute(
    sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
  );
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return Number((rows as { n: number }[])[0]!.n);
}

describe(`migrations on ${process.env.TEST_DB}`, () => {
  it('migrates an empty database at start, once, however many processes start together', async () => {
    if (process.env.TEST_DB === 'postgres') {
      const name = `kengash_mig_${process.pid}_${Date.now()}`;
      const admin = openPostgres(adminUrl, 1);
      await admin.db.execute(sql.raw(`create database ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      try {
        // Four "processes" at once: the advisory lock lets one migrate, the rest find it done.
        await Promise.all([1, 2, 3, 4].map(() => migratePostgresUrl(url.toString())));
        const db = await openDatabase({ url: url.toString() });
        expect(shipped).toBeGreaterThan(1);
        expect(await applied(db.db)).toBe(shipped);
        expect(await seedDemo(db.db)).toBe(true);
        expect(await seedDemo(db.db)).toBe(false);
        await db.close();
      } finally {
        await admin.db.execute(sql.raw(`drop database if exists ${name} with (force)`));
        await admin.close();
      }
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'kengash-pglite-'));
      try {
        const first = await openDatabase({ dataDir: dir });
        expect(first.kind).toBe('pglite');
        expect(await applied(first.db)).toBe(shipped);
        expect(await seedDemo(first.db)).toBe(true);
        await first.close();
        // Reopened (a restart): migrations find nothing to do and the data is there.
        const second = await openDatabase({ dataDir: dir });
        const [{ n } = { n: 0 }] = await second.db.select({ n: count() }).from(meetings);
        expect(n).toBe(2);
        expect(await applied(second.db)).toBe(shipped);
        await second.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }, 240_000);
});
