/**
 * The mapping from CSV columns to entry fields: a suggestion from German and
 * English header names (checked against the values below them), the checks
 * of a mapping against a file's columns, and the readers that turn one
 * cell's text into a field value.
 */
import { parseBusinessDate, type BusinessDate } from '../../../shared/dates';
import {
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type CsvDateFormat,
  type DecimalSeparator,
  type ImportField,
  type ImportMapping,
  type ImportMappingIssue,
} from '../../../shared/entry-import';
import { KontorError } from '../../../shared/errors';
import { parseAmount, type Cents } from '../../../shared/money';
import { looksLikeAmount, looksLikeDate, stripTime } from './sniff';

/** Lower case, umlauts spelled out, only letters and digits: `Fällig am` → `faelligam`. */
export function normalizeHeader(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/**
 * Header names per field, most specific first. `generic` names fit more than
 * one field (a column "Kunde" holds a number in one export and a name in
 * another); the values below them decide.
 */
const NAMES: Record<ImportField, { exact: string[]; generic?: string[] }> = {
  number: {
    exact: [
      'rechnungsnummer', 'rechnungsnr', 'rgnr', 'renr', 'rechnungnr', 'belegnummer', 'belegnr', 'belegfeld1', 'dokumentnummer',
      'dokumentnr', 'opnummer', 'invoicenumber', 'invoiceno', 'invoicenr', 'invoiceid', 'documentnumber', 'documentno', 'docno', 'docnumber',
      'billnumber', 'billno',
    ],
    generic: ['rechnung', 'beleg', 'invoice', 'document', 'nummer', 'number', 'nr', 'no'],
  },
  statementDate: {
    exact: [
      'belegdatum', 'rechnungsdatum', 'rgdatum', 'redatum', 'dokumentdatum', 'ausstellungsdatum', 'invoicedate', 'documentdate', 'docdate',
      'issuedate', 'billdate', 'dateofinvoice',
    ],
    generic: ['datum', 'date', 'buchungsdatum', 'postingdate'],
  },
  dueDate: {
    exact: [
      'faellig', 'faelligkeit', 'faelligam', 'faelligkeitsdatum', 'faelligbis', 'nettofaelligkeit', 'zahlungsziel', 'zahlbarbis', 'duedate',
      'due', 'dueon', 'paymentdue', 'paymentduedate', 'netduedate',
    ],
  },
  amount: {
    exact: [
      'betrag', 'bruttobetrag', 'rechnungsbetrag', 'offenerbetrag', 'opbetrag', 'offen', 'restbetrag', 'gesamtbetrag', 'betrageur',
      'amount', 'grossamount', 'invoiceamount', 'openamount', 'outstanding', 'outstandingamount', 'amountdue', 'totalamount', 'umsatz',
      'umsatzohnesollhabenkz',
    ],
    generic: ['brutto', 'summe', 'total', 'gross', 'wert', 'value'],
  },
  type: {
    exact: [
      'sollhaben', 'sollhabenkennzeichen', 'sollhabenkz', 'shkz', 'sh', 'belegart', 'postenart', 'opart', 'forderungverbindlichkeit',
      'debitcredit', 'dc', 'drcr', 'entrytype', 'documenttype', 'itemtype',
    ],
    generic: ['art', 'typ', 'type', 'kind', 'direction', 'richtung'],
  },
  currency: { exact: ['waehrung', 'wkz', 'waehrungskennung', 'waehrungscode', 'currency', 'currencycode', 'curr', 'ccy', 'cur'] },
  accountNumber: {
    exact: [
      'kundennummer', 'kundennr', 'kdnr', 'debitornummer', 'debitorennummer', 'debitornr', 'debitorennr', 'kreditornummer', 'kreditorennummer',
      'kreditornr', 'kreditorennr', 'lieferantennummer', 'lieferantennr', 'personenkonto', 'kontonummer', 'geschaeftspartnernummer',
      'partnernummer', 'customernumber', 'customerno', 'customerid', 'customeraccount', 'suppliernumber', 'supplierno', 'supplierid',
      'vendornumber', 'vendorno', 'vendorid', 'accountnumber', 'accountno', 'accountid', 'account',
    ],
    generic: ['debitor', 'kreditor', 'kunde', 'lieferant', 'customer', 'supplier', 'vendor', 'konto', 'partner', 'geschaeftspartner'],
  },
  accountName: {
    exact: [
      'kundenname', 'lieferantenname', 'debitorname', 'debitorenname', 'kreditorname', 'kreditorenname', 'firma', 'firmenname', 'name1',
      'name', 'customername', 'suppliername', 'vendorname', 'accountname', 'partnername', 'company', 'companyname', 'zahlungspflichtiger',
      'empfaenger', 'payee', 'payer',
    ],
    generic: ['kunde', 'lieferant', 'customer', 'supplier', 'vendor', 'debitor', 'kreditor', 'partner', 'geschaeftspartner'],
  },
  paymentReference: {
    exact: [
      'verwendungszweck', 'zahlungsreferenz', 'referenz', 'buchungstext', 'betreff', 'paymentreference', 'reference', 'remittance',
      'remittanceinformation', 'ref',
    ],
    generic: ['text', 'beschreibung', 'description', 'memo', 'bemerkung', 'note'],
  },
  requestedMethod: { exact: ['zahlungsart', 'zahlart', 'zahlweg', 'zahlungsweg', 'zahlungsmethode', 'paymentmethod', 'paymenttype', 'method'] },
  mandateId: {
    exact: ['mandatsreferenz', 'mandatsref', 'mandatsnummer', 'mandatsid', 'sepamandat', 'mandat', 'mandateid', 'mandatereference', 'mandateref', 'mandate'],
  },
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

const emptyColumns = (): ImportMapping['columns'] =>
  Object.fromEntries(IMPORT_FIELDS.map((f) => [f, null])) as ImportMapping['columns'];

const SUPPLIER_HINT = /kreditor|lieferant|supplier|vendor|creditor/;

/**
 * Each field's most likely column, each column used once: every (field,
 * column) pair is scored, and the best fits are taken first. Shared by the
 * entries import and the bank CSV import.
 */
export function bestColumns<F extends string>(
  fields: readonly F[],
  samples: readonly { name: string; examples: readonly string[] }[],
  score: (field: F, name: string, examples: readonly string[]) => number,
): Map<F, string> {
  const pairs: { field: F; column: string; s: number }[] = [];
  for (const field of fields) {
    for (const c of samples) {
      const s = score(field, c.name, c.examples);
      if (s > 0) pairs.push({ field, column: c.name, s });
    }
  }
  pairs.sort((a, b) => b.s - a.s);
  const chosen = new Map<F, string>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (chosen.has(p.field) || used.has(p.column)) continue;
    chosen.set(p.field, p.column);
    used.add(p.column);
  }
  return chosen;
}

/**
 * The columns most likely meant for each field, each column used once (best
 * fits first); the type from a type column if there is one, else from the
 * amount's sign if some amounts are negative, else "all receivables" (or
 * "all payables" when the account column speaks of suppliers).
 */
export function suggestMapping(samples: readonly ColumnSample[]): ImportMapping {
  const columns = emptyColumns();
  for (const [field, column] of bestColumns(IMPORT_FIELDS, samples, score)) columns[field] = column;

  const amounts = samples.find((c) => c.name === columns.amount)?.examples ?? [];
  const negative = amounts.some((a) => /^\s*[-\u2212]|[-\u2212]\s*$/.test(a));
  let type: ImportMapping['type'];
  if (columns.type !== null) type = { from: 'column' };
  else if (negative) type = { from: 'amountSign' };
  else type = { from: 'constant', value: columns.accountNumber && SUPPLIER_HINT.test(normalizeHeader(columns.accountNumber)) ? 'Credit' : 'Debit' };

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
};

export function fieldWords(field: ImportField): string {
  return FIELD_WORDS[field];
}

/** What keeps a mapping from working with these columns at all (as opposed to single rows). */
export function mappingIssues(mapping: ImportMapping, columns: readonly string[]): ImportMappingIssue[] {
  const issues: ImportMappingIssue[] = [];
  const known = new Set(columns);
  for (const field of IMPORT_FIELDS) {
    const column = mapping.columns[field];
    if (column !== null && !known.has(column)) {
      issues.push({ field, code: 'import.columnMissing', message: `The file has no column "${column}" (mapped to the ${fieldWords(field)}).`, params: { column } });
    } else if (column === null && REQUIRED_IMPORT_FIELDS.includes(field)) {
      issues.push({ field, code: 'import.fieldNotMapped', message: `Choose the column that holds the ${fieldWords(field)}.` });
    }
  }
  if (mapping.type.from === 'column' && mapping.columns.type === null) {
    issues.push({ field: 'type', code: 'import.fieldNotMapped', message: 'Choose the column that says receivable or payable, or choose another way to tell them apart.' });
  }
  return issues;
}

// ---- reading one cell -------------------------------------------------------

/** Parses an amount in the file's notation; throws `import.badAmount` with the text. */
export function readAmount(text: string, decimal: DecimalSeparator): { cents: Cents; currency: string | null } {
  const currency = /(?:^|[^A-Z])([A-Z]{3})(?:$|[^A-Z])/.exec(text)?.[1] ?? (text.includes('€') ? 'EUR' : null);
  try {
    return { cents: parseAmount(text, { decimal }), currency };
  } catch (e) {
    const tooMany = e instanceof KontorError && e.code === 'amount.tooManyDecimals';
    throw new KontorError(
      'import.badAmount',
      tooMany ? `Amount "${text}" has more than two decimal places.` : `Not a valid amount: "${text}" (decimal ${decimal === ',' ? 'comma' : 'point'} expected).`,
      { value: text, decimal },
    );
  }
}

/** Parses a date in the file's format (ISO and dd.mm.yyyy are always understood); throws `import.badDate`. */
export function readDate(text: string, format: CsvDateFormat): BusinessDate {
  const v = stripTime(text.trim());
  const bad = () => new KontorError('import.badDate', `Not a valid date: "${text}" (expected ${format}).`, { value: text, format });
  try {
    if (format === 'dd/mm/yyyy' || format === 'mm/dd/yyyy') {
      const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
      if (!m) throw bad();
      const [day, month] = format === 'dd/mm/yyyy' ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
      return parseBusinessDate(`${m[3]}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
    }
    if (format !== 'yyyymmdd' && /^\d{8}$/.test(v)) throw bad();
    return parseBusinessDate(v);
  } catch {
    throw bad();
  }
}

const DEBIT_WORDS = new Set([
  'debit', 'd', 'dr', 'db', 'soll', 's', 'receivable', 'ar', 'forderung', 'debitor', 'ausgangsrechnung', 'invoice', 'rechnung', 'kunde',
  'customer', '+', '+1', '1', 'plus', 'in',
]);
const CREDIT_WORDS = new Set([
  'credit', 'c', 'cr', 'cd', 'haben', 'h', 'payable', 'ap', 'verbindlichkeit', 'kreditor', 'eingangsrechnung', 'lieferant', 'supplier',
  'vendor', '-', '\u2212', '-1', 'minus', 'out',
]);

/** Receivable or payable from a type column's words or signs; null if the text says neither. */
export function readType(text: string): 'Debit' | 'Credit' | null {
  const v = text.trim().toLowerCase();
  const key = /^[+\-\u2212]/.test(v) ? v : normalizeHeader(v);
  if (DEBIT_WORDS.has(key)) return 'Debit';
  if (CREDIT_WORDS.has(key)) return 'Credit';
  return null;
}

const SEPA_WORDS = new Set([
  'sepa', 'lastschrift', 'sepalastschrift', 'basislastschrift', 'firmenlastschrift', 'einzug', 'bankeinzug', 'ueberweisung',
  'sepaueberweisung', 'directdebit', 'dd', 'sdd', 'credittransfer', 'transfer', 'banktransfer', 'sct', 'core', 'b2b',
]);
const OTHER_WORDS = new Set(['other', 'sonstige', 'sonstiges', 'andere', 'bar', 'barzahlung', 'cash', 'scheck', 'cheque', 'check', 'kreditkarte', 'creditcard', 'paypal', 'verrechnung']);

/** `sepa` or `other` from a payment method column; null if the text says neither. */
export function readMethod(text: string): 'sepa' | 'other' | null {
  const key = normalizeHeader(text);
  if (SEPA_WORDS.has(key)) return 'sepa';
  if (OTHER_WORDS.has(key)) return 'other';
  return null;
}

/** `EUR` from `eur`, `€` or ` EUR `; null if it is no three-letter code. */
export function readCurrency(text: string): string | null {
  const v = text.trim();
  if (v === '€') return 'EUR';
  return /^[A-Za-z]{3}$/.test(v) ? v.toUpperCase() : null;
}
