/**
 * The mapping from CSV columns to entry fields: a suggestion from German and
 * English header names (checked against the values below them), the checks
 * of a mapping against a file's columns, and the readers of the two fields
 * only entries have (receivable or payable, payment method). Amounts, dates
 * and currencies are read by the CSV toolkit (electron/csv).
 */
import { IMPORT_FIELDS, REQUIRED_IMPORT_FIELDS, type ImportField, type ImportMapping, type ImportMappingIssue } from '../../../shared/entry-import';
import { bestColumns, normalizeHeader } from '../../csv/columns';
import { columnIssues } from '../../csv/fields';
import { looksLikeAmount, looksLikeDate } from '../../csv/readers';
import { BIC_NAMES, IBAN_NAMES, MANDATE_DATE_NAMES } from '../parties/names';
import { readTypeWord, type TypeValues } from './type-values';

/**
 * Header names per field, most specific first. `generic` names fit more than
 * one field (a column "Kunde" holds a number in one export and a name in
 * another); the values below them decide.
 */
const NAMES: Record<ImportField, { exact: string[]; generic?: string[] }> = {
  number: {
    exact: [
      'rechnungsnummer',
      'rechnungsnr',
      'rgnr',
      'renr',
      'rechnungnr',
      'belegnummer',
      'belegnr',
      'belegfeld1',
      'dokumentnummer',
      'dokumentnr',
      'opnummer',
      'invoicenumber',
      'invoiceno',
      'invoicenr',
      'invoiceid',
      'documentnumber',
      'documentno',
      'docno',
      'docnumber',
      'billnumber',
      'billno',
    ],
    generic: ['rechnung', 'beleg', 'invoice', 'document', 'nummer', 'number', 'nr', 'no'],
  },
  statementDate: {
    exact: [
      'belegdatum',
      'rechnungsdatum',
      'rgdatum',
      'redatum',
      'dokumentdatum',
      'ausstellungsdatum',
      'invoicedate',
      'documentdate',
      'docdate',
      'issuedate',
      'billdate',
      'dateofinvoice',
    ],
    generic: ['datum', 'date', 'buchungsdatum', 'postingdate'],
  },
  dueDate: {
    exact: [
      'faellig',
      'faelligkeit',
      'faelligam',
      'faelligkeitsdatum',
      'faelligbis',
      'nettofaelligkeit',
      'zahlungsziel',
      'zahlbarbis',
      'duedate',
      'due',
      'dueon',
      'paymentdue',
      'paymentduedate',
      'netduedate',
    ],
  },
  amount: {
    exact: [
      'betrag',
      'bruttobetrag',
      'rechnungsbetrag',
      'offenerbetrag',
      'opbetrag',
      'offen',
      'restbetrag',
      'gesamtbetrag',
      'betrageur',
      'amount',
      'grossamount',
      'invoiceamount',
      'openamount',
      'outstanding',
      'outstandingamount',
      'amountdue',
      'totalamount',
      'umsatz',
      'umsatzohnesollhabenkz',
    ],
    generic: ['brutto', 'summe', 'total', 'gross', 'wert', 'value'],
  },
  type: {
    exact: [
      'sollhaben',
      'dk',
      'debitorkreditor',
      'kennzeichendk',
      'dkkennzeichen',
      'kontoart',
      'sollhabenkennzeichen',
      'sollhabenkz',
      'shkz',
      'sh',
      'belegart',
      'postenart',
      'opart',
      'forderungverbindlichkeit',
      'debitcredit',
      'dc',
      'drcr',
      'entrytype',
      'documenttype',
      'itemtype',
    ],
    generic: ['art', 'typ', 'type', 'kind', 'direction', 'richtung'],
  },
  currency: { exact: ['waehrung', 'wkz', 'waehrungskennung', 'waehrungscode', 'currency', 'currencycode', 'curr', 'ccy', 'cur'] },
  accountNumber: {
    exact: [
      'kundennummer',
      'kundennr',
      'kdnr',
      'debitornummer',
      'debitorennummer',
      'debitornr',
      'debitorennr',
      'kreditornummer',
      'kreditorennummer',
      'kreditornr',
      'kreditorennr',
      'lieferantennummer',
      'lieferantennr',
      'personenkonto',
      'kontonummer',
      'geschaeftspartnernummer',
      'partnernummer',
      'customernumber',
      'customerno',
      'customerid',
      'customeraccount',
      'suppliernumber',
      'supplierno',
      'supplierid',
      'vendornumber',
      'vendorno',
      'vendorid',
      'accountnumber',
      'accountno',
      'accountid',
      'account',
    ],
    generic: ['debitor', 'kreditor', 'kunde', 'lieferant', 'customer', 'supplier', 'vendor', 'konto', 'partner', 'geschaeftspartner'],
  },
  accountName: {
    exact: [
      'kundenname',
      'lieferantenname',
      'debitorname',
      'debitorenname',
      'kreditorname',
      'kreditorenname',
      'firma',
      'firmenname',
      'name1',
      'name',
      'customername',
      'suppliername',
      'vendorname',
      'accountname',
      'partnername',
      'company',
      'companyname',
      'zahlungspflichtiger',
      'empfaenger',
      'payee',
      'payer',
    ],
    generic: ['kunde', 'lieferant', 'customer', 'supplier', 'vendor', 'debitor', 'kreditor', 'partner', 'geschaeftspartner'],
  },
  paymentReference: {
    exact: [
      'verwendungszweck',
      'zahlungsreferenz',
      'referenz',
      'buchungstext',
      'betreff',
      'paymentreference',
      'reference',
      'remittance',
      'remittanceinformation',
      'ref',
    ],
    generic: ['text', 'beschreibung', 'description', 'memo', 'bemerkung', 'note'],
  },
  requestedMethod: { exact: ['zahlungsart', 'zahlart', 'zahlweg', 'zahlungsweg', 'zahlungsmethode', 'paymentmethod', 'paymenttype', 'method'] },
  mandateId: {
    exact: ['mandatsreferenz', 'mandatsref', 'mandatsnummer', 'mandatsid', 'sepamandat', 'mandat', 'mandateid', 'mandatereference', 'mandateref', 'mandate'],
  },
  mandateDate: MANDATE_DATE_NAMES,
  iban: IBAN_NAMES,
  bic: BIC_NAMES,
};

