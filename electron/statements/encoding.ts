/**
 * Character encodings of bank files: UTF-8, or one of the single-byte code
 * pages banks still write (Windows-1252/ISO-8859-1 in Western Europe,
 * ISO-8859-2/Windows-1250/CP852 in Central Europe, CP437/CP850 from DOS
 * software, Windows-1251/CP866 for Cyrillic). Single-byte text is decoded
 * with iconv-lite, not TextDecoder: Node 20.20's Windows-1252 decoder turns
 * 0x80–0x9F (`€`, `„`, `“`) into control characters.
 *
 * Validity alone cannot tell the code pages apart (every byte is valid in
 * most of them), so the guess weighs what each candidate makes of the bytes
 * against the letters of the bank's country: the code page that turns them
 * into that language's letters, inside words, wins; a close second that
 * reads the text differently makes the guess uncertain.
 *
 * The interface is deliberately narrow (bytes and an optional country in, an
 * encoding name and a certainty out) so the CSV import can share it later.
 */
import iconv from 'iconv-lite';

export type SingleByteEncoding =
  'windows-1252' | 'iso-8859-1' | 'iso-8859-15' | 'iso-8859-2' | 'windows-1250' | 'cp852' | 'cp437' | 'cp850' | 'windows-1251' | 'cp866';
export type TextEncoding = 'utf-8' | SingleByteEncoding;

export interface EncodingGuess {
  encoding: TextEncoding;
  /** False when another candidate reads the same bytes as different, almost as plausible text. */
  certain: boolean;
}

/**
 * Bytes 0x80–0xFF of a sample: how often each occurs, and its neighbours —
 * the same byte reads as a letter in one code page and as punctuation in
 * another, and only its place in the words tells which is plausible.
 */
export class HighByteStats {
  readonly count = new Uint32Array(128);
  /** Between two ASCII letters. */
  readonly inWord = new Uint32Array(128);
  /** Followed by an ASCII capital (`„R`: plausible for a quote, not for `ä`). */
  readonly beforeUpper = new Uint32Array(128);
  /** After an ASCII small letter (`gÄ`: implausible for a capital). */
  readonly afterLower = new Uint32Array(128);
  /** Between spaces, digits or punctuation: a word of its own, which a letter rarely is. */
  readonly isolated = new Uint32Array(128);
  total = 0;

  add(bytes: Uint8Array, from = 0, to = bytes.length): void {
    for (let i = from; i < to; i++) {
      const b = bytes[i] as number;
      if (b < 0x80) continue;
      const k = b - 0x80;
      inc(this.count, k);
      this.total++;
      const prev = i > from ? (bytes[i - 1] as number) : 32;
      const next = i + 1 < to ? (bytes[i + 1] as number) : 32;
      const prevLower = prev >= 97 && prev <= 122;
      const nextUpper = next >= 65 && next <= 90;
      if ((prevLower || (prev >= 65 && prev <= 90)) && (nextUpper || (next >= 97 && next <= 122))) inc(this.inWord, k);
      if (nextUpper) inc(this.beforeUpper, k);
      if (prevLower) inc(this.afterLower, k);
      if (prev < 0x80 && next < 0x80 && !isAsciiLetter(prev) && !isAsciiLetter(next)) inc(this.isolated, k);
    }
  }
}

function inc(counts: Uint32Array, k: number): void {
  counts[k] = (counts[k] as number) + 1;
}

function isAsciiLetter(b: number): boolean {
  return (b >= 65 && b <= 90) || (b >= 97 && b <= 122);
}

