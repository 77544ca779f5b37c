import { constants, createCipheriv, createDecipheriv, createPrivateKey, privateDecrypt, publicEncrypt, randomBytes } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { aesDecrypt, aesEncrypt, decryptTransactionKey, encryptTransactionKey, newTransactionKey } from './e002';
import { hashToBase64, publicKeyHash } from './hashes';
import { generateKeyPair } from './keys';
import { HAS_KAT, NO_KAT_MESSAGE, katBuffer, katJson, katText } from '../../../test/support/kat';
import { parseXml } from './xml';

if (!HAS_KAT) console.warn(NO_KAT_MESSAGE);

function elementText(xml: string, localName: string): string {
  const found = parseXml(xml).getElementsByTagNameNS('*', localName).item(0);
  if (found === null) throw new Error(`no ${localName}`);
  return found.textContent ?? '';
}

interface DecryptVector {
  transactionKeyHex: string;
  transactionKeyBase64: string;
  paddingBytesHex: string;
  compressedBytes: number;
  plaintextFile: string;
  encryptionPubKeyDigest: string;
}

describe.skipIf(!HAS_KAT)('E002 known answers (../shared/kat c1, c2)', () => {
  const cases = [
    { dir: 'c1-e002-decrypt-epics', response: 'hpb_response_ebics_ns.xml' },
    { dir: 'c2-e002-decrypt-node-ebics', response: 'HPB_response.xml' },
  ];
  for (const c of cases) {
    it(`${c.dir}: decrypts the transaction key and the order data of the HPB response, on plain Node`, () => {
      const v = katJson<DecryptVector>(`${c.dir}/expected.json`);
      const response = katText(`${c.dir}/${c.response}`);
      const key = createPrivateKey(katText(`${c.dir}/e002.private.pem`));
      expect(hashToBase64(publicKeyHash(key))).toBe(elementText(response, 'EncryptionPubKeyDigest'));
      expect(elementText(response, 'EncryptionPubKeyDigest')).toBe(v.encryptionPubKeyDigest);

      const txKey = decryptTransactionKey(Buffer.from(elementText(response, 'TransactionKey'), 'base64'), key);
      expect(txKey.toString('hex')).toBe(v.transactionKeyHex);
      expect(txKey.toString('base64')).toBe(v.transactionKeyBase64);

      const compressed = aesDecrypt(Buffer.from(elementText(response, 'OrderData'), 'base64'), txKey);
      expect(compressed).toHaveLength(v.compressedBytes);
      expect(inflateSync(compressed)).toEqual(katBuffer(`${c.dir}/${v.plaintextFile}`));
    });
  }

  it('c2: the pad bytes are random, not zeros, and are accepted', () => {
    const v = katJson<DecryptVector>('c2-e002-decrypt-node-ebics/expected.json');
    expect(v.paddingBytesHex).toBe('751e96db05');
  });
});

