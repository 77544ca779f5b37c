/**
 * Applies a mapping to every data row of a sniffed file: each row becomes the
 * entry it would be, or a list of what is wrong with it in words. Bad data
 * never throws here; a row passes exactly the validation of an entry typed
 * on screen (EntryInput and the rules of `entries.create`) plus the checks
 * only an import needs (duplicates within the file, unknown customers).
 */
import { compareDates } from '../../../shared/dates';
import { AccountInput, EntryInput } from '../../../shared/domain';
import type { ImportField, ImportMapping, ImportMappingIssue, ImportPreviewRow, ImportRowError } from '../../../shared/entry-import';
import { isKontorError } from '../../../shared/errors';
import { fieldWords, mappingIssues, readAmount, readCurrency, readDate, readMethod, readType } from './mapping';
import type { DataRow, Sniffed } from './sniff';
import { width } from './sniff';

/** What the preview needs from the ledger, for one business entity. */
export interface LedgerLookup {
  entityId: number;
  /** The entity's preferred bank account: new entries get it, as on screen. */
  preferredBankAccountId: number | null;
  account(number: string): { id: number; number: string; name: string } | undefined;
  entryExists(number: string): boolean;
  /** A mandate of this entity by its reference. */
  mandate(mandateId: string): { id: number; accountId: number } | undefined;
}

export interface PreviewResult {
  rows: ImportPreviewRow[];
  mappingIssues: ImportMappingIssue[];
  totals: { rows: number; ok: number; failed: number; newAccounts: number };
}

/** Stands in for the id of an account the commit will create, so EntryInput can check the rest. */
const NOT_YET_CREATED = Number.MAX_SAFE_INTEGER;

const MAX_LENGTH: Partial<Record<ImportField, number>> = { number: 35, paymentReference: 140, accountNumber: 35, accountName: 70 };

const ENTRY_FIELD: Record<string, ImportField> = {
  number: 'number',
  statementDate: 'statementDate',
  dueDate: 'dueDate',
  amountCents: 'amount',
  currency: 'currency',
  paymentReference: 'paymentReference',
  requestedMethod: 'requestedMethod',
  requestedInstrumentId: 'mandateId',
  accountId: 'accountNumber',
  type: 'type',
};
const ACCOUNT_FIELD: Record<string, ImportField> = { number: 'accountNumber', name: 'accountName' };

/** English words for the validation codes of the shared schemas. */
function schemaWords(code: string, field: ImportField | undefined): string {
  const what = field ? fieldWords(field) : 'value';
  switch (code) {
    case 'text.required':
      return `The ${what} is empty.`;
    case 'text.tooLong':
      return `The ${what} is too long (at most ${field ? MAX_LENGTH[field] ?? '' : ''} characters).`;
    case 'currency.invalid':
      return 'The currency must be a three-letter code such as EUR.';
    case 'amount.mustBePositive':
      return 'The amount must be greater than zero.';
    case 'amount.outOfRange':
      return 'The amount is too large.';
    case 'date.invalid':
      return `The ${what} is not a valid date.`;
    default:
      return `The ${what} is not accepted (${code}).`;
  }
}

type Draft = {
  errors: ImportRowError[];
  has(field: ImportField): boolean;
  add(field: ImportField | undefined, code: string, message: string, params?: Record<string, string | number>): void;
};

