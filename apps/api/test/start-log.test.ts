/**
 * What a newcomer reads after `npm start`: one short block naming the address to open
 * (either loopback name works when PUBLIC_URL is unset), the dev mailbox and the demo
 * organizer; then at most one short line per request, and each dev-mailbox message with
 * its links on one line.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const apiDir = fileURLToPath(new URL('..', import.meta.url));

describe('the start log', () => {
  it('opens with one block, then one line per request', async () => {
    const port = 20000 + Math.floor(Math.random() * 20000);
    const dataDir = mkdtempSync(join(tmpdir(), 'kengash-log-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    for (const name of ['PUBLIC_URL', 'DATABASE_URL', 'SMTP_URL', 'NODE_ENV', 'LOG_LEVEL'])
      delete env[name];
    Object.assign(env, { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir });
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      cwd: apiDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    const base = `http://127.0.0.1:${port}`;
    try {
      for (let i = 0; ; i++) {
        if (child.exitCode !== null || i > 1200) throw new Error('the server did not start');
        if (output.includes('Kengash is running')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      // Requests a visitor makes: pages (each calls the API in-process), the API, a form.
      let requests = 0;
      const get = async (path: string) => {
        requests++;
        return (await fetch(`${base}${path}`)).status;
      };
      expect(await get('/')).toBe(200);
      expect(await get('/meetings/rec-tashkent-next')).toBe(200);
      expect(await get('/api/meetings')).toBe(200);
      expect(await get('/dev/mailbox')).toBe(200);
      requests++;
      const form = await fetch(`${base}/signin`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          origin: base,
        },
        body: 'email=newcomer%40example.org',
        redirect: 'manual',
      });
      expect(form.status).toBe(303);
      for (let i = 0; i < 100 && !output.includes('newcomer@example.org'); i++)
        await new Promise((r) => setTimeout(r, 100));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);

      const lines = output.split('\n').filter((l) => l.trim() !== '');
      // The block first: where to open, the mailbox, whom to sign in as.
      expect(lines[0]).toBe(
        `Kengash is running — open http://localhost:${port} (or http://127.0.0.1:${port})`,
      );
      const block = lines.slice(0, 5).join('\n');
      expect(block).toContain(`http://localhost:${port}/dev/mailbox`);
      expect(block).toContain('secretariat@rec.example.org');
      const rest = lines.slice(lines.findIndex((l) => l.startsWith('  demo')) + 1);
      // Then: one line per request, one for the message, one for the shutdown.
      const mail = rest.filter((l) => l.includes('dev mailbox:'));
      expect(mail).toHaveLength(1);
      expect(mail[0]).toMatch(
        new RegExp(
          `dev mailbox: "Your Kengash sign-in link" to newcomer@example\\.org http://localhost:${port}/auth/verify\\?token=[\\w-]{43}$`,
        ),
      );
      expect(rest.length, rest.join('\n')).toBeLessThanOrEqual(requests + 2);
      for (const line of rest.filter((l) => !l.includes('dev mailbox:')))
        expect(line.length, line).toBeLessThanOrEqual(120);
      // No query string reaches the log, and no JSON either.
      expect(rest.join('\n')).not.toMatch(/"level"|\?sent=|reqId/);
    } catch (err) {
      throw new Error(`${String(err)}\n--- server output ---\n${output}`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
