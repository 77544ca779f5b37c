/**
 * MT940 (end-of-day statement) and MT942 (intraday report) in the German
 * layout of the DFÜ-Abkommen (Anlage 3): `:25:` BLZ/account, `:61:` with the
 * SWIFT transaction type, `:86:` structured with the Geschäftsvorfallcode and
 * `?xx` subfields, SEPA keywords in the purpose.
 *
 * Characters: the SWIFT X set plus `ÄÖÜäöüß`, which German banks send as
 * ISO-8859-1 bytes. Everything else is replaced (`&` → `+`, `€` → `EUR`,
 * accents dropped, `?` → `.` because it separates subfields, anything else →
 * `.`). The result is a JS string whose every character is in ISO-8859-1: the
 * caller encodes it (latin1 as a German bank would, or UTF-8).
 *
 * Returns: `?34` carries the ISO return reason itself (`MS03`, `AC04`). Real
 * German banks write a 3-digit DK code there instead (9xx; secondary sources
 * give 901 = AC01, 902 = AC04, 903 = AC06, 912 = MD06), so a parser should
 * accept both. Returns and reversals are both marked RC (money out) or RD
 * (money back in).
 *
 * Layout: CRLF after every line, lines of at most 65 characters (`:86:`
 * continues on further lines, which never start with `:` or `-`), each
 * message ends with a line `-`. One call writes one message; a file of
 * several days is the concatenation of one message per day.
 */
import { assertCents, sumCents, type Cents } from '../../../shared/money';
import { addTarget2Days, type BusinessDate } from '../../../shared/dates';
import { normalizeBic, normalizeIban } from '../../../shared/ids';
import type { DemoAccount, DemoBooking } from './model';
import { bookingsInPeriod, sumAmounts } from './period';
import { bookingText, chunks, isReturnOrReversal, isSepaBooking, primanota, swiftTransactionType } from './codes';
import { berlinLocal } from './berlin-time';

export type Mt940AccountId = 'blz-account' | 'iban';

export interface Mt940Options {
  account: DemoAccount;
  /** May hold other accounts' bookings and other dates: only the account's bookings in [from, to] are written. */
  bookings: readonly DemoBooking[];
  from: BusinessDate;
  to: BusinessDate;
  /** `:28C:` statement number (Auszugsnummer), 0–99999. */
  statementNumber: number;
  /** Booked balance before `from` (`:60F:`). */
  openingCents: Cents;
  /** `:20:`, 1–16 characters, e.g. `STARTUMS`. */
  transactionReference: string;
  /** `:25:` as `BLZ/Kontonummer` (default for German IBANs, as most German banks write it) or as the IBAN. */
  accountId?: Mt940AccountId;
}

export interface Mt942Options extends Omit<Mt940Options, 'openingCents'> {
  /** `:13D:`: UTC ISO instant of the report, written in German local time. */
  createdAt: string;
  /** `:34F:`: only bookings of at least this absolute amount are reported; default 0. */
  floorLimitCents?: Cents;
}

const MAX_LINE = 65;
const SUBFIELD = 27;
const PURPOSE_SUBFIELDS = [20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 60, 61, 62, 63];

export function buildMt940(options: Mt940Options): string {
  const { account, to } = options;
  const lines = bookingsInPeriod(account, options.bookings, options.from, to);
  const closing = sumCents([assertCents(options.openingCents), sumAmounts(lines)]);
  return message([
    ...header(options),
    `:60F:${balance(options.openingCents, addTarget2Days(options.from, -1), account.currency)}`,
    ...lines.flatMap(statementLine),
    `:62F:${balance(closing, to, account.currency)}`,
  ]);
}

