/**
 * The mapping of a master-data CSV's columns to party fields: a suggestion
 * from German and English header names, and what keeps a mapping from
 * working with a file at all. Customer or supplier comes from a column
 * whose values the user maps (`D`/`K`, `Debitor`/`Kreditor`), the same for
 * every row, or is asked.
 */
import { PARTY_FIELDS, REQUIRED_PARTY_FIELDS, type PartyField, type PartyMapping } from '../../../shared/parties';
import { bestColumns, normalizeHeader } from '../../csv/columns';
import { columnIssues } from '../../csv/fields';
import { looksLikeDate } from '../../csv/readers';
import { readTypeWord } from '../entries-import/type-values';
import { BIC_NAMES, IBAN_NAMES, MANDATE_DATE_NAMES, SCHEME_NAMES, SEQUENCE_NAMES, type FieldNames } from './names';

const NAMES: Record<PartyField, FieldNames> = {
  number: {
    exact: [
      'kontonummer',
      'kundennummer',
      'kundennr',
      'debitornummer',
      'debitorennummer',
      'kreditornummer',
      'kreditorennummer',
      'lieferantennummer',
      'lieferantennr',
      'personenkonto',
      'partnernummer',
      'geschaeftspartnernummer',
      'customernumber',
      'customerno',
      'suppliernumber',
      'supplierno',
      'vendornumber',
      'accountnumber',
      'accountno',
      'number',
      'nummer',
      'nr',
      'konto',
    ],
    generic: ['debitor', 'kreditor', 'kunde', 'lieferant', 'partner', 'account'],
  },
  name: {
    exact: ['name', 'name1', 'firma', 'firmenname', 'kundenname', 'lieferantenname', 'bezeichnung', 'company', 'companyname', 'customername', 'suppliername'],
    generic: ['kunde', 'lieferant', 'partner', 'customer', 'supplier'],
  },
  kind: {
    exact: ['dk', 'debitorkreditor', 'kontoart', 'art', 'typ', 'partnerart', 'partnertyp', 'kind', 'type', 'partytype', 'accounttype', 'rolle', 'role'],
  },
  iban: IBAN_NAMES,
  bic: BIC_NAMES,
  mandateId: {
    exact: ['mandatsreferenz', 'mandatsref', 'mandatsnummer', 'mandatsid', 'sepamandat', 'mandat', 'mandateid', 'mandatereference', 'mandateref', 'mandate'],
  },
  mandateDate: MANDATE_DATE_NAMES,
  sequence: SEQUENCE_NAMES,
  scheme: SCHEME_NAMES,
  email: { exact: ['email', 'emailadresse', 'mail', 'emailaddress', 'eMail'.toLowerCase()] },
  street: { exact: ['strasse', 'strassehausnummer', 'anschrift', 'adresse', 'street', 'address', 'addressline1'] },
  postalCode: { exact: ['plz', 'postleitzahl', 'postalcode', 'zip', 'zipcode', 'postcode'] },
  city: { exact: ['ort', 'stadt', 'wohnort', 'city', 'town'] },
  country: { exact: ['land', 'laenderkennzeichen', 'laendercode', 'country', 'countrycode'] },
};

function score(field: PartyField, header: string, examples: readonly string[]): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  const names = NAMES[field];
  let s = 0;
  const exactAt = names.exact.indexOf(h);
  if (exactAt !== -1) s = 100 - exactAt * 0.1;
  else if (names.generic?.includes(h)) s = 40;
  else if (names.exact.some((n) => n.length >= 6 && h.includes(n))) s = 60;
  if (s === 0) return 0;
  const filled = examples.map((e) => e.trim()).filter((e) => e !== '');
  if (filled.length === 0) return s;
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  if (field === 'mandateDate') return share(looksLikeDate) >= 0.5 ? s + 10 : s / 4;
  if (field === 'iban') return share((v) => /^[A-Z]{2}\d{2}/i.test(v.replace(/\s/g, ''))) >= 0.5 ? s + 10 : s / 4;
  if (field === 'kind') return share((v) => readTypeWord(v) !== null) >= 0.5 ? s + 10 : s / 4;
  return s;
}

