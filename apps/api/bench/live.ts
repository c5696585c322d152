/**
 * Live Q&A at scale (issue 9, point 6): Kengash's live channel against a bare `ws` server
 * doing the same work, measured in the same run on loopback, reported side by side.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx -y pnpm@10.34.9 --filter @kengash/api bench:live
 *
 * Processes: this one drives; the servers (Kengash on PostgreSQL, twice for the
 * cross-process hop, and the bare `ws` baseline, twice too) and the WebSocket clients (two
 * processes, so neither the servers' event loops nor the driver's are shared with them)
 * are children, talked to over IPC. Times cross processes as performance.timeOrigin +
 * performance.now(), the same clock on one machine. Every wait is bounded; the whole run
 * stops by itself in about two minutes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import WebSocket, { WebSocketServer } from 'ws';
import { openDatabase } from '@kengash/db';
import { SESSION_COOKIE, seedDemo } from '@kengash/core';
import { loadConfig } from '../src/config.js';
import { startServer, type Running } from '../src/server.js';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = 'kengash_bench';
const dbUrl = (() => {
  const u = new URL(adminUrl);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const SLUG = 'rec-tashkent-next';
const SIZES = (process.env.BENCH_LIVE_SIZES ?? '500,2000,5000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_LIVE_ROUNDS ?? 20);
const DELEGATES = 500;
const JOINERS = 1000;
const SNAPSHOT_QUESTIONS = 100;
const STORM_QUESTIONS = 20;
const STORM_VOTES = 5000;
const STORM_SECONDS = 10;
const IDLE = 2000;
const HOP_ROUNDS = 100;
/**
 * Process B has served nothing before the hop while A has served every scenario: its first
 * rounds compile the delivery path (a few tens of ms, now and then), which is not the hop.
 */
const HOP_WARMUP = 10;
const RAW_CHANNEL = 'bench_raw';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');

// ---- IPC: a request/answer pair over the child's channel -------------------------------

interface Msg {
  id?: number;
  cmd?: string;
  [k: string]: unknown;
}

/** In a child: answers the parent's requests with `handler`'s result. */
function serveIpc(handler: (m: Msg) => Promise<unknown> | unknown) {
  // The driver gone (finished, killed, timed out): nothing here outlives it.
  process.once('disconnect', () => process.exit(0));
  process.on('message', (m: Msg) => {
    void (async () => {
      try {
        process.send!({ id: m.id, ok: true, data: await handler(m) });
      } catch (err) {
        process.send!({ id: m.id, ok: false, error: String(err) });
      }
    })();
  });
}

let nextId = 0;
/** In the parent: one request to a child, bounded in time. */
function rpc<T = unknown>(child: ChildProcess, cmd: string, args: object = {}, ms = 60_000) {
  const id = ++nextId;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', on);
      reject(new Error(`${cmd}: no answer in ${ms} ms`));
    }, ms);
    const on = (m: Msg & { ok?: boolean; data?: unknown; error?: string }) => {
      if (m.id !== id) return;
      clearTimeout(timer);
      child.off('message', on);
      if (m.ok) resolve(m.data as T);
      else reject(new Error(`${cmd}: ${m.error}`));
    };
    child.on('message', on);
    child.send({ id, cmd, ...args });
  });
}

/** What both kinds of server answer: event-loop delay and memory, measured inside. */
function serverProbe(viewers: () => number) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const gc = (globalThis as { gc?: () => void }).gc;
  // BENCH_LIVE_PROFILE=dir: a CPU profile of the server during the largest fan-out.
  const profiler = new Session();
  const post = (method: string) =>
    new Promise<unknown>((resolve, reject) =>
      profiler.post(method, (err, result) => (err ? reject(err) : resolve(result))),
    );
  return async (m: Msg) => {
    switch (m.cmd) {
      case 'eld-start':
        delay.reset();
        delay.enable();
        return null;
      case 'eld-stop':
        delay.disable();
        return {
          p50: delay.percentile(50) / 1e6,
          p99: delay.percentile(99) / 1e6,
          max: delay.max / 1e6,
        };
      case 'mem': {
        for (let i = 0; i < 3; i++) {
          gc?.();
          await sleep(50);
        }
        const u = process.memoryUsage();
        return { heap: u.heapUsed + u.external, rss: u.rss };
      }
      case 'viewers':
        return viewers();
      case 'profile-start':
        profiler.connect();
        await post('Profiler.enable');
        await post('Profiler.start');
        return null;
      case 'profile-stop': {
        const { profile } = (await post('Profiler.stop')) as { profile: unknown };
        writeFileSync(m.file as string, JSON.stringify(profile));
        profiler.disconnect();
        return null;
      }
      default:
        throw new Error(`unknown ${m.cmd}`);
    }
  };
}

