/**
 * `pnpm dev`: the API alone on port 3001 with hot reload (tsx watch); Vite serves the
 * pages on 5173 and proxies /api here.
 */
import { loadConfig } from './config.js';
import { startServer } from './server.js';

// The pages' dev server (Vite, on loopback) passes the browser's address as X-Forwarded-For.
const config = loadConfig({
  PORT: '3001',
  PUBLIC_URL: 'http://localhost:5173',
  TRUST_PROXY: 'loopback',
  ...process.env,
});
const running = await startServer(config, { web: false });
console.log(`Kengash API (dev) on ${running.url}`);
process.once('SIGTERM', () => void running.stop().then(() => process.exit(0)));
