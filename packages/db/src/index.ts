/**
 * The database of Kengash: one schema, one set of migrations, two engines. Without a
 * DATABASE_URL the embedded PGlite (PostgreSQL compiled to WebAssembly) keeps its files in
 * DATA_DIR; with one, postgres.js talks to a real PostgreSQL server.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import * as schema from './schema/index.js';

export * from './schema/index.js';
export { schema };
export type Schema = typeof schema;
/** A database or a transaction on it: use-cases accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DatabaseKind = 'pglite' | 'postgres';

export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** Subscribe to a NOTIFY channel (one connection per process); returns an unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** Told every SQL statement that drizzle sends, with its parameters. */
export type QueryListener = (query: string, params: unknown[]) => void;

export interface ClientOptions {
  /** Sees every query drizzle sends (tests count a request's queries with it). */
  onQuery?: QueryListener | undefined;
}

export interface DatabaseOptions extends ClientOptions {
  /** A PostgreSQL URL; absent means the embedded PGlite in dataDir. */
  url?: string | undefined;
  dataDir?: string | undefined;
  /** Connections in the postgres.js pool. */
  poolSize?: number;
}

const loggerFor = (options: ClientOptions) =>
  options.onQuery ? { logger: { logQuery: options.onQuery } } : {};

// One number for the migration lock, the same in every process of every version.
const MIGRATION_LOCK = 727_001;

/**
 * Opens the database and brings its schema up to date. On PostgreSQL the migration runs
 * under an advisory lock, so several processes starting at once migrate exactly once.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) {
    await migratePostgresUrl(options.url);
    return openPostgres(options.url, options.poolSize ?? 10, options);
  }
  const dataDir = options.dataDir ?? './data';
  const pgDir = `${dataDir.replace(/\/$/, '')}/pglite`;
  await initPgliteDir(pgDir);
  const client = await PGlite.create(pgDir);
  const database = wrapPglite(client, options);
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
  return database;
}

export async function migratePostgresUrl(url: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    try {
      await migratePostgres(drizzlePostgres(sql, { schema }), { migrationsFolder });
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    }
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function openPostgres(url: string, poolSize = 10, options: ClientOptions = {}): Database {
  const sql = postgres(url, { max: poolSize, onnotice: () => {} });
  const db = drizzlePostgres(preparedByDefault(sql), {
    schema,
    ...loggerFor(options),
  }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async listen(channel, onPayload) {
      const sub = await sql.listen(channel, onPayload);
      return () => sub.unlisten();
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

export function wrapPglite(client: PGlite, options: ClientOptions = {}): Database {
  const db = drizzlePglite(client, { schema, ...loggerFor(options) }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    async listen(channel, onPayload) {
      const unsub = await client.listen(channel, onPayload);
      return () => unsub();
    },
    close: () => client.close(),
  };
}

/**
 * drizzle sends queries it was not asked to `.prepare()` as unnamed statements, which
 * PostgreSQL parses and plans on every call (measured: 0.25× raw postgres.js on our
 * reads). All drizzle SQL is parameterised, so its text is stable per query shape: let
 * postgres.js prepare and cache every statement per connection, in transactions too.
 * (Behind a transaction-mode pooler such as PgBouncer, prepared statements need its
 * prepared-statement support.)
 */
type Sql = postgres.Sql;
function preparedByDefault<T extends Sql | postgres.TransactionSql>(sql: T): T {
  return new Proxy(sql, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (key === 'unsafe')
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      if (key === 'begin' || key === 'savepoint')
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: postgres.TransactionSql) => unknown;
          return (value as (...a: unknown[]) => unknown).apply(target, [
            ...args,
            (tx: postgres.TransactionSql) => fn(preparedByDefault(tx)),
          ]);
        };
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}

/**
 * The first initdb of PGlite takes seconds and most of a gigabyte; run it in a worker
 * thread so its memory goes back when the worker ends. Reopening the directory is fast.
 */
async function initPgliteDir(pgDir: string): Promise<void> {
  if (existsSync(`${pgDir}/PG_VERSION`)) return;
  mkdirSync(pgDir, { recursive: true });
  await new Promise<void>((resolve, reject) => {
    const worker = new Worker(new URL('./init-worker.js', import.meta.url), {
      workerData: { pgDir },
    });
    worker.once('error', reject);
    worker.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`PGlite initdb worker exited with ${code}`)),
    );
  });
}
