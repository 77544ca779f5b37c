/**
 * Payment lines that look like a treasury's real work (issue 21.1), from a
 * seed (the same lines every run):
 * - payees from a pool of `n / 5` (suppliers and members come back: about
 *   five payments each, a few very often), German names and companies with
 *   umlauts, ß, `&` and typographic quotes, and European ones with letters
 *   that need transliteration (Ł, Ø, é, ñ, Ş, ř…); about half of all names
 *   are already plain ASCII;
 * - IBANs from DE, AT, FR, NL, IT, ES, PL, BE, LU, PT (national check digits
 *   valid where the country has them), about 30 % of payees without BIC;
 * - remittance texts from a few characters to the full 140 (some longer, so
 *   they are cut), with umlauts, `&`, `%`, `–`, `€` and quotes; some lines
 *   without one;
 * - end-to-end ids as invoices carry them, some with `/`.
 */
import { isValidIBAN } from 'ibantools';
import type { CreditTransferLine, CreditTransferTx, DirectDebitLine, Party, StreamedPaymentFileInput, StreamedTransferBlock } from '../../../electron/sepa';
import { CREDITOR_ID, ibanCheckDigits, OTHER_IBAN, OUR_BIC, OUR_IBAN } from '../../../electron/sepa/test-fixtures';
import { seeded } from '../figure';

const GERMAN_FIRST = ['Jürgen', 'Jörg', 'Sören', 'Käthe', 'Hans-Peter', 'Anna', 'Lena', 'Maximilian', 'Ülkü', 'Björn', 'Günther', 'Marie-Luise'];
const GERMAN_LAST = ['Müller', 'Schäfer', 'Groß', 'Weiß', 'Köhler', 'Böhm', 'Jäger', 'Krüger', 'Fuß', 'Schröder', 'Schmidt', 'Meyer', 'Becker', 'Hoffmann'];
const EUROPEAN = [
  'Łukasz Wróbel',
  'Małgorzata Żak',
  'Paweł Dąbrowski',
  'Søren Ørsted',
  'Bjørn Ødegård',
  'Hélène Lefèvre',
  'François Côté',
  'Élodie Benoît',
  'José Muñoz',
  'Begoña Ibáñez',
  'Niccolò Bianchi',
  'Jan de Vries',
  "Daan van 't Hof",
  'Ayşe Çelik',
  'Mehmet Şahin',
  'Antonín Dvořák',
  "Siobhán O'Brien",
  'Zoë Ångström',
];
const COMPANIES = [
  'Müller & Söhne GmbH',
  'Bäckerei Groß e.K.',
  '„Zum Goldenen Löwen“ GmbH',
  'Schäfer & Co. KG',
  'Weiß GmbH & Co. KG',
  'Łódź Logistics Sp. z o.o.',
  'Øresund Shipping A/S',
  "Société Générale d'Équipement SARL",
  'Café Ünal',
  'Straßenbau Süd GmbH',
  'Kühne Logistik AG',
  'Fernández y Hijos S.L.',
];
const PLAIN = [
  'Stadtwerke Bonn GmbH',
  'Deutsche Telekom AG',
  'Allianz Versicherungs-AG',
  'Office Supplies Ltd',
  'Autohaus Meyer GmbH',
  'Techniker Krankenkasse',
  'Rossi S.p.A.',
  'Van den Berg B.V.',
  'Anna Schmidt',
  'Peter Wagner',
  'Heinz Becker',
  'Laura Richter',
];
const REMITTANCE_PARTS = [
  'Rechnung RE-2026-{n} vom 02.11.2026',
  'Kundennr. {n}',
  'Wartung Heizungsanlage Gebäude Süd',
  'Straße der Einheit {n}',
  'abzüglich 2 % Skonto',
  'Miete Dezember – Büro 3. OG',
  'Gehalt November 2026',
  'Lieferung „Schrauben & Dübel“',
  'Facture n° {n} – prestations d’octobre',
  'Faktura VAT {n}/2026 – usługi',
  'Beitrag 2026 Mitglied {n}',
  'Gutschrift Rücksendung {n}',
  'Reisekosten München–Köln',
  'Betrag 1.234,56 € inkl. 19 % MwSt.',
  'invoice {n}',
  'Order {n} of 2026-11-01',
  'KW 47',
];
const BICS_WITH_COUNTRY: Record<string, readonly string[]> = {
  DE: ['COBADEFFXXX', 'DEUTDEFF', 'BYLADEM1001', 'GENODEF1S04', 'INGDDEFFXXX', 'SSKMDEMMXXX'],
  AT: ['BKAUATWW', 'RZBAATWW'],
  FR: ['BNPAFRPP', 'SOGEFRPP'],
  NL: ['INGBNL2A', 'ABNANL2A'],
  IT: ['UNCRITMM', 'BCITITMM'],
  ES: ['BSCHESMM', 'CAIXESBB'],
  PL: ['PKOPPLPW', 'BPKOPLPW'],
  BE: ['GEBABEBB', 'KREDBEBB'],
  LU: ['BCEELULL'],
  PT: ['CGDIPTPL'],
};
/** Countries by weight: mostly German payees, the rest spread over the euro area and Poland. */
const COUNTRIES = ['DE', 'DE', 'DE', 'DE', 'DE', 'AT', 'AT', 'FR', 'NL', 'IT', 'ES', 'PL', 'BE', 'LU', 'PT'] as const;
const BBAN_SHAPE: Record<(typeof COUNTRIES)[number], string> = {
  DE: '999999999999999999',
  AT: '9999999999999999',
  FR: '9999999999AAAAAAAAAAA99',
  NL: 'AAAA9999999999',
  IT: 'A9999999999AAAAAAAAAAAA',
  ES: '99999999999999999999',
  PL: '999999999999999999999999',
  BE: '999999999999',
  LU: '999AAAAAAAAAAAAA',
  PT: '999999999999999999999',
};

