/**
 * Character encodings of statement files: the guess from the bank's country
 * and the bytes, decoding that does not depend on Node's TextDecoder (whose
 * Windows-1252 turns 0x80–0x9F into control characters on Node 20.20), and
 * the warning when the guess is uncertain.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeStatementText, decodeText, guessEncoding, type TextEncoding } from './encoding';
import { parseStatementBytes } from './parse';

const SAMPLES = join(import.meta.dirname, 'samples');

describe('encoding guess', () => {
  const cases: [string, TextEncoding, string | undefined][] = [
    ['Müller & Söhne, Straße, Gebühr 5 €', 'windows-1252', 'DE'],
    ['Müller & Söhne, Straße, Gebühr', 'cp437', 'DE'],
    ['Tranzakciós illeték, Fióktelep, őszi szállítás, fűtés', 'cp852', 'HU'],
    ['Tranzakciós illeték, Fióktelep, őszi szállítás, fűtés', 'cp852', undefined],
    ['OPŁATA ŚWINOUJŚCIE WEWNĘTRZNY PRZYCHODZĄCY', 'iso-8859-2', 'PL'],
    ['OPŁATA ŚWINOUJŚCIE WEWNĘTRZNY PRZYCHODZĄCY', 'windows-1250', 'PL'],
    ['Žluťoučký kůň úpěl ďábelské ódy', 'windows-1250', 'CZ'],
    ['Žluťoučký kůň úpěl ďábelské ódy', 'cp852', 'CZ'],
    ['Оплата по счету № 17 Иванов', 'windows-1251', 'RU'],
    ['„Rechnung“ – 100 €', 'windows-1252', 'DE'],
  ];
  for (const [text, encoding, country] of cases) {
    it(`reads ${encoding} text of a bank in ${country ?? 'an unknown country'}: ${text}`, () => {
      const bytes = iconv.encode(text, encoding);
      const guess = guessEncoding(bytes, country);
      expect(decodeText(bytes, guess.encoding)).toBe(text);
      expect(guess.certain).toBe(true);
    });
  }

  it('is uncertain when another code page reads the few bytes almost as well', () => {
    const guess = guessEncoding(iconv.encode('Caf\u00e9', 'windows-1252'));
    expect(guess.certain).toBe(false);
  });

  it('decodes Windows-1252 0x80–0x9F as the characters they are, not control characters (Node 20.20 regression)', () => {
    expect(decodeText(Buffer.from([0x80, 0x20, 0x84, 0x41, 0x93, 0x20, 0x96]), 'windows-1252')).toBe('€ „A“ –');
    expect(decodeStatementText(Buffer.from([0x84, 0x41, 0x93, 0x0a, 0xe2, 0x82, 0xac]), 'windows-1252')).toBe('„A“\n€');
  });
});

describe('encoding of statement files', () => {
  it('reads a CP852 file (Raiffeisen HU) by its country, without a warning', () => {
    const st = parseStatementBytes(readFileSync(join(SAMPLES, 'raiffeisen-hu.sta'))).statements[0]!;
    expect(st.encoding).toBe('cp852');
    expect(st.warnings).toEqual([]);
    expect(st.lines.map((l) => l.counterparty?.name)).toEqual(['Szőke és Fűzfa Kft.', 'Győri Könyvelő Bt.']);
  });

  it('reads a CP852 file whose account names no country by its bytes', () => {
    const text = [
      ':20:X',
      ':25:123456789',
      ':60F:C260311HUF0,00',
      ':61:260312C100,00NTRFNONREF',
      ':86:Számla kiegyenlítés, őszi szállítás, fűtés',
      ':62F:C260312HUF100,00',
      '-',
    ].join('\r\n');
    const st = parseStatementBytes(iconv.encode(text, 'cp852')).statements[0]!;
    expect(st.lines[0]!.remittance).toBe('Számla kiegyenlítés, őszi szállítás, fűtés');
    expect(st.encoding).toBe('cp852');
  });

  it('reads € and typographic quotes of a Windows-1252 file (PostFinance, Volksbank)', () => {
    const pf = parseStatementBytes(readFileSync(join(SAMPLES, 'postfinance.sta')));
    expect(pf.statements.map((s) => s.encoding)).toEqual(['windows-1252', 'windows-1252']);
    expect(pf.statements[0]!.lines[0]!.remittance).toBe('RECHNUNG „FRÜHLING“ 2026-117');
    const vb = parseStatementBytes(readFileSync(join(SAMPLES, 'volksbank.sta'))).statements[0]!;
    expect(vb.lines[0]!.remittance).toContain('12,50 € je Monat');
  });

  it('reads ISO-8859-2 (mBank) and marks an uncertain guess', () => {
    const mbank = parseStatementBytes(readFileSync(join(SAMPLES, 'mbank.sta'))).statements[0]!;
    expect(mbank.encoding).toBe('iso-8859-2');
    expect(mbank.lines[1]!.counterparty?.name).toBe('ŁÓDZKA SPÓŁKA HANDLOWA SP. Z O.O');
    const text = [':20:X', ':25:123456789', ':60F:C260311EUR0,00', ':61:260312C1,00NTRFNONREF', ':86:Caf\u00e9', ':62F:C260312EUR1,00', '-'].join('\n');
    const st = parseStatementBytes(iconv.encode(text, 'windows-1252')).statements[0]!;
    expect(st.lines[0]!.remittance).toBe('Café');
    expect(st.warnings).toContain('statement.encodingUncertain');
  });

  it('reads a camt file declared ISO-8859-1 with € at 0x80', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-1"?><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr><Stmt><Id>S</Id><Acct><Id><IBAN>DE89370400440532013000</IBAN></Id></Acct><Ntry><Amt Ccy="EUR">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-03-12</Dt></BookgDt><AddtlNtryInf>Gebühr 1 € „Test“</AddtlNtryInf></Ntry></Stmt></BkToCstmrStmt></Document>`;
    const st = parseStatementBytes(iconv.encode(xml, 'windows-1252')).statements[0]!;
    expect(st.lines[0]!.bookingText).toBe('Gebühr 1 € „Test“');
    expect(st.encoding).toBe('windows-1252');
  });
});