// ---- servers (child processes) --------------------------------------------------------

async function serveApp(port: number) {
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: dbUrl,
    SEED_DEMO: 'false',
  });
  const running: Running = await startServer(config, { web: false, logger: false });
  serveIpc(serverProbe(() => running.app.liveHub.viewerCount));
  process.send!({ ready: port });
}

/**
 * The floor: a bare `ws` server doing by hand what the live channel does — a snapshot
 * frame of the same size on connect, one JSON.stringify per broadcast and a send per
 * client, a vote as the same insert-and-count transaction with an ack, and LISTEN/NOTIFY
 * between two processes — with none of the hub's bookkeeping.
 */
async function serveRaw(port: number) {
  const sql = postgres(dbUrl, { max: 10, onnotice: () => {} });
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  let snapshot = '';
  let seq = 0;
  const frame = (bytes: number) => {
    const head = { type: 'event', seq: ++seq, event: 'question.created', data: { text: '' } };
    const pad = Math.max(0, bytes - JSON.stringify(head).length);
    head.data.text = 'x'.repeat(pad);
    return JSON.stringify(head);
  };
  const broadcast = (bytes: number) => {
    const f = frame(bytes);
    for (const c of wss.clients) if (c.readyState === c.OPEN) c.send(f);
  };
  await sql.listen(RAW_CHANNEL, (payload) => {
    const [from, bytes] = payload.split(':');
    if (Number(from) !== port) broadcast(Number(bytes));
  });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      void (async () => {
        const m = JSON.parse(body || '{}') as { bytes?: number; hop?: boolean };
        if (req.url === '/broadcast') {
          broadcast(m.bytes ?? 300);
          if (m.hop) await sql.notify(RAW_CHANNEL, `${port}:${m.bytes ?? 300}`);
        } else if (req.url === '/snapshot') snapshot = 'x'.repeat(m.bytes ?? 0);
        res.writeHead(204).end();
      })();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    void (async () => {
      // As the app does per connection: who is it (by the cookie), then the channel.
      const token = /kengash_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
      let userId: string | null = null;
      if (token) {
        const [row] =
          await sql`select user_id from user_sessions where token_hash = ${sha256(token)} and expires_at > now()`;
        userId = (row?.user_id as string | undefined) ?? null;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.send(JSON.stringify({ type: 'snapshot', seq, pad: snapshot }));
        ws.on('message', (data) => {
          void (async () => {
            const f = JSON.parse(data.toString()) as { ref: unknown; questionId: string };
            try {
              const votes = await sql.begin(async (tx) => {
                const ins = await tx`insert into question_votes (question_id, user_id)
                  values (${f.questionId}, ${userId}) on conflict do nothing returning user_id`;
                const [q] = ins.length
                  ? await tx`update questions set votes = votes + 1 where id = ${f.questionId} returning votes`
                  : await tx`select votes from questions where id = ${f.questionId}`;
                return q!.votes as number;
              });
              ws.send(JSON.stringify({ type: 'ack', ref: f.ref, ok: true, data: { votes } }));
            } catch (err) {
              ws.send(JSON.stringify({ type: 'ack', ref: f.ref, ok: false, error: String(err) }));
            }
          })();
        });
      });
    })();
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  serveIpc(serverProbe(() => wss.clients.size));
  process.send!({ ready: port });
}

// ---- the clients (child processes) -----------------------------------------------------

interface Group {
  sockets: WebSocket[];
  /** Per round: how many sockets got its question.created, and when the last one did. */
  got: number[];
  last: number[];
  frameBytes: number;
}

