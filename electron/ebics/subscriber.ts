import type { KeyObject } from 'node:crypto';
import type { EbicsVersion } from './messages/versions';

/** One of the subscriber's own keys: the private half never leaves the main process. */
export interface OwnKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** DER X.509; required for EBICS 3.0 (H005), optional for 2.5. */
  certificate?: Buffer;
}

export interface SubscriberKeys {
  signature: OwnKey & { version: 'A005' | 'A006' };
  authentication: OwnKey;
  encryption: OwnKey;
}

/** The bank's keys after the user confirmed their hashes against the bank's letter. */
export interface TrustedBankKeys {
  authentication: KeyObject;
  encryption: KeyObject;
  /** What goes into BankPubKeyDigests: for H004 the public-key hash; for H005 per bank setting. */
  authenticationDigest: Buffer;
  encryptionDigest: Buffer;
}

export interface SubscriberIdentity {
  version: EbicsVersion;
  hostId: string;
  partnerId: string;
  userId: string;
  systemId?: string;
}
