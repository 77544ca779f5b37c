/**
 * RSA key pairs for the three EBICS subscriber keys (A005/A006, X002, E002),
 * their raw modulus/exponent form (H004 INI/HIA, HPB) and self-signed X.509
 * certificates (H005 INI/HIA).
 */
import {
  KeyObject,
  X509Certificate,
  createPrivateKey,
  createPublicKey,
  generateKeyPair as generateKeyPairCallback,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto';
import forge from 'node-forge';
import { KontorError } from '../../../shared/errors';

export type RsaKeyBits = 2048 | 3072 | 4096;

export interface RsaKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const ALLOWED_BITS: readonly number[] = [2048, 3072, 4096];

function checkBits(bits: number): void {
  if (!ALLOWED_BITS.includes(bits)) throw new RangeError(`RSA key size must be 2048, 3072 or 4096 bits, not ${bits}`);
}

/** A fresh RSA key pair with public exponent 65537. Blocks for up to a few seconds at 4096 bits. */
export function generateKeyPair(bits: RsaKeyBits): RsaKeyPair {
  checkBits(bits);
  return generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });
}

/** Same as generateKeyPair, on libuv's thread pool so the main process stays responsive. */
export function generateKeyPairAsync(bits: RsaKeyBits): Promise<RsaKeyPair> {
  checkBits(bits);
  return new Promise((resolvePair, reject) => {
    generateKeyPairCallback('rsa', { modulusLength: bits, publicExponent: 65537 }, (err, publicKey, privateKey) => {
      if (err) reject(err);
      else resolvePair({ privateKey, publicKey });
    });
  });
}

/** PKCS#8 DER, unencrypted (the vault encrypts at rest). */
export function exportPrivateDer(key: KeyObject): Buffer {
  if (key.type !== 'private') throw new TypeError('exportPrivateDer needs a private key');
  return key.export({ type: 'pkcs8', format: 'der' });
}

