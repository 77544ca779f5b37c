/**
 * E002 encryption: a fresh 16-byte AES key per transaction, AES-128-CBC with
 * a zero IV and ANSI X9.23 padding for the order data, RSAES-PKCS1-v1_5 for
 * the transaction key.
 */
import { constants, createCipheriv, createDecipheriv, createPublicKey, publicEncrypt, randomBytes, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { KontorError } from '../../../shared/errors';

export const TRANSACTION_KEY_BYTES = 16;
const BLOCK = 16;
const ZERO_IV = Buffer.alloc(BLOCK);

/** A fresh random AES-128 key. Use one per transaction, never reuse it. */
export function newTransactionKey(): Buffer {
  return randomBytes(TRANSACTION_KEY_BYTES);
}

function checkKey(key: Buffer): void {
  if (key.length !== TRANSACTION_KEY_BYTES) throw new RangeError(`The transaction key must be ${TRANSACTION_KEY_BYTES} bytes, not ${key.length}`);
}

/**
 * AES-128-CBC, zero IV, ANSI X9.23 padding: always 1 to 16 pad bytes, zeros
 * followed by the pad length (a block-aligned input gets a whole pad block).
 */
export function aesEncrypt(data: Buffer, key: Buffer): Buffer {
  checkKey(key);
  const padLength = BLOCK - (data.length % BLOCK);
  const padding = Buffer.alloc(padLength);
  padding[padLength - 1] = padLength;
  const cipher = createCipheriv('aes-128-cbc', key, ZERO_IV);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(data), cipher.update(padding), cipher.final()]);
}

/**
 * Inverse of aesEncrypt. Lenient, as banks fill the pad with zeros or random
 * bytes: only the last byte (the pad length, 1..16) is read.
 */
export function aesDecrypt(data: Buffer, key: Buffer): Buffer {
  checkKey(key);
  if (data.length === 0 || data.length % BLOCK !== 0) {
    throw new KontorError('ebics.badEncryption', 'The encrypted data from the bank has an invalid length.', { length: data.length });
  }
  const decipher = createDecipheriv('aes-128-cbc', key, ZERO_IV);
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(data), decipher.final()]);
  const padLength = plain[plain.length - 1] ?? 0;
  if (padLength < 1 || padLength > BLOCK) {
    throw new KontorError('ebics.badEncryption', 'The data could not be decrypted: invalid padding (wrong transaction key?).');
  }
  return plain.subarray(0, plain.length - padLength);
}

/** RSAES-PKCS1-v1_5 encryption of the transaction key under the recipient's E002 public key. */
export function encryptTransactionKey(txKey: Buffer, recipientPublicKey: KeyObject): Buffer {
  checkKey(txKey);
  const key = recipientPublicKey.type === 'private' ? createPublicKey(recipientPublicKey) : recipientPublicKey;
  return publicEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, txKey);
}

/**
 * RSAES-PKCS1-v1_5 decryption of a transaction key with our E002 private key.
 * Done in JavaScript (node-forge): Node 20's OpenSSL refuses PKCS#1 v1.5
 * private decryption without --security-revert=CVE-2023-46809.
 */
export function decryptTransactionKey(encrypted: Buffer, privateKey: KeyObject): Buffer {
  if (privateKey.type !== 'private') throw new TypeError('decryptTransactionKey needs the private E002 key');
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  const modulusBytes = Math.ceil(forgeKey.n.bitLength() / 8);
  if (encrypted.length !== modulusBytes) {
    throw new KontorError('ebics.badEncryption', 'The encrypted transaction key has the wrong length for our encryption key.', { length: encrypted.length });
  }
  let decrypted: string;
  try {
    decrypted = forgeKey.decrypt(encrypted.toString('binary'), 'RSAES-PKCS1-V1_5');
  } catch {
    throw new KontorError('ebics.badEncryption', 'The transaction key could not be decrypted with our encryption key.');
  }
  const txKey = Buffer.from(decrypted, 'binary');
  if (txKey.length !== TRANSACTION_KEY_BYTES) {
    throw new KontorError('ebics.badEncryption', 'The decrypted transaction key has the wrong length.', { length: txKey.length });
  }
  return txKey;
}
