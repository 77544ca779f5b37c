// `npm start`: build, then open the Electron window; where the Electron binary
// is not installed (its download failed or was skipped during npm install,
// see install-electron.mjs) say so and serve the same app to a local browser
// instead.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { buildApp, buildHost } from './build-host.mjs';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));
const passThrough = process.argv.slice(2);

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, shell: process.platform === 'win32', ...opts });
  return r.status === 0;
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * better-sqlite3 is a native module: the copy in node_modules is built for
 * Node (tests, CLI). Electron needs one built for its own ABI, so we build a
 * second copy under .electron-native and point the main process at it; the
 * Node copy stays untouched and `npm test` keeps working after `npm start`.
 */
function electronSqliteBinding(electronVersion) {
  const pkgDir = dirname(require.resolve('better-sqlite3/package.json'));
  const target = join(root, '.electron-native', `better-sqlite3-electron-${electronVersion}`);
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  mkdirSync(target, { recursive: true });
  for (const part of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
    if (existsSync(join(pkgDir, part))) cpSync(join(pkgDir, part), join(target, part), { recursive: true });
  }
  console.log(`Preparing the database module for Electron ${electronVersion} (once)…`);
  const prebuild = join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'prebuild-install.cmd' : 'prebuild-install');
  const ok =
    (existsSync(prebuild) && run(prebuild, ['--runtime', 'electron', '--target', electronVersion], { cwd: target })) ||
    run('npx', ['--yes', 'node-gyp', 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: target });
  if (!ok || !existsSync(binding)) {
    console.error('Could not build the database module for Electron. Starting the browser host instead.');
    return null;
  }
  return binding;
}

if (!buildApp()) process.exit(1);

const electron = electronBinary();
let binding = null;
if (electron) {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  binding = electronSqliteBinding(electronVersion);
}
if (electron && binding) {
  const child = spawn(electron, ['.', ...passThrough], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, KONTOR_SQLITE_BINDING: binding },
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!electron) {
    console.log(
      'The Electron binary is not installed (npm install could not download it or was told not to; `node electron/host/install-electron.mjs` tries again).\n' +
        'Starting Kontor in browser mode instead: the same app, served to your browser on this computer only.\n',
    );
  }
  await buildHost();
  const child = spawn(process.execPath, [join(root, 'out', 'host', 'serve.js'), ...passThrough], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
