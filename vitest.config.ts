import { defineConfig } from 'vitest/config';

// One test command for the whole repository. Integration tests use PGlite unless DATABASE_URL is set,
// and the in-process bus unless REDIS_URL is set, so `npm test` passes with nothing but Node.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'packages/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'web/e2e/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
