/**
 * The production process: one port for the API, the WebSocket and the web pages.
 * Requests under /api go to Fastify; every other request goes to SvelteKit's built
 * handler. SIGTERM stops taking connections, finishes what is in flight, and exits 0.
 */
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Database } from '@kengash/db';
import { seedDemo } from '@kengash/core';
import { buildApp } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { MailWorker } from './mail-worker.js';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next?: () => void) => void;

export const webBuildDir = fileURLToPath(new URL('../../web/build', import.meta.url));

/** Loads SvelteKit's adapter-node handler; ORIGIN lets its form-action CSRF check pass. */
async function loadWebHandler(config: Config): Promise<NodeHandler | null> {
  const file = `${webBuildDir}/handler.js`;
  if (!existsSync(file)) return null;
  process.env.ORIGIN ??= config.publicUrl;
  const mod = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
  return mod.handler;
}

/** Lets SvelteKit's server-side fetch('/api/…') run in-process against Fastify. */
function installApiFetch(app: FastifyInstance): void {
  (globalThis as Record<string, unknown>).__kengashApiFetch = async (request: Request) => {
    const url = new URL(request.url);
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const res = await app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(hasBody ? { payload: Buffer.from(await request.arrayBuffer()) } : {}),
    });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (v === undefined) continue;
      for (const one of Array.isArray(v) ? v : [String(v)]) headers.append(k, one);
    }
    const empty = res.statusCode === 204 || res.statusCode === 304 || request.method === 'HEAD';
    return new Response(empty ? null : new Uint8Array(res.rawPayload), {
      status: res.statusCode,
      headers,
    });
  };
}

export interface Running {
  app: FastifyInstance;
  database: Database;
  worker: MailWorker;
  url: string;
  stop(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { web?: boolean; database?: Database; logger?: boolean | object } = {},
): Promise<Running> {
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  if (config.seedDemo && (await seedDemo(database.db))) console.log('Loaded the demo council');

  const web = options.web === false ? null : await loadWebHandler(config);
  const worker: MailWorker = new MailWorker({
    db: database.db,
    smtpUrl: config.smtpUrl,
    from: config.mailFrom,
    log: { info: (o, m) => app.log.info(o, m), warn: (o, m) => app.log.warn(o, m) },
  });
  const app: FastifyInstance = await buildApp({
    config,
    database,
    wake: { mail: () => worker.wake() },
    logger: options.logger ?? { level: process.env.LOG_LEVEL ?? 'info' },
    serverFactory: (handler) =>
      createServer((req, res) => {
        const path = req.url ?? '/';
        if (!web || path === '/api' || path.startsWith('/api/') || path.startsWith('/api?'))
          handler(req, res);
        else web(req, res);
      }),
  });
  if (options.web !== false && !web) app.log.warn('web build missing: serving the API only');
  installApiFetch(app);
  const url = await app.listen({ port: config.port, host: config.host });
  worker.start();
  let stopping: Promise<void> | undefined;
  return {
    app,
    database,
    worker,
    url,
    stop: () =>
      (stopping ??= (async () => {
        await app.close();
        await worker.stop();
        await database.close();
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
  console.log(
    `Kengash is listening on ${running.url} (public URL ${config.publicUrl}, database ${running.database.kind})`,
  );
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
