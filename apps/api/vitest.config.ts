import { defineConfig } from 'vitest/config';

// One suite, two databases: the same tests run on the embedded PGlite and on PostgreSQL.
const project = (db: 'pglite' | 'postgres') => ({
  test: {
    name: db,
    include: ['test/**/*.test.ts'],
    // *.pg.test.ts prove what only a server can show (several processes, real
    // concurrency): they run on PostgreSQL only.
    exclude: db === 'pglite' ? ['test/**/*.pg.test.ts'] : [],
    env: { TEST_DB: db },
    globalSetup: ['test/setup.ts', 'test/browser-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [project('pglite'), project('postgres')],
    // PGlite instances are large; two workers keep the suite inside the machine's memory.
    maxWorkers: 2,
    reporters: process.env.TEST_REPORT_DIR
      ? ['default', ['json', { outputFile: `${process.env.TEST_REPORT_DIR}/api.json` }]]
      : ['default'],
  },
});
