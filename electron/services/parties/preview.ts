/**
 * Reads every data row of a master-data file into the customer or supplier
 * it names and the bank details and mandates it brings: what the ledger
 * lacks is planned (the commit writes it), what the ledger has is left as
 * it is (a known number is completed, never overwritten). Bad data never
 * throws; each row says what is wrong with it.
 */
import { AccountInput } from '../../../shared/domain';
import type { PlannedInstrument } from '../../../shared/entry-import';
import { PARTY_FIELDS, type PartyField, type PartyMapping, type PartyPreviewRow } from '../../../shared/parties';
import { fieldIndexes, MappedRow, textField } from '../../csv/fields';
import { recordProblems } from '../../csv/row-errors';
import type { DataRow, Sniffed } from '../../csv/sniff';
import { InstrumentPlan, readBankAccount, readMandateDate, readMandateReference, readSequence, type PartyLedger } from './bank-details';
import { partyFieldWords, partyMappingIssues, readKind } from './mapping';

export interface PartyLookup extends PartyLedger {
  account(number: string): { id: number; number: string; name: string; kind: 'customer' | 'supplier' } | undefined;
}

type Row = MappedRow<PartyField>;
type Kind = 'customer' | 'supplier';

interface FileState {
  mapping: PartyMapping;
  dateFormat: Sniffed['detected']['dateFormat'];
  lookup: PartyLookup;
  plan: InstrumentPlan;
  /** Number → kind of the parties read so far (new and known). */
  parties: Map<string, { kind: Kind; known: boolean }>;
  derivedBics: number;
}

function kindOf(f: FileState, r: Row): Kind | null {
  const { kind } = f.mapping;
  if (kind.from === 'constant') return kind.value;
  if (kind.from === 'ask') {
    r.errors.add('kind', 'import.kindNotChosen', 'Customer or supplier is not chosen yet (no column says it).');
    return null;
  }
  const text = r.cell('kind');
  const read = text === '' ? null : readKind(text, kind);
  if (read === null) {
    r.errors.add('kind', 'import.badKind', `"${text}" is not mapped to customer or supplier: add it to the values of one of them.`, { value: text });
  }
  return read;
}

const ADDRESS: readonly ('email' | 'street' | 'postalCode' | 'city' | 'country')[] = ['email', 'street', 'postalCode', 'city', 'country'];

/** Number, name and address as AccountInput takes them; null when AccountInput refuses (each refusal recorded). */
function accountInput(r: Row, kind: Kind | null): ReturnType<typeof AccountInput.parse> | null {
  const input: Record<string, unknown> = { kind: kind ?? 'customer', number: r.cell('number'), name: textField(r, 'name') ?? '' };
  for (const field of ADDRESS) input[field] = textField(r, field);
  const checked = AccountInput.safeParse(input);
  if (checked.success) return checked.data;
  for (const issue of checked.error.issues) {
    const field = String(issue.path[0]) as PartyField;
    if (PARTY_FIELDS.includes(field) && !r.errors.list.some((e) => e.field === field)) {
      r.errors.add(field, issue.message, `The ${partyFieldWords(field)} is not accepted (${issue.message}).`);
    }
  }
  return null;
}

function schemeOf(f: FileState, r: Row): 'CORE' | 'B2B' {
  const text = r
    .cell('scheme')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  if (text === '') return f.mapping.scheme;
  if (['b2b', 'firmen', 'firmenlastschrift', 'firmenlastschriftverfahren'].includes(text)) return 'B2B';
  if (['core', 'basis', 'basislastschrift', 'cor1'].includes(text)) return 'CORE';
  r.errors.add('scheme', 'import.badScheme', `"${r.cell('scheme')}" is no direct debit scheme (CORE/Basis or B2B/Firmen).`, { value: r.cell('scheme') });
  return f.mapping.scheme;
}

/** The row's mandate, when it names one the ledger lacks; errors when it cannot be created or belongs to someone else. */
function mandateOf(
  f: FileState,
  r: Row,
  kind: Kind | null,
  number: string,
  holder: string,
  bank: ReturnType<typeof readBankAccount>,
): PlannedInstrument | null {
  const reference = readMandateReference(r);
  const signedOn = readMandateDate(r, f.dateFormat);
  if (reference === null) return null;
  const known = f.lookup.mandate(reference);
  const account = f.lookup.account(number);
  if (known) {
    if (account?.id !== known.accountId)
      r.errors.add('mandateId', 'import.mandateOfOther', `The mandate "${reference}" belongs to another customer.`, { value: reference });
    return null;
  }
  const earlier = f.plan.plannedMandate(reference);
  if (earlier && earlier.accountNumber !== number) {
    r.errors.add('mandateId', 'import.mandateOfOther', `The mandate "${reference}" belongs to another customer.`, { value: reference });
    return null;
  }
  if (kind === 'supplier') r.errors.add('mandateId', 'import.mandateForSupplier', 'A mandate lets Kontor collect from a customer; this row is a supplier.');
  if (bank === null && r.cell('iban') === '') r.errors.add('iban', 'import.mandateNeedsIban', 'A mandate needs the IBAN it collects from.');
  if (signedOn === null && r.cell('mandateDate') === '') r.errors.add('mandateDate', 'import.mandateNeedsDate', 'A mandate needs its date of signature.');
  const sequenceText = r.cell('sequence');
  const sequence = sequenceText === '' ? 'recurring' : readSequence(sequenceText);
  if (sequence === null)
    r.errors.add('sequence', 'import.badSequence', `"${sequenceText}" is no mandate sequence (FRST/RCUR = recurring, OOFF = one-off).`, {
      value: sequenceText,
    });
  const scheme = schemeOf(f, r);
  if (bank === null || signedOn === null || sequence === null) return null;
  return {
    accountNumber: number,
    kind: 'sepa_mandate',
    holderName: holder,
    iban: bank.iban,
    bic: bank.bic,
    mandateId: reference,
    mandateSignedOn: signedOn,
    mandateType: sequence,
    scheme,
    direction: 'in',
  };
}

