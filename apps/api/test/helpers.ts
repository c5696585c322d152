/**
 * Test harness: the real app on a migrated database (PGlite or PostgreSQL, by TEST_DB)
 * through inject(), and small factories that go through the public API. The tests of a
 * worker share one database, emptied before each test; every answer inject() gives is
 * checked against the OpenAPI document (contract.ts); queries can be counted.
 */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, inject } from 'vitest';
import { mailOutbox, type QueryListener } from '@kengash/db';
import {
  openSharedTestDatabase,
  type SharedTestDatabase,
  type TestDatabase,
} from '@kengash/db/testing';
import { buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { enforceContract } from './contract.js';

export const PUBLIC_URL = 'http://kengash.test';
export const ADMIN = 'admin@example.org';

export interface Harness {
  app: FastifyInstance;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

// Every database of this worker reports its queries here; countQueries() listens.
let listener: QueryListener | null = null;
const clientOptions = { onQuery: ((q, p) => listener?.(q, p)) as QueryListener };

/** The app on the worker's database; close() closes the app and leaves the database. */
async function assemble(database: TestDatabase, env: Record<string, string>): Promise<Harness> {
  const config = loadConfig({ PUBLIC_URL, ADMIN_EMAILS: ADMIN, ...env });
  const app = await buildApp({ config, database });
  enforceContract(app);
  return {
    app,
    database,
    config,
    close: () => app.close(),
  };
}

/**
 * A second app with other settings (env) beside the current test's harness, on the same
 * database; close() closes the app. Call it inside a test of a file that uses useHarness.
 */
export async function harness(env: Record<string, string> = {}, poolSize = 10): Promise<Harness> {
  return assemble(await sharedDatabase(poolSize), env);
}

// The worker's shared databases, by template (one per project, should a worker serve
// both) and pool size. The suite runs without isolation between files (vitest.config.ts),
// so this module and its databases live as long as the worker; the run's global teardown
// drops the PostgreSQL copies.
const shared = new Map<string, Promise<SharedTestDatabase>>();
function sharedDatabase(poolSize: number): Promise<SharedTestDatabase> {
  const key = `${inject('template')} ${poolSize}`;
  let database = shared.get(key);
  if (!database) {
    database = openSharedTestDatabase(inject('template'), poolSize, clientOptions);
    shared.set(key, database);
  }
  return database;
}

/**
 * Gives every test of the calling file a fresh harness: a handle that always points at the
 * current test's one. The app is built anew for each test (its in-memory state, such as
 * rate limits, starts empty); the worker's database is emptied before each test.
 */
export function useHarness(env: Record<string, string> = {}, poolSize = 10): Harness {
  let current: Harness | undefined;
  beforeEach(async () => {
    const db = await sharedDatabase(poolSize);
    await db.reset();
    current = await assemble(db, env);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return new Proxy({} as Harness, {
    get(_target, key) {
      if (!current) throw new Error('the harness is only there inside a test');
      return current[key as keyof Harness];
    },
  });
}

/** The SQL statements that `work` sends (with the harness's database), in order. */
export async function countQueries<T>(
  work: () => Promise<T>,
): Promise<{ result: T; queries: string[] }> {
  if (listener) throw new Error('countQueries does not nest');
  const queries: string[] = [];
  listener = (q) => queries.push(q);
  try {
    return { result: await work(), queries };
  } finally {
    listener = null;
  }
}

/** The newest message queued for an address. */
export async function lastMailTo(h: Harness, to: string) {
  const [row] = await h.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  return row;
}

export async function mailsTo(h: Harness, to: string) {
  return h.database.db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(mailOutbox.id);
}

export const tokenFrom = (text: string) => /\/auth\/verify\?token=([\w-]+)/.exec(text)?.[1];

/**
 * Signs in through the real magic-link flow, from a client address of its own (the sign-in
 * limit is per client); returns the Cookie header value.
 */
export async function signIn(h: Harness, email: string): Promise<string> {
  const remoteAddress = nextClientAddress();
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/auth/magic-link',
    payload: { email },
    remoteAddress,
  });
  if (res.statusCode !== 202) throw new Error(`magic-link ${res.statusCode} ${res.body}`);
  const mail = await lastMailTo(h, email);
  const token = tokenFrom(mail!.text);
  const verify = await h.app.inject({
    method: 'POST',
    url: '/api/auth/verify',
    payload: { token },
    remoteAddress,
  });
  if (verify.statusCode !== 200) throw new Error(`verify ${verify.statusCode} ${verify.body}`);
  return cookieOf(verify);
}

export function cookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((c) => c.name === 'kengash_session');
  if (!c) throw new Error('no session cookie');
  return `kengash_session=${c.value}`;
}

export function meetingBody(overrides: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 30 * 86_400_000);
  start.setUTCHours(4, 0, 0, 0);
  return {
    slug: 'rec-test-meeting',
    title: 'Regional Expert Council — test meeting',
    city: 'Tashkent',
    country: 'UZ',
    timezone: 'Asia/Tashkent',
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 9 * 3_600_000).toISOString(),
    capacity: 50,
    registrationMode: 'open',
    ...overrides,
  };
}

/** Signs the admin in, creates a meeting and (unless told not to) publishes it. */
export async function createMeeting(
  h: Harness,
  overrides: Record<string, unknown> = {},
  publish = true,
): Promise<{ cookie: string; slug: string; meeting: Record<string, unknown> }> {
  const cookie = await signIn(h, ADMIN);
  const body = meetingBody(overrides);
  const res = await h.app.inject({
    method: 'POST',
    url: '/api/meetings',
    headers: { cookie },
    payload: body,
  });
  if (res.statusCode !== 201) throw new Error(`create meeting ${res.statusCode} ${res.body}`);
  if (publish) {
    const p = await h.app.inject({
      method: 'POST',
      url: `/api/meetings/${body.slug}/publish`,
      headers: { cookie },
    });
    if (p.statusCode !== 200) throw new Error(`publish ${p.statusCode} ${p.body}`);
  }
  return { cookie, slug: body.slug as string, meeting: res.json() };
}

let clients = 0;
/**
 * A fresh client address (198.18.0.0/15, the benchmarking range) for each call: delegates
 * register from their own machines, so the per-client registration limit does not bind
 * tests that register many of them.
 */
export function nextClientAddress(): string {
  clients++;
  return `198.18.${(clients >> 8) & 255}.${clients & 255}`;
}

let n = 0;
export function delegate(overrides: Record<string, unknown> = {}) {
  n++;
  return {
    email: `delegate${n}-${Math.random().toString(36).slice(2, 8)}@example.org`,
    fullName: `Delegate ${n}`,
    organization: 'Ministry of Justice',
    country: 'KZ',
    participantType: 'government',
    consent: true,
    ...overrides,
  };
}

export async function registerDelegate(
  h: Harness,
  slug: string,
  overrides: Record<string, unknown> = {},
) {
  const body = delegate(overrides);
  const res = await h.app.inject({
    method: 'POST',
    url: `/api/meetings/${slug}/registrations`,
    payload: body,
    remoteAddress: nextClientAddress(),
  });
  return { res, body };
}

/** Registers n delegates one after another (so their order is the queue's); all must succeed. */
export async function registerInOrder(h: Harness, slug: string, n: number) {
  const out: { id: string; email: string; status: string; waitlistPosition?: number }[] = [];
  for (let i = 0; i < n; i++) {
    const { res, body } = await registerDelegate(h, slug);
    if (res.statusCode !== 201) throw new Error(`register ${res.statusCode} ${res.body}`);
    out.push({ ...res.json(), email: body.email });
  }
  return out;
}
