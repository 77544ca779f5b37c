/**
 * `:86:` with numbered sub-fields: a 3-digit code, then `?NN` (German DK/ZKA
 * layout of savings and cooperative banks, Austrian STUZZA, Raiffeisen LU,
 * BIL), `>NN` (Triodos) or `~NN` (Polish ZBP).
 *
 * DK: `?00` booking text, `?10` primanota, `?20–?29`/`?60–?63` purpose,
 * `?30` BIC/BLZ, `?31` IBAN/account, `?32–?33` name, `?34` extension, `?38`
 * IBAN (BIL). SEPA keywords (`EREF+`, `SVWZ+`, …) run across the purpose
 * sub-fields, which the bank filled 27 characters at a time, cutting words and
 * keywords anywhere: the purpose is joined without separators before it is
 * split at the keywords, so `?21SV?22WZ+` is found as `SVWZ+`. Line breaks
 * fall anywhere too, even inside `?3` ⏎ `1`: the caller joins lines first.
 *
 * Triodos: `>10` counter account (domestic, zeros for SEPA), `>20–>27`
 * name and description run together; SEPA puts the BIC in `>20` and the
 * IBAN in `>21`; `>31` is our own account.
 */
import type { ParsedParty } from './model';
import { BIC_SHAPE, IBAN_SHAPE, ISO_REASONS, RETURN_WORDS, findReason, isEmptyParty, joinWrapped, type Info86 } from './mt940-86-common';

export const STRUCTURED = /^\s*(\d{3})\s*([?>~])\d\d/;

/** The SEPA keywords, each followed by `+` where it stands in the text; all of four capitals but BIC. */
const SEPA_KEYWORDS = [
  'EREF',
  'KREF',
  'MREF',
  'CRED',
  'DEBT',
  'SVWZ',
  'ABWA',
  'ABWE',
  'COAM',
  'OAMT',
  'BREF',
  'RREF',
  'IBAN',
  'BIC',
  'PURP',
  'MDAT',
  'SQTP',
] as const;

/** Four capitals at `at` as one number (-1 when one is not a capital). */
function packed(s: string, at: number): number {
  let v = 0;
  for (let i = at; i < at + 4; i++) {
    const c = s.charCodeAt(i);
    if (!(c >= 65 && c <= 90)) return -1;
    v = v * 32 + (c - 64);
  }
  return v;
}

/** Place of each keyword in SEPA_KEYWORDS, which is where its value is kept (Keywords). */
const K = Object.fromEntries(SEPA_KEYWORDS.map((k, i) => [k, i])) as Record<(typeof SEPA_KEYWORDS)[number], number>;
const FOUR_LETTER = new Map(SEPA_KEYWORDS.filter((k) => k.length === 4).map((k) => [packed(k, 0), K[k]]));

/** The values of the keywords of one text by their place in SEPA_KEYWORDS (an array, not a Map: read a dozen times per booking). */
type Keywords = (string | undefined)[];

/** The keyword nextKeyword found: its place in SEPA_KEYWORDS, where it starts and where its value starts (after the `+`). */
const hit = { key: 0, at: 0, end: 0 };

/**
 * The first `KEYWORD+` starting at or after `from`, found from the `+` signs
 * instead of by a regular expression at every position (this runs for every
 * booking of a German file). No four-letter keyword ends in BIC, so at most
 * one keyword ends at each `+` and the first `+` with one gives the leftmost.
 */
function nextKeyword(s: string, from: number): boolean {
  for (let plus = s.indexOf('+', from + 3); plus !== -1; plus = s.indexOf('+', plus + 1)) {
    const four = plus - 4 >= from ? FOUR_LETTER.get(packed(s, plus - 4)) : undefined;
    if (four !== undefined) {
      hit.key = four;
      hit.at = plus - 4;
    } else if (s.charCodeAt(plus - 3) === 66 && s.charCodeAt(plus - 2) === 73 && s.charCodeAt(plus - 1) === 67) {
      hit.key = K.BIC;
      hit.at = plus - 3;
    } else continue;
    hit.end = plus + 1;
    return true;
  }
  return false;
}
/** DK business transaction codes of returns (Rückgaben, Rücklastschriften, Retouren). */
const RETURN_GVCS = new Set(['108', '109', '111', '159', '160', '181', '182', '183', '184', '185', '189']);
/** The width of a German purpose sub-field. */
const SUBFIELD_WIDTH = 27;

