import { describe, expect, it } from 'vitest';
import { parseRecords } from './parse';

describe('splitting records', () => {
  it('ends records at CRLF, LF and CR alike within one file, counting physical lines', () => {
    const records = parseRecords('a;b\r\nc;d\ne;f\rg;h', ';');
    expect(records.map((r) => [r.line, ...r.cells])).toEqual([[1, 'a', 'b'], [2, 'c', 'd'], [3, 'e', 'f'], [4, 'g', 'h']]);
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