const IDENTIFIER = /^[A-Za-z]{0,4}[-/ ]?[0-9][0-9A-Za-z\-/.]*$/;

/** How well `header` (with its example values) fits `field`; 0 = not at all. */
function score(field: ImportField, header: string, examples: readonly string[]): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  const names = NAMES[field];
  let s = 0;
  const exactAt = names.exact.indexOf(h);
  if (exactAt !== -1) s = 100 - exactAt * 0.1;
  else if (names.generic?.includes(h)) s = 40;
  else if (names.exact.some((n) => n.length >= 6 && h.includes(n))) s = 60;
  else if (names.generic?.some((n) => n.length >= 5 && h.startsWith(n))) s = 20;
  if (s === 0) return 0;

  // What is under the header confirms or contradicts the name.
  const filled = examples.map((e) => e.trim()).filter((e) => e !== '');
  if (filled.length === 0) return s;
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  switch (field) {
    case 'statementDate':
    case 'dueDate':
    case 'mandateDate':
      return share(looksLikeDate) >= 0.5 ? s + 10 : s / 4;
    case 'amount':
      return share(looksLikeAmount) >= 0.5 ? s + 10 : s / 4;
    case 'accountNumber':
      return share((v) => IDENTIFIER.test(v)) >= 0.5 ? s + 10 : s / 4;
    case 'accountName':
      return share((v) => /[A-Za-zÄÖÜäöüß]{2}/.test(v) && !IDENTIFIER.test(v)) >= 0.5 ? s + 10 : s / 4;
    case 'number':
      return share((v) => !looksLikeDate(v)) >= 0.5 ? s : s / 4;
    default:
      return s;
  }
}

export interface ColumnSample {
  name: string;
  /** Values of the first rows. */
  examples: readonly string[];
}

const emptyColumns = (): ImportMapping['columns'] => Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ImportMapping['columns'];

const CUSTOMER_HINT = /kunde|debitor|customer|receivable/;
const SUPPLIER_HINT = /kreditor|lieferant|supplier|vendor|creditor|payable/;

/**
 * Receivable or payable when no column says it: only where the account
 * column's name says customers or suppliers; otherwise the user is asked
 * (`ask`), however the amounts are signed — the sign is never guessed.
 */
function typeWithoutColumn(accountColumn: string | null): ImportMapping['type'] {
  const h = accountColumn === null ? '' : normalizeHeader(accountColumn);
  if (SUPPLIER_HINT.test(h)) return { from: 'constant', value: 'Credit' };
  if (CUSTOMER_HINT.test(h)) return { from: 'constant', value: 'Debit' };
  return { from: 'ask' };
}

/**
 * The columns most likely meant for each field, each column used once (best
 * fits first); the type from a type column if there is one (its values
 * mapped as far as Kontor knows the words), else from the account column's
 * name, else asked. Negative amounts make amounts signed, not the type.
 */