/**
 * Sub-field values by code (0–99) of the field being read; reused from call
 * to call (this runs once per booking), `touched` lists the codes set.
 */
interface Subfields {
  values: (string | undefined)[];
  touched: number[];
  /** Purpose sub-fields (20–29, and 60–63 unless they carry an address) in order. */
  purpose: string[];
}

const shared: Subfields = { values: new Array<string | undefined>(100).fill(undefined), touched: [], purpose: [] };

function twoDigits(s: string, i: number): boolean {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57;
}

function split(direct: string, sep: string, addressIn6x: boolean): Subfields {
  const f = shared;
  for (const code of f.touched) f.values[code] = undefined;
  f.touched.length = 0;
  f.purpose.length = 0;
  let at = direct.indexOf(sep);
  while (at !== -1 && !twoDigits(direct, at + 1)) at = direct.indexOf(sep, at + 1);
  while (at !== -1) {
    let next = direct.indexOf(sep, at + 3);
    while (next !== -1 && !twoDigits(direct, next + 1)) next = direct.indexOf(sep, next + 1);
    const code = (direct.charCodeAt(at + 1) - 48) * 10 + (direct.charCodeAt(at + 2) - 48);
    const value = direct.slice(at + 3, next === -1 ? direct.length : next);
    if ((code >= 20 && code <= 29) || (!addressIn6x && code >= 60 && code <= 63)) f.purpose.push(value);
    else {
      const prev = f.values[code];
      if (prev === undefined) f.touched.push(code);
      f.values[code] = prev === undefined ? value : prev + value;
    }
    at = next;
  }
  return f;
}

function field(f: Subfields, code: number): string | undefined {
  const v = f.values[code]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

export function structured(direct: string, gvc: string, sep: string, credit: boolean, addressIn6x = false): Info86 {
  return sep === '>' ? triodos(direct, gvc) : dk(direct, gvc, sep, credit, addressIn6x);
}

function keywordsOf(joined: string): { keywords: Keywords; prefix: string } | null {
  if (!nextKeyword(joined, 0)) return null;
  const keywords: Keywords = new Array<string | undefined>(SEPA_KEYWORDS.length).fill(undefined);
  const prefix = joined.slice(0, hit.at).trim();
  for (;;) {
    const key = hit.key;
    const valueStart = hit.end;
    const more = nextKeyword(joined, valueStart);
    const value = joined.slice(valueStart, more ? hit.at : joined.length).trim();
    // A repeated keyword continues the first (some banks restart the tag on each sub-field).
    const had = keywords[key];
    keywords[key] = had === undefined ? value : had + value;
    if (!more) return { keywords, prefix };
  }
}

function kw(keywords: Keywords | undefined, k: number): string | undefined {
  const v = keywords?.[k];
  return v === undefined || v === '' ? undefined : v;
}

/** SEPA keywords written into plain text (Deutsche Bank without `?2x`), also used by the free-text reader. */
export function sepaKeywords(text: string, out: Info86, credit: boolean): boolean {
  const k = keywordsOf(text.replace(/\s+(?=[A-Z]{3,4}\+)/g, ' '));
  if (k === null) return false;
  applyKeywords(k.keywords, out, credit);
  const svwz = kw(k.keywords, K.SVWZ);
  if (svwz !== undefined) out.remittance = svwz;
  return true;
}

function applyKeywords(keywords: Keywords, out: Info86, credit: boolean): void {
  const eref = kw(keywords, K.EREF);
  if (eref !== undefined && eref.toUpperCase() !== 'NOTPROVIDED') out.endToEndId = eref;
  const mref = kw(keywords, K.MREF);
  if (mref !== undefined) out.mandateId = mref;
  const cred = kw(keywords, K.CRED);
  if (cred !== undefined) out.creditorId = cred;
  const kref = kw(keywords, K.KREF);
  if (kref !== undefined && kref.toUpperCase() !== 'NOTPROVIDED') out.paymentInfoId = kref;
  const purp = kw(keywords, K.PURP);
  if (purp !== undefined) out.purposeCode = purp;
  const ultimate = credit ? (kw(keywords, K.ABWA) ?? kw(keywords, K.ABWE)) : (kw(keywords, K.ABWE) ?? kw(keywords, K.ABWA));
  if (ultimate !== undefined) out.ultimateCounterparty = { name: ultimate };
}

function dk(direct: string, gvc: string, sep: string, credit: boolean, addressIn6x: boolean): Info86 {
  const out: Info86 = { gvc };
  const f = split(direct, sep, addressIn6x);
  const bookingText = field(f, 0);
  if (bookingText !== undefined) out.bookingText = bookingText;
  const primanota = field(f, 10);
  if (primanota !== undefined) out.primanota = primanota;

  const joined = f.purpose.length === 1 ? (f.purpose[0] as string) : f.purpose.join('');
  const k = keywordsOf(joined);
  if (k !== null) {
    applyKeywords(k.keywords, out, credit);
    const remittance = kw(k.keywords, K.SVWZ) ?? (k.prefix !== '' ? k.prefix : undefined);
    if (remittance !== undefined) out.remittance = remittance;
  } else {
    // No SEPA keywords: old-style purpose lines, each up to 27 characters.
    const text = joinWrapped(f.purpose, SUBFIELD_WIDTH);
    if (text !== '') out.remittance = text;
  }
  const party = dkParty(f, k?.keywords);
  if (addressIn6x) {
    const lines = [60, 61, 62, 63].map((code) => field(f, code)).filter((x): x is string => x !== undefined);
    // ?60 repeats the name; the lines after it are the address.
    const address = (lines[0] === party.name ? lines.slice(1) : lines).join(' ');
    if (address !== '') party.address = address;
  }
  if (!isEmptyParty(party)) out.counterparty = party;

  if (RETURN_GVCS.has(gvc) || RETURN_WORDS.test(joined) || (bookingText !== undefined && RETURN_WORDS.test(bookingText))) {
    const ext = field(f, 34);
    const r = (ext !== undefined && ISO_REASONS.has(ext) ? ext : undefined) ?? findReason(joined);
    if (r !== undefined) out.returnReason = r;
  }
  return out;
}

/** The text without whitespace (as `replace(/\s+/g, '')`), untouched when it holds only visible ASCII, as account ids do. */
function withoutSpace(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 32 || c >= 127) return s.replace(/\s+/g, '');
  }
  return s;
}

