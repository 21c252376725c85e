// @ts-check
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// The API serves the build under /console/ (apps/ledger-api/src/console/serve-console.ts).
export default defineConfig({
  root: here,
  base: '/console/',
  // Preact's JSX through esbuild: no framework plugin needed to build.
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    outDir: resolve(here, '../../dist/console'),
    emptyOutDir: true,
    // A console bundle past this is a dependency pulled in by mistake.
    chunkSizeWarningLimit: 200,
  },
  logLevel: 'warn',
  // `npm run console:dev` serves the pages with reload, against the API of `npm start`.
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/health': 'http://127.0.0.1:3000' } },
});
