// `npm run typecheck`: tsc over the whole tree (tsconfig.json). electron/main
// and electron/preload need the electron package's types; an npm without
// package.json#allowScripts (npm 10) removes that package when Electron's own
// download fails (README, Set-up). Then those two folders, and the test that
// loads them, are left out with a message, as other checks skip what the
// machine lacks; under CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(resolve(root, 'package.json'));

let project = 'tsconfig.json';
try {
  require.resolve('electron/package.json');
} catch {
  console.warn('typecheck: the electron package is not installed; electron/main and electron/preload are NOT type-checked (an npm that honours package.json#allowScripts keeps it: see README, Set-up).');
  if (process.env.CI === 'true') process.exit(1);
  project = 'test/config/tsconfig.without-electron.json';
}
const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
process.exitCode = r.status ?? 1;
