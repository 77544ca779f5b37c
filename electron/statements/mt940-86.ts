/**
 * The MT940 `:86:` information field. Three families:
 *
 * - German (DK/ZKA) layout: 3-digit GVC, then `?nn` sub-fields (some banks
 *   write `>nn`): `?00` booking text, `?10` primanota, `?20–?29`/`?60–?63`
 *   purpose, `?30` BIC/BLZ, `?31` IBAN/account, `?32–?33` name, `?34`
 *   extension. SEPA keywords (`EREF+`, `SVWZ+`, …) run across the purpose
 *   sub-fields, which the bank filled 27 characters at a time, cutting words
 *   and keywords anywhere: the purpose is joined without separators before it
 *   is split at the keywords, so `?21SV?22WZ+` is found as `SVWZ+`.
 * - Dutch and similar `/TAG/value` layouts (`/EREF/…/NAME/…/REMI/…`): kept as
 *   text, with the tags we know read out when each occurs once.
 * - Anything else: free text.
 *
 * Lines of the field are wrapped at 65 characters (anywhere); a shorter line
 * ended where its writer ended it. See joinWrapped.
 */
import type { ParsedParty } from './model';

export interface Info86 {
  gvc?: string;
  bookingText?: string;
  primanota?: string;
  remittance?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  paymentInfoId?: string;
  counterparty?: ParsedParty;
  ultimateCounterparty?: ParsedParty;
  returnReason?: string;
  creditorReference?: string;
}

/** The full width of an MT940 text line; a line this long was wrapped by the bank, not ended by the writer. */
const LINE_WIDTH = 65;
/** The width of a German purpose sub-field. */
const SUBFIELD_WIDTH = 27;

/** Joins wrapped lines: straight on after a full line, with one space after a shorter one. */
export function joinWrapped(lines: readonly string[], width: number): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const text = raw.trim();
    if (text === '') continue;
    if (out === '') out = text;
    else {
      const prev = lines[i - 1] as string;
      const wrapped = prev.length >= width && prev.charCodeAt(prev.length - 1) !== 32;
      out = wrapped ? out + raw.trimEnd() : `${out} ${text}`;
    }
  }
  return out;
}

const GERMAN = /^\s*(\d{3})\s*([?>])\d\d/;
const SEPA_KEYWORDS = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|COAM|OAMT|BREF|RREF|IBAN|BIC)\+/g;
/** ISO 20022 return / reject reason codes as they appear in return bookings. */
const ISO_REASONS = new Set([
  'AC01', 'AC02', 'AC03', 'AC04', 'AC06', 'AC13', 'AG01', 'AG02', 'AM01', 'AM02', 'AM04', 'AM05', 'AM09', 'BE01', 'BE04', 'BE05',
  'CNOR', 'CURR', 'CUST', 'DNOR', 'DUPL', 'ED05', 'ERIN', 'FF01', 'FOCR', 'FRAD', 'MD01', 'MD02', 'MD06', 'MD07', 'MS02', 'MS03',
  'RC01', 'RR01', 'RR02', 'RR03', 'RR04', 'SL01', 'TECH', 'UPAY',
]);
/** DK business transaction codes of returns (Rückgaben, Rücklastschriften, Retouren). */
const RETURN_GVCS = new Set(['108', '109', '111', '159', '160', '181', '182', '183', '184', '185', '189']);
const RETURN_WORDS = /R(?:UE|Ü|U)CK(?:GABE|LASTSCHRIFT|UEBERWEISUNG|BELASTUNG)|RETOURE|RETURN|RTRN|ZURUECK/i;
const REASON_TOKEN = /\b([A-Z]{2}\d{2}|[A-Z]{4})\b/g;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

export function parse86(lines: readonly string[], credit: boolean): Info86 {
  const direct = lines.join('');
  const g = GERMAN.exec(direct);
  if (g !== null) return german(direct, g[1] as string, g[2] as string, credit);
  const out: Info86 = {};
  // `/TAG/value` layouts are cut anywhere (not only at 65 characters): their
  // tags delimit the values, so the lines are joined as they are.
  if (/^\s*\/[A-Z]{2,9}\//.test(direct)) {
    const text = direct.trim();
    out.remittance = text;
    slashTags(text, out);
    if (out.returnReason === undefined && RETURN_WORDS.test(text)) {
      const r = findReason(text);
      if (r !== undefined) out.returnReason = r;
    }
    return out;
  }
  const text = joinWrapped(lines, LINE_WIDTH);
  const gvc999 = /^999\s*(.*)$/s.exec(text);
  if (gvc999 !== null) {
    out.gvc = '999';
    if ((gvc999[1] as string).trim() !== '') out.remittance = (gvc999[1] as string).trim();
    return out;
  }
  if (text !== '') out.remittance = text;
  if (RETURN_WORDS.test(text)) {
    const r = findReason(text);
    if (r !== undefined) out.returnReason = r;
  }
  return out;
}

