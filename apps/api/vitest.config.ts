import { defineConfig } from 'vitest/config';

/**
 * Tests that prove something only where requests really run in parallel on several
 * connections: on PGlite one connection serializes them, so they would pass for nothing.
 */
const postgresOnly = [
  'test/registration-concurrency.test.ts',
  'test/prepared-statements.test.ts',
  // *.pg.test.ts prove what only a server can show (several processes at once).
  'test/**/*.pg.test.ts',
];

/**
 * TEST_SMOKE=1 (CI's second Node version): the suite on PostgreSQL only, without the
 * exhaustive page sweeps (every page × language × width through axe and the layout
 * checks), which test the pages rather than the runtime; one browser file per area stays.
 */
const smoke = process.env.TEST_SMOKE === '1';
const smokeSkips = ['test/browser-axe.test.ts', 'test/browser-console.test.ts'];

// One suite, two databases: the same tests run on the embedded PGlite and on PostgreSQL.
const project = (db: 'pglite' | 'postgres') => ({
  test: {
    name: db,
    include: ['test/**/*.test.ts'],
    exclude: [...(db === 'pglite' ? postgresOnly : []), ...(smoke ? smokeSkips : [])],
    env: { TEST_DB: db },
    globalSetup: ['test/setup.ts', 'test/browser-setup.ts'],
    // Files share their worker's modules: the harness's database (one per worker, emptied
    // before each test) and the imports are set up once per worker instead of per file.
    // A file must leave no state in shared modules behind (no vi.mock of shared modules).
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: smoke ? [project('postgres')] : [project('pglite'), project('postgres')],
    // PGlite instances are large; two workers keep the suite inside the machine's memory.
    maxWorkers: 2,
    reporters: process.env.TEST_REPORT_DIR
      ? ['default', ['json', { outputFile: `${process.env.TEST_REPORT_DIR}/api.json` }]]
      : ['default'],
  },
});
