import { describe, expect, it } from 'vitest';
import { evaluateFilter, FilterError, MAX_FILTER_DEPTH, parseFilter } from './filter';

const columns = ['Buchungstag', 'Buchungstext', 'Betrag', 'Verwendungszweck', 'Konto-Nr.', 'Währung'];
const format = { decimal: ',' as const, dateFormat: 'dd.mm.yyyy' as const };
const row = (date: string, text: string, amount: string, purpose = '') => [date, text, amount, purpose, '', 'EUR'];
const keeps = (filter: string, cells: string[], cols = columns) => evaluateFilter(parseFilter(filter, cols), cells, format);

function failure(filter: string, cols = columns): FilterError {
  try {
    parseFilter(filter, cols);
  } catch (e) {
    if (e instanceof FilterError) return e;
    throw e;
  }
  throw new Error(`"${filter}" parsed`);
}

describe('the filter language', () => {
  it('keeps direct debits going out: quoted and bare column names, contains, amounts in the file notation', () => {
    const f = `"Buchungstext" contains 'LASTSCHRIFT' and Betrag < 0`;
    expect(keeps(f, row('04.11.2026', 'SEPA-Lastschrift', '-89,90'))).toBe(true);
    expect(keeps(f, row('04.11.2026', 'SEPA-Lastschrift', '1.234,56'))).toBe(false);
    expect(keeps(f, row('04.11.2026', 'Gutschrift', '-5,00'))).toBe(false);
  });

  it('compares amounts as numbers, not as text, and negates with not', () => {
    const f = 'not (Betrag >= 100,00)';
    expect(keeps(f, row('01.11.2026', 'x', '99,99'))).toBe(true);
    expect(keeps(f, row('01.11.2026', 'x', '1.000,00'))).toBe(false); // "1.000,00" < "100,00" as text
    expect(keeps(f, row('01.11.2026', 'x', '100'))).toBe(false);
    expect(keeps('Betrag = -89,9', row('01.11.2026', 'x', '-89,90'))).toBe(true);
  });

  it('compares dates as dates, in the file format or ISO', () => {
    expect(keeps('Buchungstag >= 01.11.2026 and Buchungstag < 2026-12-01', row('30.11.2026', 'x', '1'))).toBe(true);
    expect(keeps('Buchungstag >= 01.11.2026', row('31.10.2026', 'x', '1'))).toBe(false);
    // As text "02.01.2027" < "31.12.2026"; as dates it is later.
    expect(keeps(`Buchungstag > '31.12.2026'`, row('02.01.2027', 'x', '1'))).toBe(true);
  });

  it('knows or, startsWith, != and <>, text compared without case, keywords in any case', () => {
    const f = `Verwendungszweck startsWith 're-' OR Buchungstext = 'entgelt'`;
    expect(keeps(f, row('01.11.2026', 'x', '1', 'RE-2026-001 Danke'))).toBe(true);
    expect(keeps(f, row('01.11.2026', 'ENTGELT', '1'))).toBe(true);
    expect(keeps(f, row('01.11.2026', 'Gutschrift', '1', 'Danke'))).toBe(false);
    expect(keeps(`Währung != 'usd' AND Währung <> 'CHF'`, row('01.11.2026', 'x', '1'))).toBe(true);
    expect(keeps(`waehrung = 'EUR'`, row('01.11.2026', 'x', '1'))).toBe(true);
    expect(keeps(`"Konto-Nr." = '' and Konto-Nr. = ''`, row('01.11.2026', 'x', '1'))).toBe(true);
  });

  it('reads quotes written twice inside texts and column names', () => {
    const cols = ['Say "hi"', 'Text'];
    expect(keeps(`"Say ""hi""" = 'it''s'`, ["it's", ''], cols)).toBe(true);
  });

  it('reports problems with their position', () => {
    expect(failure('Betrag <')).toMatchObject({ code: 'bankCsv.filterSyntax', position: 8 });
    expect(failure('Betrag < 0 Betrag')).toMatchObject({ code: 'bankCsv.filterSyntax', position: 11 });
    expect(failure('Betrag 0')).toMatchObject({ code: 'bankCsv.filterSyntax', position: 7 });
    expect(failure(`Kategorie = 'x'`)).toMatchObject({ code: 'bankCsv.filterUnknownColumn', position: 0 });
    expect(failure(`Betrag < 0 and "Saldo" > 1`)).toMatchObject({ code: 'bankCsv.filterUnknownColumn', position: 15 });
    expect(failure(`(Betrag < 0 or Betrag > 10`)).toMatchObject({ code: 'bankCsv.filterParenthesis', position: 0 });
    expect(failure(`Betrag < 0)`)).toMatchObject({ code: 'bankCsv.filterParenthesis', position: 10 });
    expect(failure(`Buchungstext = 'LASTSCHRIFT`)).toMatchObject({ code: 'bankCsv.filterUnterminated', position: 15 });
    expect(failure(`"Buchungstext = 'x'`)).toMatchObject({ code: 'bankCsv.filterUnterminated', position: 0 });
    expect(failure(`Betrag ; 0`)).toMatchObject({ code: 'bankCsv.filterSyntax', position: 7 });
    expect(failure('')).toMatchObject({ code: 'bankCsv.filterSyntax' });
    expect(failure('x'.repeat(501))).toMatchObject({ code: 'bankCsv.filterTooLong' });
  });

  it('treats constructor, __proto__ and toString as column names, nothing more', () => {
    expect(failure(`constructor = 'x'`)).toMatchObject({ code: 'bankCsv.filterUnknownColumn' });
    expect(failure(`"__proto__" = 'x'`)).toMatchObject({ code: 'bankCsv.filterUnknownColumn' });
    expect(failure(`toString contains 'x'`)).toMatchObject({ code: 'bankCsv.filterUnknownColumn' });
    const cols = ['constructor', '__proto__'];
    expect(keeps(`constructor = 'a' and "__proto__" = 'b'`, ['a', 'b'], cols)).toBe(true);
    expect(keeps(`constructor = 'a'`, ['z', 'b'], cols)).toBe(false);
  });

  it('refuses nesting beyond the limit, but allows it up to there', () => {
    const nested = (n: number) => `${'('.repeat(n)}Betrag < 0${')'.repeat(n)}`;
    expect(keeps(nested(MAX_FILTER_DEPTH), row('01.11.2026', 'x', '-1'))).toBe(true);
    expect(failure(nested(MAX_FILTER_DEPTH + 1))).toMatchObject({ code: 'bankCsv.filterTooDeep' });
    expect(failure(`${'not '.repeat(MAX_FILTER_DEPTH + 1)}Betrag < 0`)).toMatchObject({ code: 'bankCsv.filterTooDeep' });
    // Long flat chains are no nesting.
    const chain = Array.from({ length: 30 }, () => 'Betrag < 0').join(' and ');
    expect(keeps(chain, row('01.11.2026', 'x', '-1'))).toBe(true);
  });

  it('an empty or unreadable cell compares as text', () => {
    expect(keeps('Betrag < 0', row('01.11.2026', 'x', ''))).toBe(false);
    expect(keeps(`Betrag = ''`, row('01.11.2026', 'x', ''))).toBe(true);
  });
});
