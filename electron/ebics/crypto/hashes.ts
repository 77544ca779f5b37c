/**
 * Key hashes printed on the initialisation letter and sent in
 * `EncryptionPubKeyDigest` / `BankPubKeyDigests`.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { modExpOf } from './keys';

function hexWithoutLeadingZeros(bytes: Buffer): string {
  const hex = bytes.toString('hex').replace(/^0+/, '');
  return hex === '' ? '0' : hex;
}

/**
 * The ASCII text the H004 hash is computed over: `hex(exponent) + " " +
 * hex(modulus)`, lowercase, each without leading zeros (65537 is "10001").
 */
export function publicKeyHashInput(publicKey: KeyObject): string {
  const { modulus, exponent } = modExpOf(publicKey);
  return `${hexWithoutLeadingZeros(exponent)} ${hexWithoutLeadingZeros(modulus)}`;
}

/** H004 public-key hash: SHA-256 over publicKeyHashInput, 32 bytes. */
export function publicKeyHash(publicKey: KeyObject): Buffer {
  return createHash('sha256').update(publicKeyHashInput(publicKey), 'ascii').digest();
}

/** H005 certificate hash: SHA-256 over the certificate's DER bytes (not the PEM text). */
export function certificateHash(der: Buffer): Buffer {
  return createHash('sha256').update(der).digest();
}

/**
 * Bytes as the initialisation letter prints them: uppercase hex pairs
 * separated by single spaces, on one line (the layout of the reference letter,
 * e.g. "85 F0 4F ... FE 79" for a hash). Works for moduli too.
 */
export function formatHashForLetter(hash: Buffer): string {
  return Array.from(hash, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join(' ');
}

/** The form the XML carries (`EncryptionPubKeyDigest`, `BankPubKeyDigests`). */
export function hashToBase64(hash: Buffer): string {
  return hash.toString('base64');
}
