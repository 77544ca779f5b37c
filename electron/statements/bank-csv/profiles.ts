/**
 * Built-in profiles for the common German bank exports, the generic one
 * (columns suggested from header words), and the proposal: every profile is
 * scored against the file's header and the best one above a threshold wins.
 */
import { BANK_CSV_FIELDS, BankCsvMapping, requiredBankCsvFields, type BankCsvField, type BankCsvMappingInput } from '../../../shared/bank-csv';
import { bestColumns, columnLookup, normalizeHeader } from '../../csv/columns';
import { looksLikeAmount, looksLikeDate } from '../../csv/readers';

type Columns = BankCsvMapping['columns'];

/** A profile as the proposal sees it: its mapping and the full header its bank writes (or the file it was saved from had). */
export interface ProfileCandidate {
  name: string;
  builtIn: boolean;
  mapping: BankCsvMapping;
  header: readonly string[];
}

export const GENERIC_PROFILE = 'Generic';
/** Below this score the generic profile with suggested columns is proposed instead. */
export const PROPOSAL_THRESHOLD = 0.75;

const emptyColumns = (): Columns => Object.fromEntries(BANK_CSV_FIELDS.map((f) => [f, null])) as Columns;

function builtIn(name: string, header: string, mapping: Omit<BankCsvMappingInput, 'columns'> & { columns: Partial<Columns> }): ProfileCandidate {
  return {
    name,
    builtIn: true,
    header: header.split(';'),
    mapping: BankCsvMapping.parse({ ...mapping, columns: { ...emptyColumns(), ...mapping.columns } }),
  };
}

