/**
 * Configuration: the environment is read here, once, validated, and never elsewhere.
 */
import proxyAddr from '@fastify/proxy-addr';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().default('./data'),
  DATA_KEY: z
    .string()
    .transform((v, ctx) => {
      const bytes = Buffer.from(v.trim(), 'base64');
      if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(v.trim()) || bytes.length !== 32) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be 32 bytes in base64 (make one with: openssl rand -base64 32)',
        });
        return z.NEVER;
      }
      return bytes;
    })
    .optional(),
  SMTP_URL: z.string().min(1).optional(),
  MAIL_FROM: z.string().default('Kengash <no-reply@localhost>'),
  ADMIN_EMAILS: z.string().default(''),
  SEED_DEMO: bool.optional(),
  CHANGE_NOTICE_DELAY_S: z.coerce.number().int().min(0).default(60),
  TRUST_PROXY: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Which X-Forwarded-For entries to believe: `true` all of them, a hop count that many
 * proxies in front of us, a list of proxy addresses (or subnets, or proxy-addr's names
 * such as `loopback`) only those. `false`: none, the socket's peer is the client.
 */
export type TrustProxy = boolean | number | string[];

function parseTrustProxy(raw: string | undefined): TrustProxy {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  try {
    proxyAddr.compile(list);
  } catch (err) {
    throw new ConfigError(
      `Invalid configuration:\n  TRUST_PROXY: ${(err as Error).message} (use true, a hop count or a list of proxy addresses)`,
    );
  }
  return list;
}

export interface Config {
  production: boolean;
  port: number;
  host: string;
  publicUrl: string;
  /**
   * The origins a browser may use: PUBLIC_URL's, or, when it is unset, every loopback name
   * of the port (a newcomer opens either http://localhost:PORT or http://127.0.0.1:PORT).
   */
  origins: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  /**
   * DATA_KEY's 32 bytes; unset, data-key.ts keeps a generated one in DATA_DIR (embedded
   * database) or in the database.
   */
  dataKey: Buffer | undefined;
  smtpUrl: string | undefined;
  mailFrom: string;
  adminEmails: Set<string>;
  seedDemo: boolean;
  changeNoticeDelayS: number;
  /** The dev mailbox exists only without SMTP_URL and outside production. */
  devMailbox: boolean;
  trustProxy: TrustProxy;
  logLevel: string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as in most twelve-factor tools.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const origins = e.PUBLIC_URL
    ? [new URL(publicUrl).origin]
    : ['localhost', '127.0.0.1', '[::1]'].map((host) => `http://${host}:${e.PORT}`);
  return {
    production: e.NODE_ENV === 'production',
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    origins,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    dataKey: e.DATA_KEY,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    adminEmails: new Set(
      e.ADMIN_EMAILS.split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean),
    ),
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    changeNoticeDelayS: e.CHANGE_NOTICE_DELAY_S,
    devMailbox: !e.SMTP_URL && e.NODE_ENV !== 'production',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    logLevel: e.LOG_LEVEL,
  };
}
