/**
 * Test databases: one migrated template per run. On PGlite the template is a dumped data
 * directory; on PostgreSQL it is a template database that CREATE DATABASE ... TEMPLATE
 * copies. A fresh copy costs seconds on PGlite (load a data directory) and a file copy on
 * PostgreSQL, so the harness takes one copy per test worker and empties it between tests
 * (openSharedTestDatabase); createTestDatabase gives a test a copy of its own.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import {
  type ClientOptions,
  type Database,
  type DatabaseKind,
  migratePostgresUrl,
  migrationsFolder,
  openPostgres,
  schema,
  wrapPglite,
} from './index.js';

export const testDatabaseKind = (): DatabaseKind =>
  process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';

const adminUrl = () =>
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const templateName = () => `kengash_template_${process.pid}`;
const templateFile = () => join(tmpdir(), `kengash-template-${process.pid}.tar`);

function urlFor(database: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** Run once per test run (vitest globalSetup); returns where the template is. */
export async function prepareTemplate(
  kind: DatabaseKind = testDatabaseKind(),
): Promise<{ kind: DatabaseKind; template: string; cleanup: () => Promise<void> }> {
  if (kind === 'pglite') {
    const client = await PGlite.create();
    await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    const dump = await client.dumpDataDir('none');
    await client.close();
    const file = templateFile();
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    return { kind, template: file, cleanup: () => rm(file, { force: true }) };
  }
  const name = templateName();
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  await migratePostgresUrl(urlFor(name));
  return {
    kind,
    template: name,
    // The copies too: a worker's shared database lives until the run ends.
    cleanup: async () => {
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      try {
        const copies = await a<{ datname: string }[]>`
          select datname from pg_database where starts_with(datname, ${`${name}_`})`;
        for (const { datname } of copies)
          await a.unsafe(`drop database if exists ${datname} with (force)`);
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

let templateDump: Promise<Blob> | undefined;

export interface TestDatabase extends Database {
  /** A connection URL for a second pool or process (PostgreSQL only). */
  url?: string;
}

/** A fresh, migrated, empty database for one test. close() throws it away. */
export async function createTestDatabase(
  template: string,
  poolSize = 10,
  options: ClientOptions = {},
): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    templateDump ??= readFile(template).then((buf) => new Blob([buf]));
    const client = await PGlite.create({ loadDataDir: await templateDump });
    return wrapPglite(client, options);
  }
  // Named after the template, so the run's cleanup finds any copy left behind.
  const name = `${template}_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  const database = openPostgres(url, poolSize, options);
  return {
    ...database,
    url,
    async close() {
      await database.close();
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface SharedTestDatabase extends TestDatabase {
  /**
   * Empties every table and restarts every sequence: the next test finds the database as
   * the migrations left it. Call it when nothing else uses the database.
   */
  reset(): Promise<void>;
}

/**
 * One database for many tests in turn: reset() between them costs a few milliseconds
 * where a fresh copy costs seconds. Rows go with DELETE rather than TRUNCATE
 * (which makes new files, and on PostgreSQL syncs them): the tables are small, and
 * session_replication_role = replica lets the rows go in any order despite foreign keys.
 */
export async function openSharedTestDatabase(
  template: string,
  poolSize = 10,
  options: ClientOptions = {},
): Promise<SharedTestDatabase> {
  const database = await createTestDatabase(template, poolSize, options);
  const names = async () => {
    const result: unknown = await database.db.execute(
      sql`select
            (select coalesce(array_agg(quote_ident(tablename)::text), '{}') from pg_tables
              where schemaname = 'public') as tables,
            (select coalesce(array_agg(quote_ident(sequencename)::text), '{}') from pg_sequences
              where schemaname = 'public') as sequences`,
    );
    // postgres.js answers the rows, PGlite an object that holds them.
    const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
    const [row] = rows as { tables: string[]; sequences: string[] }[];
    return row!;
  };
  const { tables, sequences } = await names();
  // One statement, one round trip.
  const resetAll = sql.raw(
    [
      'do $$ begin',
      "perform set_config('session_replication_role', 'replica', true);",
      ...tables.map((t) => `delete from ${t};`),
      ...sequences.map((q) => `alter sequence ${q} restart;`),
      'end $$',
    ].join(' '),
  );
  return {
    ...database,
    async reset() {
      await database.db.transaction((tx) => tx.execute(resetAll));
    },
  };
}
