import { defineConfig } from 'vitest/config';

// Every database test runs on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
const dbTests = ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'];
const common = { testTimeout: 180_000, hookTimeout: 180_000, env: { TZ: 'UTC' } };

export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 2,
    passWithNoTests: true,
    reporters: ['default'],
    projects: [
      { test: { ...common, name: 'pglite', include: dbTests, env: { ...common.env, BRAID_TEST_ENGINE: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...common, name: 'postgres', include: dbTests, env: { ...common.env, BRAID_TEST_ENGINE: 'postgres' } } }]
        : []),
      {
        test: {
          ...common,
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          fileParallelism: false,
          env: { ...common.env, BRAID_TEST_ENGINE: 'pglite' },
        },
      },
      { test: { ...common, name: 'final', include: ['tests/final/**/*.test.ts'] } },
    ],
  },
});
