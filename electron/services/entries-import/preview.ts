/**
 * Applies a mapping to every data row of a sniffed file: each row becomes the
 * entry it would be, or a list of what is wrong with it in words. Bad data
 * never throws here; a row passes exactly the validation of an entry typed
 * on screen (EntryInput and the rules of `entries.create`) plus the checks
 * only an import needs (duplicates within the file, unknown customers).
 *
 * Rows are read one after the other and, for a preview, only the rows shown
 * are kept (`limit`): a 15 MB file does not hold a hundred thousand row
 * objects at once.
 */
import { compareDates } from '../../../shared/dates';
import { AccountInput, EntryInput } from '../../../shared/domain';
import type { ImportDetected, ImportField, ImportMapping, ImportMappingIssue, ImportPreviewRow, ImportRowError } from '../../../shared/entry-import';
import { isKontorError } from '../../../shared/errors';
import { readAmount, readCurrency, readDate } from '../../csv/readers';
import { recordProblems, RowErrors } from '../../csv/row-errors';
import type { DataRow, Sniffed } from '../../csv/sniff';
import { fieldWords, mappingIssues, readMethod, readType } from './mapping';

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
  /** Every row, or with `limit` the failed ones (up to the limit) and then the first good ones, in line order. */
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

type NewAccount = { kind: 'customer' | 'supplier'; number: string; name: string };

/** What every row of one file is read against. */
interface FileContext {
  mapping: ImportMapping;
  detected: ImportDetected;
  lookup: LedgerLookup;
  /** The column index of each mapped field, looked up once per file rather than per cell. */
  fieldIndex: Partial<Record<ImportField, number>>;
  mapped: ImportField[];
  columnCount: number;
  /** Number → the line it first appeared in. */
  firstLineOf: Map<string, number>;
  newAccounts: Map<string, NewAccount>;
}

/** One row being read. */
interface RowState {
  cells: string[];
  errors: RowErrors<ImportField>;
  type: 'Debit' | 'Credit' | null;
}

function cellOf(f: FileContext, cells: readonly string[], field: ImportField): string {
  const k = f.fieldIndex[field];
  return k === undefined ? '' : (cells[k] ?? '').trim();
}

/** Receivable or payable from a column or a constant (the amount's sign decides later otherwise). */
function typeOf(f: FileContext, r: RowState): void {
  const { type } = f.mapping;
  if (type.from === 'constant') r.type = type.value;
  if (type.from !== 'column') return;
  const text = cellOf(f, r.cells, 'type');
  if (text === '') return r.errors.add('type', 'import.typeMissing', 'It does not say whether this is a receivable or a payable.');
  r.type = readType(text);
  if (r.type === null) {
    r.errors.add('type', 'import.badType', `"${text}" does not say receivable or payable (Debit/Credit, Soll/Haben, S/H, +/− are understood).`, { value: text });
  }
}

/** The amount's magnitude (and the type when the sign decides) and the currency written with it. */
function amountOf(f: FileContext, r: RowState): { magnitude: number | null; currency: string | null } {
  const text = cellOf(f, r.cells, 'amount');
  if (text === '') {
    r.errors.add('amount', 'import.amountMissing', 'The amount is empty.');
    return { magnitude: null, currency: null };
  }
  const { mapping } = f;
  const signed = mapping.type.from === 'amountSign' || mapping.amountSign === 'signed';
  try {
    const { cents, currency } = readAmount(text, f.detected.decimal);
    if (cents === 0) r.errors.add('amount', 'import.amountZero', 'The amount is zero: there is nothing to pay or collect.');
    else if (mapping.type.from === 'amountSign') {
      r.type = cents > 0 ? 'Debit' : 'Credit';
      return { magnitude: Math.abs(cents), currency };
    } else if (!signed && cents < 0) {
      r.errors.add('amount', 'import.amountNegative', `The amount ${text} is negative, but the mapping says amounts are without sign. Choose "signed amounts" or "from the amount's sign".`, {
        value: text,
      });
    } else if (signed && r.type !== null && cents > 0 !== (r.type === 'Debit')) {
      r.errors.add(
        'amount',
        'import.amountSignConflict',
        `The sign of ${text} contradicts the type (${r.type === 'Debit' ? 'receivable' : 'payable'}): receivables are positive, payables negative.`,
        { value: text },
      );
    } else return { magnitude: Math.abs(cents), currency };
    return { magnitude: null, currency };
  } catch (e) {
    if (!isKontorError(e)) throw e;
    r.errors.add('amount', e.code, e.message, e.params);
    return { magnitude: null, currency: null };
  }
}

