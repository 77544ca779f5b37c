/**
 * The one door to the operating system's keychain. Everything else in Kontor
 * sees a SecretStore and never learns which keychain, if any, is behind it.
 *
 * Runs in the main process and the CLI; plain Node, no Electron.
 */
import { randomBytes } from 'node:crypto';
import { Entry, type EntryOptions } from '@napi-rs/keyring';
import { KontorError } from '../../shared/errors';
import { chunkedSecretStore } from './chunked-store';

export interface SecretStore {
  readonly backend: string;
  /** The secret, or null when there is no entry for this account. */
  get(account: string): string | null;
  set(account: string, secret: string): void;
  /** True when an entry was deleted, false when there was none. */
  delete(account: string): boolean;
}

export type KeychainProbe = { available: true; backend: string } | { available: false; backend: string; reason: string };

/**
 * Windows Credential Manager holds at most 2560 bytes per credential
 * (CRED_MAX_CREDENTIAL_BLOB_SIZE). Secrets are written as UTF-8 bytes, not
 * through setPassword, which stores UTF-16 and would halve that room.
 */
export const WINDOWS_SECRET_LIMIT_BYTES = 2560;

export function backendName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}

/**
 * On Linux the library silently falls back to the kernel keyring when no
 * Secret Service answers; that keyring forgets everything at reboot, so bank
 * keys would vanish. Pinning the store makes a missing Secret Service an error.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

export function openKeychain(service = 'Kontor'): SecretStore {
  const backend = backendName();

  // Every native failure (no D-Bus, locked keychain, user refused access, …)
  // becomes one clear error; there is deliberately no fallback storage.
  function run<T>(operation: (entry: Entry) => T, account: string): T {
    try {
      return operation(new Entry(service, account, ENTRY_OPTIONS));
    } catch (e) {
      throw unavailable(backend, reasonOf(e));
    }
  }

  const store: SecretStore = {
    backend,
    get(account) {
      // getSecret, not getPassword: it reads back the UTF-8 bytes set() wrote.
      const bytes = run((entry) => entry.getSecret(), account);
      return bytes === null ? null : Buffer.from(bytes).toString('utf8');
    },
    set(account, secret) {
      assertFitsBackend(secret);
      run((entry) => entry.setSecret(Buffer.from(secret, 'utf8')), account);
    },
    delete(account) {
      return run((entry) => entry.deleteCredential(), account);
    },
  };
  // Windows caps one credential below what a bank access's keys need.
  return process.platform === 'win32' ? chunkedSecretStore(store, WINDOWS_SECRET_LIMIT_BYTES) : store;
}

/** Writes, reads back and deletes a throwaway entry to see whether the keychain works. */
export function probeKeychain(service = 'Kontor'): KeychainProbe {
  const store = openKeychain(service);
  const account = `probe:${randomBytes(8).toString('hex')}`;
  const value = randomBytes(16).toString('hex');
  try {
    store.set(account, value);
    const readBack = store.get(account);
    store.delete(account);
    if (readBack !== value) {
      return { available: false, backend: store.backend, reason: 'The keychain did not return what was written.' };
    }
    return { available: true, backend: store.backend };
  } catch (e) {
    try {
      store.delete(account);
    } catch {
      // Already known to be broken; the first error is the one worth reporting.
    }
    const reason = e instanceof KontorError ? String(e.params['reason'] ?? e.message) : String(e);
    return { available: false, backend: store.backend, reason };
  }
}

/** Refuses a secret the platform cannot hold rather than letting it be cut short. */
export function assertFitsBackend(secret: string, platform: NodeJS.Platform = process.platform): void {
  if (platform !== 'win32') return;
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes > WINDOWS_SECRET_LIMIT_BYTES) {
    throw new KontorError(
      'vault.tooLarge',
      `These keys take ${bytes} bytes, but Windows Credential Manager holds at most ` + `${WINDOWS_SECRET_LIMIT_BYTES} bytes per entry. Nothing was saved.`,
      { bytes, limit: WINDOWS_SECRET_LIMIT_BYTES },
    );
  }
}

/**
 * In-memory SecretStore. TEST-ONLY: for unit tests of modules that take a
 * SecretStore. Never wire it into the app, it would lose keys on exit.
 */
export function memorySecretStore(backend = 'memory (test only)'): SecretStore {
  const entries = new Map<string, string>();
  return {
    backend,
    get: (account) => entries.get(account) ?? null,
    set: (account, secret) => {
      entries.set(account, secret);
    },
    delete: (account) => entries.delete(account),
  };
}

const HELP: Record<string, string> = {
  darwin: 'Unlock your login keychain (Keychain Access) and allow Kontor to use it, then try again.',
  win32: 'Sign in to Windows with your own user account (not a temporary or service profile), then try again.',
};
const LINUX_HELP =
  'Start and unlock a Secret Service keyring such as GNOME Keyring or KWallet (this normally happens ' + 'when you log in to your desktop), then try again.';

function unavailable(backend: string, reason: string): KontorError {
  return new KontorError(
    'vault.unavailable',
    `No OS keychain is available (${backend}), so bank keys can be neither stored nor read. ` +
      `Kontor keeps keys only in the keychain, never in a file. ${HELP[process.platform] ?? LINUX_HELP}`,
    { backend, reason },
  );
}

/**
 * The native message, kept for diagnosis. The keyring library's messages
 * describe the store ("unlock prompt was dismissed"), never the secret.
 */
function reasonOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).slice(0, 300);
}
