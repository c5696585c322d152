/**
 * Test databases: one migrated template per run, a fresh copy per test. On PGlite the
 * template is a dumped data directory loaded once per worker and cloned per test; on
 * PostgreSQL it is a template database that CREATE DATABASE ... TEMPLATE copies.
 */
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import {
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
    return { kind, template: file, cleanup: async () => {} };
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
    cleanup: async () => {
      const a = postgres(adminUrl(), { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

let pgliteTemplate: Promise<PGlite> | undefined;

export interface TestDatabase extends Database {
  /** A connection URL for a second pool or process (PostgreSQL only). */
  url?: string;
}

/** A fresh, migrated, empty database for one test. close() throws it away. */
export async function createTestDatabase(template: string, poolSize = 10): Promise<TestDatabase> {
  if (testDatabaseKind() === 'pglite') {
    pgliteTemplate ??= readFile(template).then((buf) =>
      PGlite.create({ loadDataDir: new Blob([buf]) }),
    );
    const clone = (await (await pgliteTemplate).clone()) as PGlite;
    return wrapPglite(clone);
  }
  const name = `kengash_t_${randomBytes(6).toString('hex')}`;
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = urlFor(name);
  const database = openPostgres(url, poolSize);
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