/** Sub-field values by code (index 0–99), reused between calls; `touched` lists the codes set. */
const fieldValues: (string | undefined)[] = new Array<string | undefined>(100).fill(undefined);
const touched: number[] = [];

function field(code: number): string | undefined {
  const v = fieldValues[code];
  if (v === undefined) return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

function keyword(keywords: Map<string, string> | null, k: string): string | undefined {
  const v = keywords?.get(k);
  return v === undefined || v === '' ? undefined : v;
}

function german(direct: string, gvc: string, sep: string, credit: boolean): Info86 {
  const out: Info86 = { gvc };
  for (const code of touched) fieldValues[code] = undefined;
  touched.length = 0;
  const purpose: string[] = [];
  // Sub-field starts: sep followed by two digits.
  let at = direct.indexOf(sep);
  while (at !== -1) {
    let next = direct.indexOf(sep, at + 3);
    while (next !== -1 && !twoDigits(direct, next + 1)) next = direct.indexOf(sep, next + 1);
    if (twoDigits(direct, at + 1)) {
      const code = (direct.charCodeAt(at + 1) - 48) * 10 + (direct.charCodeAt(at + 2) - 48);
      const value = direct.slice(at + 3, next === -1 ? direct.length : next);
      if ((code >= 20 && code <= 29) || (code >= 60 && code <= 63)) purpose.push(value);
      else {
        const prev = fieldValues[code];
        if (prev === undefined) touched.push(code);
        fieldValues[code] = prev === undefined ? value : prev + value;
      }
    }
    at = next;
  }
  const bookingText = field(0);
  if (bookingText !== undefined) out.bookingText = bookingText;
  const primanota = field(10);
  if (primanota !== undefined) out.primanota = primanota;

  const joined = purpose.length === 1 ? (purpose[0] as string) : purpose.join('');
  let keywords: Map<string, string> | null = null;
  let remittance: string | undefined;
  SEPA_KEYWORDS.lastIndex = 0;
  let m = SEPA_KEYWORDS.exec(joined);
  if (m !== null) {
    keywords = new Map<string, string>();
    const prefix = joined.slice(0, m.index).trim();
    while (m !== null) {
      const key = m[1] as string;
      const valueStart = m.index + m[0].length;
      const n = SEPA_KEYWORDS.exec(joined);
      const value = joined.slice(valueStart, n === null ? joined.length : n.index).trim();
      // A repeated keyword continues the first (some banks restart the tag on each line).
      const had = keywords.get(key);
      keywords.set(key, had === undefined ? value : had + value);
      m = n;
    }
    remittance = keyword(keywords, 'SVWZ') ?? (prefix !== '' ? prefix : undefined);
  } else {
    // No SEPA keywords: old-style purpose lines, each up to 27 characters.
    const text = joinWrapped(purpose, SUBFIELD_WIDTH);
    if (text !== '') remittance = text;
  }
  if (remittance !== undefined) out.remittance = remittance;
  if (keywords !== null) {
    const eref = keyword(keywords, 'EREF');
    if (eref !== undefined && eref.toUpperCase() !== 'NOTPROVIDED') out.endToEndId = eref;
    const mref = keyword(keywords, 'MREF');
    if (mref !== undefined) out.mandateId = mref;
    const cred = keyword(keywords, 'CRED');
    if (cred !== undefined) out.creditorId = cred;
    const kref = keyword(keywords, 'KREF');
    if (kref !== undefined && kref.toUpperCase() !== 'NOTPROVIDED') out.paymentInfoId = kref;
  }

  const party: ParsedParty = {};
  let any = false;
  const n32 = fieldValues[32];
  const n33 = fieldValues[33];
  const name = n33 === undefined ? (n32 ?? '') : (n32 ?? '') + n33;
  const trimmedName = name.trim();
  if (trimmedName !== '') {
    party.name = trimmedName;
    any = true;
  }
  const bank = field(30);
  let account = field(31);
  if (account !== undefined && account.includes(' ')) account = account.replace(/\s+/g, '');
  if (account !== undefined) {
    if (IBAN_SHAPE.test(account)) party.iban = account;
    else party.accountOther = bank !== undefined && !BIC_SHAPE.test(bank) ? `${bank}/${account}` : account;
    any = true;
  } else {
    const iban = keyword(keywords, 'IBAN')?.replace(/\s+/g, '');
    if (iban !== undefined && IBAN_SHAPE.test(iban)) {
      party.iban = iban;
      any = true;
    }
  }
  const bic = bank !== undefined && BIC_SHAPE.test(bank) ? bank : keyword(keywords, 'BIC');
  if (bic !== undefined && BIC_SHAPE.test(bic)) {
    party.bic = bic;
    any = true;
  }
  if (any) out.counterparty = party;
  if (keywords !== null) {
    const ultimate = credit ? (keyword(keywords, 'ABWA') ?? keyword(keywords, 'ABWE')) : (keyword(keywords, 'ABWE') ?? keyword(keywords, 'ABWA'));
    if (ultimate !== undefined) out.ultimateCounterparty = { name: ultimate };
  }

  if (RETURN_GVCS.has(gvc) || RETURN_WORDS.test(joined) || (bookingText !== undefined && RETURN_WORDS.test(bookingText))) {
    const ext = field(34);
    const r = (ext !== undefined && ISO_REASONS.has(ext) ? ext : undefined) ?? findReason(joined);
    if (r !== undefined) out.returnReason = r;
  }
  return out;
}

function twoDigits(s: string, i: number): boolean {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return a >= 48 && a <= 57 && b >= 48 && b <= 57;
}

function findReason(text: string): string | undefined {
  const m = /RTRN\+?\s*([A-Z]{2}\d{2}|[A-Z]{4})/.exec(text);
  if (m !== null && ISO_REASONS.has(m[1] as string)) return m[1];
  REASON_TOKEN.lastIndex = 0;
  for (let t = REASON_TOKEN.exec(text); t !== null; t = REASON_TOKEN.exec(text)) {
    if (ISO_REASONS.has(t[1] as string)) return t[1];
  }
  return undefined;
}

/** Tags of the Dutch (and similar) `/TAG/value` layout, as boundaries. */
const SLASH_TAGS = new Set([
  'TRTP', 'IBAN', 'BIC', 'NAME', 'REMI', 'EREF', 'MARF', 'CSID', 'ORDP', 'BENM', 'ISDT', 'CNTP', 'PREF', 'RTRN', 'ADDR',
  'ULTD', 'ULTC', 'ULTB', 'PURP', 'SVCL', 'OCMT', 'ORIG', 'BUSP', 'ID', 'RTYP', 'FEES', 'CDTRREF', 'CDTRREFTP', 'CHGS', 'EXCH',
]);

function slashTags(text: string, out: Info86): void {
  const hits: { tag: string; at: number; end: number }[] = [];
  const re = /\/([A-Z]{2,9})\//g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const tag = m[1] as string;
    if (!SLASH_TAGS.has(tag)) {
      re.lastIndex = m.index + 1;
      continue;
    }
    // `/BENM//NAME/`: the second slash is both the end of one tag and the start of the next value.
    hits.push({ tag, at: m.index, end: m.index + m[0].length });
    re.lastIndex = m.index + m[0].length - 1;
  }
  if (hits.length === 0 || (hits[0] as { at: number }).at !== 0) return;
  const values = new Map<string, string | null>();
  for (let k = 0; k < hits.length; k++) {
    const h = hits[k] as { tag: string; end: number };
    const next = hits[k + 1];
    const v = text.slice(h.end, next === undefined ? text.length : next.at).trim();
    // A tag met twice is ambiguous: use neither value.
    values.set(h.tag, values.has(h.tag) ? null : v);
  }
  const get = (tag: string): string | undefined => {
    const v = values.get(tag);
    return v === null || v === undefined || v === '' ? undefined : v;
  };
  const party: ParsedParty = {};
  const name = get('NAME');
  if (name !== undefined) party.name = name;
  const iban = get('IBAN')?.replace(/\s+/g, '');
  if (iban !== undefined) {
    if (IBAN_SHAPE.test(iban)) party.iban = iban;
    else party.accountOther = iban;
  }
  const bic = get('BIC');
  if (bic !== undefined && BIC_SHAPE.test(bic)) party.bic = bic;
  if (Object.keys(party).length > 0) out.counterparty = party;
  const eref = get('EREF');
  if (eref !== undefined && eref.toUpperCase() !== 'NOTPROVIDED') out.endToEndId = eref;
  const marf = get('MARF');
  if (marf !== undefined) out.mandateId = marf;
  const csid = get('CSID');
  if (csid !== undefined) out.creditorId = csid;
  const trtp = get('TRTP');
  if (trtp !== undefined) out.bookingText = trtp;
  let remi = get('REMI');
  if (remi !== undefined) {
    // ING: `/REMI/USTD//text/`, `/REMI/STRD/CUR/reference/`
    const strd = /^STRD\/(?:CUR|ISO)\/([^/]+)\/?$/.exec(remi);
    if (strd !== null) out.creditorReference = strd[1];
    remi = remi.replace(/^USTD\/\//, '').replace(/\/+$/, '').trim();
    if (remi !== '') out.remittance = remi;
  }
  const rtrn = get('RTRN');
  if (rtrn !== undefined) {
    const code = /^([A-Z]{2}\d{2}|[A-Z]{4})/.exec(rtrn);
    if (code !== null) out.returnReason = code[1];
  }
}
