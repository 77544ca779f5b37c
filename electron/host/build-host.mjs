// Bundles the browser host (electron/host/serve.ts and everything it
// imports from this repository) into out/host/, so `npm start` without the
// Electron binary starts from plain JavaScript instead of compiling about two
// hundred TypeScript files on every start. Packages stay external (loaded
// from node_modules); code split so that what loads lazily (the PDF letter)
// stays lazy. Paths built from import.meta.dirname keep working: out/host is
// two levels below the repository, like electron/host.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export async function buildHost(outdir = resolve(root, 'out/host')) {
  // Chunk names carry hashes: old ones would pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    // The CSV preview worker is found beside serve.js (electron/import/off-thread.ts).
    entryPoints: { serve: resolve(root, 'electron/host/serve.ts'), 'csv-preview-worker': resolve(root, 'electron/import/csv-preview-worker.ts') },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await buildHost();
