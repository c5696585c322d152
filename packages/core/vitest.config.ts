import { defineConfig } from 'vitest/config';

/**
 * Unit tests of the domain's rules, beside the API's tests of the whole. Pure rules run
 * once; the few that need SQL (`*.db.test.ts`) run on PGlite and on PostgreSQL, each on
 * a database copied from a migrated template.
 */
const dbProject = (db: 'pglite' | 'postgres') => ({
  test: {
    name: db,
    include: ['test/**/*.db.test.ts'],
    env: { TEST_DB: db },
    globalSetup: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/**/*.db.test.ts'] } },
      dbProject('pglite'),
      dbProject('postgres'),
    ],
    maxWorkers: 2,
    reporters: process.env.TEST_REPORT_DIR
      ? ['default', ['json', { outputFile: `${process.env.TEST_REPORT_DIR}/core.json` }]]
      : ['default'],
  },
});
