import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { STRICT_CSP } from './shared/csp';

// The production build gets the strict policy; the dev server needs inline
// styles and a websocket for hot reload, so it gets a relaxed copy.

function cspMeta(): Plugin {
  let dev = false;
  return {
    name: 'kontor-csp',
    configResolved(config) {
      dev = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const policy = dev
        ? STRICT_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
            "connect-src 'self'",
            "connect-src 'self' ws://localhost:* http://localhost:*",
          )
        : STRICT_CSP;
      return html.replace('%KONTOR_CSP%', policy);
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // CSV previews run in this worker thread, found beside index.js (electron/services/csv-import/off-thread.ts).
          'csv-preview-worker': resolve(__dirname, 'electron/services/csv-import/csv-preview-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        // Sandboxed preload scripts cannot be ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react(), cspMeta()],
    build: {
      minify: true,
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
