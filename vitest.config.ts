import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'packages/**/*.test.ts', 'test/**/*.test.ts'],
    // Process-level tests have their own tier: vitest.e2e.config.ts (npm run test:e2e).
    exclude: [...configDefaults.exclude, 'test/e2e/**'],
    globalSetup: ['test/global-setup.ts'],
    // Each test file gets its own database cloned from a migrated template, so files run in parallel safely.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
