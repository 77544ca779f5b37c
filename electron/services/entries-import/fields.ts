/**
 * The readers of one entry field each, applied to a data row of an entries
 * CSV: receivable or payable, amount, dates, customer or supplier, mandate,
 * payment method, number and payment reference. Each reads its cells
 * through the mapping and records what is wrong in the row's errors (bad
 * data never throws); `preview.ts` composes them in a fixed order, so a
 * row's errors come in the order the fields are read.
 *
 * A field's text from the file is checked with the field's own schema in
 * EntryInput (number, payment reference) and the other values are valid by
 * how they are read (dates from readDate, amounts from readAmount, ids from
 * the ledger), so a row is checked as an entry typed on screen without
 * running the whole EntryInput object schema per row; the commit does run
 * it, on every entry it writes.
 */
import { compareDates, type BusinessDate } from '../../../shared/dates';
import { AccountInput, EntryInput } from '../../../shared/domain';
import type { ImportDetected, ImportField, ImportMapping } from '../../../shared/entry-import';
import { AMOUNT_MISSING, amountField, dateField, MappedRow } from '../../csv/fields';
import { fieldWords, readMethod } from './mapping';
import { readType } from './type-values';
import { readBankAccount, readMandateDate, readMandateReference, type InstrumentPlan, type PartyLedger, type PlannedInstrument } from '../parties/bank-details';

/** What the preview needs from the ledger, for one business entity. */
export interface LedgerLookup extends PartyLedger {
  /** The entity's preferred bank account: new entries get it, as on screen. */
  preferredBankAccountId: number | null;
  account(number: string): { id: number; number: string; name: string; paymentMethod?: 'sepa' | 'other' | null } | undefined;
  entryExists(number: string): boolean;
}

export type NewAccount = { kind: 'customer' | 'supplier'; number: string; name: string };

/** What every row of one file is read against. */
export interface FileContext {
  mapping: ImportMapping;
  detected: ImportDetected;
  lookup: LedgerLookup;
  /** Number → the line it first appeared in. */
  firstLineOf: Map<string, number>;
  newAccounts: Map<string, NewAccount>;
  /** Bank details and mandates the file brings that the ledger lacks. */
  plan: InstrumentPlan;
}

/** One row being read; `type` is known once the type column, the constant or the amount's sign said it. */
export class EntryRow extends MappedRow<ImportField> {
  type: 'Debit' | 'Credit' | null = null;
}

const MAX_LENGTH: Partial<Record<ImportField, number>> = { number: 35, paymentReference: 140, accountNumber: 35, accountName: 70 };

/** English words for the validation codes of the shared schemas. */
function schemaWords(code: string, field: ImportField): string {
  const what = fieldWords(field);
  switch (code) {
    case 'text.required':
      return `The ${what} is empty.`;
    case 'text.tooLong':
      return `The ${what} is too long (at most ${MAX_LENGTH[field] ?? ''} characters).`;
    default:
      return `The ${what} is not accepted (${code}).`;
  }
}

/** Receivable or payable from a column or a constant (the amount's sign decides later otherwise). */
export function entryType(f: FileContext, r: EntryRow): void {
  const { type } = f.mapping;
  if (type.from === 'constant') r.type = type.value;
  if (type.from === 'ask') return r.errors.add('type', 'import.typeNotChosen', 'Receivable or payable is not chosen yet (no column says it).');
  if (type.from !== 'column') return;
  const text = r.cell('type');
  if (text === '') return r.errors.add('type', 'import.typeMissing', 'It does not say whether this is a receivable or a payable.');
  r.type = readType(text, type);
  if (r.type === null) {
    r.errors.add(
      'type',
      'import.badType',
      `"${text}" is not mapped to receivable or payable: add it to the values of one of them (Debit/Credit, Soll/Haben, S/H, D/K, +/− are understood).`,
      { value: text },
    );
  }
}

/** The amount's magnitude (and the type when the sign decides) and the currency written with it. */
export function entryAmount(f: FileContext, r: EntryRow): { magnitude: number | null; currency: string | null } {
  const read = amountField(r, 'amount', f.detected.decimal, AMOUNT_MISSING);
  if (read === null) return { magnitude: null, currency: null };
  const { cents, currency } = read;
  const { mapping } = f;
  const text = r.cell('amount');
  const signed = mapping.type.from === 'amountSign' || mapping.amountSign === 'signed';
  if (cents === 0) r.errors.add('amount', 'import.amountZero', 'The amount is zero: there is nothing to pay or collect.');
  else if (mapping.type.from === 'amountSign') {
    r.type = cents > 0 ? 'Debit' : 'Credit';
    return { magnitude: Math.abs(cents), currency };
  } else if (!signed && cents < 0) {
    r.errors.add(
      'amount',
      'import.amountNegative',
      `The amount ${text} is negative, but the mapping says amounts are without sign. Choose "signed amounts" or "from the amount's sign".`,
      {
        value: text,
      },
    );
  } else if (signed && r.type !== null && cents > 0 !== (r.type === 'Debit')) {
    r.errors.add(
      'amount',
      'import.amountSignConflict',
      `The sign of ${text} contradicts the type (${r.type === 'Debit' ? 'receivable' : 'payable'}): receivables are positive, payables negative.`,
      { value: text },
    );
  } else return { magnitude: Math.abs(cents), currency };
  return { magnitude: null, currency };
}