export function suggestMapping(samples: readonly ColumnSample[]): ImportMapping {
  const columns = emptyColumns();
  for (const [field, column] of bestColumns(IMPORT_FIELDS, samples, score)) columns[field] = column;

  const amounts = samples.find((c) => c.name === columns.amount)?.examples ?? [];
  const negative = amounts.some((a) => /^\s*[-\u2212]|[-\u2212]\s*$/.test(a));
  let type: ImportMapping['type'];
  if (columns.type !== null) type = { from: 'column', ...suggestTypeValues(samples.find((c) => c.name === columns.type)?.examples ?? []) };
  else type = negative ? { from: 'ask' } : typeWithoutColumn(columns.accountNumber);

  return {
    format: {},
    columns,
    type,
    amountSign: negative ? 'signed' : 'absolute',
    currency: 'EUR',
    requestedMethod: null,
    createAccounts: false,
    needsApproval: false,
  };
}

/** The distinct values of a type column sorted into receivable and payable by the words Kontor knows; the others are left for the user. */
export function suggestTypeValues(examples: readonly string[]): TypeValues {
  const out: TypeValues = { receivable: [], payable: [] };
  const seen = new Set<string>();
  for (const raw of examples) {
    const v = raw.trim();
    if (v === '' || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    const type = readTypeWord(v);
    if (type === 'Debit') out.receivable.push(v);
    else if (type === 'Credit') out.payable.push(v);
  }
  return out;
}

const FIELD_WORDS: Record<ImportField, string> = {
  number: 'entry number',
  statementDate: 'document date',
  dueDate: 'due date',
  amount: 'amount',
  type: 'receivable/payable',
  currency: 'currency',
  accountNumber: 'customer/supplier number',
  accountName: 'customer/supplier name',
  paymentReference: 'payment reference',
  requestedMethod: 'payment method',
  mandateId: 'mandate reference',
  mandateDate: 'mandate’s date of signature',
  iban: 'IBAN',
  bic: 'BIC',
};

export function fieldWords(field: ImportField): string {
  return FIELD_WORDS[field];
}

/** What keeps a mapping from working with these columns at all (as opposed to single rows). */
export function mappingIssues(mapping: ImportMapping, columns: readonly string[]): ImportMappingIssue[] {
  const issues: ImportMappingIssue[] = columnIssues(IMPORT_FIELDS, mapping.columns, columns, REQUIRED_IMPORT_FIELDS, fieldWords);
  const { type } = mapping;
  if (type.from === 'column' && mapping.columns.type === null) {
    issues.push({
      field: 'type',
      code: 'import.fieldNotMapped',
      message: 'Choose the column that says receivable or payable, or choose another way to tell them apart.',
    });
  }
  if (type.from === 'ask') {
    issues.push({
      field: 'type',
      code: 'import.typeNotChosen',
      message: 'Say whether the rows are receivables or payables: choose the column that says it, or one type for every row.',
    });
  }
  if (type.from === 'column') {
    const payable = new Set(type.payable.map((v) => v.toLowerCase()));
    const twice = type.receivable.find((v) => payable.has(v.toLowerCase()));
    if (twice !== undefined) {
      issues.push({
        field: 'type',
        code: 'import.typeValueTwice',
        message: `The value "${twice}" is listed for receivables and for payables.`,
        params: { value: twice },
      });
    }
  }
  return issues;
}

// ---- reading one cell -------------------------------------------------------

const SEPA_WORDS = new Set([
  'sepa',
  'lastschrift',
  'sepalastschrift',
  'basislastschrift',
  'firmenlastschrift',
  'einzug',
  'bankeinzug',
  'ueberweisung',
  'sepaueberweisung',
  'directdebit',
  'dd',
  'sdd',
  'credittransfer',
  'transfer',
  'banktransfer',
  'sct',
  'core',
  'b2b',
]);
const OTHER_WORDS = new Set([
  'other',
  'sonstige',
  'sonstiges',
  'andere',
  'bar',
  'barzahlung',
  'cash',
  'scheck',
  'cheque',
  'check',
  'kreditkarte',
  'creditcard',
  'paypal',
  'verrechnung',
]);

/** `sepa` or `other` from a payment method column; null if the text says neither. */
export function readMethod(text: string): 'sepa' | 'other' | null {
  const key = normalizeHeader(text);
  if (SEPA_WORDS.has(key)) return 'sepa';
  if (OTHER_WORDS.has(key)) return 'other';
  return null;
}