export function previewRows(sniffed: Sniffed, mapping: ImportMapping, lookup: LedgerLookup): PreviewResult {
  const { columns, detected } = sniffed;
  const index = new Map(columns.map((c, k) => [c, k]));
  const columnOf = (field: ImportField) => mapping.columns[field] ?? undefined;
  const signed = mapping.type.from === 'amountSign' || mapping.amountSign === 'signed';
  const firstLineOf = new Map<string, number>();
  const newAccounts = new Map<string, { kind: 'customer' | 'supplier'; number: string; name: string }>();

  const rowOf = (row: DataRow): ImportPreviewRow => {
    const cell = (field: ImportField): string => {
      const column = mapping.columns[field];
      const k = column === null ? undefined : index.get(column);
      return k === undefined ? '' : (row.cells[k] ?? '').trim();
    };
    const values: Record<string, string> = {};
    for (const [field, column] of Object.entries(mapping.columns)) if (column !== null) values[field] = cell(field as ImportField);

    const errors: ImportRowError[] = [];
    const draft: Draft = {
      errors,
      has: (field) => errors.some((e) => e.field === field),
      add(field, code, message, params) {
        const column = field ? columnOf(field) : undefined;
        errors.push({ ...(field ? { field } : {}), ...(column ? { column } : {}), code, message, ...(params ? { params } : {}) });
      },
    };

    if (row.unterminated) draft.add(undefined, 'import.unterminatedQuote', 'A quoted value starts in this row and is never closed; the rest of the file was read as part of it.');
    if (width(row.cells) > columns.length) {
      draft.add(undefined, 'import.extraCells', `This row has ${width(row.cells)} values, but the header names only ${columns.length} columns.`, {
        count: width(row.cells),
        expected: columns.length,
      });
    }

    // Type, part 1: from a column or a constant.
    let type: 'Debit' | 'Credit' | null = null;
    if (mapping.type.from === 'constant') type = mapping.type.value;
    else if (mapping.type.from === 'column') {
      const text = cell('type');
      if (text === '') draft.add('type', 'import.typeMissing', 'It does not say whether this is a receivable or a payable.');
      else {
        type = readType(text);
        if (type === null) {
          draft.add('type', 'import.badType', `"${text}" does not say receivable or payable (Debit/Credit, Soll/Haben, S/H, +/− are understood).`, { value: text });
        }
      }
    }

    // Amount, and with it the type when the sign decides.
    let magnitude: number | null = null;
    let amountCurrency: string | null = null;
    const amountText = cell('amount');
    if (amountText === '') draft.add('amount', 'import.amountMissing', 'The amount is empty.');
    else {
      try {
        const { cents, currency } = readAmount(amountText, detected.decimal);
        amountCurrency = currency;
        if (cents === 0) draft.add('amount', 'import.amountZero', 'The amount is zero: there is nothing to pay or collect.');
        else if (mapping.type.from === 'amountSign') {
          type = cents > 0 ? 'Debit' : 'Credit';
          magnitude = Math.abs(cents);
        } else if (!signed && cents < 0) {
          draft.add('amount', 'import.amountNegative', `The amount ${amountText} is negative, but the mapping says amounts are without sign. Choose "signed amounts" or "from the amount's sign".`, {
            value: amountText,
          });
        } else if (signed && type !== null && (cents > 0) !== (type === 'Debit')) {
          draft.add(
            'amount',
            'import.amountSignConflict',
            `The sign of ${amountText} contradicts the type (${type === 'Debit' ? 'receivable' : 'payable'}): receivables are positive, payables negative.`,
            { value: amountText },
          );
        } else magnitude = Math.abs(cents);
      } catch (e) {
        if (!isKontorError(e)) throw e;
        draft.add('amount', e.code, e.message, e.params);
      }
    }

    // Dates.
    const dateOf = (field: 'statementDate' | 'dueDate'): string | null => {
      const text = cell(field);
      if (text === '') {
        if (field === 'statementDate') draft.add(field, 'import.statementDateMissing', 'The document date is empty.');
        return null;
      }
      try {
        return readDate(text, detected.dateFormat);
      } catch (e) {
        if (!isKontorError(e)) throw e;
        draft.add(field, e.code, e.message, e.params);
        return null;
      }
    };
    const statementDate = dateOf('statementDate');
    const dueDate = dateOf('dueDate');
    if (statementDate && dueDate && compareDates(dueDate, statementDate) < 0) {
      draft.add('dueDate', 'entry.dueBeforeStatement', 'The due date lies before the document date.');
    }

    // Currency: the column, else a code written with the amount, else the mapping's.
    let currency = mapping.currency;
    const currencyText = cell('currency');
    if (currencyText !== '') {
      const code = readCurrency(currencyText);
      if (code === null) draft.add('currency', 'import.badCurrency', `"${currencyText}" is not a currency code such as EUR.`, { value: currencyText });
      else currency = code;
    } else if (amountCurrency) currency = amountCurrency;
    if (amountCurrency && currency !== amountCurrency && !draft.has('currency')) {
      draft.add('currency', 'import.currencyConflict', `The amount is written in ${amountCurrency}, but the currency says ${currency}.`, { value: amountCurrency, currency });
    }

    // The customer or supplier.
    let accountId: number | null = null;
    let account: { number: string; name: string } | undefined;
    let newAccount: { kind: 'customer' | 'supplier'; number: string; name: string } | undefined;
    const accountNumber = cell('accountNumber');
    if (accountNumber === '') draft.add('accountNumber', 'import.accountNumberMissing', 'The customer or supplier number is empty.');
    else {
      const known = lookup.account(accountNumber);
      if (known) {
        accountId = known.id;
        account = { number: known.number, name: known.name };
      } else {
        const name = cell('accountName');
        if (!mapping.createAccounts) {
          draft.add('accountNumber', 'import.unknownAccount', `There is no customer or supplier with the number "${accountNumber}". Create it first, or let the import create unknown ones from the name column.`, {
            number: accountNumber,
          });
        } else if (name === '') {
          draft.add('accountNumber', 'import.unknownAccountNoName', `There is no customer or supplier with the number "${accountNumber}", and no name to create it with.`, {
            number: accountNumber,
          });
        } else {
          const planned = newAccounts.get(accountNumber) ?? { kind: type === 'Credit' ? 'supplier' : 'customer', number: accountNumber, name };
          const checked = AccountInput.safeParse({ kind: planned.kind, number: planned.number, name: planned.name });
          if (checked.success) {
            newAccount = planned;
            account = { number: planned.number, name: planned.name };
          } else {
            for (const issue of checked.error.issues) {
              const field = ACCOUNT_FIELD[String(issue.path[0])];
              if (field && !draft.has(field)) draft.add(field, issue.message, schemaWords(issue.message, field));
            }
          }
        }
      }
    }

    // The mandate to collect with, and the payment method.
    let instrumentId: number | null = null;
    const mandateText = cell('mandateId');
    if (mandateText !== '') {
      const mandate = lookup.mandate(mandateText);
      if (!mandate) draft.add('mandateId', 'import.unknownMandate', `This business entity has no mandate with the reference "${mandateText}".`, { value: mandateText });
      else if (type === 'Credit') draft.add('mandateId', 'import.mandateForPayable', 'A mandate can only collect money; this row is a payable.');
      else if (accountId !== null && mandate.accountId !== accountId) {
        draft.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${mandateText}" belongs to another customer.`, { value: mandateText });
      } else if (accountId === null && newAccount) {
        draft.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${mandateText}" belongs to another customer, not to the new one.`, { value: mandateText });
      } else instrumentId = mandate.id;
    }
    let method = mapping.requestedMethod;
    const methodText = cell('requestedMethod');
    if (methodText !== '') {
      method = readMethod(methodText);
      if (method === null) draft.add('requestedMethod', 'import.badMethod', `"${methodText}" is no payment method Kontor knows (SEPA, Lastschrift, Überweisung or other).`, { value: methodText });
    }
    if (instrumentId !== null) {
      if (method === null && methodText === '') method = 'sepa';
      else if (method === 'other') {
        draft.add('mandateId', 'import.mandateNeedsSepa', 'A mandate is given, but the payment method is not SEPA.');
        instrumentId = null;
      }
    }

    // Everything an entry typed on screen must satisfy.
    const number = cell('number');
    const parsed = EntryInput.safeParse({
      entityId: lookup.entityId,
      accountId: accountId ?? NOT_YET_CREATED,
      type: type ?? 'Debit',
      number,
      statementDate: statementDate ?? '',
      dueDate,
      currency,
      amountCents: magnitude ?? 1,
      paymentReference: cell('paymentReference'),
      requestedMethod: method,
      requestedInstrumentId: instrumentId,
      requestedBankAccountId: lookup.preferredBankAccountId,
      needsApproval: type === 'Credit' && mapping.needsApproval,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = ENTRY_FIELD[String(issue.path[0])];
        if (field === 'statementDate' && statementDate === null) continue;
        if (field && draft.has(field)) continue;
        if (field === 'number' && issue.message === 'text.required') {
          draft.add('number', 'import.numberMissing', 'The entry number is empty.');
          continue;
        }
        draft.add(field, issue.message, schemaWords(issue.message, field), field && MAX_LENGTH[field] ? { max: MAX_LENGTH[field]! } : undefined);
      }
    }

    // Numbers are unique per business entity: in the ledger and within the file.
    if (number !== '' && !draft.has('number')) {
      const first = firstLineOf.get(number);
      if (lookup.entryExists(number)) {
        draft.add('number', 'import.duplicateInLedger', `The ledger already has an entry ${number} for this business entity.`, { number });
      } else if (first !== undefined) {
        draft.add('number', 'import.duplicateInFile', `The number ${number} appears already in line ${first} of this file.`, { number, line: first });
      }
    }
    if (number !== '' && !firstLineOf.has(number)) firstLineOf.set(number, row.line);

    const ok = errors.length === 0 && parsed.success;
    if (ok && newAccount && !newAccounts.has(newAccount.number)) newAccounts.set(newAccount.number, newAccount);
    return {
      line: row.line,
      ok,
      values,
      ...(ok && parsed.success ? { entry: { ...parsed.data, accountId } } : {}),
      ...(account ? { account } : {}),
      ...(newAccount ? { newAccount } : {}),
      errors,
    };
  };

  const rows = sniffed.rows.map(rowOf);
  const ok = rows.filter((r) => r.ok).length;
  return {
    rows,
    mappingIssues: mappingIssues(mapping, columns),
    totals: { rows: rows.length, ok, failed: rows.length - ok, newAccounts: newAccounts.size },
  };
}