/**
 * WebSocket clients in groups. A group's sockets count the question.created frames each
 * receives; when every socket of the group has its k-th, the time the last one got it is
 * reported to the parent.
 */
function runClients() {
  const groups = new Map<string, Group>();
  const acks = new Map<string, (ok: boolean) => void>();
  const marker = Buffer.from('"event":"question.created"');

  function onFrame(g: Group, name: string, counter: { n: number }, data: Buffer) {
    if (data.indexOf(marker) === -1) {
      if (data[0] === 0x7b && data.indexOf('"type":"ack"') !== -1) {
        const a = JSON.parse(data.toString()) as { ref: string; ok: boolean };
        acks.get(a.ref)?.(a.ok);
        acks.delete(a.ref);
      }
      return;
    }
    const k = counter.n++;
    const t = now();
    g.frameBytes = data.length;
    g.got[k] = (g.got[k] ?? 0) + 1;
    g.last[k] = Math.max(g.last[k] ?? 0, t);
    if (g.got[k] === g.sockets.length) process.send!({ round: k, group: name, last: g.last[k] });
  }

  serveIpc(async (m) => {
    switch (m.cmd) {
      case 'connect': {
        const { group, url, count, cookies, concurrency } = m as unknown as {
          group: string;
          url: string;
          count: number;
          cookies?: string[];
          concurrency: number;
        };
        const g: Group = { sockets: [], got: [], last: [], frameBytes: 0 };
        groups.set(group, g);
        const started = now();
        let firstBytes = 0;
        let failed = 0;
        let i = 0;
        const open = async () => {
          while (i < count) {
            const n = i++;
            const cookie = cookies?.[n];
            const ws = new WebSocket(url, {
              headers: cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {},
              perMessageDeflate: false,
            });
            const counter = { n: 0 };
            const ok = await new Promise<boolean>((resolve) => {
              const timer = setTimeout(() => resolve(false), 30_000);
              ws.once('message', (data: Buffer) => {
                clearTimeout(timer);
                firstBytes = data.length;
                ws.on('message', (d: Buffer) => onFrame(g, group, counter, d));
                resolve(true);
              });
              ws.once('error', () => resolve(false));
            });
            if (ok) g.sockets.push(ws);
            else {
              failed++;
              ws.terminate();
            }
          }
        };
        await Promise.all(Array.from({ length: concurrency }, open));
        return { ms: now() - started, failed, firstBytes };
      }
      case 'close': {
        const g = groups.get(m.group as string);
        if (!g) return null;
        await Promise.all(
          g.sockets.map(
            (ws) =>
              new Promise<void>((r) => {
                if (ws.readyState === ws.CLOSED) return r();
                ws.once('close', () => r());
                ws.close();
                setTimeout(() => {
                  ws.terminate();
                  r();
                }, 5000);
              }),
          ),
        );
        groups.delete(m.group as string);
        return null;
      }
      case 'frame-bytes':
        return groups.get(m.group as string)?.frameBytes ?? 0;
      case 'storm': {
        // Votes spread evenly over the storm's seconds; each one waits for its ack.
        const { group, votes, seconds } = m as unknown as {
          group: string;
          votes: [number, string][];
          seconds: number;
        };
        const g = groups.get(group)!;
        const started = now();
        let ok = 0;
        let failed = 0;
        const pending: Promise<void>[] = [];
        for (let v = 0; v < votes.length; v++) {
          const due = started + (seconds * 1000 * v) / votes.length;
          const wait = due - now();
          if (wait > 1) await sleep(wait);
          const [socket, questionId] = votes[v]!;
          const ref = `${process.pid}-${v}`;
          pending.push(
            new Promise<void>((resolve) => {
              const timer = setTimeout(() => {
                acks.delete(ref);
                failed++;
                resolve();
              }, 30_000);
              acks.set(ref, (good) => {
                clearTimeout(timer);
                if (good) ok++;
                else failed++;
                resolve();
              });
            }),
          );
          g.sockets[socket]!.send(JSON.stringify({ type: 'vote', ref, questionId }));
        }
        const sent = now();
        await Promise.all(pending);
        return {
          ok,
          failed,
          sendSeconds: (sent - started) / 1000,
          allAcked: (now() - started) / 1000,
        };
      }
      default:
        throw new Error(`unknown ${m.cmd}`);
    }
  });
  process.send!({ ready: 'clients' });
}

