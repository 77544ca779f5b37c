// Which environment variables the Electron main process honours, as a pure
// function so tests under Node can check it. A packaged app is what users
// run: there a variable meant for development or tests would let whoever
// sets the environment load a web page with the full Kontor API
// (ELECTRON_RENDERER_URL), native code of their choice (KONTOR_SQLITE_BINDING)
// or swap the keychain entry the keys live under (KONTOR_KEYCHAIN_SERVICE).
//
// | variable | packaged app | development (`npm start`, `npm run dev`) |
// |---|---|---|
// | KONTOR_DATA_DIR | honoured: where the ledger lives (admins, the CLI beside the app) | honoured |
// | KONTOR_DEMO_BANK (`off`), KONTOR_DEMO_BANK_PORT | honoured: can only switch off or move the loopback demo bank | honoured |
// | ELECTRON_RENDERER_URL | ignored: the renderer is the packaged file | the dev server, loopback http(s) only |
// | KONTOR_SQLITE_BINDING | ignored: the binding in the app's own resources | the binding `npm start` built for Electron |
// | KONTOR_KEYCHAIN_SERVICE | ignored: always "Kontor" | honoured (tests keep off a real installation's keys) |
// | any other KONTOR_* (KONTOR_EBICS_SEGMENT_SIZE, KONTOR_CLOCK_OFFSET_DAYS, KONTOR_CLOCK_START, KONTOR_HOST_TOKEN, test switches) | removed from the environment before the services start | honoured where read |
import { join } from 'node:path';

/** Read by the packaged app as by development. */
export const PRODUCTION_VARIABLES = ['KONTOR_DATA_DIR', 'KONTOR_DEMO_BANK', 'KONTOR_DEMO_BANK_PORT'] as const;

/** The keychain service name of a real installation. */
export const KEYCHAIN_SERVICE = 'Kontor';

/**
 * Where the packager puts better-sqlite3's binding built for Electron,
 * relative to `process.resourcesPath` (native modules are unpacked from the
 * ASAR archive: electron/packaging/fuses.ts `ASAR_UNPACK`).
 */
export const PACKAGED_SQLITE_BINDING = join('app.asar.unpacked', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export interface DevEnvironment {
  /** The renderer's dev server; undefined: load the packaged index.html. */
  rendererUrl: string | undefined;
  /** better-sqlite3's native binding; undefined: the module's own. */
  sqliteBinding: string | undefined;
  keychainService: string;
  /** Variables set but ignored: the main process removes them from process.env before any service reads it. */
  ignored: string[];
}

function loopbackHttpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
    return (url.protocol === 'http:' || url.protocol === 'https:') && loopback ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function devEnvironment(env: NodeJS.ProcessEnv, o: { packaged: boolean; resourcesPath: string }): DevEnvironment {
  if (o.packaged) {
    const allowed = new Set<string>(PRODUCTION_VARIABLES);
    const ignored = Object.keys(env)
      .filter((name) => (name.startsWith('KONTOR_') && !allowed.has(name)) || name === 'ELECTRON_RENDERER_URL')
      .sort();
    return { rendererUrl: undefined, sqliteBinding: join(o.resourcesPath, PACKAGED_SQLITE_BINDING), keychainService: KEYCHAIN_SERVICE, ignored };
  }
  const rendererUrl = loopbackHttpUrl(env.ELECTRON_RENDERER_URL);
  return {
    rendererUrl,
    sqliteBinding: env.KONTOR_SQLITE_BINDING || undefined,
    keychainService: env.KONTOR_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE,
    ignored: env.ELECTRON_RENDERER_URL && !rendererUrl ? ['ELECTRON_RENDERER_URL'] : [],
  };
}
