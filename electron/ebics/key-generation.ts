/**
 * A new key set of a subscriber: signature, authentication and encryption
 * keys, with self-signed certificates where the bank works with them. Where
 * the keys are kept is not the EBICS layer's business: the services store
 * them in the vault (services/bank-access/key-store.ts).
 */
import { generateKeyPairAsync, selfSignedCertificate, type RsaKeyBits } from './crypto/keys';
import type { OwnKey, SubscriberKeys } from './subscriber';

/** Subscriber keys are good for a year; Kontor renews them in their last 30 days. */
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
  const certificate = o.withCertificates ? selfSignedCertificate(pair, { ...o.subject, notBefore: o.now, notAfter: expires, usage }) : undefined;
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
