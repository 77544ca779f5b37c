// The build: plain JavaScript instead of compiling about two hundred
// TypeScript files on every start.
//
// - buildHost: the browser host (electron/host/serve.ts and everything it
//   imports from this repository) into out/host/, for `npm start` without the
//   Electron binary.
// - buildCli: the `kontor` command (electron/host/cli-main.ts) into a fresh
//   out/cli-<id>/ with a stamp out/cli.json; electron/host/kontor.mjs runs it
//   and builds again when a source changed (electron/host/cli-bundle.mjs).
// - buildApp: the Electron app and renderer (electron-vite).
//
// Packages stay external (loaded from node_modules); code split so that what
// loads lazily (the PDF letter, the CLI's command groups) stays lazy. Paths
// built from import.meta.dirname keep working: out/host and out/cli-<id> are
// two levels below the repository, like electron/host.
//
// `node electron/host/build-host.mjs` (npm run build) builds all three;
// `… cli` or `… host` only that bundle.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { writeCliStamp } from './cli-bundle.mjs';

const root = resolve(import.meta.dirname, '../..');

const bundleOptions = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
};

export async function buildHost(outdir = resolve(root, 'out/host')) {
  // Chunk names carry hashes: old ones would pile up.
  rmSync(outdir, { recursive: true, force: true });
  await build({
    ...bundleOptions,
    // The CSV preview worker is found beside serve.js (electron/services/csv-import/off-thread.ts).
    entryPoints: { serve: resolve(root, 'electron/host/serve.ts'), 'csv-preview-worker': resolve(root, 'electron/services/csv-import/csv-preview-worker.ts') },
    outdir,
  });
}

const OLD_BUILDS_KEPT_MS = 60 * 60_000;

/**
 * Every build goes to a folder of its own and becomes current when the stamp
 * is renamed into place, so a `kontor` already running (or building at the
 * same moment) never sees a half-written bundle or loses a chunk it loads
 * later. Builds older than an hour that are no longer current are removed.
 * Returns the entry file.
 */
export async function buildCli() {
  const startedAt = Date.now();
  const id = `cli-${startedAt.toString(36)}-${process.pid}`;
  const result = await build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: { kontor: resolve(root, 'electron/host/cli-main.ts') },
    outdir: resolve(root, 'out', id),
    metafile: true,
  });
  // The build's own recipe counts as a source too.
  const inputs = [...Object.keys(result.metafile.inputs), 'electron/host/build-host.mjs', 'electron/host/cli-bundle.mjs', 'tsconfig.json'];
  writeCliStamp(root, `out/${id}/kontor.js`, inputs, startedAt);
  removeOldCliBuilds(id);
  return resolve(root, 'out', id, 'kontor.js');
}

function removeOldCliBuilds(current) {
  for (const name of readdirSync(resolve(root, 'out'))) {
    if (!name.startsWith('cli-') || name === current) continue;
    const dir = resolve(root, 'out', name);
    const s = statSync(dir, { throwIfNoEntry: false });
    if (s && Date.now() - s.mtimeMs > OLD_BUILDS_KEPT_MS) rmSync(dir, { recursive: true, force: true });
  }
}

/** The major version electron-vite targets; from package.json when npm left the electron package out. */
export function electronMajor() {
  const require = createRequire(resolve(root, 'package.json'));
  try {
    return require('electron/package.json').version.split('.')[0];
  } catch {
    const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    const range = pkg.optionalDependencies?.electron ?? pkg.devDependencies?.electron ?? '';
    return /\d+/.exec(range)?.[0];
  }
}

/**
 * electron-vite reads Electron's version from the electron package to pick
 * its targets and stops when the package is missing (npm 10 removes it when
 * Electron's own download fails, see README): then it gets the version from
 * package.json.
 */
export function buildApp() {
  const pkg = createRequire(resolve(root, 'package.json')).resolve('electron-vite/package.json');
  const electronVite = resolve(dirname(pkg), JSON.parse(readFileSync(pkg, 'utf8')).bin['electron-vite']);
  const env = { ...process.env };
  const major = env.ELECTRON_MAJOR_VER ?? electronMajor();
  if (major) env.ELECTRON_MAJOR_VER = major;
  const r = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit', env });
  return r.status === 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const what = process.argv[2] ?? 'all';
  if (what === 'all' && !buildApp()) process.exit(1);
  if (what === 'all' || what === 'host') await buildHost();
  if (what === 'all' || what === 'cli') await buildCli();
}
