/**
 * The data key: 32 bytes from which each purpose derives its own key with HKDF (the
 * private calendar feeds' tokens now, passports at rest later). Where it comes from:
 * - DATA_KEY, when set (config.ts validated it);
 * - else, with the embedded database, a file in DATA_DIR (`data.key`, mode 0600) made on
 *   the first start and read on every start after;
 * - else (PostgreSQL, or a database handed in by a test), a random key kept in the
 *   one-row table data_key_fallback. It lives beside the data it protects, so anyone who
 *   reads the database can use it: the source says so, and what must stay secret even
 *   then (passports) refuses a key whose source is 'database'.
 */
import { randomBytes, hkdfSync } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dataKeyFallback, type Database } from '@kengash/db';
import type { Keys } from '@kengash/core';

export interface DataKey {
  key: Buffer;
  source: 'env' | 'file' | 'database';
}

export const DATA_KEY_FILE = 'data.key';

const decode = (text: string, where: string): Buffer => {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} does not hold a 32-byte key in base64`);
  return key;
};

/** The key kept in dataDir, made (atomically: the first of two starts wins) if missing. */
export async function fileDataKey(dataDir: string): Promise<Buffer> {
  const file = join(dataDir, DATA_KEY_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return decode(await readFile(file, 'utf8'), file);
}

/** The key kept in the database, made on the first ask (the first of two writers wins). */
export async function databaseDataKey(database: Database): Promise<Buffer> {
  await database.db
    .insert(dataKeyFallback)
    .values({ id: 1, key: randomBytes(32).toString('base64') })
    .onConflictDoNothing();
  const [row] = await database.db.select({ key: dataKeyFallback.key }).from(dataKeyFallback);
  return decode(row!.key, 'data_key_fallback');
}

export async function resolveDataKey(input: {
  configured: Buffer | undefined;
  database: Database;
  /** The DATA_DIR the embedded database lives in; absent when the database is elsewhere. */
  dataDir?: string | undefined;
}): Promise<DataKey> {
  if (input.configured) return { key: input.configured, source: 'env' };
  if (input.dataDir && input.database.kind === 'pglite')
    return { key: await fileDataKey(input.dataDir), source: 'file' };
  return { key: await databaseDataKey(input.database), source: 'database' };
}

/** A key for one purpose, so no two uses ever share key material. */
export const purposeKey = (dataKey: Buffer, info: string): Buffer =>
  Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), info, 32));

export const purposeKeys = (dataKey: Buffer): Keys => ({
  calendarFeed: purposeKey(dataKey, 'kengash calendar feed'),
});
