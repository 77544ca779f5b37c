/**
 * Normalisation for matching: reference tokens (entry numbers and payment
 * references found in noisy remittance text), counterparty names and IBANs.
 * All of it works on character codes, without regular expressions in the hot
 * path, because the bench runs it over 100,000 lines.
 */

/**
 * Text split into parts: maximal runs of letters or of digits. Letters are
 * upper-cased, digits lose their leading zeros ("00023" → "23", "000" → "0").
 * `hard[i]` is 1 when part i follows whitespace or punctuation other than the
 * soft separators `/ - . _ \`, or starts the text; a letter↔digit change
 * ("INV001") and a soft separator ("2019/00023") are soft boundaries.
 * `start`/`end` locate each part in `text` (for its raw spelling).
 */
export interface Parts {
  text: string;
  norm: string[];
  start: number[];
  end: number[];
  digit: number[];
  hard: number[];
  length: number;
}

export function emptyParts(): Parts {
  return { text: '', norm: [], start: [], end: [], digit: [], hard: [], length: 0 };
}

const C = { Other: 0, Digit: 1, Letter: 2, Soft: 3 } as const;
type C = (typeof C)[keyof typeof C];

const CLASS = new Uint8Array(128);
for (let c = 48; c <= 57; c++) CLASS[c] = C.Digit;
for (let c = 65; c <= 90; c++) CLASS[c] = C.Letter;
for (let c = 97; c <= 122; c++) CLASS[c] = C.Letter;
for (const ch of '/-._\\') CLASS[ch.charCodeAt(0)] = C.Soft;

function classOf(code: number): C {
  if (code < 128) return CLASS[code] as C;
  // Latin letters with diacritics and the like count as letters; other symbols separate.
  return code >= 0xc0 && code <= 0x24f && code !== 0xd7 && code !== 0xf7 ? C.Letter : C.Other;
}

/**
 * Splits text into parts (see Parts), at most maxParts of them. Fills and
 * returns `into` when given, so a scan over many texts allocates nothing new.
 * With `norm` false, `norm` is left as it was: a scan asks normOf for the few
 * parts that may start a reference instead of building a string per word.
 */
export function splitParts(text: string, maxParts = Infinity, into: Parts = emptyParts(), norm = true): Parts {
  const p = into;
  p.text = text;
  let count = 0;
  let hardPending = 1;
  let i = 0;
  const n = text.length;
  while (i < n && count < maxParts) {
    const cls = classOf(text.charCodeAt(i));
    if (cls === C.Digit || cls === C.Letter) {
      let j = i + 1;
      while (j < n && classOf(text.charCodeAt(j)) === cls) j++;
      p.digit[count] = cls === C.Digit ? 1 : 0;
      p.start[count] = i;
      p.end[count] = j;
      p.hard[count] = hardPending;
      if (norm) p.norm[count] = normOf(p, count);
      count++;
      hardPending = 0;
      i = j;
    } else {
      if (cls === C.Other) hardPending = 1;
      i++;
    }
  }
  p.length = count;
  return p;
}

/** Part k normalised: upper case, digits without leading zeros (see Parts). */
export function normOf(p: Parts, k: number): string {
  const i = p.start[k]!;
  const j = p.end[k]!;
  if (p.digit[k] === 0) return p.text.slice(i, j).toUpperCase();
  let z = i;
  while (z < j - 1 && p.text.charCodeAt(z) === 48) z++;
  return p.text.slice(z, j);
}

/**
 * The first character code of part k normalised (normOf), or -1 when it is
 * not plain ASCII: upper-casing a letter beyond ASCII may give several
 * characters ("ß" → "SS"), so only an ASCII start is known without the string.
 */
export function normFirstCode(p: Parts, k: number): number {
  let at = p.start[k]!;
  if (p.digit[k] === 1) {
    while (at < p.end[k]! - 1 && p.text.charCodeAt(at) === 48) at++;
    return p.text.charCodeAt(at);
  }
  const c = p.text.charCodeAt(at);
  if (c >= 97 && c <= 122) return c - 32;
  return c < 128 ? c : -1;
}

/** The spelling of parts [i..j] as written (upper case, leading zeros kept), joined by "|". */
export function rawRun(p: Parts, i: number, j: number): string {
  let out = '';
  for (let k = i; k <= j; k++) out += (k > i ? '|' : '') + p.text.slice(p.start[k], p.end[k]).toUpperCase();
  return out;
}

const scratch = emptyParts();

/**
 * The index key of an entry number or payment reference: normalised parts
 * joined by "|" ("2019/00023" → "2019|23"), its first part, how many parts it
 * has, and whether it is weak (found by chance in any text).
 */
export function referenceKey(reference: string): { key: string; first: string; parts: number; weak: boolean } | null {
  const p = splitParts(reference, Infinity, scratch);
  if (p.length === 0) return null;
  let key = p.norm[0]!;
  let significant = key.length;
  for (let k = 1; k < p.length; k++) {
    key += `|${p.norm[k]!}`;
    significant += p.norm[k]!.length;
  }
  // A lone short number ("23") or a key of one or two characters is found by chance in any text.
  const weak = significant < 3 || (p.length === 1 && p.digit[0] === 1 && significant < 4);
  return { key, first: p.norm[0]!, parts: p.length, weak };
}

