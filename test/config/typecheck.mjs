// `npm run typecheck`: tsc over each part of the tree in the environment it
// runs in (tsconfig.json says which): the main side with Node and no DOM,
// the renderer and shared/ with the DOM and no Node, the tests with both.
// electron/main and electron/preload need the electron package's types; an
// npm without package.json#allowScripts (npm 10) removes that package when
// Electron's own download fails (README, Set-up). Then those two folders, and
// the tests that load them, are left out with a message, as other checks skip
// what the machine lacks; under CI=true that is a failure.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(resolve(root, 'package.json'));

let projects = ['tsconfig.node.json', 'tsconfig.web.json', 'test/config/tsconfig.tests.json'];
try {
  require.resolve('electron/package.json');
} catch {
  console.warn(
    'typecheck: the electron package is not installed; electron/main and electron/preload are NOT type-checked (an npm that honours package.json#allowScripts keeps it: see README, Set-up).',
  );
  if (process.env.CI === 'true') process.exit(1);
  projects = ['test/config/tsconfig.without-electron.json', 'tsconfig.web.json', 'test/config/tsconfig.tests.without-electron.json'];
}
// One after the other: each tsc takes a core, and CI has two.
let failed = false;
for (const project of projects) {
  const r = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '--noEmit', '-p', project], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`typecheck: ${project} has errors`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