function pick<T>(list: readonly T[], random: () => number): T {
  const item = list[Math.floor(random() * list.length)];
  if (item === undefined) throw new Error('empty list');
  return item;
}

/** A valid IBAN of `country`: random BBANs of the country's shape until one passes ibantools (national check digits included). */
function ibanOf(country: (typeof COUNTRIES)[number], random: () => number): string {
  for (;;) {
    let bban = '';
    for (const c of BBAN_SHAPE[country]) bban += c === '9' ? String(Math.floor(random() * 10)) : String.fromCharCode(65 + Math.floor(random() * 26));
    const iban = `${country}${ibanCheckDigits(country, bban)}${bban}`;
    if (isValidIBAN(iban)) return iban;
  }
}

function nameOf(random: () => number): string {
  const r = random();
  if (r < 0.5) return pick(PLAIN, random);
  if (r < 0.75) return `${pick(GERMAN_FIRST, random)} ${pick(GERMAN_LAST, random)}`;
  if (r < 0.88) return pick(EUROPEAN, random);
  return pick(COMPANIES, random);
}

/** A remittance text: one short part, or several joined up to 150 characters (cut to 140 by the builder). */
function remittanceOf(random: () => number): string | null {
  const r = random();
  if (r < 0.08) return null;
  const fill = (part: string) => part.replace('{n}', String(Math.floor(random() * 1_000_000)).padStart(6, '0'));
  if (r < 0.4) return fill(pick(REMITTANCE_PARTS, random));
  const limit = r < 0.85 ? 140 : 150;
  let text = fill(pick(REMITTANCE_PARTS, random));
  for (;;) {
    const next = `${text}, ${fill(pick(REMITTANCE_PARTS, random))}`;
    if (next.length > limit) return text;
    text = next;
  }
}

/** `n / 5` payees (at least 50): names, IBANs of several countries, 30 % without BIC. */
export function payeePool(n: number, random: () => number): Party[] {
  const pool: Party[] = [];
  for (let i = 0; i < Math.max(50, Math.floor(n / 5)); i++) {
    const country = pick(COUNTRIES, random);
    const party: Party = { name: nameOf(random), iban: ibanOf(country, random) };
    if (random() >= 0.3) party.bic = pick(BICS_WITH_COUNTRY[country] ?? [], random);
    pool.push(party);
  }
  return pool;
}

/** A payee of the pool: a few come back very often (utilities, payroll), the rest about evenly. */
function payeeOf(pool: readonly Party[], random: () => number): Party {
  const r = random();
  return pick(r < 0.2 ? pool.slice(0, 20) : pool, random);
}