const WESTERN_LETTERS = 'äöüÄÖÜßéèêëàâáçîïíìôóòûúùÿñÑœŒæÆøØåÅÉÈÊÀÂÁÇÎÍÔÓÚÙãõÃÕ';
const ALPHABETS = {
  de: 'äöüÄÖÜßéèàçÉ',
  nl: 'éëïöüèáóúçÉËÏÖÜ',
  fr: 'éèêëàâçîïôùûüÿœŒÉÈÀÇÊ',
  es: 'áéíóúñÑüÁÉÍÓÚçàèòï',
  pt: 'áéíóúãõâêôàçÁÉÍÓÚÃÕÇ',
  it: 'àèéìòùÀÈÉÌÒÙ',
  nordic: 'æøåÆØÅäöÄÖéüðþÐÞ',
  pl: 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ',
  cz: 'áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽľĺôäŕĽĹÔÄŔ',
  hu: 'áéíóöőúüűÁÉÍÓÖŐÚÜŰ',
  yu: 'čćđšžČĆĐŠŽ',
  ro: 'ăâîșțşţĂÂÎȘȚŞŢ',
};

const WESTERN: SingleByteEncoding[] = ['windows-1252', 'iso-8859-15', 'cp437', 'cp850'];
const CENTRAL_PL: SingleByteEncoding[] = ['iso-8859-2', 'windows-1250', 'cp852', 'windows-1252'];
const CENTRAL_CZ: SingleByteEncoding[] = ['windows-1250', 'iso-8859-2', 'cp852', 'windows-1252'];
const CENTRAL_HU: SingleByteEncoding[] = ['cp852', 'windows-1250', 'iso-8859-2', 'cp437', 'windows-1252'];
const CYRILLIC: SingleByteEncoding[] = ['windows-1251', 'cp866', 'windows-1252'];
const ALL: SingleByteEncoding[] = ['windows-1252', 'iso-8859-2', 'windows-1250', 'cp852', 'cp850', 'cp437', 'iso-8859-15', 'windows-1251', 'cp866'];

interface CountryProfile {
  letters: string;
  candidates: SingleByteEncoding[];
}

function profile(country: string | undefined): CountryProfile {
  switch (country) {
    case 'DE':
    case 'AT':
    case 'CH':
    case 'LI':
    case 'LU':
      return { letters: ALPHABETS.de + ALPHABETS.fr, candidates: WESTERN };
    case 'NL':
    case 'BE':
      return { letters: ALPHABETS.nl + ALPHABETS.fr, candidates: WESTERN };
    case 'FR':
    case 'MC':
      return { letters: ALPHABETS.fr, candidates: WESTERN };
    case 'ES':
    case 'AD':
      return { letters: ALPHABETS.es, candidates: WESTERN };
    case 'PT':
      return { letters: ALPHABETS.pt, candidates: WESTERN };
    case 'IT':
    case 'SM':
    case 'VA':
    case 'MT':
      return { letters: ALPHABETS.it, candidates: WESTERN };
    case 'DK':
    case 'NO':
    case 'SE':
    case 'FI':
    case 'IS':
    case 'FO':
    case 'GL':
      return { letters: ALPHABETS.nordic, candidates: WESTERN };
    case 'GB':
    case 'IE':
    case 'US':
    case 'CA':
    case 'AU':
    case 'NZ':
      return { letters: WESTERN_LETTERS, candidates: WESTERN };
    case 'PL':
      return { letters: ALPHABETS.pl, candidates: CENTRAL_PL };
    case 'CZ':
    case 'SK':
      return { letters: ALPHABETS.cz, candidates: CENTRAL_CZ };
    case 'HU':
      return { letters: ALPHABETS.hu, candidates: CENTRAL_HU };
    case 'SI':
    case 'HR':
    case 'BA':
    case 'RS':
    case 'ME':
      return { letters: ALPHABETS.yu, candidates: CENTRAL_CZ };
    case 'RO':
      return { letters: ALPHABETS.ro, candidates: CENTRAL_CZ };
    case 'RU':
    case 'UA':
    case 'BY':
    case 'BG':
    case 'KZ':
    case 'MK':
      return { letters: '', candidates: CYRILLIC };
    default:
      return { letters: WESTERN_LETTERS + ALPHABETS.pl + ALPHABETS.cz + ALPHABETS.hu + ALPHABETS.yu, candidates: ALL };
  }
}

const CYRILLIC_COUNTRIES = new Set(['RU', 'UA', 'BY', 'BG', 'KZ', 'MK']);
/** Characters that appear in ordinary bank text without being letters. */
const ORDINARY = new Set([...'€„“”‘’‚–—•…§°«»²³µ½¼´·\u00a0']);