// ---- the driver ------------------------------------------------------------------------

function spawnChild(kind: string, ...args: string[]): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), kind, ...args],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start`)), 60_000);
    child.on('message', function ready(m: Msg) {
      if (m.ready === undefined) return;
      clearTimeout(timer);
      child.off('message', ready);
      resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
}

interface Setup {
  meetingId: string;
  broadcast: string;
  join: string;
  storm: string;
  stormRaw: string;
  hop: string;
  tokens: string[];
  stormQuestions: string[];
  stormRawQuestions: string[];
}

async function prepareDatabase(): Promise<Setup> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${DB_NAME} with (force)`);
  await admin.unsafe(`create database ${DB_NAME}`);
  await admin.end();
  const database = await openDatabase({ url: dbUrl });
  await seedDemo(database.db);
  await database.close();
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const [meeting] = await sql`select id, starts_at from meetings where slug = ${SLUG}`;
  const meetingId = meeting!.id as string;
  const start = meeting!.starts_at as Date;
  // Sessions of their own, open Q&A without pre-moderation: a question reaches everyone.
  const session = async (name: string) => {
    const [row] = await sql`insert into sessions (meeting_id, title, kind, starts_at, ends_at,
        room, qa_enabled, qa_moderated, qa_open)
      values (${meetingId}, ${sql.json({ en: name, ru: name })}, 'plenary', ${start},
        ${new Date(start.getTime() + 3_600_000)}, 'Main hall', true, false, true) returning id`;
    return row!.id as string;
  };
  const setup = {
    meetingId,
    broadcast: await session('Bench: broadcast'),
    join: await session('Bench: joining'),
    storm: await session('Bench: vote storm'),
    stormRaw: await session('Bench: vote storm, raw'),
    hop: await session('Bench: cross-process'),
  };
  // Confirmed delegates, each signed in (a session row; the cookie holds the token).
  const users = await sql`insert into users ${sql(
    Array.from({ length: DELEGATES }, (_, i) => ({
      email: `live-${i}@bench.example.org`,
      name: `Delegate ${i}`,
    })),
  )} returning id`;
  await sql`insert into registrations ${sql(
    users.map((u, i) => ({
      meeting_id: meetingId,
      user_id: u.id as string,
      email: `live-${i}@bench.example.org`,
      full_name: `Delegate ${i}`,
      organization: 'Load Test Institute',
      country: 'UZ',
      participant_type: 'government',
      consent_at: new Date(),
      consent_version: 'bench',
      status: 'confirmed',
      check_in_code: `LIVE${String(i).padStart(8, '0')}`,
    })),
  )}`;
  const tokens = users.map(() => randomBytes(32).toString('base64url'));
  await sql`insert into user_sessions ${sql(
    users.map((u, i) => ({
      token_hash: sha256(tokens[i]!),
      user_id: u.id as string,
      expires_at: new Date(Date.now() + 86_400_000),
    })),
  )}`;
  const questions = async (sessionId: string, n: number) => {
    const rows = await sql`insert into questions ${sql(
      Array.from({ length: n }, (_, i) => ({
        session_id: sessionId,
        user_id: users[i % users.length]!.id as string,
        author_name: `Delegate ${i % users.length}`,
        text: `How will the working group measure progress on item ${i + 1} of the plan, and who reports it to the council?`,
        status: 'approved',
        created_at: new Date(Date.now() - (n - i) * 1000),
      })),
    )} returning id`;
    return rows.map((r) => r.id as string);
  };
  await questions(setup.join, SNAPSHOT_QUESTIONS);
  const stormQuestions = await questions(setup.storm, STORM_QUESTIONS);
  const stormRawQuestions = await questions(setup.stormRaw, STORM_QUESTIONS);
  await sql.end();
  return { ...setup, tokens, stormQuestions, stormRawQuestions };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