function rowOf(f: FileState, row: DataRow, index: Partial<Record<PartyField, number>>, columnCount: number): PartyPreviewRow {
  const r: Row = new MappedRow(row.cells, index, f.mapping.columns);
  const values: Record<string, string> = {};
  for (const field of PARTY_FIELDS) if (f.mapping.columns[field] !== null) values[field] = r.cell(field);
  recordProblems(row, columnCount, r.errors);

  const kind = kindOf(f, r);
  const input = accountInput(r, kind);
  const number = r.cell('number');
  const known = f.lookup.account(number);
  if (known && kind !== null && known.kind !== kind) {
    r.errors.add('kind', 'import.kindConflict', `The ledger has ${number} as a ${known.kind}, the file as a ${kind}.`, { number });
  }
  const earlier = f.parties.get(number);
  if (earlier && kind !== null && earlier.kind !== kind)
    r.errors.add('kind', 'import.kindConflict', `${number} appears earlier in the file as a ${earlier.kind}.`, { number });
  const holder = known?.name ?? input?.name ?? number;
  const bank = readBankAccount(f.plan, r);
  const mandate = mandateOf(f, r, kind, number, holder, bank);
  let details: PlannedInstrument | null = null;
  if (bank && bank.iban !== mandate?.iban && !(known && f.lookup.hasIban(known.id, bank.iban))) {
    details = {
      accountNumber: number,
      kind: 'bank_details',
      holderName: holder,
      iban: bank.iban,
      bic: bank.bic,
      mandateId: null,
      mandateSignedOn: null,
      mandateType: null,
      scheme: null,
      direction: kind === 'supplier' ? 'out' : 'both',
    };
  }
  const ok = r.errors.list.length === 0;
  const instruments = [mandate, details].filter((p): p is PlannedInstrument => p !== null);
  const out: PartyPreviewRow = { line: row.line, ok, values, instruments, errors: r.errors.list };
  if (ok && kind !== null && input !== null) {
    out.party = { kind, number, name: known?.name ?? input.name, known: known !== undefined };
    if (!earlier) f.parties.set(number, { kind, known: known !== undefined });
    for (const p of instruments) f.plan.add(p);
    if (bank?.bicDerived) f.derivedBics++;
  }
  return out;
}

export interface PartyPreviewResult {
  rows: PartyPreviewRow[];
  mappingIssues: ReturnType<typeof partyMappingIssues>;
  totals: {
    rows: number;
    ok: number;
    failed: number;
    customers: number;
    suppliers: number;
    newParties: number;
    knownParties: number;
    newMandates: number;
    newBankDetails: number;
    derivedBics: number;
  };
}

export function previewParties(sniffed: Sniffed, mapping: PartyMapping, lookup: PartyLookup, limit = Infinity): PartyPreviewResult {
  const f: FileState = { mapping, dateFormat: sniffed.detected.dateFormat, lookup, plan: new InstrumentPlan(lookup), parties: new Map(), derivedBics: 0 };
  const index = fieldIndexes(PARTY_FIELDS, mapping.columns, sniffed.columns);
  const failed: PartyPreviewRow[] = [];
  const good: PartyPreviewRow[] = [];
  let ok = 0;
  for (const row of sniffed.rows) {
    const result = rowOf(f, row, index, sniffed.columns.length);
    if (result.ok) ok++;
    const kept = result.ok ? good : failed;
    if (kept.length < limit) kept.push(result);
  }
  const rows = [...failed, ...good.slice(0, Math.max(0, limit - failed.length))].sort((a, b) => a.line - b.line);
  const parties = [...f.parties.values()];
  return {
    rows,
    mappingIssues: partyMappingIssues(mapping, sniffed.columns),
    totals: {
      rows: sniffed.rows.length,
      ok,
      failed: sniffed.rows.length - ok,
      customers: parties.filter((p) => p.kind === 'customer').length,
      suppliers: parties.filter((p) => p.kind === 'supplier').length,
      newParties: parties.filter((p) => !p.known).length,
      knownParties: parties.filter((p) => p.known).length,
      newMandates: f.plan.count('sepa_mandate'),
      newBankDetails: f.plan.count('bank_details'),
      derivedBics: f.derivedBics,
    },
  };
}
