/**
 * The readers of one statement-line field each, applied to a data row of a
 * bank CSV export: booking and value date, the amount in the mapping's mode
 * (signed, with a debit/credit mark, or separate debit and credit columns),
 * the counterparty's IBAN and BIC, texts and ids. Each reads its cells
 * through the mapping and records what is wrong in the row's errors, or
 * what was tolerated in its notes; `rows.ts` composes them.
 */
import type { BankCsvField, BankCsvMapping } from '../../../shared/bank-csv';
import type { BusinessDate } from '../../../shared/dates';
import { isValidIban, normalizeBic, normalizeIban } from '../../../shared/ids';
import { normalizeHeader } from '../../csv/columns';
import { AMOUNT_MISSING, amountField, dateField, MappedRow, textField } from '../../csv/fields';
import { readDate } from '../../csv/readers';
import type { Sniffed } from '../../csv/sniff';

/** What every row of one file is read against. */
export interface FileContext {
  mapping: BankCsvMapping;
  detected: Sniffed['detected'];
}

/** One row being read. */
export class BankRow extends MappedRow<BankCsvField> {
  /** Codes of what was tolerated (kept for the statement's notes). */
  readonly notes: string[] = [];
  /** The currency written with an amount, if any. */
  amountCurrency: string | null = null;
}

export const FIELD_WORDS: Record<BankCsvField, string> = {
  bookingDate: 'booking date',
  valueDate: 'value date',
  amount: 'amount',
  debit: 'debit amount',
  credit: 'credit amount',
  direction: 'debit/credit indicator',
  currency: 'currency',
  counterpartyName: 'counterparty name',
  counterpartyIban: 'counterparty IBAN',
  counterpartyBic: 'counterparty BIC',
  remittance: 'remittance information',
  bookingText: 'booking text',
  endToEndId: 'end-to-end id',
  mandateId: 'mandate reference',
  creditorId: 'creditor identifier',
  reference: 'reference',
};

/** The booking date; required when its column is mapped. */
export function bookingDate(f: FileContext, r: BankRow): BusinessDate | null {
  const whenEmpty = f.mapping.columns.bookingDate === null ? null : (['bankCsv.bookingDateMissing', 'The booking date is empty.'] as const);
  return dateField(r, 'bookingDate', f.detected.dateFormat, whenEmpty);
}

/** The value date; banks write value dates like 30 February, so one that cannot be read is noted and left out (the booking date is what counts). */
export function valueDate(f: FileContext, r: BankRow): BusinessDate | null {
  if (f.mapping.columns.valueDate === null) return null;
  const text = r.cell('valueDate');
  if (text === '') return null;
  try {
    return readDate(text, f.detected.dateFormat);
  } catch {
    r.notes.push('bankCsv.valueDateUnreadable');
    return null;
  }
}

function amountIn(f: FileContext, r: BankRow, field: 'amount' | 'debit' | 'credit', required: boolean): number | null {
  const a = amountField(r, field, f.detected.decimal, required ? AMOUNT_MISSING : null);
  if (a === null) return null;
  r.amountCurrency ??= a.currency;
  return a.cents;
}

const DEBIT_MARKS = new Set(['s', 'soll', 'd', 'dr', 'db', 'debit', 'debet', 'belastung', 'lastschrift', '-', '\u2212', 'minus', 'ausgang']);
const CREDIT_MARKS = new Set(['h', 'haben', 'c', 'cr', 'credit', 'gutschrift', '+', 'plus', 'eingang']);

/** −1 for money out, +1 for money in, null if the text says neither. */
export function readDirection(text: string): -1 | 1 | null {
  const v = text.trim().toLowerCase();
  const key = /^[+\-\u2212]$/.test(v) ? v : normalizeHeader(v);
  if (DEBIT_MARKS.has(key)) return -1;
  if (CREDIT_MARKS.has(key)) return 1;
  return null;
}

/** An absolute amount with a mark beside it saying which way the money went. */
function amountWithDirection(f: FileContext, r: BankRow): number | null {
  const abs = f.mapping.columns.amount === null ? null : amountIn(f, r, 'amount', true);
  const mark = r.cell('direction');
  const sign = readDirection(mark);
  if (f.mapping.columns.direction !== null && sign === null) {
    r.errors.add(
      'direction',
      'bankCsv.badDirection',
      mark === ''
        ? 'It does not say whether money came in or went out (S/H, Soll/Haben, D/C).'
        : `"${mark}" does not say whether money came in or went out (S/H, Soll/Haben, D/C).`,
      { value: mark },
    );
  }
  return abs !== null && sign !== null ? Math.abs(abs) * sign : null;
}

/** Separate debit and credit columns, one of them filled. */
function debitOrCredit(f: FileContext, r: BankRow): number | null {
  if (f.mapping.columns.debit === null || f.mapping.columns.credit === null) return null;
  const debit = amountIn(f, r, 'debit', false);
  const credit = amountIn(f, r, 'credit', false);
  const debitText = r.cell('debit');
  const creditText = r.cell('credit');
  if (debitText === '' && creditText === '') r.errors.add('debit', 'import.amountMissing', 'The amount is empty (neither debit nor credit is filled).');
  else if (debit !== null && credit !== null && debit !== 0 && credit !== 0) {
    r.errors.add('credit', 'bankCsv.debitAndCredit', 'Both the debit and the credit column are filled; only one may be.', {
      debit: debitText,
      credit: creditText,
    });
  } else if (debit !== null && debit !== 0) return -Math.abs(debit);
  else if (credit !== null && credit !== 0) return Math.abs(credit);
  else if (debit !== null || credit !== null) return 0;
  return null;
}

/** The signed amount in the mapping's mode: signed, with a direction column, or debit and credit columns. */
export function signedAmount(f: FileContext, r: BankRow): number | null {
  switch (f.mapping.amountMode) {
    case 'signed':
      return f.mapping.columns.amount === null ? null : amountIn(f, r, 'amount', true);
    case 'withDirection':
      return amountWithDirection(f, r);
    default:
      return debitOrCredit(f, r);
  }
}

/** The counterparty's IBAN without blanks; an old account number or a foreign format is kept as written (noted): the matcher just finds no IBAN in it. */
export function counterpartyIban(r: BankRow): string | null {
  const text = textField(r, 'counterpartyIban');
  if (text === null) return null;
  const iban = normalizeIban(text);
  if (!isValidIban(iban)) r.notes.push('bankCsv.counterpartyNotIban');
  return iban;
}

/** The counterparty's BIC in capitals, without blanks. */
export function counterpartyBic(r: BankRow): string | null {
  const text = textField(r, 'counterpartyBic');
  return text === null ? null : normalizeBic(text);
}

/** Placeholders banks write where an id is missing. */
const NO_ID = new Set(['notprovided', 'nonref', 'keineangabe', 'none']);

/** An identifier, null when empty or a bank's placeholder for none. */
export function idOf(r: BankRow, field: 'endToEndId' | 'mandateId' | 'creditorId' | 'reference'): string | null {
  const v = textField(r, field);
  return v === null || NO_ID.has(normalizeHeader(v)) ? null : v;
}
