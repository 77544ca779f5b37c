import { describe, expect, it } from 'vitest';
import { ENGLISH, GERMAN, utf8, windows1252 } from './test-files';
import { decode } from './decode';
import { parseRecords } from './parse';
import { detectDecimal } from './readers';
import { detectSeparator, MAX_COLUMNS, sniff } from './sniff';

describe('reading a German ERP export', () => {
  it('decodes Windows-1252 umlauts, € and typographic quotes, and finds semicolons, the header after two metadata lines, decimal comma and dd.mm.yyyy', () => {
    const s = sniff(windows1252(GERMAN));
    expect(s.detected).toMatchObject({ encoding: 'windows-1252', bom: false, separator: ';', headerLine: 3, decimal: ',', dateFormat: 'dd.mm.yyyy' });
    expect(s.detected.metadataLines).toEqual(['Offene Posten Debitoren', 'Stichtag: 21.11.2026']);
    expect(s.columns).toEqual(['Belegnummer', 'Belegdatum', 'Fällig am', 'Kunde', 'Name', 'Betrag', 'Verwendungszweck']);
    expect(s.rows.map((r) => r.line)).toEqual([4, 5, 6]);
    expect(s.rows[0]!.cells[4]).toBe('Müller & Söhne GmbH');
    expect(s.rows[0]!.cells[6]).toBe('Rechnung RE-2026-001 „Büro“');
    expect(s.rows[1]!.cells[6]).toBe('Überweisung – 2 € Rabatt');
  });

  it('reads the same file as UTF-8 with and without BOM, the BOM not sticking to the first column', () => {
    for (const bom of [true, false]) {
      const s = sniff(utf8(GERMAN, bom));
      expect(s.detected).toMatchObject({ encoding: 'utf-8', bom, separator: ';', headerLine: 3 });
      expect(s.columns[0]).toBe('Belegnummer');
      expect(s.rows[1]!.cells[6]).toBe('Überweisung – 2 € Rabatt');
    }
  });

  it('reads ISO-8859-1 bytes (no € there) the same way', () => {
    const latin1 = Uint8Array.from(Buffer.from('Nr;Kunde;Betrag\n1;Jörg Weiß;1,00\n', 'latin1'));
    const s = sniff(latin1);
    expect(s.detected.encoding).toBe('windows-1252');
    expect(s.rows[0]!.cells[1]).toBe('Jörg Weiß');
  });

  it('decodes UTF-16 LE with BOM, as Excel saves "Unicode text" (tab-separated)', () => {
    const text = 'Rechnungsnummer\tBetrag\r\nR-1\t1,50\r\n';
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const s = sniff(bytes);
    expect(s.detected).toMatchObject({ encoding: 'utf-16le', separator: '\t' });
    expect(s.rows[0]!.cells).toEqual(['R-1', '1,50']);
  });

  it('leaves out a totals line at the end and reports it', () => {
    const s = sniff(utf8('Nr;Datum;Betrag\nR-1;01.01.2026;1,00\nR-2;02.01.2026;2,00\nSumme;;3,00\n'));
    expect(s.rows.map((r) => r.cells[0])).toEqual(['R-1', 'R-2']);
    expect(s.detected.footerLines).toEqual(['Summe ;  ; 3,00']);
  });

  it('refuses an Excel workbook and an empty file with words, not a crash', () => {
    expect(() => sniff(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow(/Excel workbook/);
    expect(() => sniff(utf8('  \r\n'))).toThrow(/empty/);
  });

  it('takes the header line, separator and decimal from the profile when given', () => {
    const s = sniff(utf8('a|b\nNr|Betrag\nR-1|1.000\n'), { separator: '|', headerLine: 2, decimal: '.' });
    expect(s.columns).toEqual(['Nr', 'Betrag']);
    expect(s.detected).toMatchObject({ separator: '|', headerLine: 2, decimal: '.' });
  });
});

describe('reading an English export', () => {
  it('finds commas, decimal point and ISO dates, with quoted commas, line breaks and "" escapes inside fields', () => {
    const s = sniff(utf8(ENGLISH));
    expect(s.detected).toMatchObject({ encoding: 'utf-8', separator: ',', headerLine: 1, decimal: '.', dateFormat: 'yyyy-mm-dd' });
    expect(s.detected.metadataLines).toEqual([]);
    expect(s.columns).toHaveLength(8);
    expect(s.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(s.rows[0]!.cells[4]).toBe('Smith, Jones & Co');
    expect(s.rows[1]!.cells[5]).toBe('1,000.00');
    expect(s.rows[1]!.cells[7]).toBe('Two lines,\nof reference');
    expect(s.rows[2]!.cells[7]).toBe('He said "pay"');
  });

  it('tells day-first from month-first slash dates by a part over 12', () => {
    const us = sniff(utf8('No,Date,Amount\nA,11/28/2026,1.00\nB,12/01/2026,2.00\n'));
    expect(us.detected.dateFormat).toBe('mm/dd/yyyy');
    const uk = sniff(utf8('No,Date,Amount\nA,28/11/2026,1.00\nB,01/12/2026,2.00\n'));
    expect(uk.detected.dateFormat).toBe('dd/mm/yyyy');
  });
});

describe('the CSV reader', () => {
  it('keeps separators and CRLF line breaks inside quotes, and counts physical lines', () => {
    const records = parseRecords('a;"b;c"\r\n"x\r\ny";z\r\nlast;"unclosed\n', ';');
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b;c'] },
      { line: 2, cells: ['x\ny', 'z'] },
      { line: 4, cells: ['last', 'unclosed\n'], unterminated: true },
    ]);
  });

  it('picks the semicolon over the comma in German files where every amount has a comma', () => {
    expect(detectSeparator('Nr;Betrag;Text\nR-1;1,00;a\nR-2;2,50;b\nR-3;3,75;c\n')).toBe(';');
    expect(detectSeparator('No,Amount,Text\nR-1,1.00,a\nR-2,2.50,"b;c"\n')).toBe(',');
  });

  it('decides the decimal separator from the values, not the separator alone', () => {
    expect(detectDecimal(['1.234,56', '12,00', '01.02.2026'], ',')).toBe(',');
    expect(detectDecimal(['1,234.56', '12.00'], ';')).toBe('.');
    expect(detectDecimal(['1.234', 'abc'], ';')).toBe(',');
  });

  it('decodes the Windows-1252 range 0x80–0x9F that ISO-8859-1 leaves empty', () => {
    expect(decode(Uint8Array.from([0x80, 0x84, 0x93, 0x96, 0xe4])).text).toBe('€„“–ä');
  });
});

describe('limits', () => {
  it('refuses a header of more than 1,000 columns (a one-line file of 400,000 cells, say) and reads one of 1,000', () => {
    const wide = (n: number) => utf8(`${Array.from({ length: n }, (_, k) => `Spalte ${k}`).join(';')}\n${Array.from({ length: n }, () => '1').join(';')}\n`);
    expect(sniff(wide(MAX_COLUMNS)).columns).toHaveLength(MAX_COLUMNS);
    expect(() => sniff(wide(MAX_COLUMNS + 1))).toThrow(/names 1001 columns/);
    expect(() => sniff(utf8('x;'.repeat(400_000)))).toThrow(expect.objectContaining({ code: 'import.tooManyColumns' }));
  });
});