/** The document date (required) and the due date (optional, not before the document date). */
export function entryDates(f: FileContext, r: EntryRow): { statementDate: BusinessDate | null; dueDate: BusinessDate | null } {
  const format = f.detected.dateFormat;
  const statementDate = dateField(r, 'statementDate', format, ['import.statementDateMissing', 'The document date is empty.']);
  const dueDate = dateField(r, 'dueDate', format);
  if (statementDate && dueDate && compareDates(dueDate, statementDate) < 0)
    r.errors.add('dueDate', 'entry.dueBeforeStatement', 'The due date lies before the document date.');
  return { statementDate, dueDate };
}

export interface AccountResult {
  accountId: number | null;
  account?: { number: string; name: string };
  newAccount?: NewAccount;
  /** The known party's usual payment method. */
  paymentMethod?: 'sepa' | 'other' | null;
}

const ACCOUNT_FIELD: Record<string, ImportField> = { number: 'accountNumber', name: 'accountName' };
/** The rules of AccountInput for what a new account gets from the file; its other fields are empty. */
const NEW_ACCOUNT = AccountInput.pick({ kind: true, number: true, name: true });

/** The customer or supplier: from the ledger, or one the import will create. */
export function party(f: FileContext, r: EntryRow): AccountResult {
  const number = r.cell('accountNumber');
  if (number === '') {
    r.errors.add('accountNumber', 'import.accountNumberMissing', 'The customer or supplier number is empty.');
    return { accountId: null };
  }
  const known = f.lookup.account(number);
  if (known) return { accountId: known.id, account: { number: known.number, name: known.name }, paymentMethod: known.paymentMethod ?? null };
  const name = r.cell('accountName');
  if (!f.mapping.createAccounts) {
    r.errors.add(
      'accountNumber',
      'import.unknownAccount',
      `There is no customer or supplier with the number "${number}". Create it first, or let the import create unknown ones from the name column.`,
      { number },
    );
    return { accountId: null };
  }
  if (name === '') {
    r.errors.add(
      'accountNumber',
      'import.unknownAccountNoName',
      `There is no customer or supplier with the number "${number}", and no name to create it with.`,
      { number },
    );
    return { accountId: null };
  }
  const planned = f.newAccounts.get(number) ?? { kind: r.type === 'Credit' ? 'supplier' : 'customer', number, name };
  const checked = NEW_ACCOUNT.safeParse({ kind: planned.kind, number: planned.number, name: planned.name });
  if (checked.success) return { accountId: null, newAccount: planned, account: { number: planned.number, name: planned.name } };
  for (const issue of checked.error.issues) {
    const field = ACCOUNT_FIELD[String(issue.path[0])];
    if (field && !r.errors.has(field)) r.errors.add(field, issue.message, schemaWords(issue.message, field));
  }
  return { accountId: null };
}

/** The mandate to collect with: this entity's (or one this file creates), of this customer, for a receivable; null when none is given or it does not fit. */
export function mandate(f: FileContext, r: EntryRow, a: AccountResult): { id: number | null; planned: PlannedInstrument | null } {
  const none = { id: null, planned: null };
  const text = r.cell('mandateId');
  if (text === '') return none;
  const found = f.lookup.mandate(text);
  if (!found) return plannedMandate(f, r, a);
  if (r.type === 'Credit') r.errors.add('mandateId', 'import.mandateForPayable', 'A mandate can only collect money; this row is a payable.');
  else if (a.accountId !== null && found.accountId !== a.accountId) {
    r.errors.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${text}" belongs to another customer.`, { value: text });
  } else if (a.accountId === null && a.newAccount) {
    r.errors.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${text}" belongs to another customer, not to the new one.`, { value: text });
  } else return { id: found.id, planned: null };
  return none;
}

/** A mandate the ledger does not know: created from the row's reference, IBAN and date of signature, or an error. */
function plannedMandate(f: FileContext, r: EntryRow, a: AccountResult): { id: null; planned: PlannedInstrument | null } {
  const text = r.cell('mandateId');
  const reference = readMandateReference(r);
  const signedOn = readMandateDate(r, f.detected.dateFormat);
  const bank = readBankAccount(f.plan, r);
  if (reference === null) return { id: null, planned: null };
  if (r.type === 'Credit') {
    r.errors.add('mandateId', 'import.mandateForPayable', 'A mandate can only collect money; this row is a payable.');
    return { id: null, planned: null };
  }
  const number = a.account?.number;
  const earlier = f.plan.plannedMandate(reference);
  if (earlier && number !== undefined && earlier.accountNumber !== number) {
    r.errors.add('mandateId', 'entry.instrumentOfOtherAccount', `The mandate "${text}" belongs to another customer.`, { value: text });
    return { id: null, planned: null };
  }
  if (earlier) return { id: null, planned: earlier };
  if (bank === null || signedOn === null || number === undefined) {
    if (!r.errors.has('iban') && !r.errors.has('mandateDate') && !r.errors.has('accountNumber')) {
      r.errors.add(
        'mandateId',
        'import.unknownMandate',
        `This business entity has no mandate with the reference "${text}". Map the IBAN and the date of signature to create it with the entries.`,
        { value: text },
      );
    }
    return { id: null, planned: null };
  }
  const planned: PlannedInstrument = {
    accountNumber: number,
    kind: 'sepa_mandate',
    holderName: a.account?.name ?? number,
    iban: bank.iban,
    bic: bank.bic,
    mandateId: reference,
    mandateSignedOn: signedOn,
    mandateType: 'recurring',
    scheme: 'CORE',
    direction: 'in',
  };
  return { id: null, planned };
}

