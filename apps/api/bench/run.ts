/**
 * Benchmarks: Kengash's hot paths against raw baselines measured in the same run, on the
 * same machine, reported as ratios (the machines are shared and noisy; bare numbers lie).
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx -y pnpm@10.34.9 --filter @kengash/api bench
 *
 * Each server runs in its own child process; autocannon drives it from this one over
 * loopback, with a warm-up and the median of several bounded runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import postgres from 'postgres';
import { openDatabase } from '@kengash/db';
import { seedDemo } from '@kengash/core';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'kengash_bench';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const SLUG = 'rec-tashkent-next';
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// ---- servers (child processes) -------------------------------------------------------

async function serveHello(port: number) {
  const app = Fastify();
  app.get('/hello', async () => ({ hello: 'world' }));
  await app.listen({ port, host: '127.0.0.1' });
}

/** What our endpoints do, written by hand on postgres.js: the floor we are measured against. */
async function serveRaw(port: number) {
  const sql = postgres(dbUrl, { max: 10, onnotice: () => {} });
  const app = Fastify();
  app.get('/meeting/:slug', async (req) => {
    const { slug } = req.params as { slug: string };
    const [m] = await sql`select * from meetings where slug = ${slug}`;
    const counts = await sql`select status, count(*)::int as n from registrations
      where meeting_id = ${m!.id} and status in ('confirmed','waitlisted') group by status`;
    return { ...m, counts };
  });
  let n = 0;
  app.post('/register/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const body = req.body as {
      email: string;
      fullName: string;
      organization: string;
      country: string;
    };
    const id = await sql.begin(async (tx) => {
      const [m] = await tx`select id, capacity from meetings where slug = ${slug} for update`;
      const [row] = await tx`select count(*)::int as n from registrations
        where meeting_id = ${m!.id} and status = 'confirmed'`;
      const [u] = await tx`insert into users (email) values (${body.email})
        on conflict (email) do update set email = excluded.email returning id`;
      const status = Number(row!.n) < m!.capacity ? 'confirmed' : 'waitlisted';
      const [r] =
        await tx`insert into registrations (meeting_id, user_id, email, full_name, organization,
        country, participant_type, consent_at, consent_version, status, check_in_code)
        values (${m!.id}, ${u!.id}, ${body.email}, ${body.fullName}, ${body.organization}, ${body.country},
        'government', now(), 'bench', ${status}, ${`RAW${process.pid}${++n}`}) returning id`;
      await tx`insert into audit_log (meeting_id, actor, action, entity_type, entity_id)
        values (${m!.id}, ${body.email}, 'registration.created', 'registration', ${r!.id})`;
      await tx`insert into mail_outbox (kind, to_address, subject, text_body, html_body)
        values ('registration_confirmed', ${body.email}, 'x', 'x', 'x')`;
      return r!.id;
    });
    return reply.status(201).send({ id });
  });
  await app.listen({ port, host: '127.0.0.1' });
}

async function serveApp(port: number) {
  const config = loadConfig({ PORT: String(port), DATABASE_URL: dbUrl, SEED_DEMO: 'false' });
  await startServer(config, { web: false, logger: false });
}

// ---- the driver ----------------------------------------------------------------------

function spawnServer(kind: string, port: number): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), kind, String(port)],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not come up`);
}

let seq = 0;
function load(url: string, method: 'GET' | 'POST', seconds: number) {
  return autocannon({
    url,
    method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST'
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                body: JSON.stringify({
                  email: `bench-${process.pid}-${++seq}@example.org`,
                  fullName: 'Bench Delegate',
                  organization: 'Load Test Institute',
                  country: 'KZ',
                  participantType: 'government',
                  consent: true,
                }),
              }),
            },
          ],
        }
      : {}),
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(url: string, method: 'GET' | 'POST') {
  await load(url, method, 1); // warm-up: JIT, pools, caches
  const rps: number[] = [];
  const p99: number[] = [];
  let errors = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await load(url, method, SECONDS);
    rps.push(r.requests.average);
    p99.push(r.latency.p99);
    errors += r.errors + r.non2xx;
  }
  return { rps: median(rps), p99: median(p99), errors };
}

async function prepareDatabase() {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const database = await openDatabase({ url: dbUrl });
  await seedDemo(database.db);
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  // Room for every sign-up of the run, so both sides take the confirmed path.
  await sql`update meetings set capacity = 10000000, max_per_country = null, registration_closes_at = null`;
  await sql.end();
  await database.close();
}

async function main() {
  await prepareDatabase();
  const ports = { hello: 47101, raw: 47102, app: 47103 };
  const children = [
    spawnServer('serve-hello', ports.hello),
    spawnServer('serve-raw', ports.raw),
    spawnServer('serve-app', ports.app),
  ];
  try {
    await waitFor(`http://127.0.0.1:${ports.hello}/hello`);
    await waitFor(`http://127.0.0.1:${ports.raw}/meeting/${SLUG}`);
    await waitFor(`http://127.0.0.1:${ports.app}/api/health`);
    const rows: [
      string,
      Awaited<ReturnType<typeof measure>>,
      Awaited<ReturnType<typeof measure>> | null,
    ][] = [];
    const hello = await measure(`http://127.0.0.1:${ports.hello}/hello`, 'GET');
    rows.push(['Fastify hello JSON (reference)', hello, null]);
    const rawMeeting = await measure(`http://127.0.0.1:${ports.raw}/meeting/${SLUG}`, 'GET');
    const appMeeting = await measure(`http://127.0.0.1:${ports.app}/api/meetings/${SLUG}`, 'GET');
    rows.push(['GET meeting with seat counts', appMeeting, rawMeeting]);
    const rawReg = await measure(`http://127.0.0.1:${ports.raw}/register/${SLUG}`, 'POST');
    const appReg = await measure(
      `http://127.0.0.1:${ports.app}/api/meetings/${SLUG}/registrations`,
      'POST',
    );
    rows.push(['POST registration (locked seat count, audit, outbox)', appReg, rawReg]);

    console.log(
      `\n${CONNECTIONS} connections, median of ${RUNS} × ${SECONDS} s after a warm-up, Node ${process.version}\n`,
    );
    console.log(
      '| scenario | Kengash req/s | p99 ms | raw baseline req/s | p99 ms | ratio (req/s) | errors |',
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const [name, ours, raw] of rows) {
      const ratio = raw ? (ours.rps / raw.rps).toFixed(2) + '×' : '—';
      console.log(
        `| ${name} | ${ours.rps.toFixed(0)} | ${ours.p99} | ${raw ? raw.rps.toFixed(0) : '—'} | ${raw ? raw.p99 : '—'} | ${ratio} | ${ours.errors}${raw ? ` / ${raw.errors}` : ''} |`,
      );
    }
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

const [mode, port] = process.argv.slice(2);
if (mode === 'serve-hello') await serveHello(Number(port));
else if (mode === 'serve-raw') await serveRaw(Number(port));
else if (mode === 'serve-app') await serveApp(Number(port));
else await main();
