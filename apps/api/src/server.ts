/**
 * The production process: one port for the API, the WebSocket and the web pages.
 * Requests under /api go to Fastify; every other request goes to SvelteKit's built
 * handler. SIGTERM stops taking connections, finishes what is in flight, and exits 0.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { openDatabase, openPostgres, users, type Database } from '@kengash/db';
import { DEMO_ORGANIZER, seedDemo } from '@kengash/core';
import { buildApp } from './app.js';
import { clientAddress, trustFunction } from './client-address.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { resolveDataKey } from './data-key.js';
import { Housekeeping } from './housekeeping.js';
import { loggerOptions, logRequest } from './log.js';
import { MailWorker } from './mail-worker.js';
import { startBlock } from './start-block.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export const webBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));

/**
 * Headers this process sets on every page request after removing any copy the client
 * sent: adapter-node reads the client's address and the page's origin from them, so
 * SvelteKit's getClientAddress() and its CSRF check follow the same rules as the API.
 */
const ADDRESS_HEADER = 'x-kengash-client-address';
const HOST_HEADER = 'x-kengash-host';
const PROTOCOL_HEADER = 'x-kengash-protocol';

/** Loads SvelteKit's adapter-node handler (which reads these settings when loaded). */
async function loadWebHandler(): Promise<NodeHandler | null> {
  const file = `${webBuildDir}/handler.js`;
  if (!existsSync(file)) return null;
  delete process.env.ORIGIN;
  delete process.env.PORT_HEADER;
  process.env.ADDRESS_HEADER = ADDRESS_HEADER;
  process.env.HOST_HEADER = HOST_HEADER;
  process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  const mod = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return mod.handler;
}

/**
 * The origin a page request belongs to: PUBLIC_URL's; without PUBLIC_URL, the loopback
 * name the browser used (localhost or 127.0.0.1), any other Host falling back to
 * PUBLIC_URL's default, whose CSRF check then refuses foreign form posts.
 */
function pageOrigin(config: Config): (req: IncomingMessage) => { protocol: string; host: string } {
  const fixed = new URL(config.publicUrl);
  const loopback = new Map(config.origins.map((o) => [new URL(o).host, new URL(o)]));
  return (req) => {
    const url = (req.headers.host && loopback.get(req.headers.host)) || fixed;
    return { protocol: url.protocol.slice(0, -1), host: url.host };
  };
}

/** Headers for every page and asset; kit.csp adds the Content-Security-Policy of a page. */
function pageSecurityHeaders(config: Config): [string, string][] {
  return [
    ['x-frame-options', 'DENY'],
    ['x-content-type-options', 'nosniff'],
    ['referrer-policy', 'strict-origin-when-cross-origin'],
    ['cross-origin-opener-policy', 'same-origin'],
    ['permissions-policy', 'camera=(self), microphone=(), geolocation=(), payment=()'],
    ...(config.publicUrl.startsWith('https:')
      ? ([['strict-transport-security', 'max-age=31536000; includeSubDomains']] as [
          string,
          string,
        ][])
      : []),
  ];
}

/**
 * Lets SvelteKit's server-side fetch('/api/…') run in-process against Fastify, as from the
 * browser's address (computed once per request by server.ts). No X-Forwarded-* header
 * passes: the in-process call has no proxy in front of it.
 */
function installApiFetch(app: FastifyInstance): void {
  globalThis.__kengashApiFetch = async (
    request: Request,
    client?: { remoteAddress?: string | undefined },
  ) => {
    const url = new URL(request.url);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const headers = Object.fromEntries(
      [...request.headers].filter(([name]) => !name.startsWith('x-forwarded-')),
    );
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers,
      ...(client?.remoteAddress ? { remoteAddress: client.remoteAddress } : {}),
      ...(hasBody ? { payload: Buffer.from(await request.arrayBuffer()) } : {}),
    });
    const out = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [String(v)]) out.append(k, one);
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || request.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers: out,
    });
  };
}

declare global {
  var __kengashApiFetch:
    | ((request: Request, client?: { remoteAddress?: string | undefined }) => Promise<Response>)
    | undefined;
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  worker: MailWorker;
  url: string;
  /** Whether the demo organizer's account exists (to name it in the start log). */
  demo: boolean;
  stop(): Promise<void>;
}

const isApiPath = (path: string) =>
  path === '/api' || path.startsWith('/api/') || path.startsWith('/api?');

export async function startServer(
  config: Config,
  options: { web?: boolean; database?: Database; logger?: boolean | object } = {},
): Promise<Running> {
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  // A database handed in (tests) does not live in DATA_DIR, nor does its key.
  const dataKey = await resolveDataKey({
    configured: config.dataKey,
    database,
    dataDir: options.database ? undefined : config.dataDir,
  });
  if (config.seedDemo) await seedDemo(database.db);
  const [demoOrganizer] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.email, DEMO_ORGANIZER));

  const web = options.web === false ? null : await loadWebHandler();
  const trust = trustFunction(config.trustProxy);
  const originOf = pageOrigin(config);
  const pageHeaders = pageSecurityHeaders(config);
  // On PostgreSQL the mail worker has connections of its own: during a rush of sign-ups
  // every request connection may wait on a meeting's lock, and mail must still go out.
  const mailDatabase =
    database.kind === 'postgres' && config.databaseUrl && !options.database
      ? openPostgres(config.databaseUrl, 2)
      : null;
  const worker: MailWorker = new MailWorker({
    db: (mailDatabase ?? database).db,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: { info: (o, m) => app.log.info(o, m), warn: (o, m) => app.log.warn(o, m) },
  });
  const app: FastifyInstance = await buildApp({
    config,
    database,
    dataKey,
    wake: { mail: () => worker.wake() },
    logger: options.logger ?? loggerOptions(config),
    serverFactory: (handler) =>
      createServer((req, res) => {
        const startedAt = performance.now();
        const ip = clientAddress(req, trust);
        res.once('finish', () => logRequest(app.log, req, res, ip, startedAt));
        if (!web || isApiPath(req.url ?? '/')) return handler(req, res);
        const origin = originOf(req);
        req.headers[ADDRESS_HEADER] = ip;
        req.headers[HOST_HEADER] = origin.host;
        req.headers[PROTOCOL_HEADER] = origin.protocol;
        for (const [name, value] of pageHeaders) res.setHeader(name, value);
        web(req, res);
      }),
  });
  if (options.web !== false && !web) app.log.warn('web build missing: serving the API only');
  installApiFetch(app);
  const housekeeping = new Housekeeping(database.db, app.log);
  // Fastify would log one line per address it listens on; the start block names them.
  const level = app.log.level;
  app.log.level = 'warn';
  const url = await app.listen({ port: config.port, host: config.host }).finally(() => {
    app.log.level = level;
  });
  worker.start();
  housekeeping.start();
  let stopping: Promise<void> | undefined;
  return {
    app,
    database,
    worker,
    url,
    demo: Boolean(demoOrganizer),
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await Promise.all([worker.stop(), housekeeping.stop()]);
        await Promise.all([database.close(), mailDatabase?.close()]);
      })()),
  };
}

export async function main() {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const running = await startServer(config);
  if (config.production)
    running.app.log.info(
      { url: running.url, publicUrl: config.publicUrl, database: running.database.kind },
      'Kengash is listening',
    );
  else console.log(startBlock(config, running));
  const shutdown = (signal: string) => {
    running.app.log.info(`${signal}: draining`);
    running.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