/** How a reference is spelled: upper case, leading zeros kept ("INV|001"); "" when it has no parts. */
export function referenceRaw(reference: string): string {
  const p = splitParts(reference, Infinity, scratch);
  return p.length === 0 ? '' : rawRun(p, 0, p.length - 1);
}

/**
 * May parts [i..j] be read as one reference? Not when a digit part continues
 * across a soft separator on either side: "23" is not found in "2019/00023",
 * nor "2019" in it. Whitespace and other punctuation end a number.
 */
export function runBounded(p: Parts, i: number, j: number): boolean {
  if (i > 0 && p.hard[i] === 0 && p.digit[i] === 1 && p.digit[i - 1] === 1) return false;
  if (j + 1 < p.length && p.hard[j + 1] === 0 && p.digit[j] === 1 && p.digit[j + 1] === 1) return false;
  return true;
}

/** IBAN without spaces, upper case. */
export function normaliseIban(iban: string | null | undefined): string {
  if (!iban) return '';
  let clean = true;
  for (let i = 0; i < iban.length && clean; i++) {
    const c = iban.charCodeAt(i);
    if (c === 32 || c === 9 || c === 45 || (c >= 97 && c <= 122)) clean = false;
  }
  if (clean) return iban;
  let out = '';
  for (let i = 0; i < iban.length; i++) {
    const c = iban.charCodeAt(i);
    if (c === 32 || c === 9 || c === 45) continue;
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : iban[i];
  }
  return out;
}

const UMLAUTS: Record<string, string> = { Ä: 'AE', Ö: 'OE', Ü: 'UE', ß: 'SS', ẞ: 'SS', Æ: 'AE', Œ: 'OE', Ø: 'OE', Å: 'AA' };

/**
 * Words that name a legal form or join a firm's name; dropped so that
 * "Müller GmbH & Co. KG" and "MUELLER GMBH U CO KG" are the same name.
 */
const LEGAL_FORMS = new Set([
  'GMBH',
  'MBH',
  'GESMBH',
  'AG',
  'KG',
  'KGAA',
  'OHG',
  'GBR',
  'UG',
  'HAFTUNGSBESCHRAENKT',
  'EK',
  'EKFR',
  'EKFM',
  'EV',
  'EG',
  'SE',
  'PARTG',
  'CO',
  'COMPANY',
  'UND',
  'U',
  'AND',
  'ET',
  'CIE',
  'SA',
  'SAS',
  'SASU',
  'SARL',
  'EURL',
  'SNC',
  'SCI',
  'SRL',
  'SPA',
  'SAPA',
  'SL',
  'SLU',
  'BV',
  'NV',
  'VOF',
  'CV',
  'BVBA',
  'SPRL',
  'LTD',
  'LIMITED',
  'LLC',
  'LLP',
  'LP',
  'INC',
  'CORP',
  'CORPORATION',
  'PLC',
  'AB',
  'OY',
  'OYJ',
  'AS',
  'ASA',
  'APS',
  'SP',
  'ZOO',
  'KFT',
  'SRO',
  'DOO',
  'OU',
]);

/**
 * A counterparty name reduced to what identifies it: upper case, umlauts
 * spelled out (ä → AE), other accents dropped (é → E), punctuation removed,
 * legal forms dropped. "" when nothing is left.
 */
export function normaliseName(name: string | null | undefined): string {
  if (!name) return '';
  let s = name.toUpperCase();
  s = s.replace(/[ÄÖÜßẞÆŒØÅ]/g, (ch) => UMLAUTS[ch] ?? ch);
  s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  // "S.A.R.L.", "e.K.": dotted single letters join; every other punctuation separates ("Co.", "Dr.Oetker").
  s = s.replace(/\b(?:[A-Z]\.){2,}/g, (m) => m.replace(/\./g, '')).replace(/[^A-Z0-9]+/g, ' ');
  const words = s.split(' ').filter((w) => w.length > 0 && !LEGAL_FORMS.has(w));
  return words.join(' ');
}

function twoDigits(d: string, at: number): number {
  const a = d.charCodeAt(at) - 48;
  const b = d.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, NaN when it is not one. Plain
 * arithmetic (days from the civil calendar), no Date objects: the bench calls
 * it a few hundred thousand times.
 */
export function dayNumber(d: string | null | undefined): number {
  if (!d || d.length !== 10 || d.charCodeAt(4) !== 45 || d.charCodeAt(7) !== 45) return NaN;
  let y = twoDigits(d, 0) * 100 + twoDigits(d, 2);
  const m = twoDigits(d, 5);
  const day = twoDigits(d, 8);
  if (!(m >= 1 && m <= 12 && day >= 1 && day <= 31) || Number.isNaN(y)) return NaN;
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
