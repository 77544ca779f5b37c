/**
 * The initialisation letter parsed back key by key (pdftotext -layout): the
 * hash printed under each key heading equals letterHash and a hash computed
 * here without the product's helpers; the modulus pairs printed under it,
 * joined, are the key's modulus; the certificate lines are its DER.
 */
import { spawnSync } from 'node:child_process';
import { createHash, createPublicKey, generateKeyPair as generateKeyPairCallback, type KeyObject } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../test/support/reference';
import { selfSignedCertificate, type RsaKeyPair } from '../ebics/crypto/keys';
import { DEFAULT_FONT_DIR, buildInitialisationLetter, letterHash, type InitLetterData, type LetterKey } from './index';

const NO_PDFTOTEXT = spawnSync('pdftotext', ['-v']).error !== undefined;
if (NO_PDFTOTEXT) {
  if (process.env.CI) throw new Error('pdftotext (poppler-utils) is required on CI to read the letters back');
  console.warn('Skipping the letter read-back tests: pdftotext (Debian: poppler-utils) is not installed.');
}

const A4_DIR = join(REFERENCE_DIR, 'kat', 'a4-ini-letter-node-ebics');
const HAS_A4 = existsSync(A4_DIR);
if (!HAS_A4) console.warn(`Skipping the a4 known-answer letter: ${A4_DIR} not found (the reference folder ../shared is missing).`);