/** Waits for every client process to report round `k` of `group`; the latest time wins. */
function roundDone(clients: ChildProcess[], group: string, k: number, ms = 20_000) {
  return new Promise<number>((resolve, reject) => {
    let left = clients.length;
    let last = 0;
    const timer = setTimeout(() => {
      for (const c of clients) c.off('message', on);
      reject(new Error(`round ${k} of ${group} not delivered in ${ms} ms`));
    }, ms);
    const on = (m: Msg) => {
      if (m.group !== group || m.round !== k) return;
      last = Math.max(last, m.last as number);
      if (--left === 0) {
        clearTimeout(timer);
        for (const c of clients) c.off('message', on);
        resolve(last);
      }
    };
    for (const c of clients) c.on('message', on);
  });
}

async function connectAll(
  clients: ChildProcess[],
  group: string,
  url: string,
  count: number,
  cookies?: string[],
) {
  const per = Math.ceil(count / clients.length);
  const parts = await Promise.all(
    clients.map((c, i) =>
      rpc<{ ms: number; failed: number; firstBytes: number }>(
        c,
        'connect',
        {
          group,
          url,
          count: Math.min(per, count - i * per),
          cookies: cookies?.slice(i * per, (i + 1) * per),
          concurrency: 50,
        },
        120_000,
      ),
    ),
  );
  return {
    ms: Math.max(...parts.map((p) => p.ms)),
    failed: parts.reduce((n, p) => n + p.failed, 0),
    firstBytes: parts[0]!.firstBytes,
  };
}
const closeAll = (clients: ChildProcess[], group: string) =>
  Promise.all(clients.map((c) => rpc(c, 'close', { group })));

async function waitViewers(server: ChildProcess, n: number) {
  for (let i = 0; i < 200; i++) {
    if ((await rpc<number>(server, 'viewers')) === n) return;
    await sleep(50);
  }
}

