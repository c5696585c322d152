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
import { SMTPServer } from 'smtp-server';
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
/** A published meeting with a 300-session agenda, for the agenda, page and feed scenarios. */
const BIG = 'bench-agenda-300';
const SESSIONS = 300;
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
  // The agenda of a meeting, as one hand-written query and JSON.stringify.
  app.get('/agenda/:slug', async (req) => {
    const { slug } = req.params as { slug: string };
    const items = await sql`select s.* from sessions s join meetings m on m.id = s.meeting_id
      where m.slug = ${slug} order by s.starts_at`;
    return { items };
  });
  // The meeting page as bare Fastify would serve it: the same reads, a template string.
  const esc = (t: unknown) => String(t ?? '').replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  app.get('/page/:slug', async (req, reply) => {
    const { slug } = req.params as { slug: string };
    const [m] = await sql`select * from meetings where slug = ${slug}`;
    const counts = await sql`select status, count(*)::int as n from registrations
      where meeting_id = ${m!.id} and status in ('confirmed','waitlisted') group by status`;
    const items = await sql`select * from sessions where meeting_id = ${m!.id} order by starts_at`;
    const fmt = new Intl.DateTimeFormat('en', { timeZone: m!.timezone, timeStyle: 'short' });
    const rows = items
      .map(
        (s) =>
          `<li><time>${fmt.format(s.starts_at)}–${fmt.format(s.ends_at)}</time> <a href="/meetings/${slug}/sessions/${s.id}">${esc(s.title.en)}</a> <span>${esc(s.room)}</span></li>`,
      )
      .join('');
    return reply
      .type('text/html')
      .send(
        `<!doctype html><html lang="en"><head><title>${esc(m!.title.en)}</title></head><body><main><h1>${esc(m!.title.en)}</h1><p>${esc(JSON.stringify(counts))}</p><ol>${rows}</ol></main></body></html>`,
      );
  });
  await app.listen({ port, host: '127.0.0.1' });
}

/**
 * Kengash behind a proxy on loopback (TRUST_PROXY): the load generator names a different
 * client per request in X-Forwarded-For, as real delegates on their own machines would be,
 * so the per-client registration limit measures nothing but itself.
 */
async function serveApp(port: number, smtpUrl?: string, web = false) {
  const config = loadConfig({
    PORT: String(port),
    DATABASE_URL: dbUrl,
    SEED_DEMO: 'false',
    TRUST_PROXY: 'loopback',
    ...(smtpUrl ? { SMTP_URL: smtpUrl } : {}),
  });
  await startServer(config, { web, logger: false });
}

// ---- the driver ----------------------------------------------------------------------

function spawnServer(kind: string, port: number, ...args: string[]): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), kind, String(port), ...args],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