/** The German exports Kontor knows; sample lines are in the tests (`test-files.ts`). */
export const BUILT_IN_PROFILES: readonly ProfileCandidate[] = [
  builtIn(
    'Sparkasse (CSV-CAMT)',
    'Auftragskonto;Buchungstag;Valutadatum;Buchungstext;Verwendungszweck;Glaeubiger ID;Mandatsreferenz;Kundenreferenz (End-to-End);Sammlerreferenz;Lastschrift Ursprungsbetrag;Auslagenersatz Ruecklastschrift;Beguenstigter/Zahlungspflichtiger;Kontonummer/IBAN;BIC (SWIFT-Code);Betrag;Waehrung;Info',
    {
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Valutadatum',
        amount: 'Betrag',
        currency: 'Waehrung',
        counterpartyName: 'Beguenstigter/Zahlungspflichtiger',
        counterpartyIban: 'Kontonummer/IBAN',
        counterpartyBic: 'BIC (SWIFT-Code)',
        remittance: 'Verwendungszweck',
        bookingText: 'Buchungstext',
        endToEndId: 'Kundenreferenz (End-to-End)',
        mandateId: 'Mandatsreferenz',
        creditorId: 'Glaeubiger ID',
        reference: 'Sammlerreferenz',
      },
    },
  ),
  builtIn(
    'Deutsche Bank',
    'Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN;BIC;Kundenreferenz;Mandatsreferenz;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung',
    {
      amountMode: 'debitCredit',
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Wert',
        debit: 'Soll',
        credit: 'Haben',
        currency: 'Währung',
        counterpartyName: 'Begünstigter / Auftraggeber',
        counterpartyIban: 'IBAN',
        counterpartyBic: 'BIC',
        remittance: 'Verwendungszweck',
        bookingText: 'Umsatzart',
        endToEndId: 'Kundenreferenz',
        mandateId: 'Mandatsreferenz',
        creditorId: 'Gläubiger ID',
      },
    },
  ),
  builtIn(
    'Commerzbank',
    'Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;Auftraggeberkonto;Bankleitzahl Auftraggeberkonto;IBAN Auftraggeberkonto;Kategorie',
    {
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Wertstellung',
        amount: 'Betrag',
        currency: 'Währung',
        remittance: 'Buchungstext',
        bookingText: 'Umsatzart',
      },
    },
  ),
  builtIn('ING', 'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung (2)', {
    columns: {
      bookingDate: 'Buchung',
      valueDate: 'Valuta',
      amount: 'Betrag',
      currency: 'Währung (2)',
      counterpartyName: 'Auftraggeber/Empfänger',
      remittance: 'Verwendungszweck',
      bookingText: 'Buchungstext',
    },
  }),
  builtIn(
    'DKB',
    'Buchungsdatum;Wertstellung;Status;Zahlungspflichtige*r;Zahlungsempfänger*in;Verwendungszweck;Umsatztyp;IBAN;Betrag (€);Gläubiger-ID;Mandatsreferenz;Kundenreferenz',
    {
      // Pending ("Vorgemerkt") rows are no bookings yet.
      filter: `"Status" != 'Vorgemerkt'`,
      columns: {
        bookingDate: 'Buchungsdatum',
        valueDate: 'Wertstellung',
        amount: 'Betrag (€)',
        counterpartyName: 'Zahlungspflichtige*r',
        counterpartyIban: 'IBAN',
        remittance: 'Verwendungszweck',
        bookingText: 'Umsatztyp',
        endToEndId: 'Kundenreferenz',
        mandateId: 'Mandatsreferenz',
        creditorId: 'Gläubiger-ID',
      },
    },
  ),
  builtIn(
    'DKB (until 2023)',
    'Buchungstag;Wertstellung;Buchungstext;Auftraggeber / Begünstigter;Verwendungszweck;Kontonummer;BLZ;Betrag (EUR);Gläubiger-ID;Mandatsreferenz;Kundenreferenz',
    {
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Wertstellung',
        amount: 'Betrag (EUR)',
        counterpartyName: 'Auftraggeber / Begünstigter',
        counterpartyIban: 'Kontonummer',
        counterpartyBic: 'BLZ',
        remittance: 'Verwendungszweck',
        bookingText: 'Buchungstext',
        endToEndId: 'Kundenreferenz',
        mandateId: 'Mandatsreferenz',
        creditorId: 'Gläubiger-ID',
      },
    },
  ),
  builtIn(
    'Volksbank / VR',
    'Buchungstag;Valuta;Auftraggeber/Zahlungsempfänger;Empfänger/Zahlungspflichtiger;Konto-Nr.;IBAN;BLZ;BIC;Vorgang/Verwendungszweck;Kundenreferenz;Währung;Umsatz;Soll/Haben',
    {
      amountMode: 'withDirection',
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Valuta',
        amount: 'Umsatz',
        direction: 'Soll/Haben',
        currency: 'Währung',
        counterpartyName: 'Empfänger/Zahlungspflichtiger',
        counterpartyIban: 'IBAN',
        counterpartyBic: 'BIC',
        remittance: 'Vorgang/Verwendungszweck',
        endToEndId: 'Kundenreferenz',
      },
    },
  ),
  builtIn(
    'Volksbank / VR (since 2021)',
    'Bezeichnung Auftragskonto;IBAN Auftragskonto;BIC Auftragskonto;Bankname Auftragskonto;Buchungstag;Valutadatum;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;BIC (SWIFT-Code) Zahlungsbeteiligter;Buchungstext;Verwendungszweck;Betrag;Waehrung;Saldo nach Buchung;Bemerkung;Kategorie;Steuerrelevant;Glaeubiger ID;Mandatsreferenz',
    {
      columns: {
        bookingDate: 'Buchungstag',
        valueDate: 'Valutadatum',
        amount: 'Betrag',
        currency: 'Waehrung',
        counterpartyName: 'Name Zahlungsbeteiligter',
        counterpartyIban: 'IBAN Zahlungsbeteiligter',
        counterpartyBic: 'BIC (SWIFT-Code) Zahlungsbeteiligter',
        remittance: 'Verwendungszweck',
        bookingText: 'Buchungstext',
        mandateId: 'Mandatsreferenz',
        creditorId: 'Glaeubiger ID',
      },
    },
  ),
  builtIn('Postbank', 'Buchungstag;Wertstellung;Umsatzart;Buchungsdetails;Auftraggeber;Empfänger;Betrag (€);Saldo (€)', {
    columns: {
      bookingDate: 'Buchungstag',
      valueDate: 'Wertstellung',
      amount: 'Betrag (€)',
      counterpartyName: 'Auftraggeber',
      remittance: 'Buchungsdetails',
      bookingText: 'Umsatzart',
    },
  }),
];

const GENERIC_HEADER: readonly string[] = [];

export const isBuiltInName = (name: string) =>
  name.trim().toLowerCase() === GENERIC_PROFILE.toLowerCase() || BUILT_IN_PROFILES.some((p) => p.name.toLowerCase() === name.trim().toLowerCase());

// ---- which fields a mapping needs -----------------------------------------------

/** The fields without which no row can be read, for the mapping's amount mode. */
export function requiredFields(mapping: BankCsvMapping): BankCsvField[] {
  return requiredBankCsvFields(mapping.amountMode);
}