const CUSTOMER_HINT = /kunde|debitor|customer/;
const SUPPLIER_HINT = /kreditor|lieferant|supplier|vendor|creditor/;

/** Customer/supplier values of a kind column sorted by the words Kontor knows (Debitor, D, Kunde / Kreditor, K, Lieferant). */
function suggestKindValues(examples: readonly string[]): { customer: string[]; supplier: string[] } {
  const out = { customer: [] as string[], supplier: [] as string[] };
  const seen = new Set<string>();
  for (const raw of examples) {
    const v = raw.trim();
    if (v === '' || seen.has(v.toLowerCase())) continue;
    seen.add(v.toLowerCase());
    const t = readTypeWord(v);
    if (t === 'Debit') out.customer.push(v);
    else if (t === 'Credit') out.supplier.push(v);
  }
  return out;
}

export function suggestPartyMapping(samples: readonly { name: string; examples: readonly string[] }[]): PartyMapping {
  const columns = Object.fromEntries(PARTY_FIELDS.map((f) => [f, null])) as PartyMapping['columns'];
  for (const [field, column] of bestColumns(PARTY_FIELDS, samples, score)) columns[field] = column;
  let kind: PartyMapping['kind'] = { from: 'ask' };
  if (columns.kind !== null) kind = { from: 'column', ...suggestKindValues(samples.find((c) => c.name === columns.kind)?.examples ?? []) };
  else {
    const h = columns.number === null ? '' : normalizeHeader(columns.number);
    if (SUPPLIER_HINT.test(h)) kind = { from: 'constant', value: 'supplier' };
    else if (CUSTOMER_HINT.test(h)) kind = { from: 'constant', value: 'customer' };
  }
  return { format: {}, columns, kind, scheme: 'CORE' };
}

const WORDS: Record<PartyField, string> = {
  number: 'customer/supplier number',
  name: 'name',
  kind: 'customer or supplier',
  iban: 'IBAN',
  bic: 'BIC',
  mandateId: 'mandate reference',
  mandateDate: 'mandate’s date of signature',
  sequence: 'mandate sequence',
  scheme: 'direct debit scheme',
  email: 'e-mail',
  street: 'street',
  postalCode: 'postal code',
  city: 'city',
  country: 'country',
};

export const partyFieldWords = (field: PartyField): string => WORDS[field];

export function partyMappingIssues(m: PartyMapping, columns: readonly string[]): { field: PartyField; code: string; message: string }[] {
  const issues = columnIssues(PARTY_FIELDS, m.columns, columns, REQUIRED_PARTY_FIELDS, partyFieldWords).map(({ field, code, message }) => ({
    field,
    code,
    message,
  }));
  if (m.kind.from === 'ask') {
    issues.push({
      field: 'kind',
      code: 'import.kindNotChosen',
      message: 'Say whether the rows are customers or suppliers: choose the column that says it, or one kind for every row.',
    });
  } else if (m.kind.from === 'column' && m.columns.kind === null) {
    issues.push({ field: 'kind', code: 'import.fieldNotMapped', message: 'Choose the column that says customer or supplier.' });
  }
  return issues;
}

/** Customer or supplier from a kind column's cell: the user's values first, then the words Kontor knows; null if neither. */
export function readKind(text: string, values: { customer: string[]; supplier: string[] }): 'customer' | 'supplier' | null {
  const v = text.trim().toLowerCase();
  if (values.customer.some((c) => c.toLowerCase() === v)) return 'customer';
  if (values.supplier.some((c) => c.toLowerCase() === v)) return 'supplier';
  const word = readTypeWord(text);
  return word === 'Debit' ? 'customer' : word === 'Credit' ? 'supplier' : null;
}
