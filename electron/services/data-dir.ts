import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the ledger lives unless the user says otherwise. Electron, the CLI and
 * the browser host all use this one function so a scheduled `kontor` job sees
 * the same ledger as the window.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.KONTOR_DATA_DIR) return env.KONTOR_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Kontor');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Kontor');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'kontor');
}

export function databaseFileIn(dataDir: string): string {
  return join(dataDir, 'ledger.sqlite');
}