async function waitFor(url: string) {
  // Generous: a busy shared machine can take a minute to start a server.
  for (let i = 0; i < 1200; i++) {
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
/** A client address per request, from 10.0.0.0/8. */
const clientFor = (n: number) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

function load(url: string, method: 'GET' | 'POST', seconds: number, connections = CONNECTIONS) {
  return autocannon({
    url,
    method,
    connections,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    ...(method === 'POST'
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => ({
                ...req,
                headers: { ...req.headers, 'x-forwarded-for': clientFor(++seq) },
                body: JSON.stringify({
                  email: `bench-${process.pid}-${seq}@example.org`,
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

async function measure(url: string, method: 'GET' | 'POST', connections = CONNECTIONS) {
  await load(url, method, 1, connections); // warm-up: JIT, pools, caches
  const rps: number[] = [];
  const p99: number[] = [];
  let errors = 0;
  for (let i = 0; i < RUNS; i++) {
    const r = await load(url, method, SECONDS, connections);
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
  // A large agenda: 300 sessions over five days in six rooms, each with two speakers.
  const [big] = await sql`insert into meetings (slug, title, city, country, timezone, starts_at,
      ends_at, capacity, registration_mode, status, languages)
    values (${BIG}, ${sql.json({ en: 'Large agenda', ru: 'Большая повестка' })}, 'Tashkent', 'UZ',
      'Asia/Tashkent', '2027-05-10T03:00:00Z', '2027-05-15T15:00:00Z', 500, 'open', 'published',
      ${['en', 'ru']}) returning id`;
  const rows = Array.from({ length: SESSIONS }, (_, i) => {
    const day = Math.floor(i / 60);
    const slot = Math.floor((i % 60) / 6);
    const start = Date.parse('2027-05-10T04:00:00Z') + day * 86_400_000 + slot * 3_600_000;
    return {
      meeting_id: big!.id,
      title: sql.json({ en: `Session ${i + 1}`, ru: `Заседание ${i + 1}` }),
      description: sql.json({ en: 'On the return and reintegration of families.' }),
      kind: 'panel',
      starts_at: new Date(start),
      ends_at: new Date(start + 50 * 60_000),
      room: `Room ${(i % 6) + 1}`,
    };
  });
  const ids = await sql`insert into sessions ${sql(rows)} returning id`;
  await sql`insert into session_speakers ${sql(
    ids.flatMap((r) => [
      { session_id: r.id, position: 1, name: 'Chair Person', role: 'chair', organization: 'OSCE' },
      {
        session_id: r.id,
        position: 2,
        name: 'Speaker Person',
        role: 'speaker',
        organization: 'UNOCT',
      },
    ]),
  )}`;
  await sql.end();
  await database.close();
}

// ---- mail during a rush --------------------------------------------------------------

/** A local SMTP server in this process that notes when each message arrived, by recipient. */
async function localSmtp() {
  const arrived = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => {});
      stream.on('end', () => {
        for (const r of session.envelope.rcptTo) arrived.set(r.address, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    arrived,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/**
 * 200 sign-ups within about two seconds against a server that mails through SMTP; one
 * sign-in link is asked for in the middle. Measures when the last confirmation and the
 * sign-in link reach the SMTP server.
 */
async function mailRush(port: number) {
  const smtp = await localSmtp();
  const child = spawnServer('serve-app', port, smtp.url);
  const base = `http://127.0.0.1:${port}`;
  const N = 200;
  try {
    await waitFor(`${base}/api/health`);
    const signIn = 'rush-sign-in@example.org';
    let signInAskedAt = 0;
    let signInAnsweredAt = 0;
    const started = performance.now();
    const posts: Promise<Response>[] = [];
    for (let i = 0; i < N; i++) {
      posts.push(
        fetch(`${base}/api/meetings/${SLUG}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': clientFor(1e6 + i) },
          body: JSON.stringify({
            email: `rush-${i}@example.org`,
            fullName: 'Rush Delegate',
            organization: 'Load Test Institute',
            country: 'UZ',
            participantType: 'government',
            consent: true,
          }),
        }),
      );
      if (i === N / 2) {
        signInAskedAt = performance.now();
        posts.push(
          fetch(`${base}/api/auth/magic-link`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: signIn }),
          }).then((res) => {
            signInAnsweredAt = performance.now();
            return res;
          }),
        );
      }
      // Spread over two seconds, as a burst of people pressing "Register".
      await new Promise((r) => setTimeout(r, (2000 / N) * (i + 1) - (performance.now() - started)));
    }
    const answers = await Promise.all(posts);
    const burstEnded = performance.now();
    const failed = answers.filter((a) => a.status !== 201 && a.status !== 202).length;
    const confirmations = () =>
      [...smtp.arrived.keys()].filter((k) => k.startsWith('rush-') && k !== signIn).length;
    while (confirmations() < N && performance.now() - burstEnded < 60_000)
      await new Promise((r) => setTimeout(r, 20));
    const last = Math.max(
      ...[...smtp.arrived].filter(([k]) => k.startsWith('rush-') && k !== signIn).map(([, t]) => t),
    );
    return {
      burstSeconds: (burstEnded - started) / 1000,
      failed,
      delivered: confirmations(),
      lastAfterBurst: (last - burstEnded) / 1000,
      signInAfter: ((smtp.arrived.get(signIn) ?? NaN) - signInAskedAt) / 1000,
      signInAfterAnswer: ((smtp.arrived.get(signIn) ?? NaN) - signInAnsweredAt) / 1000,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    await smtp.close();
  }
}

async function main() {
  await prepareDatabase();
  // First, alone on the database: no other server's worker may take its mail.
  const rush = await mailRush(47104);
  const ports = { hello: 47101, raw: 47102, app: 47103, web: 47105 };
  const children = [
    spawnServer('serve-hello', ports.hello),
    spawnServer('serve-raw', ports.raw),
    spawnServer('serve-app', ports.app),
    spawnServer('serve-app-web', ports.web),
  ];
  try {
    await waitFor(`http://127.0.0.1:${ports.hello}/hello`);
    await waitFor(`http://127.0.0.1:${ports.raw}/meeting/${SLUG}`);
    await waitFor(`http://127.0.0.1:${ports.raw}/page/${SLUG}`);
    await waitFor(`http://127.0.0.1:${ports.app}/api/health`);
    await waitFor(`http://127.0.0.1:${ports.web}/api/health`);
    const targets: string[] = [];
    const pct = (a: { rps: number }, b: { rps: number }) =>
      `${((100 * a.rps) / b.rps).toFixed(0)} %`;
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
    const rawAgenda = await measure(`http://127.0.0.1:${ports.raw}/agenda/${BIG}`, 'GET');
    const appAgenda = await measure(
      `http://127.0.0.1:${ports.app}/api/meetings/${BIG}/sessions`,
      'GET',
    );
    rows.push([`GET agenda JSON, ${SESSIONS} sessions with speakers`, appAgenda, rawAgenda]);
    // Pages at 10 connections: a page is tens of milliseconds of rendering, and 50 at once
    // on two cores would measure the queue.
    const rawPage = await measure(`http://127.0.0.1:${ports.raw}/page/${SLUG}`, 'GET', 10);
    const page = await measure(`http://127.0.0.1:${ports.web}/meetings/${SLUG}`, 'GET', 10);
    const rawBigPage = await measure(`http://127.0.0.1:${ports.raw}/page/${BIG}`, 'GET', 10);
    const bigPage = await measure(`http://127.0.0.1:${ports.web}/meetings/${BIG}`, 'GET', 10);
    // The feed, uncached (no If-None-Match), as a few calendar services polling at once.
    const feed = await measure(
      `http://127.0.0.1:${ports.app}/api/meetings/${BIG}/calendar.ics`,
      'GET',
      4,
    );
    targets.push(
      `agenda JSON of ${SESSIONS} sessions: ${pct(appAgenda, rawAgenda)} of bare Fastify doing the same read (target ≥ 50 %)`,
      `server-rendered meeting page: ${pct(page, rawPage)} of bare Fastify rendering the same reads with a template string (target ≥ 25 %); with ${SESSIONS} sessions: ${pct(bigPage, rawBigPage)}`,
      `meeting ICS feed of ${SESSIONS} sessions, uncached, 4 connections: p99 ${feed.p99} ms at ${feed.rps.toFixed(0)} req/s (target p99 ≤ 250 ms)`,
    );
    rows.push(['Meeting page, server-rendered (demo agenda, 10 connections)', page, rawPage]);
    rows.push([
      `Meeting page, server-rendered (${SESSIONS} sessions, 10 connections)`,
      bigPage,
      rawBigPage,
    ]);
    rows.push([`Meeting ICS feed, ${SESSIONS} sessions, uncached (4 connections)`, feed, null]);

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
    console.log(`\nAgainst the issue's targets:\n${targets.map((t) => `- ${t}`).join('\n')}`);
    const ok = (b: boolean) => (b ? 'within' : 'NOT within');
    console.log(
      `\nMail during a rush (pooled SMTP, 4 connections, a local SMTP server): 200 sign-ups in ${rush.burstSeconds.toFixed(1)} s (${rush.failed} refused); ` +
        `${rush.delivered} confirmations delivered, the last ${rush.lastAfterBurst.toFixed(1)} s after the burst (${ok(rush.lastAfterBurst <= 5)} 5 s); ` +
        `a sign-in link asked for mid-burst delivered in ${rush.signInAfter.toFixed(2)} s (${ok(rush.signInAfter <= 2)} 2 s; ${rush.signInAfterAnswer.toFixed(2)} s after its 202)`,
    );
  } finally {
    for (const c of children) c.kill('SIGTERM');
  }
}

const [mode, port] = process.argv.slice(2);
if (mode === 'serve-hello') await serveHello(Number(port));
else if (mode === 'serve-raw') await serveRaw(Number(port));
else if (mode === 'serve-app') await serveApp(Number(port), process.argv[4]);
else if (mode === 'serve-app-web') await serveApp(Number(port), undefined, true);
else await main();