/** The mapping with its column names as this file spells them (`Waehrung` finds `Währung`, case and spacing aside). */
export function resolveMapping(mapping: BankCsvMapping, columns: readonly string[]): BankCsvMapping {
  const find = columnLookup(columns);
  const resolved = { ...mapping.columns };
  for (const field of BANK_CSV_FIELDS) {
    const name = resolved[field];
    if (name === null) continue;
    const k = find(name);
    if (k !== undefined) resolved[field] = columns[k]!;
  }
  return { ...mapping, columns: resolved };
}

/**
 * How well a profile fits a file's header, 0 to 1: the share of the
 * profile's mapped columns the file has (70 %) and how closely the file's
 * header equals the one the profile knows (30 %, Jaccard over normalised
 * names). A required column missing caps the score at 0.3.
 */
export function scoreProfile(p: ProfileCandidate, columns: readonly string[]): number {
  const file = new Set(columns.map(normalizeHeader).filter((c) => c !== ''));
  if (file.size === 0) return 0;
  const mapped = BANK_CSV_FIELDS.map((f) => p.mapping.columns[f]).filter((c): c is string => c !== null);
  if (mapped.length === 0) return 0;
  const present = mapped.filter((c) => file.has(normalizeHeader(c))).length / mapped.length;
  const known = new Set((p.header.length > 0 ? p.header : mapped).map(normalizeHeader).filter((c) => c !== ''));
  let both = 0;
  for (const c of file) if (known.has(c)) both++;
  const jaccard = both / (file.size + known.size - both);
  let score = 0.7 * present + 0.3 * jaccard;
  const missingRequired = requiredFields(p.mapping).some((f) => {
    const c = p.mapping.columns[f];
    return c === null || !file.has(normalizeHeader(c));
  });
  if (missingRequired) score = Math.min(score, 0.3);
  return Math.round(score * 1000) / 1000;
}

export interface Proposal {
  name: string;
  builtIn: boolean;
  score: number;
  mapping: BankCsvMapping;
}

/**
 * The best-fitting profile (a saved one wins a tie against a built-in: it is
 * what the user made of it), or Generic with suggested columns when none
 * reaches the threshold.
 */
export function proposeProfile(candidates: readonly ProfileCandidate[], columns: readonly string[], examples: readonly (readonly string[])[]): Proposal {
  let best: Proposal | null = null;
  for (const p of candidates) {
    const score = scoreProfile(p, columns);
    if (best === null || score > best.score || (score === best.score && best.builtIn && !p.builtIn)) {
      best = { name: p.name, builtIn: p.builtIn, score, mapping: p.mapping };
    }
  }
  if (best && best.score >= PROPOSAL_THRESHOLD) return { ...best, mapping: resolveMapping(best.mapping, columns) };
  const mapping = suggestBankMapping(columns.map((name, k) => ({ name, examples: examples[k] ?? [] })));
  const found = requiredFields(mapping).filter((f) => mapping.columns[f] !== null).length / requiredFields(mapping).length;
  return { name: GENERIC_PROFILE, builtIn: true, score: Math.round(found * 0.5 * 1000) / 1000, mapping };
}

export const genericCandidate = (): ProfileCandidate => ({
  name: GENERIC_PROFILE,
  builtIn: true,
  header: GENERIC_HEADER,
  mapping: BankCsvMapping.parse({ columns: emptyColumns() }),
});

// ---- generic: columns from header words ------------------------------------------