/** Bank details from the IBAN and BIC columns, for a customer or supplier that does not have them yet; null otherwise. */
export function bankDetails(f: FileContext, r: EntryRow, a: AccountResult, mandateIban: string | null): PlannedInstrument | null {
  if (r.cell('mandateId') !== '' && f.lookup.mandate(r.cell('mandateId')) === undefined) return null; // read with the new mandate
  const bank = readBankAccount(f.plan, r);
  if (bank === null || bank.iban === mandateIban || a.account === undefined) return null;
  if (a.accountId !== null && f.lookup.hasIban(a.accountId, bank.iban)) return null;
  const supplier = r.type === 'Credit' || a.newAccount?.kind === 'supplier';
  return {
    accountNumber: a.account.number,
    kind: 'bank_details',
    holderName: a.account.name,
    iban: bank.iban,
    bic: bank.bic,
    mandateId: null,
    mandateSignedOn: null,
    mandateType: null,
    scheme: null,
    direction: supplier ? 'out' : 'both',
  };
}

/** The payment method (the column's, else the party's, else the mapping's), checked against the mandate: a mandate means SEPA. */
export function paymentMethod(
  f: FileContext,
  r: EntryRow,
  mandateId: number | null,
  newMandate = false,
  partyMethod: ImportMapping['requestedMethod'] = null,
): { method: ImportMapping['requestedMethod']; instrumentId: number | null } {
  // The row's own cell wins, then the party's usual method, then the file's default.
  let method = partyMethod ?? f.mapping.requestedMethod;
  let instrumentId = mandateId;
  if (newMandate) {
    const text = r.cell('requestedMethod');
    const read = text === '' ? 'sepa' : readMethod(text);
    if (read !== 'sepa') r.errors.add('mandateId', 'import.mandateNeedsSepa', 'A mandate is given, but the payment method is not SEPA.');
    return { method: 'sepa', instrumentId: null };
  }
  const text = r.cell('requestedMethod');
  if (text !== '') {
    method = readMethod(text);
    if (method === null)
      r.errors.add('requestedMethod', 'import.badMethod', `"${text}" is no payment method Kontor knows (SEPA, Lastschrift, Überweisung or other).`, {
        value: text,
      });
  }
  if (instrumentId !== null) {
    if (method === null && text === '') method = 'sepa';
    else if (method === 'other') {
      r.errors.add('mandateId', 'import.mandateNeedsSepa', 'A mandate is given, but the payment method is not SEPA.');
      instrumentId = null;
    }
  }
  return { method, instrumentId };
}

/** A text field checked with its schema in EntryInput; the schema's value, or null when it refuses (recorded). */
function checkedText(r: EntryRow, field: 'number' | 'paymentReference', text: string): string | null {
  const checked = field === 'number' ? EntryInput.shape.number.safeParse(text) : EntryInput.shape.paymentReference.safeParse(text);
  if (checked.success) return checked.data;
  const code = checked.error.issues[0]!.message;
  if (field === 'number' && code === 'text.required') r.errors.add('number', 'import.numberMissing', 'The entry number is empty.');
  else r.errors.add(field, code, schemaWords(code, field), { max: MAX_LENGTH[field]! });
  return null;
}

/** The entry number as EntryInput takes it; null when it is empty or too long. */
export function entryNumber(r: EntryRow): string | null {
  return checkedText(r, 'number', r.cell('number'));
}

/** The payment reference as EntryInput takes it: null when empty (or too long, which is recorded). */
export function paymentReference(r: EntryRow): string | null {
  const text = r.cell('paymentReference');
  return text === '' ? null : checkedText(r, 'paymentReference', text);
}

/** Numbers are unique per business entity: in the ledger and within the file. The first line of each number is remembered. */
export function uniqueNumber(f: FileContext, r: EntryRow, number: string | null, line: number): void {
  const text = r.cell('number');
  if (number !== null) {
    const first = f.firstLineOf.get(number);
    if (f.lookup.entryExists(number)) {
      r.errors.add('number', 'import.duplicateInLedger', `The ledger already has an entry ${number} for this business entity.`, { number });
    } else if (first !== undefined) {
      r.errors.add('number', 'import.duplicateInFile', `The number ${number} appears already in line ${first} of this file.`, { number, line: first });
    }
  }
  if (text !== '' && !f.firstLineOf.has(text)) f.firstLineOf.set(text, line);
}
