/**
 * How a benchmark starts a worker process: by default as the app runs its
 * code, bundled by esbuild (electron-vite bundles the main process the same
 * way) and started by node; with KONTOR_BENCH_TSX=1 through tsx as before.
 * tsx compiles every TypeScript file when it is loaded and keeps its
 * compiler in the process, about 30 MB more in every figure's `max_rss_mb`
 * that the app never carries.
 *
 * The bundle is written to out/bench/ (at the same depth as the app's
 * out/main/, so paths the code resolves from its own location, like the
 * letter's fonts, are the same), with the npm packages left outside and
 * what the code loads with import() in chunks of its own, as in the app.
 */
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const root = resolve(import.meta.dirname, '..', '..');
const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const built = new Set<string>();

/** Whether workers run through tsx (KONTOR_BENCH_TSX=1) instead of bundled. */
export const THROUGH_TSX = process.env.KONTOR_BENCH_TSX === '1';

/** The node arguments that start `worker` (a .ts file): the bundle, or tsx and the file. */
export function workerArgs(worker: string): string[] {
  if (THROUGH_TSX) return [tsxCli, worker];
  const outdir = join(root, 'out', 'bench');
  const outfile = join(outdir, basename(worker).replace(/\.ts$/, '.mjs'));
  if (!built.has(outfile)) {
    // Split like the app's host bundle: a module loaded with import() (the letter's PDF code) is loaded when it is asked for.
    buildSync({
      entryPoints: [worker],
      outdir,
      entryNames: '[name]',
      chunkNames: 'chunk-[hash]',
      outExtension: { '.js': '.mjs' },
      splitting: true,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    built.add(outfile);
  }
  return [outfile];
}