const tmp = mkdtempSync(join(tmpdir(), 'kontor-init-letter-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let fileNo = 0;
function pdfText(pdf: Uint8Array): string {
  const file = join(tmp, `letter-${(fileNo += 1)}.pdf`);
  writeFileSync(file, pdf);
  const r = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr}`);
  return r.stdout;
}

async function pageCount(pdf: Uint8Array): Promise<number> {
  return (await PDFDocument.load(pdf)).getPageCount();
}

// ------------------------------------------------------- independent reference values

function jwkHex(key: KeyObject): { n: string; e: string } {
  const jwk = key.export({ format: 'jwk' });
  const hex = (v: unknown): string => BigInt(`0x${Buffer.from(String(v), 'base64url').toString('hex')}`).toString(16);
  return { n: hex(jwk.n), e: hex(jwk.e) };
}

/** SHA-256 over `hex(e) + " " + hex(n)`, lowercase without leading zeros; as uppercase pairs. */
function expectedKeyHash(key: KeyObject): string {
  const { n, e } = jwkHex(key);
  return pairs(createHash('sha256').update(`${e} ${n}`, 'ascii').digest('hex'));
}

function expectedCertificateHash(der: Buffer): string {
  return pairs(createHash('sha256').update(der).digest('hex'));
}

function pairs(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(' ');
}

function modulusPairs(key: KeyObject): string {
  const n = jwkHex(key).n;
  return pairs(n.length % 2 === 1 ? `0${n}` : n);
}

// ------------------------------------------------------- reading the letter back

const PAIR_LINE = /^\s*([0-9A-F]{2}(?: [0-9A-F]{2})+)\s*$/;
const BASE64_LINE = /^\s*([A-Za-z0-9+/]+={0,2})\s*$/;

interface PrintedKey {
  modulus: string;
  hash: string;
  hashLines: string[];
  certificateBase64: string;
  /** The key's block runs over a page break. */
  spansPages: boolean;
}

/** The block of the key whose heading ends in `(version)`: from that heading to the hash lines below it. */
function printedKey(text: string, version: string): PrintedKey {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.includes(`(${version})`));
  if (start < 0) throw new Error(`no heading for ${version} in the letter`);
  const hashLabel = lines.findIndex((l, i) => i > start && /\(SHA-256\):\s*$/.test(l));
  if (hashLabel < 0) throw new Error(`no hash label for ${version}`);
  const body = lines.slice(start + 1, hashLabel);
  const modulus = body.flatMap((l) => PAIR_LINE.exec(l)?.[1] ?? []).join(' ');
  const begin = body.findIndex((l) => l.includes('-----BEGIN CERTIFICATE-----'));
  const end = body.findIndex((l) => l.includes('-----END CERTIFICATE-----'));
  const certificateBase64 =
    begin < 0
      ? ''
      : body
          .slice(begin + 1, end)
          .flatMap((l) => BASE64_LINE.exec(l)?.[1] ?? [])
          .join('');
  const hashLines: string[] = [];
  for (const line of lines.slice(hashLabel + 1)) {
    const m = PAIR_LINE.exec(line);
    if (m === null) break;
    hashLines.push(m[1] ?? '');
  }
  return {
    modulus,
    hash: hashLines.join(' '),
    hashLines,
    certificateBase64,
    spansPages: lines.slice(start, hashLabel + hashLines.length + 1).some((l) => l.includes('\f')),
  };
}

// ------------------------------------------------------- fixtures

type Pairs = Record<'signature' | 'authentication' | 'encryption', RsaKeyPair>;

function newPair(bits: number): Promise<RsaKeyPair> {
  return new Promise((resolvePair, reject) => {
    generateKeyPairCallback('rsa', { modulusLength: bits, publicExponent: 65537 }, (err, publicKey, privateKey) =>
      err ? reject(err) : resolvePair({ publicKey, privateKey }),
    );
  });
}

async function newPairs(bits: number): Promise<Pairs> {
  const [signature, authentication, encryption] = await Promise.all([newPair(bits), newPair(bits), newPair(bits)]);
  if (!signature || !authentication || !encryption) throw new Error('key generation failed');
  return { signature, authentication, encryption };
}

function letterKeys(p: Pairs, withCertificates: boolean): LetterKey[] {
  const cert = (pair: RsaKeyPair, usage: 'signature' | 'authentication' | 'encryption'): Buffer =>
    selfSignedCertificate(pair, {
      commonName: 'Erika Müller',
      organization: 'Müller & Söhne GmbH',
      country: 'DE',
      notBefore: new Date('2026-11-21T00:00:00Z'),
      notAfter: new Date('2027-11-21T00:00:00Z'),
      usage,
    });
  const key = (purpose: LetterKey['purpose'], version: LetterKey['version']): LetterKey => ({
    purpose,
    version,
    publicKey: p[purpose].publicKey,
    ...(withCertificates ? { certificate: cert(p[purpose], purpose) } : {}),
  });
  return [key('signature', 'A006'), key('authentication', 'X002'), key('encryption', 'E002')];
}

function letterData(ebicsVersion: 'H004' | 'H005', keys: LetterKey[], extra: Partial<InitLetterData> = {}): InitLetterData {
  return {
    locale: 'de',
    ebicsVersion,
    bankName: 'Stadtsparkasse Düsseldorf',
    hostId: 'SSKDHOST',
    hostUrl: 'https://ebics.sparkasse-duesseldorf.example/ebicsweb/ebicsweb',
    partnerId: 'K4711PARTNER',
    userId: 'U0815USER',
    customerName: 'Müller & Söhne GmbH',
    date: '2026-11-21',
    place: 'Düsseldorf',
    keys,
    ...extra,
  };
}

let pairs2048: Pairs;
let pairs4096: Pairs;
beforeAll(async () => {
  [pairs2048, pairs4096] = await Promise.all([newPairs(2048), newPairs(4096)]);
}, 60_000);

// ------------------------------------------------------- tests

describe('letterHash', () => {
  it('is the SHA-256 public-key hash for EBICS 2.5 and the certificate hash for 3.0, as uppercase pairs', () => {
    const [key] = letterKeys(pairs2048, true);
    if (key === undefined) throw new Error('no key');
    expect(letterHash(key, 'H004')).toBe(expectedKeyHash(key.publicKey));
    expect(letterHash(key, 'H005')).toBe(expectedCertificateHash(key.certificate ?? Buffer.alloc(0)));
    expect(letterHash(key, 'H004')).toMatch(/^[0-9A-F]{2}( [0-9A-F]{2}){31}$/);
    expect(letterHash(key, 'H005')).not.toBe(letterHash(key, 'H004'));
  });

  it('refuses an EBICS 3.0 hash without a certificate', () => {
    const [key] = letterKeys(pairs2048, false);
    if (key === undefined) throw new Error('no key');
    expect(() => letterHash(key, 'H005')).toThrow(expect.objectContaining({ code: 'letters.certificateMissing' }));
  });
});

describe.skipIf(NO_PDFTOTEXT)('the letter read back with pdftotext', () => {
  it.each([2048, 4096] as const)('EBICS 2.5, %i-bit keys: exponent, every modulus pair and the hash of each key', async (bits) => {
    const p = bits === 2048 ? pairs2048 : pairs4096;
    const keys = letterKeys(p, false);
    const pdf = await buildInitialisationLetter(letterData('H004', keys));
    const text = pdfText(pdf);
    for (const key of keys) {
      const printed = printedKey(text, key.version);
      expect(printed.hash, key.version).toBe(letterHash(key, 'H004'));
      expect(printed.hash, key.version).toBe(expectedKeyHash(key.publicKey));
      // Never cut mid-pair, lines that fit: two lines of 16 pairs.
      expect(printed.hashLines.map((l) => l.split(' ').length)).toEqual([16, 16]);
      expect(printed.modulus, key.version).toBe(modulusPairs(key.publicKey));
      expect(printed.modulus.split(' ')).toHaveLength(bits / 8);
    }
    expect(text).toMatch(/Exponent \(24 Bit\):\s*\n\s*010001\s*\n/);
    expect(text).toContain(`Modulus (${bits} Bit):`);
    expect(text).toMatch(/EBICS-Version\s+2\.5 \(H004\)/);
    for (const s of ['SSKDHOST', 'K4711PARTNER', 'U0815USER', 'https://ebics.sparkasse-duesseldorf.example/ebicsweb/ebicsweb']) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/Kunde \/ Firma\s+Müller & Söhne GmbH/);
    expect(text).toContain('Düsseldorf, 21.11.2026');
    expect(text).toContain('Stadtsparkasse Düsseldorf');
    expect(text).toContain('Hiermit bestätige ich');
    // Each letter starts on its own page: INI, then HIA.
    const pages = text.split('\f');
    expect(pages[0]).toContain('INI-Brief');
    expect(pages[0]).toContain('(A006)');
    expect(pages.findIndex((page) => page.includes('HIA-Brief'))).toBeGreaterThan(0);
  });

  it('needs more pages for 4096-bit keys, and puts no key block in the page footer zone', async () => {
    const small = await buildInitialisationLetter(letterData('H004', letterKeys(pairs2048, false)));
    const large = await buildInitialisationLetter(letterData('H004', letterKeys(pairs4096, false)));
    expect(await pageCount(small)).toBe(3);
    expect(await pageCount(large)).toBeGreaterThan(await pageCount(small));
    const text = pdfText(large);
    // Every page of a letter is numbered and identified.
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(await pageCount(large));
    for (const page of pages) expect(page).toMatch(/Teilnehmer-ID U0815USER · Kunden-ID K4711PARTNER · SSKDHOST\s+Seite \d von \d/);
    expect(text).toContain('HIA-Brief (Fortsetzung)');
  });

  it('splits a 4096-bit modulus over a page break when the header is long, losing no pair', async () => {
    const keys = letterKeys(pairs4096, false);
    const hostUrl = `https://ebics.sparkasse-duesseldorf.example/${'a-very-long-path-segment/'.repeat(12)}ebicsweb`;
    const text = pdfText(await buildInitialisationLetter(letterData('H004', keys, { hostUrl })));
    const signature = printedKey(text, 'A006');
    expect(signature.spansPages).toBe(true);
    expect(signature.modulus).toBe(modulusPairs(pairs4096.signature.publicKey));
    expect(signature.hash).toBe(expectedKeyHash(pairs4096.signature.publicKey));
    expect(text).toContain('Öffentlicher Schlüssel für die elektronische Unterschrift (A006): Modulus (4096 Bit), Fortsetzung');
    // The wrapped URL comes back whole.
    expect(text.replace(/\n\s*/g, '')).toContain(hostUrl);
  });

  it('EBICS 3.0: the certificate in Base64 lines and its SHA-256 per key', async () => {
    const keys = letterKeys(pairs2048, true);
    const text = pdfText(await buildInitialisationLetter(letterData('H005', keys)));
    for (const key of keys) {
      const der = key.certificate ?? Buffer.alloc(0);
      const printed = printedKey(text, key.version);
      expect(printed.hash, key.version).toBe(letterHash(key, 'H005'));
      expect(printed.hash, key.version).toBe(expectedCertificateHash(der));
      expect(printed.certificateBase64, key.version).toBe(der.toString('base64'));
      expect(printed.modulus, key.version).toBe(''); // 3.0 shows the certificate, not the raw key
    }
    expect(text).toMatch(/EBICS-Version\s+3\.0 \(H005\)/);
    expect(text).toContain('Hashwert des Zertifikats (SHA-256):');
    expect(text).toContain('Inhaber: CN=Erika Müller, O=Müller & Söhne GmbH, C=DE');
    expect(text).toContain('Gültig vom 21.11.2026 bis 21.11.2027');
  });

  it('EBICS 3.0 with 4096-bit keys loses no certificate character over the page breaks', async () => {
    const keys = letterKeys(pairs4096, true);
    const pdf = await buildInitialisationLetter(letterData('H005', keys, { locale: 'en' }));
    const text = pdfText(pdf);
    for (const key of keys) {
      const printed = printedKey(text, key.version);
      expect(printed.certificateBase64).toBe((key.certificate ?? Buffer.alloc(0)).toString('base64'));
      expect(printed.hash).toBe(expectedCertificateHash(key.certificate ?? Buffer.alloc(0)));
    }
    expect(await pageCount(pdf)).toBeGreaterThan(3);
  });

  it('German and English differ in wording, not in keys', async () => {
    const keys = letterKeys(pairs2048, false);
    const de = pdfText(await buildInitialisationLetter(letterData('H004', keys, { locale: 'de' })));
    const en = pdfText(await buildInitialisationLetter(letterData('H004', keys, { locale: 'en' })));
    expect(de).not.toBe(en);
    for (const s of ['INI-Brief', 'HIA-Brief', 'Hiermit bestätige ich', 'Ort, Datum', 'Unterschrift', 'Datum', '21.11.2026']) expect(de).toContain(s);
    for (const s of ['Initialisation letter INI', 'Initialisation letter HIA', 'I hereby confirm', 'Place, date', 'Signature', '2026-11-21']) {
      expect(en).toContain(s);
      expect(de).not.toContain(s);
    }
    expect(en).not.toContain('Hiermit bestätige ich');
    expect(en).toContain('Düsseldorf, 2026-11-21');
    for (const key of keys) expect(printedKey(en, key.version).hash).toBe(printedKey(de, key.version).hash);
  });

  it('leaves the place/date line empty to fill in when no place is given', async () => {
    const text = pdfText(await buildInitialisationLetter(letterData('H004', letterKeys(pairs2048, false), { place: undefined })));
    expect(text).not.toContain(', 21.11.2026');
    expect(text).toMatch(/Ort, Datum\s+Name in Druckbuchstaben\s+Unterschrift/);
  });

  it.skipIf(!HAS_A4)('a4 known answer: the node-ebics letter keys give the hashes and moduli printed there', async () => {
    const expected = JSON.parse(readFileSync(join(A4_DIR, 'expected.json'), 'utf8')) as {
      keys: Record<string, { printedHash: string; modulusHex: string }>;
    };
    const key = (purpose: LetterKey['purpose'], version: LetterKey['version']): LetterKey => ({
      purpose,
      version,
      publicKey: createPublicKey(readFileSync(join(A4_DIR, `${version}.public.pem`), 'utf8')),
    });
    const keys = [key('signature', 'A006'), key('authentication', 'X002'), key('encryption', 'E002')];
    const text = pdfText(await buildInitialisationLetter(letterData('H004', keys)));
    for (const k of keys) {
      const vector = expected.keys[k.version];
      if (vector === undefined) throw new Error(`expected.json has no ${k.version}`);
      expect(letterHash(k, 'H004')).toBe(vector.printedHash);
      const printed = printedKey(text, k.version);
      expect(printed.hash).toBe(vector.printedHash);
      expect(printed.modulus).toBe(pairs(vector.modulusHex));
    }
  });
});

