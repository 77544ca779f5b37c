/**
 * `kontor ebics key-hash` / `cert-hash`: the hash of a bank's key or
 * certificate as its letter prints it, so an administrator can compare the
 * two before trusting the bank's keys. `source` names the file in messages.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { KontorError } from '../../shared/errors';
import { certificateHash, formatHashForLetter, hashToBase64, publicKeyHash } from '../ebics/crypto/hashes';

export interface LetterHash {
  kind: 'H004 public key hash' | 'H005 certificate hash';
  /** Uppercase hex, no spaces. */
  hex: string;
  /** As the letter prints it: hex pairs separated by spaces. */
  letter: string;
  /** As the EBICS messages carry it. */
  base64: string;
}

function described(kind: LetterHash['kind'], hash: Buffer): LetterHash {
  return { kind, hex: hash.toString('hex').toUpperCase(), letter: formatHashForLetter(hash), base64: hashToBase64(hash) };
}

/** A public key, or the public key inside a certificate: letters are checked against either. */
export function publicKeyHashOfPem(pem: string, source: string): LetterHash {
  let key: KeyObject;
  try {
    key = pem.includes('CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey(pem);
  } catch {
    throw new KontorError('cli.notAPublicKey', `${source} does not contain an RSA public key in PEM form.`);
  }
  if (key.asymmetricKeyType !== 'rsa') throw new KontorError('cli.notAPublicKey', `${source} does not contain an RSA public key.`);
  return described('H004 public key hash', publicKeyHash(key));
}

export function certificateHashOfPem(pem: string, source: string): LetterHash {
  let der: Buffer;
  try {
    der = new X509Certificate(pem).raw;
  } catch {
    throw new KontorError('cli.notACertificate', `${source} does not contain an X.509 certificate in PEM form.`);
  }
  return described('H005 certificate hash', certificateHash(der));
}
