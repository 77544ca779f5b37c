import { constants, createHash, sign, verify, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, generateKeyPairAsync, type RsaKeyBits, type RsaKeyPair } from './keys';
import { orderDataDigest, signOrderData, stripForSignature } from './order-signature';
import { verifyOrderSignature } from './verify-order-signature';

const sha256 = (data: Buffer | string): Buffer => createHash('sha256').update(data).digest();
const order = Buffer.from('<?xml version="1.0"?>\r\n<Document>\r\n  <CstmrCdtTrfInitn>Zahlung &#228;</CstmrCdtTrfInitn>\r\n</Document>\r\n\x1a');

const sizes: RsaKeyBits[] = [2048, 3072, 4096];
const pairs = new Map<RsaKeyBits, RsaKeyPair>();

beforeAll(async () => {
  const generated = await Promise.all(sizes.map((bits) => generateKeyPairAsync(bits)));
  sizes.forEach((bits, i) => pairs.set(bits, generated[i] as RsaKeyPair));
});

function pair(bits: RsaKeyBits): RsaKeyPair {
  const p = pairs.get(bits);
  if (p === undefined) throw new Error(`no ${bits}-bit key`);
  return p;
}

describe.each(sizes)('order signatures with a %i-bit key', (bits) => {
  it('A005 verifies with the independent verifier and with OpenSSL, and is the modulus length', () => {
    const { privateKey, publicKey } = pair(bits);
    const signature = signOrderData(order, privateKey, 'A005');
    expect(signature).toHaveLength(bits / 8);
    expect(verifyOrderSignature(order, signature, publicKey, 'A005')).toBe(true);
    expect(verify('sha256', stripForSignature(order), { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)).toBe(true);
  });

  it('A006 verifies with the independent verifier and as PSS over SHA-256(data) with OpenSSL', () => {
    const { privateKey, publicKey } = pair(bits);
    const signature = signOrderData(order, privateKey, 'A006');
    expect(signature).toHaveLength(bits / 8);
    expect(verifyOrderSignature(order, signature, publicKey, 'A006')).toBe(true);
    const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    expect(verify('sha256', sha256(stripForSignature(order)), pss, signature)).toBe(true);
    // Not PSS over the data itself: the data is hashed first, then PSS hashes again.
    expect(verify('sha256', stripForSignature(order), pss, signature)).toBe(false);
  });

  it('a changed byte of the data fails both versions', () => {
    const { privateKey, publicKey } = pair(bits);
    const changed = Buffer.from(order);
    changed[30] = (changed[30] ?? 0) ^ 0x01;
    for (const version of ['A005', 'A006'] as const) {
      const signature = signOrderData(order, privateKey, version);
      expect(verifyOrderSignature(changed, signature, publicKey, version), version).toBe(false);
    }
  });

  it('a changed bit of the signature fails both versions', () => {
    const { privateKey, publicKey } = pair(bits);
    for (const version of ['A005', 'A006'] as const) {
      const signature = signOrderData(order, privateKey, version);
      signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0x01;
      expect(verifyOrderSignature(order, signature, publicKey, version), version).toBe(false);
    }
  });
});

describe('order signature details', () => {
  const { privateKey, publicKey } = generateKeyPair(2048);

  it('removes CR, LF and Ctrl-Z before hashing: "a\\r\\nb" and "ab" get the same A005 signature', () => {
    const withLineEnding = signOrderData(Buffer.from('a\r\nb\x1a'), privateKey, 'A005');
    expect(withLineEnding).toEqual(signOrderData(Buffer.from('ab'), privateKey, 'A005'));
    expect(withLineEnding).not.toEqual(signOrderData(Buffer.from('a b'), privateKey, 'A005'));
    const a006 = signOrderData(Buffer.from('a\r\nb'), privateKey, 'A006');
    expect(verifyOrderSignature(Buffer.from('ab'), a006, publicKey, 'A006')).toBe(true);
    expect(verifyOrderSignature(Buffer.from('a\nb\r'), a006, publicKey, 'A006')).toBe(true);
  });

  it('does not change the data it signs (the upload keeps the original bytes)', () => {
    const data = Buffer.from('x\r\ny');
    signOrderData(data, privateKey, 'A006');
    expect(data.toString()).toBe('x\r\ny');
    expect(stripForSignature(data).toString()).toBe('xy');
  });

  it('A006 uses a random salt, A005 is deterministic', () => {
    expect(signOrderData(order, privateKey, 'A006')).not.toEqual(signOrderData(order, privateKey, 'A006'));
    expect(signOrderData(order, privateKey, 'A005')).toEqual(signOrderData(order, privateKey, 'A005'));
  });

  it('fails with the wrong key', () => {
    const other = generateKeyPair(2048);
    for (const version of ['A005', 'A006'] as const) {
      expect(verifyOrderSignature(order, signOrderData(order, other.privateKey, version), publicKey, version), version).toBe(false);
    }
  });

  it('does not accept one version as the other', () => {
    expect(verifyOrderSignature(order, signOrderData(order, privateKey, 'A005'), publicKey, 'A006')).toBe(false);
    expect(verifyOrderSignature(order, signOrderData(order, privateKey, 'A006'), publicKey, 'A005')).toBe(false);
  });

  it('refuses signatures of the wrong length or not below the modulus', () => {
    const signature = signOrderData(order, privateKey, 'A005');
    expect(verifyOrderSignature(order, signature.subarray(1), publicKey, 'A005')).toBe(false);
    expect(verifyOrderSignature(order, Buffer.alloc(256, 0xff), publicKey, 'A006')).toBe(false);
    expect(verifyOrderSignature(order, Buffer.alloc(256), publicKey, 'A005')).toBe(false);
  });

  function forgeKey(key: KeyObject): forge.pki.rsa.PrivateKey {
    return forge.pki.privateKeyFromPem(key.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  }

  it("A005 equals node-forge's PKCS#1 v1.5 signature over the stripped data (third implementation)", () => {
    const md = forge.md.sha256.create();
    md.update(stripForSignature(order).toString('binary'));
    expect(signOrderData(order, privateKey, 'A005')).toEqual(Buffer.from(forgeKey(privateKey).sign(md), 'binary'));
  });

  it("the independent verifier accepts node-forge's A006 (PSS, MGF1-SHA-256, salt 32) signature", () => {
    const md = forge.md.sha256.create();
    md.update(sha256(stripForSignature(order)).toString('binary'));
    const pss = forge.pss.create({ md: forge.md.sha256.create(), mgf: forge.mgf.mgf1.create(forge.md.sha256.create()), saltLength: 32 });
    const signature = Buffer.from(forgeKey(privateKey).sign(md, pss), 'binary');
    expect(verifyOrderSignature(order, signature, publicKey, 'A006')).toBe(true);
  });

  it('the independent verifier insists on a 32-byte salt and PSS over SHA-256(data)', () => {
    const stripped = stripForSignature(order);
    const salt20 = sign('sha256', sha256(stripped), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 20 });
    expect(verifyOrderSignature(order, salt20, publicKey, 'A006')).toBe(false);
    const overData = sign('sha256', stripped, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    expect(verifyOrderSignature(order, overData, publicKey, 'A006')).toBe(false);
  });

  it('DataDigest is SHA-256 of the stripped order data, 32 bytes', () => {
    expect(orderDataDigest(order)).toEqual(sha256(stripForSignature(order)));
    expect(orderDataDigest(Buffer.from('a\r\nb'))).toEqual(sha256('ab'));
    expect(orderDataDigest(order)).toHaveLength(32);
  });
});
