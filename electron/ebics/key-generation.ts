/**
 * Subscriber keys in and out of the vault. The vault (OS keychain) is the only
 * place private keys are stored; this module turns a generated key set into a
 * key bundle and back, and creates a key set the way a bank access needs it.
 */
import { createPublicKey } from 'node:crypto';
import { KontorError } from '../../shared/errors';
import type { KeyBundle, KeySet } from '../vault/key-bundle';
import type { Vault } from '../vault/vault';
import { exportPrivateDer, generateKeyPairAsync, importPrivateDer, selfSignedCertificate, type RsaKeyBits } from './crypto/keys';
import type { OwnKey, SubscriberKeys } from './subscriber';

/** EBICS keys are valid for one year (EBICS.md, "Initialisation"). */
const KEY_LIFETIME_DAYS = 365;

export interface NewKeysOptions {
  bits: RsaKeyBits;
  signatureVersion: 'A005' | 'A006';
  /** Self-signed certificates: required for EBICS 3.0, harmless for 2.5. */
  withCertificates: boolean;
  subject: { commonName: string; organization?: string; country?: string };
  now: Date;
}

export interface DatedKeys {
  keys: SubscriberKeys;
  createdAt: string;
  expiresAt: string;
}

async function ownKey(o: NewKeysOptions, usage: 'signature' | 'authentication' | 'encryption', expires: Date): Promise<OwnKey> {
  const pair = await generateKeyPairAsync(o.bits);
  const certificate = o.withCertificates
    ? selfSignedCertificate(pair, { ...o.subject, notBefore: o.now, notAfter: expires, usage })
    : undefined;
  return { ...pair, ...(certificate ? { certificate } : {}) };
}

export async function generateSubscriberKeys(o: NewKeysOptions): Promise<DatedKeys> {
  const expires = new Date(o.now.getTime() + KEY_LIFETIME_DAYS * 86_400_000);
  const [signature, authentication, encryption] = await Promise.all([
    ownKey(o, 'signature', expires),
    ownKey(o, 'authentication', expires),
    ownKey(o, 'encryption', expires),
  ]);
  return {
    keys: { signature: { ...signature, version: o.signatureVersion }, authentication, encryption },
    createdAt: o.now.toISOString(),
    expiresAt: expires.toISOString(),
  };
}

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

export function saveNewKeys(vault: Vault, bankAccessId: string, d: DatedKeys): KeyBundle {
  const bundle: KeyBundle = { format: 'kontor-key-bundle', version: 1, bankAccessId, keys: toKeySet(d) };
  vault.save(bankAccessId, bundle);
  return bundle;
}

export function loadKeys(vault: Vault, bankAccessId: string): SubscriberKeys {
  const bundle = vault.load(bankAccessId);
  if (!bundle) {
    throw new KontorError('keys.missing', 'No keys for this bank access were found in the keychain. Import its key file or set it up again.', { bankAccessId });
  }
  return fromKeySet(bundle.keys);
}