async function main() {
  const deadline = setTimeout(
    () => {
      console.error('live benchmark: over its time limit, stopping');
      process.exit(2);
    },
    Number(process.env.BENCH_LIVE_LIMIT_MS ?? 230_000),
  );
  deadline.unref();
  const load = loadavg();
  const started = now();
  const setup = await prepareDatabase();
  const ports = { appA: 47201, appB: 47202, rawA: 47203, rawB: 47204 };
  const children: ChildProcess[] = [];
  const start = async (kind: string, ...args: string[]) => {
    const c = await spawnChild(kind, ...args);
    children.push(c);
    return c;
  };
  const lines: string[] = [];
  const targets: string[] = [];
  const ok = (b: boolean) => (b ? 'met' : '**missed**');
  try {
    const [appA, , rawA, , c1, c2] = await Promise.all([
      start('serve-app', String(ports.appA)),
      start('serve-app', String(ports.appB)),
      start('serve-raw', String(ports.rawA)),
      start('serve-raw', String(ports.rawB)),
      start('clients'),
      start('clients'),
    ]);
    const clients = [c1!, c2!];
    const app = (port: number, id: string) => `ws://127.0.0.1:${port}/api/live/sessions/${id}`;
    const raw = (port: number) => `ws://127.0.0.1:${port}/`;
    let asker = 0;
    // Each question from the next delegate: five a minute each is the rule, not the bench.
    const ask = (port: number, sessionId: string) =>
      fetch(`http://127.0.0.1:${port}/api/sessions/${sessionId}/questions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: `${SESSION_COOKIE}=${setup.tokens[asker++ % DELEGATES]}`,
        },
        body: JSON.stringify({
          text: 'Could the secretariat say when the draft regional plan will reach the national focal points?',
        }),
      }).then(async (r) => {
        if (r.status !== 201) throw new Error(`ask: ${r.status} ${await r.text()}`);
      });
    const rawBroadcast = (port: number, bytes: number, hop = false) =>
      fetch(`http://127.0.0.1:${port}/broadcast`, {
        method: 'POST',
        body: JSON.stringify({ bytes, hop }),
      }).then((r) => void r.arrayBuffer());

    /** Rounds: trigger, then wait until the last viewer of `group` has the frame. */
    /** One round: trigger, then wait until the last viewer of `group` has the frame. */
    async function round(
      group: string,
      k: number,
      trigger: () => Promise<void>,
      cs: ChildProcess[] = clients,
    ) {
      const done = roundDone(cs, group, k);
      const t0 = now();
      await trigger();
      return (await done) - t0;
    }
    const mem = (server: ChildProcess) => rpc<{ heap: number; rss: number }>(server, 'mem');

    // 1 and 4: a question reaching the last of N viewers; memory per idle viewer. Both
    // crowds stay connected and the rounds alternate, Kengash then raw, so the noise of a
    // shared machine falls on both alike.
    const sizing = await connectAll([clients[0]!], 'sizing', app(ports.appA, setup.broadcast), 1);
    if (sizing.failed) throw new Error('a viewer could not join');
    await round('sizing', 0, () => ask(ports.appA, setup.broadcast), [clients[0]!]);
    const frameBytes = await rpc<number>(clients[0]!, 'frame-bytes', { group: 'sizing' });
    await closeAll([clients[0]!], 'sizing');
    await waitViewers(appA!, 0);
    const fanout: { n: number; app: number[]; raw: number[]; join: number; rawJoin: number }[] = [];
    let memory: { app: number; appRss: number; raw: number; rawRss: number } | null = null;
    for (const n of SIZES) {
      const g = `fanout-${n}`;
      const rg = `raw-${n}`;
      const before = { app: await mem(appA!), raw: await mem(rawA!) };
      const joined = await connectAll(clients, g, app(ports.appA, setup.broadcast), n);
      if (joined.failed) throw new Error(`${joined.failed} of ${n} viewers could not join`);
      const appAfter = await mem(appA!);
      const rawJoined = await connectAll(clients, rg, raw(ports.rawA), n);
      const rawAfter = await mem(rawA!);
      if (n === IDLE)
        memory = {
          app: (appAfter.heap - before.app.heap) / n,
          appRss: (appAfter.rss - before.app.rss) / n,
          raw: (rawAfter.heap - before.raw.heap) / n,
          rawRss: (rawAfter.rss - before.raw.rss) / n,
        };
      const ours: number[] = [];
      const theirs: number[] = [];
      const profile = process.env.BENCH_LIVE_PROFILE && n === Math.max(...SIZES);
      if (profile) await rpc(appA!, 'profile-start');
      for (let k = 0; k < ROUNDS + 2; k++) {
        const a = await round(g, k, () => ask(ports.appA, setup.broadcast));
        await sleep(30);
        const r = await round(rg, k, () => rawBroadcast(ports.rawA, frameBytes));
        await sleep(30);
        if (k < 2) continue; // two warm-up rounds
        ours.push(a);
        theirs.push(r);
      }
      if (profile)
        await rpc(appA!, 'profile-stop', {
          file: `${process.env.BENCH_LIVE_PROFILE}/fanout-${n}.cpuprofile`,
        });
      await closeAll(clients, g);
      await closeAll(clients, rg);
      await waitViewers(appA!, 0);
      await waitViewers(rawA!, 0);
      fanout.push({ n, app: ours, raw: theirs, join: joined.ms, rawJoin: rawJoined.ms });
      console.error(`fan-out to ${n}: done`);
    }

    // 2: 1,000 viewers joining a session with 100 questions, each until its snapshot.
    const probe = await connectAll([clients[0]!], 'probe', app(ports.appA, setup.join), 1);
    await closeAll([clients[0]!], 'probe');
    await fetch(`http://127.0.0.1:${ports.rawA}/snapshot`, {
      method: 'POST',
      body: JSON.stringify({ bytes: probe.firstBytes }),
    });
    await waitViewers(appA!, 0);
    const joins = await connectAll(clients, 'joins', app(ports.appA, setup.join), JOINERS);
    await closeAll(clients, 'joins');
    const rawJoins = await connectAll(clients, 'raw-joins', raw(ports.rawA), JOINERS);
    await closeAll(clients, 'raw-joins');
    console.error('joins: done');

    // 3: a vote storm, 5,000 votes in 10 s from 500 delegates on 20 questions.
    async function storm(server: ChildProcess, url: string, group: string, ids: string[]) {
      const joined = await connectAll(clients, group, url, DELEGATES, setup.tokens);
      if (joined.failed) throw new Error(`${joined.failed} delegates could not join`);
      // Delegate d supports questions d, d+1, … d+9 (mod 20): 5,000 distinct votes.
      const per = STORM_VOTES / DELEGATES;
      const half = DELEGATES / clients.length;
      const plans = clients.map((_, c) => {
        const votes: [number, string][] = [];
        for (let j = 0; j < per; j++)
          for (let s = 0; s < half; s++) votes.push([s, ids[(c * half + s + j) % ids.length]!]);
        return votes;
      });
      await rpc(server, 'eld-start');
      const results = await Promise.all(
        clients.map((c, i) =>
          rpc<{ ok: number; failed: number; sendSeconds: number; allAcked: number }>(
            c,
            'storm',
            { group, votes: plans[i], seconds: STORM_SECONDS },
            60_000,
          ),
        ),
      );
      const delay = await rpc<{ p50: number; p99: number; max: number }>(server, 'eld-stop');
      await closeAll(clients, group);
      const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
      const [sum] =
        await sql`select coalesce(sum(votes), 0)::int as votes, (select count(*)::int from question_votes v
          join questions q on q.id = v.question_id where q.id in ${sql(ids)}) as rows
          from questions where id in ${sql(ids)}`;
      await sql.end();
      return {
        ok: results.reduce((n, r) => n + r.ok, 0),
        failed: results.reduce((n, r) => n + r.failed, 0),
        seconds: Math.max(...results.map((r) => r.allAcked)),
        delay,
        counted: sum!.votes as number,
        rows: sum!.rows as number,
      };
    }
    const votes = await storm(appA!, app(ports.appA, setup.storm), 'storm', setup.stormQuestions);
    const rawVotes = await storm(rawA!, raw(ports.rawA), 'raw-storm', setup.stormRawQuestions);
    console.error('vote storm: done');

    // 5: the cross-process hop: a viewer on A and one on B, the question asked on A.
    const hop = async (
      portA: number,
      portB: number,
      url: (p: number) => string,
      tag: string,
      trigger: () => Promise<void>,
    ) => {
      const c = [clients[0]!];
      await rpc(c[0]!, 'connect', { group: `${tag}-a`, url: url(portA), count: 1, concurrency: 1 });
      await rpc(c[0]!, 'connect', { group: `${tag}-b`, url: url(portB), count: 1, concurrency: 1 });
      const extra: number[] = [];
      for (let k = 0; k < HOP_ROUNDS + HOP_WARMUP; k++) {
        const a = roundDone(c, `${tag}-a`, k);
        const b = roundDone(c, `${tag}-b`, k);
        await trigger();
        const [ta, tb] = await Promise.all([a, b]);
        if (k >= HOP_WARMUP) extra.push(tb - ta);
        await sleep(20);
      }
      await closeAll(c, `${tag}-a`);
      await closeAll(c, `${tag}-b`);
      return extra;
    };
    const hopApp = await hop(
      ports.appA,
      ports.appB,
      (p) => app(p, setup.hop),
      'hop',
      () => ask(ports.appA, setup.hop),
    );
    const hopRaw = await hop(ports.rawA, ports.rawB, raw, 'raw-hop', () =>
      rawBroadcast(ports.rawA, frameBytes, true),
    );

    // ---- the report ----
    const f = (x: number) => x.toFixed(1);
    lines.push(
      `Node ${process.version}, ${ROUNDS} rounds per size after two warm-up rounds, load average before the run ${load.map((l) => l.toFixed(2)).join(' / ')}, ${((now() - started) / 1000).toFixed(0)} s in all\n`,
      '| scenario | Kengash | raw `ws` baseline | ratio |',
      '|---|---|---|---|',
    );
    for (const r of fanout) {
      lines.push(
        `| question to the last of ${r.n} viewers, p50 / p99 ms | ${f(pct(r.app, 50))} / ${f(pct(r.app, 99))} | ${f(pct(r.raw, 50))} / ${f(pct(r.raw, 99))} | ${(pct(r.app, 99) / pct(r.raw, 99)).toFixed(2)}× (p99) |`,
      );
    }
    for (const r of fanout)
      lines.push(
        `| ${r.n} viewers connected (each until its first frame), s | ${(r.join / 1000).toFixed(1)} | ${(r.rawJoin / 1000).toFixed(1)} | ${(r.join / r.rawJoin).toFixed(1)}× |`,
      );
    lines.push(
      `| ${JOINERS} viewers joining with their snapshot (${SNAPSHOT_QUESTIONS} questions, ${probe.firstBytes} B), s | ${(joins.ms / 1000).toFixed(1)} | ${(rawJoins.ms / 1000).toFixed(1)} | ${(joins.ms / rawJoins.ms).toFixed(1)}× |`,
      `| vote storm: ${STORM_VOTES} votes over ${STORM_SECONDS} s, all acked after, s | ${votes.seconds.toFixed(1)} | ${rawVotes.seconds.toFixed(1)} | — |`,
      `| vote storm: server event-loop delay p50 / p99 / max, ms | ${f(votes.delay.p50)} / ${f(votes.delay.p99)} / ${f(votes.delay.max)} | ${f(rawVotes.delay.p50)} / ${f(rawVotes.delay.p99)} / ${f(rawVotes.delay.max)} | — |`,
      `| vote storm: acks ok / failed; votes counted / vote rows | ${votes.ok} / ${votes.failed}; ${votes.counted} / ${votes.rows} | ${rawVotes.ok} / ${rawVotes.failed}; ${rawVotes.counted} / ${rawVotes.rows} | — |`,
      `| cross-process hop, extra delay p50 / p99, ms | ${f(pct(hopApp, 50))} / ${f(pct(hopApp, 99))} | ${f(pct(hopRaw, 50))} / ${f(pct(hopRaw, 99))} | — |`,
    );
    if (memory)
      lines.push(
        `| memory per idle viewer (${IDLE}): heap + external / RSS, KB | ${f(memory.app / 1024)} / ${f(memory.appRss / 1024)} | ${f(memory.raw / 1024)} / ${f(memory.rawRss / 1024)} | ${(memory.app / memory.raw).toFixed(1)}× |`,
      );
    const big = fanout.find((r) => r.n === 5000) ?? fanout[fanout.length - 1]!;
    const ratio = pct(big.app, 99) / pct(big.raw, 99);
    targets.push(
      `question to the last of ${big.n} viewers: p99 ${f(pct(big.app, 99))} ms, ${ratio.toFixed(2)}× the raw broadcast (target ≤ 1.5×): ${ok(ratio <= 1.5)}`,
      `${JOINERS} viewers joining with snapshots: ${(joins.ms / 1000).toFixed(1)} s (target ≤ 10 s): ${ok(joins.ms <= 10_000)}`,
      `vote storm: event-loop delay p99 ${f(votes.delay.p99)} ms (target ≤ 50 ms): ${ok(votes.delay.p99 <= 50)}; no vote lost (${votes.ok} acks ok = ${votes.counted} counted = ${votes.rows} rows): ${ok(votes.ok === STORM_VOTES && votes.counted === votes.ok && votes.rows === votes.ok)}`,
      `cross-process hop: ${f(pct(hopApp, 99))} ms extra p99 (target ≤ 5 ms): ${ok(pct(hopApp, 99) <= 5)}`,
    );
    if (memory)
      targets.push(
        `memory per viewer: ${f(memory.app / 1024)} KB heap + external, ${f(memory.appRss / 1024)} KB RSS (target ≤ 25 KB): ${ok(Math.max(memory.app, memory.appRss) <= 25 * 1024)}`,
      );
    console.log(
      `\n${lines.join('\n')}\n\nAgainst the issue's targets:\n${targets.map((t) => `- ${t}`).join('\n')}`,
    );
  } finally {
    // Children exit when their channel closes; any that do not are killed.
    for (const c of children) if (c.connected) c.disconnect();
    await sleep(1500);
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }
}

const [mode, port] = process.argv.slice(2);
if (mode === 'serve-app') await serveApp(Number(port));
else if (mode === 'serve-raw') await serveRaw(Number(port));
else if (mode === 'clients') runClients();
else {
  await main();
  process.exit(0);
}
