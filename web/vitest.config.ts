import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Unit and component tests of the web app (stores, composables, components) in happy-dom. */
export default defineConfig({
  root: here('.'),
  plugins: [vue()],
  resolve: { alias: { '@': here('./src'), '@contracts': here('../packages/contracts/src') } },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'happy-dom',
    restoreMocks: true,
  },
});
