import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seeded } from '../../test/bench/figure';
import { parseRecords } from './parse';

/** A well-formed CSV file (RFC 4180) from a seed: quoted fields with separators, quotes and line breaks, both line endings. */
function randomCsv(seed: number, separator: string): string {
  const rand = seeded(seed);
  const pieces = ['a', 'Müller', ' ', separator, '"', '\n', '\r\n', '€', '12,50', '', 'x y'];
  const rows: string[] = [];
  const count = 1 + Math.floor(rand() * 20);
  for (let r = 0; r < count; r++) {
    const cells: string[] = [];
    const width = 1 + Math.floor(rand() * 6);
    for (let c = 0; c < width; c++) {
      let cell = '';
      for (let k = Math.floor(rand() * 4); k > 0; k--) cell += pieces[Math.floor(rand() * pieces.length)];
      const needs = /["\r\n]/.test(cell) || cell.includes(separator) || cell === '' || rand() < 0.2;
      cells.push(needs ? `"${cell.replace(/"/g, '""')}"` : cell);
    }
    rows.push(cells.join(separator));
  }
  return rows.join(rand() < 0.5 ? '\r\n' : '\n') + (rand() < 0.5 ? '\r\n' : '');
}

describe('splitting records', () => {
  it('ends records at CRLF, LF and CR alike within one file, counting physical lines', () => {
    const records = parseRecords('a;b\r\nc;d\ne;f\rg;h', ';');
    expect(records.map((r) => [r.line, ...r.cells])).toEqual([
      [1, 'a', 'b'],
      [2, 'c', 'd'],
      [3, 'e', 'f'],
      [4, 'g', 'h'],
    ]);
  });

  it('keeps each record’s text as in the file, quotes and inner line breaks included', () => {
    const records = parseRecords('"a";"x\r\ny"\r\nz;w\r\n', ';', { raw: true });
    expect(records.map((r) => r.raw)).toEqual(['"a";"x\r\ny"', 'z;w']);
    expect(records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('gives the rest of the file to a quote never closed, with its raw text, after the records before it', () => {
    const records = parseRecords('a;b\r\nlast;"open\r\nmore;x\r\n', ';', { raw: true });
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'], raw: 'a;b' },
      { line: 2, cells: ['last', 'open\nmore;x\n'], unterminated: true, raw: 'last;"open\r\nmore;x\r\n' },
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parseRecords('12" Rohr;5\n', ';')[0]!.cells).toEqual(['12" Rohr', '5']);
  });

  it('stops after the records asked for', () => {
    expect(parseRecords('a\nb\nc\n', ';', { maxRecords: 2 })).toHaveLength(2);
  });
});

describe('the splitter against csv-parse', () => {
  it('gives the cells csv-parse gives on a thousand well-formed files (line breaks in cells as \\n)', () => {
    for (let seed = 1; seed <= 1000; seed++) {
      const separator = seed % 2 === 0 ? ';' : ',';
      const text = randomCsv(seed, separator);
      const oracle = (
        parse(text, { delimiter: separator, relax_column_count: true, record_delimiter: ['\r\n', '\n', '\r'], skip_empty_lines: false }) as string[][]
      ).map((r) => r.map((c) => c.replace(/\r\n|\r|\n/g, '\n')));
      expect(
        parseRecords(text, separator).map((r) => r.cells),
        `seed ${seed}: ${JSON.stringify(text)}`,
      ).toEqual(oracle);
    }
  });
});
