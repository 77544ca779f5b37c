/**
 * Subscriber keys in and out of the vault. The vault (OS keychain) is the only
 * place private keys are stored; this module turns a generated key set into
 * the vault's key bundle and back into keys the EBICS client can use.
 */
import { createPublicKey } from 'node:crypto';
import { KontorError } from '../../../shared/errors';
import { exportPrivateDer, importPrivateDer } from '../../ebics/crypto/keys';
import type { DatedKeys } from '../../ebics/key-generation';
import type { OwnKey, SubscriberKeys } from '../../ebics/subscriber';
import type { KeySet } from '../../vault/key-bundle';
import type { Vault } from '../../vault/vault';

function stored<K extends 'A005' | 'A006' | 'X002' | 'E002'>(kind: K, k: OwnKey, createdAt: string, expiresAt: string) {
  return {
    kind,
    privateKeyPkcs8: exportPrivateDer(k.privateKey).toString('base64'),
    ...(k.certificate ? { certificate: k.certificate.toString('base64') } : {}),
    createdAt,
    expiresAt,
  };
}

export function toKeySet(d: DatedKeys): KeySet {
  return {
    signature: stored(d.keys.signature.version, d.keys.signature, d.createdAt, d.expiresAt),
    authentication: stored('X002', d.keys.authentication, d.createdAt, d.expiresAt),
    encryption: stored('E002', d.keys.encryption, d.createdAt, d.expiresAt),
  };
}

function restore(s: { privateKeyPkcs8: string; certificate?: string | undefined }): OwnKey {
  const privateKey = importPrivateDer(Buffer.from(s.privateKeyPkcs8, 'base64'));
  return {
    privateKey,
    publicKey: createPublicKey(privateKey),
    ...(s.certificate ? { certificate: Buffer.from(s.certificate, 'base64') } : {}),
  };
}

/** The usable key set of a bundle's current (or pending) slot. */
export function fromKeySet(set: KeySet | undefined): SubscriberKeys {
  if (!set?.signature || !set.authentication || !set.encryption) {
    throw new KontorError('keys.incomplete', 'The keys of this bank access are incomplete. Set up the bank access again or import its key file.');
  }
  return {
    signature: { ...restore(set.signature), version: set.signature.kind },
    authentication: restore(set.authentication),
    encryption: restore(set.encryption),
  };
}

export function loadKeys(vault: Vault, bankAccessId: string): SubscriberKeys {
  const bundle = vault.load(bankAccessId);
  if (!bundle) {
    throw new KontorError('keys.missing', 'No keys for this bank access were found in the keychain. Import its key file or set it up again.', { bankAccessId });
  }
  return fromKeySet(bundle.keys);
}