/** Decoded high bytes per encoding, computed once: index 0 is byte 0x80. */
const tables = new Map<SingleByteEncoding, string[]>();
function table(enc: SingleByteEncoding): string[] {
  let t = tables.get(enc);
  if (t === undefined) {
    const bytes = Buffer.alloc(128);
    for (let i = 0; i < 128; i++) bytes[i] = 0x80 + i;
    t = [...iconv.decode(bytes, enc)];
    tables.set(enc, t);
  }
  return t;
}

function weight(ch: string, letters: string, cyrillic: boolean): number {
  const c = ch.charCodeAt(0);
  if (letters.includes(ch)) return 3;
  if ((c >= 0x80 && c <= 0x9f) || c === 0xfffd) return -8;
  const isCyr = c >= 0x400 && c <= 0x4ff;
  if (cyrillic) return isCyr ? 3 : /\p{L}/u.test(ch) ? -2 : ORDINARY.has(ch) ? 2 : -3;
  if (isCyr || (c >= 0x370 && c <= 0x3ff)) return -2;
  if (/\p{L}/u.test(ch)) return 1;
  if (ORDINARY.has(ch)) return 2;
  return -3;
}

function score(stats: HighByteStats, enc: SingleByteEncoding, letters: string, cyrillic: boolean): number {
  const t = table(enc);
  let s = 0;
  for (let i = 0; i < 128; i++) {
    const n = stats.count[i] as number;
    if (n === 0) continue;
    const ch = t[i] as string;
    s += n * weight(ch, letters, cyrillic);
    const lower = ch !== ch.toUpperCase();
    const upper = ch !== ch.toLowerCase();
    if (lower || upper) {
      // A letter belongs inside words; a small letter before a capital, or a capital after a small letter, does not.
      s += stats.inWord[i] as number;
      if (lower) s -= 3 * (stats.beforeUpper[i] as number);
      if (upper) s -= 3 * (stats.afterLower[i] as number);
      s -= 3 * (stats.isolated[i] as number);
    } else {
      s -= 3 * (stats.inWord[i] as number);
      s += stats.isolated[i] as number;
    }
  }
  return s;
}

function sameReading(stats: HighByteStats, a: SingleByteEncoding, b: SingleByteEncoding): boolean {
  const ta = table(a);
  const tb = table(b);
  for (let i = 0; i < 128; i++) if ((stats.count[i] as number) > 0 && ta[i] !== tb[i]) return false;
  return true;
}

/**
 * The single-byte code page that reads the sample best for the country (ISO
 * 3166 alpha-2 from the account's IBAN or BIC). Ties go to the code page
 * the country's banks use most (the order of the candidates).
 */
export function guessSingleByte(stats: HighByteStats, country?: string): EncodingGuess {
  const { letters, candidates } = profile(country);
  const first = candidates[0] as SingleByteEncoding;
  if (stats.total === 0) return { encoding: first, certain: true };
  const cyrillic = country !== undefined && CYRILLIC_COUNTRIES.has(country);
  let best = first;
  let bestScore = -Infinity;
  const scores = new Map<SingleByteEncoding, number>();
  for (const enc of candidates) {
    const s = score(stats, enc, letters, cyrillic);
    scores.set(enc, s);
    if (s > bestScore) {
      best = enc;
      bestScore = s;
    }
  }
  let certain = bestScore > 0;
  for (const [enc, s] of scores) {
    if (enc === best || sameReading(stats, enc, best)) continue;
    // A rival reading within 15 % of the best score (or a few points, for short samples) leaves doubt.
    if (bestScore - s < Math.max(6, Math.abs(bestScore) * 0.15)) certain = false;
  }
  return { encoding: best, certain };
}

