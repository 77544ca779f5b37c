import { describe, expect, it } from 'vitest';
import { readAmount, readDate } from '../../csv/readers';
import { sniff } from '../../csv/sniff';
import { mappingIssues, readMethod, suggestMapping } from './mapping';
import { readType } from './type-values';
import { ENGLISH, GERMAN, utf8 } from '../../csv/test-files';

function suggestFor(text: string) {
  const s = sniff(utf8(text));
  return suggestMapping(s.columns.map((name, k) => ({ name, examples: s.rows.map((r) => r.cells[k] ?? '') })));
}

describe('the suggested mapping', () => {
  it('assigns German headers: Belegnummer, Belegdatum, Fällig am, Kunde (numbers below it), Name, Betrag, Verwendungszweck', () => {
    const m = suggestFor(GERMAN);
    expect(m.columns).toEqual({
      number: 'Belegnummer',
      statementDate: 'Belegdatum',
      dueDate: 'Fällig am',
      amount: 'Betrag',
      type: null,
      currency: null,
      accountNumber: 'Kunde',
      accountName: 'Name',
      paymentReference: 'Verwendungszweck',
      requestedMethod: null,
      mandateId: null,
      mandateDate: null,
      iban: null,
      bic: null,
    });
    // No type column: the account column says customers (Kunde), so receivables; never the sign.
    expect(m.type).toEqual({ from: 'constant', value: 'Debit' });
    expect(m.amountSign).toBe('absolute');
    expect(mappingIssues(m, sniff(utf8(GERMAN)).columns)).toEqual([]);
  });

  it('assigns English headers: Invoice no., Invoice date, Due date, Customer no., Customer name, Amount, Currency, Reference', () => {
    const m = suggestFor(ENGLISH);
    expect(m.columns).toMatchObject({
      number: 'Invoice no.',
      statementDate: 'Invoice date',
      dueDate: 'Due date',
      accountNumber: 'Customer no.',
      accountName: 'Customer name',
      amount: 'Amount',
      currency: 'Currency',
      paymentReference: 'Reference',
    });
  });

  it('reads "Kunde" as the name when the numbers have their own column, and Rechnungsnummer/Rechnungsdatum/Fälligkeit/Mandatsreferenz/Zahlungsart/Soll-Haben', () => {
    const m = suggestFor(
      'Rechnungsnummer;Rechnungsdatum;Fälligkeit;Kundennummer;Kunde;Soll/Haben;Betrag;Währung;Mandatsreferenz;Zahlungsart\n' +
        'R-1;01.02.2026;15.02.2026;10001;Beispiel AG;S;100,00;EUR;M-1;Lastschrift\n',
    );
    expect(m.columns).toMatchObject({
      number: 'Rechnungsnummer',
      statementDate: 'Rechnungsdatum',
      dueDate: 'Fälligkeit',
      accountNumber: 'Kundennummer',
      accountName: 'Kunde',
      type: 'Soll/Haben',
      amount: 'Betrag',
      currency: 'Währung',
      mandateId: 'Mandatsreferenz',
      requestedMethod: 'Zahlungsart',
    });
    expect(m.type).toEqual({ from: 'column', receivable: ['S'], payable: [] });
  });

  it('suggests "all payables" for a Kreditor list, and asks (never the sign) when amounts are negative or nothing names the kind', () => {
    expect(suggestFor('Belegnr;Datum;Kreditor;Betrag\nE-1;01.02.2026;70001;12,00\n').type).toEqual({ from: 'constant', value: 'Credit' });
    const signed = suggestFor('Invoice no,Date,Customer,Amount\nA,2026-01-01,C-1,12.00\nB,2026-01-01,C-1,-3.00\n');
    expect(signed.type).toEqual({ from: 'ask' });
    expect(signed.amountSign).toBe('signed');
    expect(suggestFor('Belegnr;Datum;Konto;Betrag\nE-1;01.02.2026;70001;12,00\n').type).toEqual({ from: 'ask' });
  });

  it('maps the values of a D/K column: D receivable, K payable; values Kontor does not know are left for the user', () => {
    const m = suggestFor('Belegnr;Datum;Konto;D/K;Betrag\nE-1;01.02.2026;70001;K;12,00\nE-2;01.02.2026;10001;D;1,00\nE-3;01.02.2026;10001;GS;1,00\n');
    expect(m.columns.type).toBe('D/K');
    expect(m.type).toEqual({ from: 'column', receivable: ['D'], payable: ['K'] });
    expect(readType('GS', { receivable: ['RE'], payable: ['gs'] })).toBe('Credit');
    expect(readType(' re ', { receivable: ['RE'], payable: ['GS'] })).toBe('Debit');
    // The user's values come before the words Kontor knows.
    expect(readType('S', { receivable: [], payable: ['S'] })).toBe('Credit');
  });

  it('names what is missing: required fields without a column and columns the file lacks', () => {
    const m = suggestFor('Foo;Bar\n1;2\n');
    const issues = mappingIssues({ ...m, columns: { ...m.columns, dueDate: 'Fällig' } }, ['Foo', 'Bar']);
    expect(issues.map((i) => `${i.field} ${i.code}`)).toEqual([
      'number import.fieldNotMapped',
      'statementDate import.fieldNotMapped',
      'dueDate import.columnMissing',
      'amount import.fieldNotMapped',
      'accountNumber import.fieldNotMapped',
      'type import.typeNotChosen',
    ]);
  });
});

