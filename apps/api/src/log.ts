/**
 * The process log. In production one JSON object a line (for a collector); otherwise short
 * human lines. Either way a request is at most one line, written by server.ts, and no
 * query string reaches the log (a sign-in page's URL carries its token).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger } from 'fastify';
import pretty from 'pino-pretty';
import type { Config } from './config.js';

export function loggerOptions(config: Config): object {
  if (config.production) return { level: config.logLevel };
  return {
    level: config.logLevel,
    stream: pretty({
      sync: true,
      singleLine: true,
      colorize: Boolean(process.stdout.isTTY),
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,reqId',
    }),
  };
}

/** Static assets that load fine are not worth a line each. */
const quiet = (path: string, status: number) =>
  status < 400 && (path.startsWith('/_app/') || path === '/favicon.ico' || path === '/favicon.svg');

/** One line for a finished request: `203.0.113.7 GET /meetings/x 200 12 ms`. */
export function logRequest(
  log: FastifyBaseLogger,
  req: IncomingMessage,
  res: ServerResponse,
  ip: string,
  startedAt: number,
): void {
  const path = (req.url ?? '/').split('?')[0]!;
  if (quiet(path, res.statusCode)) return;
  const ms = Math.round(performance.now() - startedAt);
  log.info(`${ip} ${req.method ?? '?'} ${path} ${res.statusCode} ${ms} ms`);
}
