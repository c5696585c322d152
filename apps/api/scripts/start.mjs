// `pnpm start`: builds what is missing, then runs the production server in this process.
import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const need = [
  'packages/db/dist/index.js',
  'packages/core/dist/index.js',
  'apps/api/dist/server.js',
  'apps/web/build/handler.js',
];
if (need.some((f) => !existsSync(root + f))) {
  console.log('Building Kengash (first start)…');
  // Under `pnpm start` build with that same pnpm: npx (npm) would warn about each of
  // pnpm's npm_config_* settings in the environment.
  const pnpm = process.env.npm_execpath;
  if (pnpm && /pnpm/.test(pnpm))
    execFileSync(process.execPath, [pnpm, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  else execSync('npx -y pnpm@10.34.9 run build', { cwd: root, stdio: 'inherit' });
}
await import(new URL('../dist/server.js', import.meta.url).href).then((m) => m.main());
