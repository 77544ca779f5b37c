/** TEST-ONLY: realistic key bundles for the vault's tests. */
import { generateKeyPairSync } from 'node:crypto';
import type { KeyBundle, KeyKind, StoredKey } from './key-bundle';

function rsaKey<K extends KeyKind>(kind: K): StoredKey & { kind: K } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    kind,
    privateKeyPkcs8: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    createdAt: '2025-03-01T09:30:00.000Z',
    expiresAt: '2030-03-01T09:30:00.000Z',
  };
}

/** A bank access with signature, authentication and encryption keys, as after key generation. */
export function testBundle(bankAccessId: string): KeyBundle {
  return {
    format: 'kontor-key-bundle',
    version: 1,
    bankAccessId,
    keys: { signature: rsaKey('A006'), authentication: rsaKey('X002'), encryption: rsaKey('E002') },
  };
}

export function privateKeysOf(bundle: KeyBundle): string[] {
  return [bundle.keys, bundle.pending]
    .flatMap((set) => (set ? [set.signature, set.authentication, set.encryption] : []))
    .flatMap((key) => (key ? [key.privateKeyPkcs8] : []));
}
