import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvNumber, isFormulaLike, writeCsv } from './write';

const read = (text: string, delimiter: string) => parse(text, { delimiter, bom: true, relax_column_count: true }) as string[][];

describe('the CSV writer', () => {
  it('neutralises every formula start OWASP lists, with an apostrophe inside quotes, for both separators', () => {
    for (const sep of [',', ';'] as const) {
      for (const v of ['=1+1', '+1', '-cmd', '@SUM(A1)', '\tx', '\rx', '\nx', ' =1', '\u00a0=1', '＝1+1', '＠x', '＋1', '－1']) {
        expect(isFormulaLike(v)).toBe(true);
        expect(csvCell(v, sep)).toBe(`"'${v}"`);
      }
    }
  });

  it('quotes a text holding either separator, a quote, a line break, a tab or blanks at its ends, whatever the file separator', () => {
    for (const sep of [',', ';'] as const) {
      expect(csvCell('a,b', sep)).toBe('"a,b"');
      expect(csvCell('a;b', sep)).toBe('"a;b"');
      expect(csvCell('say "hi"', sep)).toBe('"say ""hi"""');
      expect(csvCell('two\nlines', sep)).toBe('"two\nlines"');
      expect(csvCell(' padded ', sep)).toBe('" padded "');
      expect(csvCell('Müller GmbH', sep)).toBe('Müller GmbH');
      expect(csvCell(null, sep)).toBe('');
    }
  });

  it('writes numbers Kontor formatted as numbers (a minus stays a minus) and refuses text posing as one', () => {
    expect(csvCell(csvNumber('-12,34'), ';')).toBe('-12,34');
    expect(csvCell(csvNumber('-12.34'), ',')).toBe('-12.34');
    expect(csvCell(csvNumber('-12,34'), ',')).toBe('"-12,34"');
    for (const bad of ['-1+1', '=1', '-cmd', '1 000', '', '--1', '1,2,3']) expect(() => csvNumber(bad)).toThrow(/plain decimal number/);
  });

  it('gives back every value through a real CSV parser, neutralised ones with their apostrophe', () => {
    const values = ['=HYPERLINK("http://x","y")', 'a;=1+1', 'b,=1+1', '"quoted"', 'x\r\ny', '-', '@', 'plain'];
    for (const sep of [',', ';'] as const) {
      const text = writeCsv([values, [csvNumber(sep === ';' ? '-1,00' : '-1.00'), 'x']], { separator: sep });
      expect(text.startsWith('\uFEFF')).toBe(true);
      const [row, second] = read(text, sep);
      expect(row).toEqual(values.map((v) => (isFormulaLike(v) ? `'${v}` : v)));
      expect(second).toEqual([sep === ';' ? '-1,00' : '-1.00', 'x']);
    }
  });
});