function endToEndId(prefix: string, i: number, random: () => number): string {
  return random() < 0.3 ? `${prefix}/2026/${i + 1}` : `${prefix}-2026-11-${String(i + 1).padStart(7, '0')}`;
}

/** `n` credit transfers from two of our accounts on two dates (see the module comment). */
export function realisticTransferLines(n: number, seed: number): CreditTransferLine[] {
  const random = seeded(seed);
  const pool = payeePool(n, random);
  const accounts: Party[] = [
    { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC },
    { name: 'Kontor Demo GmbH', iban: OTHER_IBAN },
  ];
  const lines: CreditTransferLine[] = new Array<CreditTransferLine>(n);
  for (let i = 0; i < n; i++) {
    const remittance = remittanceOf(random);
    lines[i] = {
      executionDate: i % 4 < 3 ? '2026-11-25' : '2026-11-26',
      batchBooking: true,
      debtor: pick(accounts, random),
      endToEndId: endToEndId('RE', i, random),
      amountCents: 1 + Math.floor(random() ** 2 * 5_000_000),
      creditor: payeeOf(pool, random),
      ...(remittance === null ? {} : { remittance }),
      ...(random() < 0.3 ? { purposeCode: 'SUPP' } : {}),
    };
  }
  return lines;
}

/** `n` CORE collections, first and recurring, on two dates (see the module comment). */
export function realisticDebitLines(n: number, seed: number): DirectDebitLine[] {
  const random = seeded(seed);
  const pool = payeePool(n, random);
  const ours: Party = { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC };
  const lines: DirectDebitLine[] = new Array<DirectDebitLine>(n);
  for (let i = 0; i < n; i++) {
    const remittance = remittanceOf(random);
    lines[i] = {
      collectionDate: i % 2 === 0 ? '2026-11-25' : '2026-11-26',
      batchBooking: true,
      scheme: 'CORE',
      sequenceType: random() < 0.1 ? 'FRST' : 'RCUR',
      creditor: ours,
      creditorId: CREDITOR_ID,
      endToEndId: endToEndId('LS', i, random),
      amountCents: 100 + Math.floor(random() * 50_000),
      debtor: payeeOf(pool, random),
      mandateId: `MNDT-${String(Math.floor(random() * n)).padStart(8, '0')}`,
      mandateSignedOn: '2024-06-01',
      ...(remittance === null ? {} : { remittance }),
    };
  }
  return lines;
}

/**
 * The realistic transfers as a source for streamPaymentFile: `n` lines over
 * two blocks (our two accounts), each line made from its own seed when it is
 * read, so a million lines never sit in memory and every read gives the same
 * lines. Payees come from a pool of at most 20,000.
 */
export function realisticTransferSource(n: number, seed: number): StreamedPaymentFileInput {
  const pool = payeePool(Math.min(n, 100_000), seeded(seed));
  const line = (i: number): CreditTransferTx => {
    const random = seeded(Math.imul(i + 1, 0x9e3779b1) ^ seed);
    random();
    const remittance = remittanceOf(random);
    return {
      endToEndId: endToEndId('RE', i, random),
      amountCents: 1 + Math.floor(random() ** 2 * 5_000_000),
      creditor: payeeOf(pool, random),
      ...(remittance === null ? {} : { remittance }),
      ...(random() < 0.3 ? { purposeCode: 'SUPP' } : {}),
    };
  };
  const block = (b: number, debtor: Party): StreamedTransferBlock => ({
    paymentInfoId: `KONTOR-20261121-00000${b + 1}`,
    executionDate: '2026-11-25',
    batchBooking: true,
    debtor,
    *transactions() {
      for (let i = b; i < n; i += 2) yield line(i);
    },
  });
  return {
    format: 'pain.001.001.09',
    messageId: 'KONTOR-20261121-MSG-STREAM',
    createdAt: '2026-11-21T09:30:00Z',
    initiatingParty: 'Kontor Demo GmbH',
    blocks: [block(0, { name: 'Kontor Demo GmbH', iban: OUR_IBAN, bic: OUR_BIC }), block(1, { name: 'Kontor Demo GmbH', iban: OTHER_IBAN })],
  };
}