/** Normalised header names per field, most specific first. */
const NAMES: Record<BankCsvField, string[]> = {
  bookingDate: ['buchungstag', 'buchungsdatum', 'buchung', 'datum', 'bookingdate', 'bookingday', 'postingdate', 'transactiondate', 'date', 'buchungstagdatum'],
  valueDate: ['valuta', 'valutadatum', 'wertstellung', 'wertstellungsdatum', 'wert', 'valuedate', 'value'],
  amount: ['betrag', 'umsatz', 'betrageur', 'amount', 'betragineur', 'transactionamount', 'buchungsbetrag'],
  debit: ['soll', 'sollbetrag', 'lastschrift', 'ausgang', 'debit', 'debitamount', 'withdrawal', 'withdrawals', 'belastung'],
  credit: ['haben', 'habenbetrag', 'gutschrift', 'eingang', 'credit', 'creditamount', 'deposit', 'deposits'],
  direction: ['sollhaben', 'sh', 'sollhabenkennzeichen', 'shkz', 'debitcredit', 'dc', 'drcr', 'cdtdbtind', 'direction'],
  currency: ['waehrung', 'wkz', 'currency', 'ccy', 'curr', 'waehrungscode'],
  counterpartyName: [
    'beguenstigterzahlungspflichtiger',
    'empfaengerzahlungspflichtiger',
    'auftraggeberempfaenger',
    'beguenstigterauftraggeber',
    'namezahlungsbeteiligter',
    'zahlungsbeteiligter',
    'gegenpartei',
    'name',
    'auftraggeber',
    'empfaenger',
    'counterparty',
    'counterpartyname',
    'payee',
    'payer',
    'partner',
  ],
  counterpartyIban: ['kontonummeriban', 'ibanzahlungsbeteiligter', 'iban', 'gegenkontoiban', 'counterpartyiban', 'ibankontonummer', 'kontonummer'],
  counterpartyBic: ['bicswiftcode', 'bic', 'biczahlungsbeteiligter', 'swift', 'bicswiftcodezahlungsbeteiligter', 'counterpartybic'],
  remittance: [
    'verwendungszweck',
    'vorgangverwendungszweck',
    'buchungsdetails',
    'remittance',
    'remittanceinformation',
    'purpose',
    'description',
    'details',
    'memo',
  ],
  bookingText: ['buchungstext', 'umsatzart', 'umsatztyp', 'vorgang', 'transactiontype', 'bookingtext', 'type'],
  endToEndId: ['kundenreferenzendtoend', 'endtoendid', 'endtoendreferenz', 'endtoend', 'eref', 'kundenreferenz', 'endtoendreference'],
  mandateId: ['mandatsreferenz', 'mandatsref', 'mandateid', 'mandatereference', 'mref'],
  creditorId: ['glaeubigerid', 'glaeubigeridentifikation', 'creditorid', 'cred', 'creditoridentifier'],
  reference: ['sammlerreferenz', 'referenz', 'bankreferenz', 'reference', 'bankreference', 'primanota'],
};

/** Every header name (normalised) a built-in profile or the generic suggestion knows. */
export const KNOWN_HEADER_WORDS: ReadonlySet<string> = new Set(
  [...BUILT_IN_PROFILES.flatMap((p) => p.header), ...Object.values(NAMES).flat()].map(normalizeHeader).filter((w) => w !== ''),
);

const DATE_FIELDS = new Set<BankCsvField>(['bookingDate', 'valueDate']);
const AMOUNT_FIELDS = new Set<BankCsvField>(['amount', 'debit', 'credit']);

function fieldScore(field: BankCsvField, header: string, examples: readonly string[]): number {
  const h = normalizeHeader(header);
  if (h === '') return 0;
  const names = NAMES[field];
  const at = names.indexOf(h);
  let s = at !== -1 ? 100 - at : names.some((n) => n.length >= 5 && h.startsWith(n)) ? 50 : 0;
  if (s === 0) return 0;
  const filled = examples.map((e) => e.trim()).filter((e) => e !== '');
  if (filled.length === 0) return s;
  const share = (test: (v: string) => boolean) => filled.filter(test).length / filled.length;
  if (DATE_FIELDS.has(field)) s = share(looksLikeDate) >= 0.5 ? s + 10 : s / 4;
  else if (AMOUNT_FIELDS.has(field)) s = share(looksLikeAmount) >= 0.5 ? s + 10 : s / 4;
  else if (field === 'direction') s = share((v) => /^(s|h|soll|haben|d|c|dr|cr|debit|credit|\+|-)$/i.test(v)) >= 0.5 ? s + 10 : s / 4;
  return s;
}

/** Columns for each field from the header words (checked against the values below), each column used once. */
export function suggestBankMapping(samples: readonly { name: string; examples: readonly string[] }[]): BankCsvMapping {
  const columns = emptyColumns();
  for (const [field, column] of bestColumns(BANK_CSV_FIELDS, samples, fieldScore)) columns[field] = column;
  let amountMode: BankCsvMapping['amountMode'] = 'signed';
  if (columns.amount !== null && columns.direction !== null) amountMode = 'withDirection';
  else if (columns.amount === null && columns.debit !== null && columns.credit !== null) amountMode = 'debitCredit';
  // Columns that the chosen mode does not read stay unmapped, so the editor shows what is used.
  if (amountMode === 'signed') columns.direction = null;
  if (amountMode !== 'debitCredit') {
    columns.debit = null;
    columns.credit = null;
  }
  return BankCsvMapping.parse({ columns, amountMode });
}
