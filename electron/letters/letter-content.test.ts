/**
 * The letter read back as a bank clerk reads it: pdftotext over the PDF, the
 * printed hashes compared with hashes computed here independently.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../test/support/reference';
import { selfSignedCertificate } from '../ebics/crypto/keys';
import { buildInitialisationLetter, letterHash, type InitLetterData, type LetterKey } from './index';

const noPdftotext = spawnSync('pdftotext', ['-v']).error !== undefined;
if (noPdftotext && process.env.CI) throw new Error('pdftotext (poppler-utils) is required on CI');
if (noPdftotext) console.warn('Skipping letter read-back tests: pdftotext (poppler-utils) is not installed.');

const dir = mkdtempSync(join(tmpdir(), 'kontor-letter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pdfText(pdf: Uint8Array, name: string): string {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, pdf);
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
}

/** Independent of the product code: SHA-256 over "hex(e) hex(n)", lowercase, no leading zeros. */
function expectedPublicKeyHash(key: KeyObject): string {
  const jwk = key.export({ format: 'jwk' }) as { n: string; e: string };
  const hex = (b64url: string) => Buffer.from(b64url, 'base64url').toString('hex').replace(/^0+/, '');
  return createHash('sha256')
    .update(`${hex(jwk.e)} ${hex(jwk.n)}`)
    .digest('hex')
    .toUpperCase();
}

const flat = (s: string) => s.replace(/\s+/g, '');

function keysFor(bits: number, withCerts: boolean): LetterKey[] {
  const make = (purpose: LetterKey['purpose'], version: LetterKey['version']): LetterKey => {
    const pair = generateKeyPairSync('rsa', { modulusLength: bits });
    const certificate = withCerts
      ? selfSignedCertificate(pair, { commonName: 'KONTOR01 USER01', notBefore: new Date('2026-11-21'), notAfter: new Date('2027-11-21') })
      : undefined;
    return { purpose, version, publicKey: pair.publicKey, ...(certificate ? { certificate } : {}) };
  };
  return [make('signature', 'A006'), make('authentication', 'X002'), make('encryption', 'E002')];
}

const base = (ebicsVersion: 'H004' | 'H005', keys: LetterKey[], locale: 'de' | 'en' = 'de'): InitLetterData => ({
  locale,
  ebicsVersion,
  bankName: 'Sparkasse Köln',
  hostId: 'KONTORDEMO',
  hostUrl: 'https://ebics.example/ebicsweb',
  partnerId: 'KONTOR01',
  userId: 'USER01',
  customerName: 'Müller & Söhne GmbH',
  date: '2026-11-21',
  place: 'Düsseldorf',
  keys,
});

describe.skipIf(noPdftotext)('initialisation letter read back', () => {
  it.each([2048, 4096])('prints for EBICS 2.5 with %i-bit keys every key hash and modulus exactly, on as many pages as it takes', async (bits) => {
    const keys = keysFor(bits, false);
    const text = pdfText(await buildInitialisationLetter(base('H004', keys)), `h004-${bits}`);
    for (const key of keys) {
      const expected = expectedPublicKeyHash(key.publicKey);
      expect(letterHash(key, 'H004').replace(/ /g, '')).toBe(expected);
      expect(flat(text)).toContain(expected);
      const modulus = Buffer.from((key.publicKey.export({ format: 'jwk' }) as { n: string }).n, 'base64url')
        .toString('hex')
        .toUpperCase();
      expect(flat(text)).toContain(modulus);
    }
    for (const id of ['KONTORDEMO', 'KONTOR01', 'USER01', 'Müller & Söhne GmbH', 'Düsseldorf', 'Sparkasse Köln', '21.11.2026']) expect(text).toContain(id);
    // A hex pair is never split across lines.
    expect(text).not.toMatch(/\b[0-9A-F]\n\s*[0-9A-F]\b/);
  });

  it('prints for EBICS 3.0 the SHA-256 of each certificate', async () => {
    const keys = keysFor(2048, true);
    const text = pdfText(await buildInitialisationLetter(base('H005', keys)), 'h005');
    for (const key of keys) {
      const expected = createHash('sha256').update(key.certificate!).digest('hex').toUpperCase();
      expect(letterHash(key, 'H005').replace(/ /g, '')).toBe(expected);
      expect(flat(text)).toContain(expected);
    }
    expect(text).toMatch(/3\.0/);
  });

  it('speaks German or English', async () => {
    const keys = keysFor(2048, false);
    const de = pdfText(await buildInitialisationLetter(base('H004', keys, 'de')), 'de');
    const en = pdfText(await buildInitialisationLetter(base('H004', keys, 'en')), 'en');
    expect(de).toMatch(/Initialisierungsbrief/);
    expect(en).toMatch(/[Ii]nitiali[sz]ation letter/);
    expect(en).not.toMatch(/Initialisierungsbrief/);
    expect(flat(de)).toContain(expectedPublicKeyHash(keys[0]!.publicKey));
    expect(flat(en)).toContain(expectedPublicKeyHash(keys[0]!.publicKey));
  });

  const a4 = join(REFERENCE_DIR, 'kat', 'a4-ini-letter-node-ebics');
  it.skipIf(!existsSync(a4))('prints the hashes of the known-answer letter (../shared/kat/a4)', async () => {
    const expected = JSON.parse(readFileSync(join(a4, 'expected.json'), 'utf8')) as { keys: Record<string, { sha256HexUpper: string }> };
    const key = (name: string, purpose: LetterKey['purpose'], version: LetterKey['version']): LetterKey => ({
      purpose,
      version,
      publicKey: createPublicKey(readFileSync(join(a4, `${name}.public.pem`), 'utf8')),
    });
    const keys = [key('A006', 'signature', 'A006'), key('X002', 'authentication', 'X002'), key('E002', 'encryption', 'E002')];
    const text = flat(pdfText(await buildInitialisationLetter(base('H004', keys)), 'a4'));
    for (const name of ['A006', 'X002', 'E002']) expect(text).toContain(expected.keys[name]!.sha256HexUpper);
  });
});

describe('plain letters', () => {
  it('wraps long lines between words or hex pairs, never inside one', async () => {
    const { wrapLine } = await import('./text-letter');
    const hash = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(' ');
    const wrapped = wrapLine(`  Hash of the public key (EBICS 2.5):  ${hash}`, 60);
    expect(wrapped.every((l) => l.length <= 60)).toBe(true);
    expect(wrapped.join(' ').replace(/\s+/g, ' ')).toContain(hash);
    for (const l of wrapped.slice(1)) expect(l).toMatch(/^ {4}[0-9A-F]{2}( [0-9A-F]{2})*$/);
  });
});
