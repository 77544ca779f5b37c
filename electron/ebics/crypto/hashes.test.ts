import { createHash, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateHash, formatHashForLetter, hashToBase64, publicKeyHash, publicKeyHashInput } from './hashes';
import { generateKeyPair, publicKeyFromModExp, selfSignedCertificate } from './keys';
import { HAS_KAT, NO_KAT_MESSAGE, katJson, katText } from '../../../test/support/kat';

if (!HAS_KAT) console.warn(NO_KAT_MESSAGE);

interface KeyVector {
  hashInput: string;
  sha256Hex: string;
  sha256Base64: string;
  printedHash?: string;
}

describe.skipIf(!HAS_KAT)('public-key hash known answers (../shared/kat a1-a4)', () => {
  it('a1: hashes "10001 <modulus>" of a 1024-bit PEM key to the ebics-client-php value', () => {
    const v = katJson<KeyVector>('a1-pubkey-hash-ebics-client-php/expected.json');
    const key = createPublicKey(katText('a1-pubkey-hash-ebics-client-php/public.pem'));
    expect(publicKeyHashInput(key)).toBe(v.hashInput);
    expect(publicKeyHash(key).toString('hex')).toBe('e1955c3873327e1791aca42e350cea48196f7934648d48b60228eaf5d10ee0c4');
    expect(hashToBase64(publicKeyHash(key))).toBe('4ZVcOHMyfheRrKQuNQzqSBlveTRkjUi2Aijq9dEO4MQ=');
    expect(formatHashForLetter(publicKeyHash(key))).toBe('E1 95 5C 38 73 32 7E 17 91 AC A4 2E 35 0C EA 48 19 6F 79 34 64 8D 48 B6 02 28 EA F5 D1 0E E0 C4');
  });

  it('a2: strips the leading zero byte of exponent "010001" and of a signed modulus', () => {
    const modulusHex = katText('a2-pubkey-hash-libeufin/modulus.hex').trim();
    const exponentHex = katText('a2-pubkey-hash-libeufin/exponent.hex').trim();
    expect(exponentHex).toBe('010001');
    // As a Java-style signed array the modulus (high bit set) gains a 00 byte.
    const key = publicKeyFromModExp(Buffer.from(`00${modulusHex}`, 'hex'), Buffer.from(exponentHex, 'hex'));
    expect(publicKeyHash(key).toString('hex').toUpperCase()).toBe('7271D583B424A6DA0B7B22243BE2B88C6EA60F9F7611FD18BE2CE88B2103A941');
    expect(hashToBase64(publicKeyHash(key))).toBe('cnHVg7QkptoLeyIkO+K4jG6mD592Ef0YvizoiyEDqUE=');
    expect(publicKeyHash(createPublicKey(katText('a2-pubkey-hash-libeufin/public.pem')))).toEqual(publicKeyHash(key));
  });

  it('a3: gives the epics Base64 digests of four keys, from private and public keys alike', () => {
    const v = katJson<{ keys: Record<string, KeyVector> }>('a3-pubkey-hash-epics/expected.json');
    const expected: Record<string, string> = {
      'e002.pem': 'rwIxSUJAVEFDQ0sdYe+CybdspMllDG6ArNtdCzUbT1E=',
      'x002.pem': 'Jjcu97qg595PPn+0OvqBOBIskMIiStNYYXyjgWHeBhE=',
      'a006.pem': '9ay3tc+I3MgJBaroeD7XJfOtHcq7IR23fljWefl0dzk=',
      'bank_e.pem': 'dFAYe281vj9NB7w+VoWIdfHnjY9hNbZLbHsDOu76QAE=',
    };
    for (const [file, base64] of Object.entries(expected)) {
      const key = createPublicKey(katText(`a3-pubkey-hash-epics/${file}`));
      expect(publicKeyHashInput(key), file).toBe(v.keys[file]?.hashInput);
      expect(hashToBase64(publicKeyHash(key)), file).toBe(base64);
    }
  });

  it('a4: prints each hash exactly as the node-ebics INI/HIA letter does', () => {
    const v = katJson<{ keys: Record<string, KeyVector> }>('a4-ini-letter-node-ebics/expected.json');
    const letter = katText('a4-ini-letter-node-ebics/Letter_DE.html');
    // The letter's hash blocks, in order: A006 (INI), X002 and E002 (HIA).
    const printed = [...letter.matchAll(/Hash \(SHA-256\):<\/p>\s*<p>\s*<code>([^<]*)<\/code>/g)].map((m) => m[1]);
    expect(printed).toHaveLength(3);
    const names = ['A006', 'X002', 'E002'] as const;
    names.forEach((name, i) => {
      const hash = publicKeyHash(createPublicKey(katText(`a4-ini-letter-node-ebics/${name}.public.pem`)));
      expect(hash.toString('hex'), name).toBe(v.keys[name]?.sha256Hex);
      expect(formatHashForLetter(hash), name).toBe(printed[i]);
      expect(formatHashForLetter(hash), name).toBe(v.keys[name]?.printedHash);
    });
  });

  it('a4: the letter layout also reproduces the printed modulus', () => {
    const letter = katText('a4-ini-letter-node-ebics/Letter_DE.html');
    const modulus = letter.match(/Modulus \(2048 Bit\):<\/p>\s*<p>\s*<code>([^<]*)<\/code>/)?.[1];
    const v = katJson<{ keys: Record<string, { modulusHex: string }> }>('a4-ini-letter-node-ebics/expected.json');
    expect(formatHashForLetter(Buffer.from(v.keys.A006?.modulusHex ?? '', 'hex'))).toBe(modulus);
  });
});

describe('public-key hash', () => {
  it('uses lowercase hex without leading zeros, not "010001" or uppercase', () => {
    const { publicKey } = generateKeyPair(2048);
    const input = publicKeyHashInput(publicKey);
    expect(input).toMatch(/^10001 [1-9a-f][0-9a-f]{511}$/);
    expect(publicKeyHash(publicKey)).toEqual(createHash('sha256').update(input, 'ascii').digest());
    expect(publicKeyHash(publicKey)).not.toEqual(createHash('sha256').update(`0${input}`, 'ascii').digest());
  });

  it('strips a modulus whose first byte is below 0x10 to an odd number of hex digits', () => {
    const modulus = Buffer.alloc(256, 0xab);
    modulus[0] = 0x0c;
    const input = publicKeyHashInput(publicKeyFromModExp(modulus, Buffer.from([1, 0, 1])));
    expect(input.startsWith('10001 cab')).toBe(true);
    expect(input.length).toBe(6 + 511);
  });

  it('pads single-digit bytes to two characters in the letter layout', () => {
    expect(formatHashForLetter(Buffer.from([0x00, 0x0a, 0xff]))).toBe('00 0A FF');
  });
});

describe('certificate hash (H005)', () => {
  it('is SHA-256 over the DER bytes, not over the PEM text', () => {
    const pair = generateKeyPair(2048);
    const der = selfSignedCertificate(pair, { commonName: 'Test', notBefore: new Date('2025-01-01T00:00:00Z'), notAfter: new Date('2026-01-01T00:00:00Z') });
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
    expect(certificateHash(der)).toEqual(createHash('sha256').update(der).digest());
    expect(certificateHash(der)).not.toEqual(createHash('sha256').update(pem).digest());
    expect(certificateHash(der)).toHaveLength(32);
  });
});
