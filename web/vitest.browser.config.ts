import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Browser tests: headless Chromium (Debian's /usr/bin/chromium through playwright-core) against a real
 * Rushes server on a database cloned from the migrated test template, serving the built web/dist.
 */
export default defineConfig({
  root: here('..'),
  test: {
    include: ['web/tests/browser/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts', 'web/tests/browser/build-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
