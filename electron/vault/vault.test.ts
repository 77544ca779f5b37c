import { describe, expect, it } from 'vitest';
import { KontorError } from '../../shared/errors';
import { keyBundleSchema, type KeyBundle } from './key-bundle';
import { assertFitsBackend, memorySecretStore, WINDOWS_SECRET_LIMIT_BYTES } from './keychain';
import { testBundle } from './test-bundle';
import { accountFor, createVault } from './vault';

const bundle = testBundle('ba-1');

function kontorError(run: () => unknown): KontorError {
  try {
    run();
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw e;
  }
  throw new Error('expected a KontorError');
}

describe('vault', () => {
  it('saves, loads and removes a bundle under bank-access:<id>', () => {
    const store = memorySecretStore();
    const vault = createVault(store);

    expect(vault.has('ba-1')).toBe(false);
    expect(vault.load('ba-1')).toBeNull();

    vault.save('ba-1', bundle);
    expect(store.get('bank-access:ba-1')).not.toBeNull();
    expect(vault.has('ba-1')).toBe(true);
    expect(vault.load('ba-1')).toEqual(bundle);

    expect(vault.remove('ba-1')).toBe(true);
    expect(vault.remove('ba-1')).toBe(false);
    expect(vault.load('ba-1')).toBeNull();
  });

  it('keeps bank accesses apart', () => {
    const vault = createVault(memorySecretStore());
    const other = testBundle('ba-2');
    vault.save('ba-1', bundle);
    vault.save('ba-2', other);
    vault.remove('ba-1');
    expect(vault.load('ba-2')).toEqual(other);
  });

  it('keeps pending keys next to the active ones', () => {
    const vault = createVault(memorySecretStore());
    const renewed: KeyBundle = { ...bundle, pending: { signature: { ...bundle.keys.signature!, createdAt: '2026-02-01T08:00:00.000Z' } } };
    vault.save('ba-1', renewed);
    expect(vault.load('ba-1')?.pending?.signature).toEqual(renewed.pending?.signature);
  });

  it('refuses to save a bundle under another bank access', () => {
    const vault = createVault(memorySecretStore());
    expect(() => vault.save('ba-2', bundle)).toThrow(/different bank access/);
  });

  it('reports a damaged entry as vault.corrupt without quoting it', () => {
    const store = memorySecretStore();
    const vault = createVault(store);
    const secretish = bundle.keys.signature!.privateKeyPkcs8.slice(0, 40);
    store.set(accountFor('ba-1'), `{"format":"kontor-key-bundle","oops":"${secretish}"`);

    const error = kontorError(() => vault.load('ba-1'));
    expect(error.code).toBe('vault.corrupt');
    expect(JSON.stringify([error.message, error.params])).not.toContain(secretish);
  });

  it('reports valid JSON of the wrong shape as vault.corrupt', () => {
    const store = memorySecretStore();
    store.set(accountFor('ba-1'), JSON.stringify({ ...bundle, version: 2 }));
    expect(kontorError(() => createVault(store).load('ba-1')).code).toBe('vault.corrupt');
  });

  it('reports an entry filed under the wrong bank access as vault.corrupt', () => {
    const store = memorySecretStore();
    store.set(accountFor('ba-2'), JSON.stringify(bundle));
    expect(kontorError(() => createVault(store).load('ba-2')).code).toBe('vault.corrupt');
  });
});

describe('key bundle schema', () => {
  it('refuses a key version in the wrong slot', () => {
    const wrong = { ...bundle, keys: { ...bundle.keys, encryption: { ...bundle.keys.encryption!, kind: 'A006' } } };
    expect(keyBundleSchema.safeParse(wrong).success).toBe(false);
  });

  it('refuses PEM where DER base64 is expected', () => {
    const pem = `-----BEGIN PRIVATE KEY-----\n${bundle.keys.signature!.privateKeyPkcs8}\n-----END PRIVATE KEY-----`;
    const wrong = { ...bundle, keys: { signature: { ...bundle.keys.signature!, privateKeyPkcs8: pem } } };
    expect(keyBundleSchema.safeParse(wrong).success).toBe(false);
  });

  it('refuses local times where UTC instants are expected', () => {
    const wrong = { ...bundle, keys: { signature: { ...bundle.keys.signature!, createdAt: '2025-03-01T10:30:00+01:00' } } };
    expect(keyBundleSchema.safeParse(wrong).success).toBe(false);
  });

  it('refuses unknown fields instead of dropping them', () => {
    expect(keyBundleSchema.safeParse({ ...bundle, comment: 'x' }).success).toBe(false);
  });
});

describe('Windows size guard', () => {
  it('refuses a secret larger than Credential Manager holds, instead of truncating it', () => {
    const error = kontorError(() => assertFitsBackend('x'.repeat(WINDOWS_SECRET_LIMIT_BYTES + 1), 'win32'));
    expect(error.code).toBe('vault.tooLarge');
    expect(error.params).toEqual({ bytes: WINDOWS_SECRET_LIMIT_BYTES + 1, limit: WINDOWS_SECRET_LIMIT_BYTES });
  });

  it('counts bytes, not characters', () => {
    expect(() => assertFitsBackend('ä'.repeat(WINDOWS_SECRET_LIMIT_BYTES / 2), 'win32')).not.toThrow();
    expect(() => assertFitsBackend('ä'.repeat(WINDOWS_SECRET_LIMIT_BYTES / 2 + 1), 'win32')).toThrow(KontorError);
  });

  it('leaves other platforms alone', () => {
    expect(() => assertFitsBackend(JSON.stringify(bundle), 'linux')).not.toThrow();
    expect(() => assertFitsBackend(JSON.stringify(bundle), 'darwin')).not.toThrow();
  });
});
