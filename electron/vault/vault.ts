/**
 * Subscriber keys per bank access, one keychain entry each. The vault never
 * logs, and its errors never quote what the keychain returned.
 */
import { KontorError } from '../../shared/errors';
import { keyBundleSchema, type KeyBundle } from './key-bundle';
import type { SecretStore } from './keychain';

export interface Vault {
  readonly backend: string;
  save(bankAccessId: string, bundle: KeyBundle): void;
  load(bankAccessId: string): KeyBundle | null;
  remove(bankAccessId: string): boolean;
  has(bankAccessId: string): boolean;
}

export function accountFor(bankAccessId: string): string {
  return `bank-access:${bankAccessId}`;
}

export function createVault(store: SecretStore): Vault {
  return {
    backend: store.backend,

    save(bankAccessId, bundle) {
      // A mismatch or a malformed bundle is a bug in the caller, not user input.
      if (bundle.bankAccessId !== bankAccessId) {
        throw new Error('Key bundle belongs to a different bank access than the one it is saved under.');
      }
      const valid = keyBundleSchema.parse(bundle);
      store.set(accountFor(bankAccessId), JSON.stringify(valid));
    },

    load(bankAccessId) {
      const text = store.get(accountFor(bankAccessId));
      if (text === null) return null;
      const bundle = parseBundle(text);
      if (bundle === null || bundle.bankAccessId !== bankAccessId) {
        throw new KontorError(
          'vault.corrupt',
          'The keys stored in the keychain for this bank access are damaged or were written by a newer ' +
            'version of Kontor. Import them again from a key file, or set up the bank access again.',
          { bankAccessId },
        );
      }
      return bundle;
    },

    remove(bankAccessId) {
      return store.delete(accountFor(bankAccessId));
    },

    has(bankAccessId) {
      return store.get(accountFor(bankAccessId)) !== null;
    },
  };
}

function parseBundle(text: string): KeyBundle | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const result = keyBundleSchema.safeParse(json);
  return result.success ? result.data : null;
}
