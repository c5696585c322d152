/**
 * The production process as an operator runs it: it starts, migrates, answers, and on
 * SIGTERM stops taking connections, finishes the request in flight and exits 0. The
 * request is held in flight by a latch (fixtures/in-flight-latch.mjs, preloaded into this
 * process only) that the test releases after SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestDatabase } from '@kengash/db/testing';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

// A first start on PGlite creates its data directory (initdb): on a loaded machine, a minute.
async function waitForHealth(base: string, child: { exitCode: number | null }) {
  for (let i = 0; i < 900; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return res.json();
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become healthy');
}

describe('the server process', () => {
  it('starts on its database, drains on SIGTERM and exits 0', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: base,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'warn',
    };
    let dataDir: string | undefined;
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    if (process.env.TEST_DB === 'postgres') {
      database = await createTestDatabase(inject('template'), 2);
      env.DATABASE_URL = database.url!;
    } else {
      dataDir = mkdtempSync(join(tmpdir(), 'kengash-proc-'));
      env.DATA_DIR = dataDir;
      delete env.DATABASE_URL;
    }
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--import', './test/fixtures/in-flight-latch.mjs', 'src/server.ts'],
      { cwd: apiDir, env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let output = '';
    let entered: () => void = () => {};
    const inFlightStarted = new Promise<void>((resolve) => (entered = resolve));
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      if (output.includes('in-flight: entered')) entered();
    });
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code) => resolve(code)),
    );
    try {
      expect(await waitForHealth(base, child)).toEqual({
        status: 'ok',
        database: process.env.TEST_DB,
      });
      const list = await (await fetch(`${base}/api/meetings`)).json();
      expect(list.items.map((m: { slug: string }) => m.slug)).toContain('rec-tashkent-next');

      // A request in flight when SIGTERM arrives still gets its answer.
      const inFlight = fetch(`${base}/api/test/in-flight`);
      await inFlightStarted;
      child.kill('SIGTERM');
      // The drain has begun while the request waits: new requests are turned away.
      let turnedAway = false;
      for (let i = 0; i < 200 && !turnedAway; i++) {
        turnedAway = await fetch(`${base}/api/health`).then(
          (r) => r.status === 503,
          () => true,
        );
        if (!turnedAway) await new Promise((r) => setTimeout(r, 50));
      }
      expect(turnedAway).toBe(true);
      expect(child.exitCode).toBeNull();
      child.stdin.write('release\n');
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ released: true });
      expect(await exited).toBe(0);
      // And the port is free again.
      await expect(fetch(`${base}/api/health`)).rejects.toThrow();
    } catch (err) {
      throw new Error(`${String(err)}\n--- server output ---\n${output}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await database?.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});
