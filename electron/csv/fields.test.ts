import { describe, expect, it } from 'vitest';
import { AMOUNT_MISSING, amountField, columnIssues, currencyField, dateField, fieldIndexes, MappedRow, textField } from './fields';

type F = 'date' | 'amount' | 'currency' | 'text';
const FIELDS: readonly F[] = ['date', 'amount', 'currency', 'text'];
const COLUMNS = ['Datum', 'Betrag', 'Währung', 'Text'];
const mapped = { date: 'Datum', amount: 'Betrag', currency: 'Währung', text: 'Text' } as const;
const rowOf = (cells: string[]) => new MappedRow<F>(cells, fieldIndexes(FIELDS, mapped, COLUMNS), mapped);

describe('a row read through a mapping', () => {
  it('finds each mapped field’s column once, and leaves out fields that are not mapped or not in the file', () => {
    expect(fieldIndexes(FIELDS, { ...mapped, currency: null, text: 'Fehlt' }, COLUMNS)).toEqual({ date: 0, amount: 1 });
  });

  it('names a mapped column the file lacks and a required field without a column, in the import’s words', () => {
    const issues = columnIssues(FIELDS, { ...mapped, date: null, text: 'Fehlt' }, COLUMNS, ['date', 'amount'], (f) => `${f} field`);
    expect(issues).toEqual([
      { field: 'date', code: 'import.fieldNotMapped', message: 'Choose the column that holds the date field.' },
      { field: 'text', code: 'import.columnMissing', message: 'The file has no column "Fehlt" (mapped to the text field).', params: { column: 'Fehlt' } },
    ]);
  });

  it('reads a date and an amount in the file’s notation, and records a bad one as the field’s error with its column', () => {
    const good = rowOf([' 31.01.2026 ', '-1.234,56 EUR', '', '']);
    expect(dateField(good, 'date', 'dd.mm.yyyy')).toBe('2026-01-31');
    expect(amountField(good, 'amount', ',')).toEqual({ cents: -123456, currency: 'EUR' });
    expect(good.errors.list).toEqual([]);

    const bad = rowOf(['31.02.2026', '12,3,4', '', '']);
    expect(dateField(bad, 'date', 'dd.mm.yyyy')).toBeNull();
    expect(amountField(bad, 'amount', ',')).toBeNull();
    expect(bad.errors.list.map((e) => [e.field, e.column, e.code])).toEqual([
      ['date', 'Datum', 'import.badDate'],
      ['amount', 'Betrag', 'import.badAmount'],
    ]);
  });

  it('records an empty cell only where the import says it is required', () => {
    const row = rowOf(['', '', '', '']);
    expect(dateField(row, 'date', 'dd.mm.yyyy')).toBeNull();
    expect(row.errors.list).toEqual([]);
    expect(amountField(row, 'amount', ',', AMOUNT_MISSING)).toBeNull();
    expect(row.errors.list.map((e) => e.code)).toEqual(['import.amountMissing']);
  });

  it('takes the currency from its column, else from the amount, else the mapping’s; a contradiction is an error, an unreadable code only one', () => {
    expect(currencyField(rowOf(['', '', 'chf', '']), 'currency', 'EUR', null)).toBe('CHF');
    expect(currencyField(rowOf(['', '', '', '']), 'currency', 'EUR', 'USD')).toBe('USD');
    expect(currencyField(rowOf(['', '', '', '']), 'currency', 'EUR', null)).toBe('EUR');
    const conflict = rowOf(['', '', 'EUR', '']);
    currencyField(conflict, 'currency', 'EUR', 'USD');
    expect(conflict.errors.list.map((e) => [e.code, e.params])).toEqual([['import.currencyConflict', { value: 'USD', currency: 'EUR' }]]);
    const unreadable = rowOf(['', '', 'EURO', '']);
    currencyField(unreadable, 'currency', 'EUR', 'USD');
    expect(unreadable.errors.list.map((e) => e.code)).toEqual(['import.badCurrency']);
  });

  it('puts a text with line breaks on one line, and gives null for an empty one', () => {
    expect(textField(rowOf(['', '', '', ' Miete \n  Februar ']), 'text')).toBe('Miete Februar');
    expect(textField(rowOf(['', '', '', '  ']), 'text')).toBeNull();
  });
});