function dateOf(f: FileContext, r: RowState, field: 'statementDate' | 'dueDate'): string | null {
  const text = cellOf(f, r.cells, field);
  if (text === '') {
    if (field === 'statementDate') r.errors.add(field, 'import.statementDateMissing', 'The document date is empty.');
    return null;
  }
  try {
    return readDate(text, f.detected.dateFormat);
  } catch (e) {
    if (!isKontorError(e)) throw e;
    r.errors.add(field, e.code, e.message, e.params);
    return null;
  }
}

/** The currency column, else a code written with the amount, else the mapping's. */
function currencyOf(f: FileContext, r: RowState, amountCurrency: string | null): string {
  let currency = f.mapping.currency;
  const text = cellOf(f, r.cells, 'currency');
  if (text !== '') {
    const code = readCurrency(text);
    if (code === null) r.errors.add('currency', 'import.badCurrency', `"${text}" is not a currency code such as EUR.`, { value: text });
    else currency = code;
  } else if (amountCurrency) currency = amountCurrency;
  if (amountCurrency && currency !== amountCurrency && !r.errors.has('currency')) {
    r.errors.add('currency', 'import.currencyConflict', `The amount is written in ${amountCurrency}, but the currency says ${currency}.`, { value: amountCurrency, currency });
  }
  return currency;
}

interface AccountResult {
  accountId: number | null;
  account?: { number: string; name: string };
  newAccount?: NewAccount;
}

/** The customer or supplier: from the ledger, or one the import will create. */
function accountOf(f: FileContext, r: RowState): AccountResult {
  const number = cellOf(f, r.cells, 'accountNumber');
  if (number === '') {
    r.errors.add('accountNumber', 'import.accountNumberMissing', 'The customer or supplier number is empty.');
    return { accountId: null };
  }
  const known = f.lookup.account(number);
  if (known) return { accountId: known.id, account: { number: known.number, name: known.name } };
  const name = cellOf(f, r.cells, 'accountName');
  if (!f.mapping.createAccounts) {
    r.errors.add('accountNumber', 'import.unknownAccount', `There is no customer or supplier with the number "${number}". Create it first, or let the import create unknown ones from the name column.`, { number });
    return { accountId: null };
  }
  if (name === '') {
    r.errors.add('accountNumber', 'import.unknownAccountNoName', `There is no customer or supplier with the number "${number}", and no name to create it with.`, { number });
    return { accountId: null };
  }
  const planned = f.newAccounts.get(number) ?? { kind: r.type === 'Credit' ? 'supplier' : 'customer', number, name };
  const checked = AccountInput.safeParse({ kind: planned.kind, number: planned.number, name: planned.name });
  if (checked.success) return { accountId: null, newAccount: planned, account: { number: planned.number, name: planned.name } };
  for (const issue of checked.error.issues) {
    const field = ACCOUNT_FIELD[String(issue.path[0])];
    if (field && !r.errors.has(field)) r.errors.add(field, issue.message, schemaWords(issue.message, field));
  }
  return { accountId: null };
}

/** The mandate to collect with and the payment method, each checked against the other. */
function methodOf(f: FileContext, r: RowState, a: AccountResult): { method: ImportMapping['requestedMethod']; instrumentId: number | null } {
  let instrumentId: number | null = null;
  const mandateText = cellOf(f, r.cells, 'mandateId');
  if (mandateText !== '') {
    const mandate = f.lookup.mandate(mandateText);
    if (!mandate) r.errors.add('mandateId', 'import.unknownMandate', `This business entity has no mandate with the reference "${mandateText}".`, { value: mandateText });
    else if (r.type === 'Credit') r.errors.add('mandateId', 'import.mandateForPayable', 'A mandate can only collect money; this row is a payable.');
    else if (a.accountId !== null && mandate.accountId !== a.accountId) {
      r.errors.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${mandateText}" belongs to another customer.`, { value: mandateText });
    } else if (a.accountId === null && a.newAccount) {
      r.errors.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${mandateText}" belongs to another customer, not to the new one.`, { value: mandateText });
    } else instrumentId = mandate.id;
  }
  let method = f.mapping.requestedMethod;
  const methodText = cellOf(f, r.cells, 'requestedMethod');
  if (methodText !== '') {
    method = readMethod(methodText);
    if (method === null) r.errors.add('requestedMethod', 'import.badMethod', `"${methodText}" is no payment method Kontor knows (SEPA, Lastschrift, Überweisung or other).`, { value: methodText });
  }
  if (instrumentId !== null) {
    if (method === null && methodText === '') method = 'sepa';
    else if (method === 'other') {
      r.errors.add('mandateId', 'import.mandateNeedsSepa', 'A mandate is given, but the payment method is not SEPA.');
      instrumentId = null;
    }
  }
  return { method, instrumentId };
}

