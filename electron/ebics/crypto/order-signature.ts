/**
 * Electronic order signature (ES) over the order data: A005 (RSASSA-PKCS1-v1_5,
 * SHA-256) or A006 (RSASSA-PSS, SHA-256, MGF1-SHA-256, 32-byte salt, applied
 * to SHA-256 of the data). CR, LF and Ctrl-Z are removed before hashing; the
 * upload itself keeps the original bytes.
 */
import { constants, createHash, privateEncrypt, sign, type KeyObject } from 'node:crypto';

export type SignatureVersion = 'A005' | 'A006';

/** The order data without 0x0D, 0x0A and 0x1A: what the signature and DataDigest cover. */
export function stripForSignature(data: Buffer): Buffer {
  // Generated payment files have no line breaks at all: then the data is signed as it is, without a copy.
  let next = nextStripped(data, 0);
  if (next < 0) return data;
  const out = Buffer.allocUnsafe(data.length);
  let n = data.copy(out, 0, 0, next);
  for (let from = next + 1; from < data.length; from = next + 1) {
    next = nextStripped(data, from);
    const end = next < 0 ? data.length : next;
    n += data.copy(out, n, from, end);
    if (next < 0) break;
  }
  return out.subarray(0, n);
}

/** Index of the next CR, LF or Ctrl-Z at or after `from`, or −1. */
function nextStripped(data: Buffer, from: number): number {
  for (let i = from; i < data.length; i++) {
    const b = data[i]!;
    if (b === 0x0d || b === 0x0a || b === 0x1a) return i;
  }
  return -1;
}

function sha256(data: Buffer): Buffer {
  return createHash('sha256').update(data).digest();
}

/** H005 `DataDigest`: SHA-256 of the stripped order data, 32 bytes. */
export function orderDataDigest(data: Buffer): Buffer {
  return sha256(stripForSignature(data));
}

/** The raw signature value (modulus length) for `UserSignatureData/OrderSignatureData/SignatureValue`. */
export function signOrderData(data: Buffer, key: KeyObject, version: SignatureVersion): Buffer {
  if (key.type !== 'private') throw new TypeError('signOrderData needs the private signature key');
  const stripped = stripForSignature(data);
  switch (version) {
    case 'A005':
      return sign('sha256', stripped, { key, padding: constants.RSA_PKCS1_PADDING });
    case 'A006':
      // The PSS operation hashes its input again: PSS over SHA-256(data).
      return sign('sha256', sha256(stripped), { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    default:
      throw new RangeError(`Unsupported signature version ${String(version)}`);
  }
}

/** DER prefix of DigestInfo(SHA-256) for an RSASSA-PKCS1-v1_5 signature (RFC 8017, 9.2 note 1). */
const SHA256_DIGEST_INFO = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * The same signature as `signOrderData`, made from the order data's SHA-256
 * alone (`orderDataDigest`): what HVE and HVS sign, since the signer has the
 * digest the bank reports (HVD/HVZ), not the order file.
 */
export function signOrderDigest(digest: Buffer, key: KeyObject, version: SignatureVersion): Buffer {
  if (key.type !== 'private') throw new TypeError('signOrderDigest needs the private signature key');
  if (digest.length !== 32) throw new RangeError('signOrderDigest needs a 32-byte SHA-256 digest');
  switch (version) {
    case 'A005':
      return privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO, digest]));
    case 'A006':
      return sign('sha256', digest, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    default:
      throw new RangeError(`Unsupported signature version ${String(version)}`);
  }
}