/** UTF-8 when the bytes are valid UTF-8 with something beyond ASCII, else the best single-byte guess. */
export function guessEncoding(bytes: Uint8Array, country?: string): EncodingGuess {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stats = new HighByteStats();
  stats.add(buf);
  if (stats.total === 0 || isValidUtf8(buf)) return { encoding: 'utf-8', certain: true };
  return guessSingleByte(stats, country);
}

function isValidUtf8(buf: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return true;
  } catch {
    return false;
  }
}

/**
 * A decoder of one single-byte code page for text already read as Latin-1
 * (one character per byte), through the table iconv-lite itself gives for the
 * high bytes: the same characters as iconv.decode, without its per-call set-up
 * (the MT940 parser decodes line by line, and a German file has a name with an
 * umlaut in most bookings).
 */
export function singleByteDecoder(encoding: SingleByteEncoding): (latin1: string) => string {
  const t = table(encoding);
  if (t.length !== 128) return (latin1) => iconv.decode(Buffer.from(latin1, 'latin1'), encoding);
  return (latin1) => {
    let out = '';
    let from = 0;
    for (let i = 0; i < latin1.length; i++) {
      const c = latin1.charCodeAt(i);
      if (c < 0x80) continue;
      out += latin1.slice(from, i) + (t[c - 0x80] as string);
      from = i + 1;
    }
    return from === 0 ? latin1 : out + latin1.slice(from);
  };
}

export function decodeText(bytes: Uint8Array, encoding: TextEncoding): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return encoding === 'utf-8' ? buf.toString('utf8') : iconv.decode(buf, encoding);
}

const LABELS: Record<string, TextEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  // As browsers do (WHATWG), ISO-8859-1 and ASCII labels read as Windows-1252: files labelled Latin-1 carry `€` at 0x80.
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
  'iso-8859-2': 'iso-8859-2',
  'iso8859-2': 'iso-8859-2',
  latin2: 'iso-8859-2',
  'windows-1250': 'windows-1250',
  cp1250: 'windows-1250',
  'windows-1251': 'windows-1251',
  cp1251: 'windows-1251',
  cp852: 'cp852',
  ibm852: 'cp852',
  cp437: 'cp437',
  ibm437: 'cp437',
  cp850: 'cp850',
  ibm850: 'cp850',
  cp866: 'cp866',
  ibm866: 'cp866',
};

/** A declared encoding label (XML declaration) as one we decode; undefined when we do not know it. */
export function encodingOfLabel(label: string): TextEncoding | undefined {
  return LABELS[label.trim().toLowerCase()];
}

/** The country of a BIC (`INGBNL2A` → NL) or IBAN (`NL91…` → NL); undefined when neither shape fits. */
export function countryOf(id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const s = id.replace(/\s+/g, '').toUpperCase();
  if (/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return s.slice(0, 2);
  if (/^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/.test(s)) return s.slice(4, 6);
  return undefined;
}

/**
 * Raw text of a statement for display, in the encoding its parser read it
 * in: line by line, UTF-8 where a line is valid UTF-8 (files can mix), the
 * statement's single-byte code page elsewhere.
 */
export function decodeStatementText(bytes: Uint8Array, encoding: TextEncoding | string | null | undefined): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isValidUtf8(buf)) return buf.toString('utf8');
  const single: TextEncoding = encoding !== null && encoding !== undefined && encoding !== 'utf-8' && isTextEncoding(encoding) ? encoding : 'windows-1252';
  let out = '';
  let from = 0;
  while (from <= buf.length) {
    let nl = buf.indexOf(10, from);
    if (nl === -1) nl = buf.length;
    const line = buf.subarray(from, nl);
    out += isValidUtf8(line) ? line.toString('utf8') : decodeText(line, single);
    if (nl < buf.length) out += '\n';
    from = nl + 1;
  }
  return out;
}

const ENCODINGS = new Set<string>([
  'utf-8',
  'windows-1252',
  'iso-8859-1',
  'iso-8859-15',
  'iso-8859-2',
  'windows-1250',
  'cp852',
  'cp437',
  'cp850',
  'windows-1251',
  'cp866',
]);

export function isTextEncoding(s: string): s is TextEncoding {
  return ENCODINGS.has(s);
}
