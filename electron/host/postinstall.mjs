// npm install / npm ci, after the packages: try for the Electron binary (time
// limited, see install-electron.mjs) and build the `kontor` command's bundle.
// Neither may fail the install: without the binary `npm start` serves the
// browser host, and the kontor command builds its bundle on its first call.
import { installElectron } from './install-electron.mjs';

const electron = await installElectron();
console.log(electron.line);

try {
  const { buildCli } = await import('./build-host.mjs');
  await buildCli();
  console.log('kontor command: built (npx kontor, npm run kontor -- …).');
} catch (e) {
  console.log(`kontor command: not built now (${e?.message ?? e}); it builds itself on its first call.`);
}
