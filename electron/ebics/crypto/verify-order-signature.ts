/**
 * Verification of A005/A006 order signatures, written independently of
 * order-signature.ts (no shared code): RSA public operation with BigInt and
 * the EMSA-PKCS1-v1_5 / EMSA-PSS decoding of RFC 8017 spelled out, so a bug
 * on the signing side cannot hide itself. Used by the demo bank and tests.
 * Not constant time, which does not matter for public-key operations.
 */
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

const HASH_LENGTH = 32;
const PSS_SALT_LENGTH = 32;
/** DER DigestInfo prefix for SHA-256 (RFC 8017, section 9.2, note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function hash(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return h.digest();
}

/** EBICS hashes the order data without CR, LF and Ctrl-Z. An indexed loop: 50 MB in tens of milliseconds. */
function withoutLineEndings(data: Buffer): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    if (b !== 13 && b !== 10 && b !== 26) out[n++] = b;
  }
  return out.subarray(0, n);
}

function toBigInt(bytes: Buffer): bigint {
  return bytes.length === 0 ? 0n : BigInt(`0x${bytes.toString('hex')}`);
}

/** I2OSP: big-endian, exactly `length` bytes; null when x does not fit. */
function toBytes(x: bigint, length: number): Buffer | null {
  const hex = x.toString(16);
  if (hex.length > length * 2) return null;
  return Buffer.from(hex.padStart(length * 2, '0'), 'hex');
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let b = base % modulus;
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % modulus;
    b = (b * b) % modulus;
    e >>= 1n;
  }
  return result;
}

interface RsaPublic {
  n: bigint;
  e: bigint;
  bits: number;
  bytes: number;
}

function rsaPublic(key: KeyObject): RsaPublic {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'RSA' || typeof jwk.n !== 'string' || typeof jwk.e !== 'string') throw new TypeError('Not an RSA public key');
  const n = toBigInt(Buffer.from(jwk.n, 'base64url'));
  const bits = n.toString(2).length;
  return { n, e: toBigInt(Buffer.from(jwk.e, 'base64url')), bits, bytes: Math.ceil(bits / 8) };
}

/** RSAVP1 (RFC 8017 5.2.2) followed by I2OSP into `emLength` bytes. */
function openSignature(signature: Buffer, key: RsaPublic, emLength: number): Buffer | null {
  if (signature.length !== key.bytes) return null;
  const s = toBigInt(signature);
  if (s >= key.n) return null;
  return toBytes(modPow(s, key.e, key.n), emLength);
}

/** RFC 8017 8.2.2 with EMSA-PKCS1-v1_5 encoding (9.2) of SHA-256(message). */
function verifyPkcs1(message: Buffer, signature: Buffer, key: RsaPublic): boolean {
  const em = openSignature(signature, key, key.bytes);
  if (em === null) return false;
  const t = Buffer.concat([SHA256_DIGEST_INFO, hash(message)]);
  const psLength = key.bytes - t.length - 3;
  if (psLength < 8) return false;
  const expected = Buffer.concat([Buffer.from([0x00, 0x01]), Buffer.alloc(psLength, 0xff), Buffer.from([0x00]), t]);
  return em.equals(expected);
}

/** MGF1 with SHA-256 (RFC 8017 B.2.1). */
function mgf1(seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  for (let counter = 0; blocks.length * HASH_LENGTH < length; counter++) {
    const c = Buffer.alloc(4);
    c.writeUInt32BE(counter);
    blocks.push(hash(seed, c));
  }
  return Buffer.concat(blocks).subarray(0, length);
}

/** RFC 8017 8.1.2 with EMSA-PSS-VERIFY (9.1.2), SHA-256, MGF1-SHA-256, 32-byte salt. */
function verifyPss(message: Buffer, signature: Buffer, key: RsaPublic): boolean {
  const emBits = key.bits - 1;
  const emLength = Math.ceil(emBits / 8);
  const em = openSignature(signature, key, emLength);
  if (em === null) return false;
  const mHash = hash(message);
  if (emLength < HASH_LENGTH + PSS_SALT_LENGTH + 2) return false;
  if (em[emLength - 1] !== 0xbc) return false;
  const dbLength = emLength - HASH_LENGTH - 1;
  const maskedDb = em.subarray(0, dbLength);
  const h = em.subarray(dbLength, dbLength + HASH_LENGTH);
  const unusedBits = 8 * emLength - emBits;
  const topMask = 0xff >> unusedBits;
  if (((maskedDb[0] ?? 0) & ~topMask & 0xff) !== 0) return false;
  const dbMask = mgf1(h, dbLength);
  const db = Buffer.alloc(dbLength);
  for (let i = 0; i < dbLength; i++) db[i] = (maskedDb[i] ?? 0) ^ (dbMask[i] ?? 0);
  db[0] = (db[0] ?? 0) & topMask;
  const psLength = emLength - HASH_LENGTH - PSS_SALT_LENGTH - 2;
  for (let i = 0; i < psLength; i++) if (db[i] !== 0) return false;
  if (db[psLength] !== 0x01) return false;
  const salt = db.subarray(dbLength - PSS_SALT_LENGTH);
  const hPrime = hash(Buffer.alloc(8), mHash, salt);
  return hPrime.equals(h);
}

/**
 * True when `signature` is a valid A005 or A006 signature of `data` (the
 * original order data; CR, LF and Ctrl-Z are removed here) under `publicKey`.
 */
export function verifyOrderSignature(data: Buffer, signature: Buffer, publicKey: KeyObject, version: 'A005' | 'A006'): boolean {
  const key = rsaPublic(publicKey);
  const stripped = withoutLineEndings(data);
  if (version === 'A005') return verifyPkcs1(stripped, signature, key);
  if (version === 'A006') return verifyPss(hash(stripped), signature, key);
  return false;
}
