/**
 * A keychain stand-in in one JSON file, so a test and the child process it
 * kills see the same subscriber keys. Test only: the file lives in the run's
 * temporary folder and goes with it.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from '../../../electron/vault/keychain';

export function fileSecretStore(file: string): SecretStore {
  const read = (): Record<string, string> => (existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {});
  const write = (all: Record<string, string>) => {
    writeFileSync(`${file}.tmp`, JSON.stringify(all), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    backend: 'file (test only)',
    get: (account) => read()[account] ?? null,
    set: (account, secret) => write({ ...read(), [account]: secret }),
    delete: (account) => {
      const all = read();
      if (!(account in all)) return false;
      delete all[account];
      write(all);
      return true;
    },
  };
}