export function importPrivateDer(der: Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    throw new KontorError('ebics.badKey', 'The stored private key could not be read.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new KontorError('ebics.badKey', 'The stored private key is not an RSA key.');
  return key;
}

/** Big-endian unsigned bytes without leading zero bytes (at least one byte). */
function stripLeadingZeros(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  return bytes.subarray(i);
}

/**
 * Public key from its modulus and exponent as unsigned big-endian bytes (as
 * in H004's `ds:RSAKeyValue` or a Java-style signed array with a leading 00).
 */
export function publicKeyFromModExp(modulus: Buffer, exponent: Buffer): KeyObject {
  const n = stripLeadingZeros(modulus);
  const e = stripLeadingZeros(exponent);
  if (n.length === 0 || e.length === 0 || (n.length === 1 && n[0] === 0)) {
    throw new KontorError('ebics.badKey', 'The RSA public key has an empty modulus or exponent.');
  }
  try {
    return createPublicKey({ key: { kty: 'RSA', n: n.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
  } catch {
    throw new KontorError('ebics.badKey', 'The RSA public key could not be read.');
  }
}

/** Modulus and exponent, unsigned big-endian without leading zero bytes. Accepts a private key too. */
export function modExpOf(key: KeyObject): { modulus: Buffer; exponent: Buffer } {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  if (publicKey.asymmetricKeyType !== 'rsa') throw new KontorError('ebics.badKey', 'The key is not an RSA key.');
  const jwk = publicKey.export({ format: 'jwk' });
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new KontorError('ebics.badKey', 'The key is not an RSA key.');
  return {
    modulus: stripLeadingZeros(Buffer.from(jwk.n, 'base64url')),
    exponent: stripLeadingZeros(Buffer.from(jwk.e, 'base64url')),
  };
}

/** Size of the RSA modulus in bits (for the letter: "Modulus (2048 Bit)"). */
export function rsaKeyBits(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new KontorError('ebics.badKey', 'The key is not an RSA key.');
  return bits;
}

export type CertificateUsage = 'signature' | 'authentication' | 'encryption';

export interface CertificateOptions {
  commonName: string;
  organization?: string;
  /** ISO 3166 two-letter code, e.g. "DE". */
  country?: string;
  notBefore: Date;
  notAfter: Date;
  /** Positive serial number as hex; random 16 bytes when omitted. */
  serial?: string;
  /**
   * Which EBICS key this certificate carries: signature (A005/A006) gets
   * digitalSignature + nonRepudiation, authentication (X002) digitalSignature,
   * encryption (E002) keyEncipherment. Without it both digitalSignature and
   * keyEncipherment are set.
   */
  usage?: CertificateUsage;
}

function forgeKeys(pair: RsaKeyPair): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey } {
  const privatePem = pair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const publicPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    privateKey: forge.pki.privateKeyFromPem(privatePem) as forge.pki.rsa.PrivateKey,
    publicKey: forge.pki.publicKeyFromPem(publicPem) as forge.pki.rsa.PublicKey,
  };
}

function serialHex(serial: string | undefined): string {
  if (serial === undefined) {
    const bytes = randomBytes(16);
    bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01; // positive, and no leading zero byte to strip
    return bytes.toString('hex');
  }
  if (!/^[0-9a-fA-F]+$/.test(serial)) throw new RangeError('Certificate serial must be hexadecimal');
  let hex = serial.toLowerCase().replace(/^0+(?=.)/, '');
  if (hex.length % 2 === 1) hex = `0${hex}`;
  // A DER INTEGER with the high bit set would be negative: prepend a zero byte.
  if (parseInt(hex.slice(0, 2), 16) >= 0x80) hex = `00${hex}`;
  return hex;
}

function keyUsage(usage: CertificateUsage | undefined): Record<string, boolean | string> {
  switch (usage) {
    case 'signature':
      return { name: 'keyUsage', critical: true, digitalSignature: true, nonRepudiation: true };
    case 'authentication':
      return { name: 'keyUsage', critical: true, digitalSignature: true };
    case 'encryption':
      return { name: 'keyUsage', critical: true, keyEncipherment: true };
    default:
      return { name: 'keyUsage', critical: true, digitalSignature: true, keyEncipherment: true };
  }
}

/** Self-signed X.509 v3 certificate (SHA-256 with RSA) for an EBICS 3.0 key, as DER. */
export function selfSignedCertificate(pair: RsaKeyPair, options: CertificateOptions): Buffer {
  if (!(options.notAfter.getTime() > options.notBefore.getTime())) {
    throw new RangeError('Certificate notAfter must be later than notBefore');
  }
  if (options.commonName.trim() === '') throw new RangeError('Certificate commonName must not be empty');
  if (options.country !== undefined && !/^[A-Z]{2}$/.test(options.country)) {
    throw new RangeError('Certificate country must be a two-letter upper-case ISO code');
  }
  const keys = forgeKeys(pair);
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class; // typings mislabel the tag type
  const subject: forge.pki.CertificateField[] = [{ shortName: 'CN', value: options.commonName, valueTagClass: utf8 }];
  if (options.organization !== undefined) subject.push({ shortName: 'O', value: options.organization, valueTagClass: utf8 });
  if (options.country !== undefined) subject.push({ shortName: 'C', value: options.country });

  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = serialHex(options.serial);
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([{ name: 'basicConstraints', cA: false }, keyUsage(options.usage), { name: 'subjectKeyIdentifier' }]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
}

/** The public key inside a DER X.509 certificate. */
export function certificatePublicKey(der: Buffer): KeyObject {
  let key: KeyObject;
  try {
    key = new X509Certificate(der).publicKey;
  } catch {
    throw new KontorError('ebics.badCertificate', 'The X.509 certificate could not be read.');
  }
  if (key.asymmetricKeyType !== 'rsa') throw new KontorError('ebics.badCertificate', 'The certificate does not carry an RSA key.');
  return key;
}
