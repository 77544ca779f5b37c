/** The subscriber's E002 key as the bank encrypts for it, and how the bank names it. */
import type { KeyObject } from 'node:crypto';
import { certificateHash, publicKeyHash } from '../../ebics/crypto/hashes';
import { keyFromDer, type SubscriberRow } from '../store/subscribers';
import { Refusal } from './codes';
import type { EbicsVersion } from './versions';

export interface EncryptionTarget {
  key: KeyObject;
  /** EncryptionPubKeyDigest: H004 the public-key hash, H005 the certificate hash (keys travel as certificates there). */
  digest: Buffer;
}

export function encryptionTarget(s: SubscriberRow, version: EbicsVersion): EncryptionTarget {
  if (!s.encryptionKeyDer) throw new Refusal('091002', 'no encryption key');
  const key = keyFromDer(s.encryptionKeyDer);
  const digest = version === 'H005' && s.encryptionCertificateDer ? certificateHash(s.encryptionCertificateDer) : publicKeyHash(key);
  return { key, digest };
}