export function buildMt942(options: Mt942Options): string {
  const { account } = options;
  const floor = assertCents(options.floorLimitCents ?? 0);
  const lines = bookingsInPeriod(account, options.bookings, options.from, options.to).filter((b) => Math.abs(b.amountCents) >= floor);
  const local = berlinLocal(options.createdAt);
  const debits = lines.filter((b) => b.amountCents < 0).map((b) => -b.amountCents);
  const credits = lines.filter((b) => b.amountCents > 0).map((b) => b.amountCents);
  return message([
    ...header(options),
    `:34F:${account.currency}${mtAmount(floor)}`,
    `:13D:${yymmdd(local.date)}${local.hhmm}${local.offset}`,
    ...lines.flatMap(statementLine),
    `:90D:${debits.length}${account.currency}${mtAmount(sumCents(debits))}`,
    `:90C:${credits.length}${account.currency}${mtAmount(sumCents(credits))}`,
  ]);
}

/** `1234,56`: MT amounts have a decimal comma, no sign and no grouping. */
export function mtAmount(cents: Cents): string {
  const digits = String(Math.abs(assertCents(cents))).padStart(3, '0');
  const text = `${digits.slice(0, -2)},${digits.slice(-2)}`;
  if (text.length > 15) throw new RangeError(`Amount too large for MT940: ${text}`);
  return text;
}

/** Maps text into the character set described at the top of this file. */
export function swiftText(text: string): string {
  let out = '';
  for (const ch of text) {
    const replacement = REPLACEMENTS.get(ch);
    if (ALLOWED.test(ch)) out += ch;
    else if (replacement !== undefined) out += replacement;
    else {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base !== '' && [...base].every((c) => ALLOWED.test(c)) ? base : '.';
    }
  }
  return out;
}

