import { defineConfig } from 'vitest/config';

/**
 * Process-level tests: they run `bin/rushes.js` as a child process (CLI, first start, embedded
 * PostgreSQL durability under kill -9). Slow and port-hungry, so files run one after the other.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