function previewRow(f: FileContext, row: DataRow): ImportPreviewRow {
  const { mapping } = f;
  const values: Record<string, string> = {};
  for (const field of f.mapped) values[field] = cellOf(f, row.cells, field);
  const r: RowState = { cells: row.cells, errors: new RowErrors<ImportField>(mapping.columns), type: null };
  recordProblems(row, f.columnCount, r.errors);

  typeOf(f, r);
  const amount = amountOf(f, r);
  const statementDate = dateOf(f, r, 'statementDate');
  const dueDate = dateOf(f, r, 'dueDate');
  if (statementDate && dueDate && compareDates(dueDate, statementDate) < 0) r.errors.add('dueDate', 'entry.dueBeforeStatement', 'The due date lies before the document date.');
  const currency = currencyOf(f, r, amount.currency);
  const account = accountOf(f, r);
  const { method, instrumentId } = methodOf(f, r, account);

  // Everything an entry typed on screen must satisfy.
  const number = cellOf(f, row.cells, 'number');
  const parsed = EntryInput.safeParse({
    entityId: f.lookup.entityId,
    accountId: account.accountId ?? NOT_YET_CREATED,
    type: r.type ?? 'Debit',
    number,
    statementDate: statementDate ?? '',
    dueDate,
    currency,
    amountCents: amount.magnitude ?? 1,
    paymentReference: cellOf(f, row.cells, 'paymentReference'),
    requestedMethod: method,
    requestedInstrumentId: instrumentId,
    requestedBankAccountId: f.lookup.preferredBankAccountId,
    needsApproval: r.type === 'Credit' && mapping.needsApproval,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = ENTRY_FIELD[String(issue.path[0])];
      if (field === 'statementDate' && statementDate === null) continue;
      if (field && r.errors.has(field)) continue;
      if (field === 'number' && issue.message === 'text.required') {
        r.errors.add('number', 'import.numberMissing', 'The entry number is empty.');
        continue;
      }
      r.errors.add(field, issue.message, schemaWords(issue.message, field), field && MAX_LENGTH[field] ? { max: MAX_LENGTH[field]! } : undefined);
    }
  }

  // Numbers are unique per business entity: in the ledger and within the file.
  if (number !== '' && !r.errors.has('number')) {
    const first = f.firstLineOf.get(number);
    if (f.lookup.entryExists(number)) {
      r.errors.add('number', 'import.duplicateInLedger', `The ledger already has an entry ${number} for this business entity.`, { number });
    } else if (first !== undefined) {
      r.errors.add('number', 'import.duplicateInFile', `The number ${number} appears already in line ${first} of this file.`, { number, line: first });
    }
  }
  if (number !== '' && !f.firstLineOf.has(number)) f.firstLineOf.set(number, row.line);

  const errors: ImportRowError[] = r.errors.list;
  const ok = errors.length === 0 && parsed.success;
  if (ok && account.newAccount && !f.newAccounts.has(account.newAccount.number)) f.newAccounts.set(account.newAccount.number, account.newAccount);
  const out: ImportPreviewRow = { line: row.line, ok, values, errors };
  if (ok && parsed.success) out.entry = { ...parsed.data, accountId: account.accountId };
  if (account.account) out.account = account.account;
  if (account.newAccount) out.newAccount = account.newAccount;
  return out;
}

export interface PreviewOptions {
  /** Keep only what a preview shows: the first `limit` failed rows, then good ones up to `limit` in all. */
  limit?: number;
}

export function previewRows(sniffed: Sniffed, mapping: ImportMapping, lookup: LedgerLookup, options: PreviewOptions = {}): PreviewResult {
  const { columns, detected } = sniffed;
  const index = new Map(columns.map((c, k) => [c, k]));
  const mapped = (Object.keys(mapping.columns) as ImportField[]).filter((field) => mapping.columns[field] !== null);
  const fieldIndex: Partial<Record<ImportField, number>> = {};
  for (const field of mapped) {
    const k = index.get(mapping.columns[field]!);
    if (k !== undefined) fieldIndex[field] = k;
  }
  const f: FileContext = {
    mapping,
    detected,
    lookup,
    fieldIndex,
    mapped,
    columnCount: columns.length,
    firstLineOf: new Map(),
    newAccounts: new Map(),
  };
  const limit = options.limit ?? Infinity;
  const failed: ImportPreviewRow[] = [];
  const good: ImportPreviewRow[] = [];
  let ok = 0;
  for (const row of sniffed.rows) {
    const result = previewRow(f, row);
    if (result.ok) ok++;
    const kept = result.ok ? good : failed;
    if (kept.length < limit) kept.push(result);
  }
  const total = sniffed.rows.length;
  const rows = limit === Infinity ? [...failed, ...good] : [...failed, ...good.slice(0, Math.max(0, limit - failed.length))];
  rows.sort((a, b) => a.line - b.line);
  return {
    rows,
    mappingIssues: mappingIssues(mapping, columns),
    totals: { rows: total, ok, failed: total - ok, newAccounts: f.newAccounts.size },
  };
}