describe('reading cells', () => {
  it('amounts in the file’s notation, refusing 12,3,4 and three decimals with the text in the message', () => {
    expect(readAmount('1.234,56', ',').cents).toBe(123456);
    expect(readAmount('1.234,56-', ',').cents).toBe(-123456);
    expect(readAmount('1,234.56', '.').cents).toBe(123456);
    expect(readAmount('12,00 EUR', ',')).toEqual({ cents: 1200, currency: 'EUR' });
    expect(() => readAmount('12,3,4', ',')).toThrow('Not a valid amount: "12,3,4" (decimal comma expected).');
    expect(readAmount('1,005', '.').cents).toBe(100500);
    expect(() => readAmount('1,005', ',')).toThrow(/more than two decimal places/);
  });

  it('dates in the detected format, refusing 31.02.2026 and ambiguous slashes in the wrong order', () => {
    expect(readDate('31.01.2026', 'dd.mm.yyyy')).toBe('2026-01-31');
    expect(readDate('31.01.2026 00:00:00', 'dd.mm.yyyy')).toBe('2026-01-31');
    expect(readDate('2026-01-31', 'dd.mm.yyyy')).toBe('2026-01-31');
    expect(readDate('01/31/2026', 'mm/dd/yyyy')).toBe('2026-01-31');
    expect(readDate('20260131', 'yyyymmdd')).toBe('2026-01-31');
    expect(() => readDate('31.02.2026', 'dd.mm.yyyy')).toThrow('Not a valid date: "31.02.2026" (expected dd.mm.yyyy).');
    expect(() => readDate('01/31/2026', 'dd/mm/yyyy')).toThrow(/Not a valid date/);
    expect(() => readDate('20260131', 'dd.mm.yyyy')).toThrow(/Not a valid date/);
  });

  it('types and payment methods from the words ERPs use', () => {
    expect(['S', 'Soll', 'Debit', 'D', '+', 'Forderung', 'Debitor'].map((v) => readType(v))).toEqual(Array(7).fill('Debit'));
    expect(['H', 'Haben', 'credit', 'CR', '-', 'Verbindlichkeit', 'K', 'Kreditor'].map((v) => readType(v))).toEqual(Array(8).fill('Credit'));
    expect(readType('X')).toBeNull();
    expect(['Lastschrift', 'SEPA', 'Überweisung', 'direct debit'].map(readMethod)).toEqual(Array(4).fill('sepa'));
    expect(readMethod('Bar')).toBe('other');
    expect(readMethod('Wechsel')).toBeNull();
  });
});