function dkParty(f: Subfields, keywords: Keywords | undefined): ParsedParty {
  const party: ParsedParty = {};
  const name = ((f.values[32] ?? '') + (f.values[33] ?? '')).trim();
  if (name !== '') party.name = name;
  const bank = field(f, 30);
  const account = withoutSpace(field(f, 31));
  const iban38 = withoutSpace(field(f, 38));
  if (account !== undefined && IBAN_SHAPE.test(account)) party.iban = account;
  else if (iban38 !== undefined && IBAN_SHAPE.test(iban38)) party.iban = iban38;
  else {
    const kwIban = kw(keywords, K.IBAN)?.replace(/\s+/g, '');
    if (kwIban !== undefined && IBAN_SHAPE.test(kwIban)) party.iban = kwIban;
  }
  if (account !== undefined && party.iban !== account) {
    party.accountOther = bank !== undefined && !BIC_SHAPE.test(bank) ? `${bank}/${account}` : account;
  }
  const bic = bank !== undefined && BIC_SHAPE.test(bank) ? bank : kw(keywords, K.BIC);
  if (bic !== undefined && BIC_SHAPE.test(bic)) party.bic = bic;
  // A bank code without an account number (`?30` alone) is kept, not dropped.
  else if (bank !== undefined && !BIC_SHAPE.test(bank)) party.bankCode = bank;
  return party;
}

function triodos(direct: string, gvc: string): Info86 {
  const out: Info86 = { gvc };
  // Triodos has no >6x; its >20–>27 are the text.
  const f = split(direct, '>', true);
  const party: ParsedParty = {};
  const contra = field(f, 10);
  if (contra !== undefined && !/^0+$/.test(contra)) party.accountOther = contra;
  const texts = [...f.purpose];
  // SEPA: BIC in >20 and IBAN in >21, then name, address and description run together.
  const bic = texts[0]?.trim().replace(/\s+/g, '');
  const iban = texts[1]?.trim().replace(/\s+/g, '');
  if (bic !== undefined && iban !== undefined && BIC_SHAPE.test(bic) && IBAN_SHAPE.test(iban)) {
    party.bic = bic;
    party.iban = iban;
    texts.splice(0, 2);
  }
  if (!isEmptyParty(party)) out.counterparty = party;
  // >20–>27 are cut at 27 characters inside words: joined without separator.
  const text = texts.join('').replace(/\s+/g, ' ').trim();
  if (text !== '') out.remittance = text;
  return out;
}
