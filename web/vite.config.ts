import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The Rushes web app: built to web/dist, which the Rushes server serves at `/`. */
export default defineConfig({
  root: here('.'),
  plugins: [vue()],
  resolve: {
    alias: {
      '@': here('./src'),
      // Type-only imports of the shared request/response schemas (erased from the bundle).
      '@contracts': here('../packages/contracts/src'),
    },
  },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npx vite web` during development: the API of a Rushes server running on port 8080.
    proxy: {
      '/api': { target: process.env.RUSHES_API_URL ?? 'http://localhost:8080', changeOrigin: false },
      // The live updates' Socket.IO endpoint (long polling, then a websocket).
      '/socket.io': { target: process.env.RUSHES_API_URL ?? 'http://localhost:8080', changeOrigin: false, ws: true },
    },
  },
});
