/**
 * Electron fuses for the packaged app: switches compiled into the Electron
 * binary that no environment variable or command-line argument can turn
 * back on. Kontor has no packager yet (electron-vite builds, `npm start`
 * runs the development binary), so this module is what a packager calls:
 * the declarative table below, the `@electron/fuses` configuration made
 * from it, and an `afterPack` hook in electron-builder's shape that flips
 * them on the packed binary (electron-builder's `afterPack` option, or a
 * call from any packaging script). fuses.test.ts checks the table and flips
 * a stand-in binary carrying Electron's fuse wire; flipping the real binary
 * needs the Electron download this machine cannot make.
 *
 * Why each value (Electron's security guide, "Fuses"):
 * - RunAsNode off: `ELECTRON_RUN_AS_NODE=1 Kontor` would otherwise be a
 *   plain Node with the app's signature — a way around the sandbox. (The
 *   main process can then not `child_process.fork` itself: work off the
 *   main thread goes to worker_threads or Electron's utilityProcess.)
 * - NODE_OPTIONS and --inspect off: no code injected or debugger attached
 *   to the main process, which holds the ledger and the keychain access.
 * - Cookie encryption on: the session store is encrypted with an OS key.
 * - ASAR integrity and only-from-ASAR on: the app's code is the signed
 *   archive, not a folder beside it someone could edit.
 * - File protocol privileges stay on: the renderer is the packaged
 *   index.html loaded from file:// with module scripts, which need them;
 *   moving it to a custom protocol would let this fuse go off too.
 */
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

export interface FuseSetting {
  fuse: FuseV1Options;
  enabled: boolean;
  why: string;
}

/** Every V1 fuse, with the packaged app's value. */
export const FUSES: readonly FuseSetting[] = [
  { fuse: FuseV1Options.RunAsNode, enabled: false, why: 'no ELECTRON_RUN_AS_NODE: the binary is never a plain Node' },
  { fuse: FuseV1Options.EnableCookieEncryption, enabled: true, why: 'the cookie store encrypted with an OS-protected key' },
  { fuse: FuseV1Options.EnableNodeOptionsEnvironmentVariable, enabled: false, why: 'NODE_OPTIONS cannot inject code into the main process' },
  { fuse: FuseV1Options.EnableNodeCliInspectArguments, enabled: false, why: 'no --inspect / --inspect-brk debugger on the main process' },
  { fuse: FuseV1Options.EnableEmbeddedAsarIntegrityValidation, enabled: true, why: 'app.asar is checked against the hash embedded at packaging' },
  { fuse: FuseV1Options.OnlyLoadAppFromAsar, enabled: true, why: 'the app is loaded from app.asar only, never from a folder beside it' },
  { fuse: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, enabled: false, why: 'Kontor ships no V8 snapshot of its own' },
  { fuse: FuseV1Options.GrantFileProtocolExtraPrivileges, enabled: true, why: 'the renderer is loaded from file:// with module scripts' },
  { fuse: FuseV1Options.WasmTrapHandlers, enabled: true, why: 'Electron default: WebAssembly bounds checks by trap handlers' },
];

/** What the packager must also do for these fuses to hold. */
export const ASAR = true;
/** Native modules (better-sqlite3's binding) live unpacked beside app.asar: electron/main/dev-environment.ts PACKAGED_SQLITE_BINDING. */
export const ASAR_UNPACK: readonly string[] = ['**/*.node'];

/** The `@electron/fuses` configuration: every fuse set (a new Electron with an unknown fuse fails the build). */
export function fuseConfig(platform: NodeJS.Platform = process.platform): FuseV1Config {
  const wire = Object.fromEntries(FUSES.map((f) => [f.fuse, f.enabled])) as Record<FuseV1Options, boolean>;
  return { version: FuseVersion.V1, strictlyRequireAllFuses: true, resetAdHocDarwinSignature: platform === 'darwin', ...wire };
}

/** The Electron binary inside a packed app folder. */
export function electronBinaryIn(appOutDir: string, platform: NodeJS.Platform, productFilename: string): string {
  if (platform === 'darwin') return join(appOutDir, `${productFilename}.app`);
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`);
  return join(appOutDir, productFilename.toLowerCase());
}

/** The part of electron-builder's AfterPackContext this hook reads. */
export interface AfterPackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string } };
}

/** electron-builder `afterPack`: flips the fuses on the packed binary before it is signed. */
export async function afterPack(context: AfterPackContext): Promise<void> {
  const platform = context.electronPlatformName as NodeJS.Platform;
  await flipFuses(electronBinaryIn(context.appOutDir, platform, context.packager.appInfo.productFilename), fuseConfig(platform));
}