describe('building the letter', () => {
  it('embeds font subsets only (a few dozen KB, not the 1.8 MB of the font files)', async () => {
    const pdf = await buildInitialisationLetter(letterData('H004', letterKeys(pairs2048, false)), { fontDir: DEFAULT_FONT_DIR });
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(120_000);
  });

  it('reports a missing font folder', async () => {
    await expect(buildInitialisationLetter(letterData('H004', letterKeys(pairs2048, false)), { fontDir: join(tmp, 'no-fonts-here') })).rejects.toMatchObject({
      code: 'letters.fontMissing',
    });
  });

  it('refuses incomplete or inconsistent keys and data', async () => {
    const keys = letterKeys(pairs2048, false);
    const build = (data: InitLetterData) => buildInitialisationLetter(data);
    await expect(build(letterData('H004', keys.slice(0, 2)))).rejects.toMatchObject({ code: 'letters.missingKey' });
    await expect(build(letterData('H004', [...keys, keys[0] as LetterKey]))).rejects.toMatchObject({ code: 'letters.badKey' });
    const wrong = keys.map((k) => (k.purpose === 'authentication' ? { ...k, version: 'E002' as const } : k));
    await expect(build(letterData('H004', wrong))).rejects.toMatchObject({ code: 'letters.badKey' });
    await expect(build(letterData('H005', keys))).rejects.toMatchObject({ code: 'letters.certificateMissing' });
    const withCerts = letterKeys(pairs2048, true);
    const swapped = withCerts.map((k, i) => ({ ...k, certificate: withCerts[(i + 1) % 3]?.certificate }));
    await expect(build(letterData('H005', swapped))).rejects.toMatchObject({ code: 'letters.badCertificate' });
    await expect(build(letterData('H004', keys, { userId: '  ' }))).rejects.toMatchObject({ code: 'letters.missingField' });
    await expect(build(letterData('H004', keys, { date: '21.11.2026' }))).rejects.toThrow(RangeError);
  });
});