describe('E002 AES-128-CBC with X9.23 padding', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

  function decryptWithoutUnpadding(data: Buffer): Buffer {
    const decipher = createDecipheriv('aes-128-cbc', key, Buffer.alloc(16));
    decipher.setAutoPadding(false);
    return Buffer.concat([decipher.update(data), decipher.final()]);
  }

  function encryptWithoutPadding(plain: Buffer): Buffer {
    const cipher = createCipheriv('aes-128-cbc', key, Buffer.alloc(16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]);
  }

  it.each([
    [0, 16],
    [1, 15],
    [15, 1],
    [16, 16],
    [17, 15],
  ])('pads %i bytes with %i bytes: zeros, then the pad length', (length, padLength) => {
    const data = randomBytes(length);
    const encrypted = aesEncrypt(data, key);
    expect(encrypted.length).toBe(length + padLength);
    const plain = decryptWithoutUnpadding(encrypted);
    expect(plain.subarray(0, length)).toEqual(data);
    expect(plain.subarray(length)).toEqual(Buffer.concat([Buffer.alloc(padLength - 1), Buffer.from([padLength])]));
    expect(aesDecrypt(encrypted, key)).toEqual(data);
  });

  it('uses an all-zero IV (the first block equals AES-ECB of the first plaintext block)', () => {
    const data = Buffer.alloc(16, 0x41);
    const ecb = createCipheriv('aes-128-ecb', key, null);
    ecb.setAutoPadding(false);
    expect(aesEncrypt(data, key).subarray(0, 16)).toEqual(Buffer.concat([ecb.update(data), ecb.final()]));
  });

  it('decrypts leniently: random pad bytes before the length byte are ignored', () => {
    for (const padLength of [1, 5, 16]) {
      const data = randomBytes(32 - padLength);
      const padded = Buffer.concat([data, randomBytes(padLength - 1), Buffer.from([padLength])]);
      expect(padded.length % 16).toBe(0);
      expect(aesDecrypt(encryptWithoutPadding(padded), key)).toEqual(data);
    }
  });

  it('refuses a pad length of 0 or above 16, and a length that is not whole blocks', () => {
    for (const last of [0, 17, 255]) {
      const padded = Buffer.concat([randomBytes(31), Buffer.from([last])]);
      const e = (() => {
        try {
          aesDecrypt(encryptWithoutPadding(padded), key);
        } catch (err) {
          return err;
        }
        return null;
      })();
      expect(e).toBeInstanceOf(KontorError);
      expect((e as KontorError).code).toBe('ebics.badEncryption');
    }
    expect(() => aesDecrypt(Buffer.alloc(15), key)).toThrow(KontorError);
    expect(() => aesDecrypt(Buffer.alloc(0), key)).toThrow(KontorError);
  });

  it('round-trips random data of many lengths', () => {
    for (let length = 0; length < 70; length++) {
      const data = randomBytes(length);
      expect(aesDecrypt(aesEncrypt(data, key), key)).toEqual(data);
    }
  });

  it('gives a fresh 16-byte transaction key every time', () => {
    const keys = new Set(Array.from({ length: 50 }, () => newTransactionKey().toString('hex')));
    expect(keys.size).toBe(50);
    expect(newTransactionKey()).toHaveLength(16);
  });
});

describe('E002 transaction key under RSA PKCS#1 v1.5', () => {
  const { privateKey, publicKey } = generateKeyPair(2048);

  it('encrypts with the public key and decrypts with the private key on plain Node without flags', () => {
    expect(process.execArgv.join(' ')).not.toContain('security-revert');
    const txKey = newTransactionKey();
    const encrypted = encryptTransactionKey(txKey, publicKey);
    expect(encrypted).toHaveLength(256);
    expect(encryptTransactionKey(txKey, publicKey)).not.toEqual(encrypted); // random padding
    expect(decryptTransactionKey(encrypted, privateKey)).toEqual(txKey);
  });

  it('needs node-forge because OpenSSL refuses PKCS#1 v1.5 private decryption here (or it really is PKCS#1 v1.5)', () => {
    const encrypted = encryptTransactionKey(newTransactionKey(), publicKey);
    let nativeResult: Buffer | null = null;
    try {
      nativeResult = privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, encrypted);
    } catch (e) {
      expect(String(e)).toMatch(/RSA_PKCS1_PADDING|CVE-2023-46809/);
    }
    if (nativeResult !== null) expect(nativeResult).toEqual(decryptTransactionKey(encrypted, privateKey));
  });

  it('refuses a transaction key encrypted for another key', () => {
    const other = generateKeyPair(2048);
    const encrypted = encryptTransactionKey(newTransactionKey(), other.publicKey);
    expect(() => decryptTransactionKey(encrypted, privateKey)).toThrow(KontorError);
  });

  it('refuses a ciphertext of the wrong length and a plaintext that is not 16 bytes', () => {
    expect(() => decryptTransactionKey(Buffer.alloc(128), privateKey)).toThrow(KontorError);
    const twentyBytes = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, randomBytes(20));
    expect(() => decryptTransactionKey(twentyBytes, privateKey)).toThrow(/wrong length/);
  });
});