const ALLOWED = /^[A-Za-z0-9/\-:().,'+ ÄÖÜäöüß]$/u;
const REPLACEMENTS = new Map<string, string>([
  ['&', '+'],
  ['€', 'EUR'],
  ['@', '(at)'],
  ['?', '.'],
  ['<', '('],
  ['>', ')'],
  ['[', '('],
  [']', ')'],
  ['{', '('],
  ['}', ')'],
  ['"', "'"],
  ['`', "'"],
  ['´', "'"],
  [';', ','],
  ['_', '-'],
  ['\t', ' '],
  ['\r', ' '],
  ['\n', ' '],
]);

function header(options: Mt940Options | Mt942Options): string[] {
  const ref = swiftText(options.transactionReference);
  if (ref.length < 1 || ref.length > 16) throw new RangeError(`:20: reference must have 1 to 16 characters: "${ref}"`);
  const n = options.statementNumber;
  if (!Number.isSafeInteger(n) || n < 0 || n > 99_999) throw new RangeError(`Statement number must be 0–99999, got ${n}`);
  return [`:20:${ref}`, `:25:${accountId(options.account, options.accountId)}`, `:28C:${String(n).padStart(5, '0')}/001`];
}

function accountId(account: DemoAccount, style: Mt940AccountId | undefined): string {
  const iban = normalizeIban(account.iban);
  const german = iban.startsWith('DE') && iban.length === 22;
  return (style ?? 'blz-account') === 'blz-account' && german ? `${iban.slice(4, 12)}/${iban.slice(12)}` : iban;
}

function balance(cents: Cents, date: BusinessDate, currency: string): string {
  return `${cents < 0 ? 'D' : 'C'}${yymmdd(date)}${currency}${mtAmount(cents)}`;
}

/** `:61:` and its `:86:`. */
function statementLine(b: DemoBooking): string[] {
  const mark = isReturnOrReversal(b) ? (b.amountCents < 0 ? 'RC' : 'RD') : b.amountCents < 0 ? 'D' : 'C';
  const head = `:61:${yymmdd(b.valueDate)}${b.bookingDate.slice(5, 7)}${b.bookingDate.slice(8, 10)}${mark}${mtAmount(b.amountCents)}N${swiftTransactionType(b)}${customerReference(b)}`;
  // The bank reference is optional and cut to fit 16 characters and the line.
  const bankRef = swiftText(b.bankReference)
    .replace(/\/+/g, '-')
    .slice(0, Math.min(16, MAX_LINE - head.length - 2));
  const line = bankRef === '' ? head : `${head}//${bankRef}`;
  return [line, ...wrap(`:86:${information(b)}`)];
}

/** End-to-end id (or a batch's PmtInfId) when it fits the 16-character field, else `NONREF`. */
function customerReference(b: DemoBooking): string {
  const ref = b.batch !== undefined ? (b.batch.paymentInfoId ?? b.batch.messageId) : b.endToEndId;
  const usable =
    ref !== undefined &&
    ref !== 'NOTPROVIDED' &&
    /^[A-Za-z0-9\-:().,'+/]{1,16}$/.test(ref) &&
    !ref.startsWith('/') &&
    !ref.endsWith('/') &&
    !ref.includes('//');
  return usable ? ref : 'NONREF';
}

/** The structured `:86:` content: GVC, then `?00` booking text … `?63`. */
function information(b: DemoBooking): string {
  const fields: Array<[number, string]> = [
    [0, swiftText(bookingText(b.bankTxCode.gvc)).slice(0, SUBFIELD)],
    [10, primanota(b)],
  ];
  purpose(b)
    .slice(0, PURPOSE_SUBFIELDS.length)
    .forEach((part, i) => fields.push([PURPOSE_SUBFIELDS[i] ?? 63, part]));
  if (present(b.counterpartyBic)) fields.push([30, normalizeBic(b.counterpartyBic)]);
  if (present(b.counterpartyIban)) fields.push([31, normalizeIban(b.counterpartyIban)]);
  if (present(b.counterpartyName)) {
    chunks(swiftText(b.counterpartyName), SUBFIELD)
      .slice(0, 2)
      .forEach((part, i) => fields.push([32 + i, part]));
  }
  if (present(b.returnReason)) fields.push([34, swiftText(b.returnReason)]);
  fields.sort((x, y) => x[0] - y[0]);
  const gvc = /^[0-9]{3}$/.test(b.bankTxCode.gvc) ? b.bankTxCode.gvc : '999';
  return gvc + fields.map(([key, value]) => `?${String(key).padStart(2, '0')}${value}`).join('');
}

/**
 * Purpose subfields of at most 27 characters. SEPA bookings: each keyword
 * (EREF+, KREF+, MREF+, CRED+, SVWZ+) starts a new subfield and its text runs
 * on into the next ones without repeating the keyword. Other bookings: plain
 * text. What does not fit into ?20–?29 and ?60–?63 is cut off (camt carries it
 * in full).
 */
function purpose(b: DemoBooking): string[] {
  if (!isSepaBooking(b)) return present(b.remittance) ? chunks(swiftText(b.remittance), SUBFIELD) : [];
  const parts: string[] = [];
  const add = (keyword: string, value: string | undefined): void => {
    if (present(value)) parts.push(...chunks(swiftText(keyword + value), SUBFIELD));
  };
  if (b.endToEndId !== 'NOTPROVIDED') add('EREF+', b.endToEndId);
  add('KREF+', b.batch?.paymentInfoId ?? b.batch?.messageId);
  add('MREF+', b.mandateId);
  add('CRED+', b.creditorId);
  add('SVWZ+', b.remittance);
  return parts;
}

/** Splits a field into lines of at most 65 characters; no continuation line starts with `:` or `-`. */
function wrap(field: string): string[] {
  const chars = Array.from(field);
  const lines: string[] = [];
  let start = 0;
  while (start < chars.length) {
    let end = Math.min(start + MAX_LINE, chars.length);
    while (end < chars.length && end > start + 1 && (chars[end] === ':' || chars[end] === '-')) end--;
    lines.push(chars.slice(start, end).join(''));
    start = end;
  }
  return lines;
}

function message(lines: string[]): string {
  return [...lines, '-'].map((l) => `${l}\r\n`).join('');
}

function yymmdd(d: BusinessDate): string {
  return `${d.slice(2, 4)}${d.slice(5, 7)}${d.slice(8, 10)}`;
}

function present(s: string | undefined): s is string {
  return s !== undefined && s !== '';
}
