/**
 * Free text (names, remittance) into the SEPA character set, with a record of
 * what changed so the user sees it before the file is built.
 *
 * The basic set is `a-z A-Z 0-9 / - ? : ( ) . , ' +` and space. German banks
 * also accept `Ä Ö Ü ä ö ü ß & * $ %`: that extension is the `german` option,
 * off by default, because the basic set is what every bank accepts.
 *
 * Rules, in order, per character of the NFC-normalised text:
 * - allowed characters stay;
 * - any whitespace becomes a space; control and invisible formatting
 *   characters (zero-width space, soft hyphen, BOM…) are dropped;
 * - a table maps German umlauts and ß (Ä → AE, ß → ss), letters without a
 *   decomposition (Æ → AE, Ø → O, Ł → L…), Cyrillic and Greek (ICAO-style
 *   romanisation), typographic punctuation (“ ” « » → ', – — → -), symbols
 *   (€ → E, @ → (at), & → +); a multi-letter replacement of a capital is
 *   title-cased before a lower-case letter (Ärger → Aerger, ÄRGER → AERGER);
 * - anything else is decomposed (NFKD) and its accents dropped (é → e,
 *   ﬁ → fi, Ａ → A, ™ → TM); emoji are dropped;
 * - what is still not allowed becomes `.`.
 * Then runs of spaces collapse to one, the ends are trimmed, and the text is
 * cut to `maxLength` (names 70, remittance 140).
 */

export interface SepaTextOptions {
  /** Keep `Ä Ö Ü ä ö ü ß & * $ %` (German banks' extension); default false. */
  german?: boolean;
  maxLength: number;
}

export interface SepaTextChange {
  /** One character of the (NFC) input. */
  from: string;
  /** What it became; '' when it was dropped. */
  to: string;
}

export interface SepaTextResult {
  text: string;
  /** The output differs from the input in any way (characters, spaces, length). */
  changed: boolean;
  /** Each distinct replacement (character → what it became), once, in order of first occurrence. */
  changes: SepaTextChange[];
  /** The text was cut to maxLength. */
  truncated: boolean;
}

const BASIC_CLASS = "a-zA-Z0-9/\\-?:().,'+ ";
const GERMAN_EXTRA = 'ÄÖÜäöüß&*$%';
// Fast path: already clean, no spaces at the ends, no double spaces.
const CLEAN_BASIC = new RegExp(`^(?:[${BASIC_CLASS.replace(' ', '')}]+(?: [${BASIC_CLASS.replace(' ', '')}]+)*)?$`);
const CLEAN_GERMAN = new RegExp(`^(?:[${BASIC_CLASS.replace(' ', '')}${GERMAN_EXTRA}]+(?: [${BASIC_CLASS.replace(' ', '')}${GERMAN_EXTRA}]+)*)?$`);
// Allowed characters by code, up to ß (U+00DF) and ü (U+00FC): a lookup, not a
// regular expression per character. 1 = basic set, 2 = German extension only.
const ALLOWED = new Uint8Array(256);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-?:().,'+ ") ALLOWED[ch.charCodeAt(0)] = 1;
for (const ch of GERMAN_EXTRA) ALLOWED[ch.charCodeAt(0)] = 2;

function isAllowed(ch: string, german: boolean): boolean {
  if (ch.length !== 1) return false;
  const allowed = ALLOWED[ch.charCodeAt(0)] ?? 0;
  return allowed === 1 || (allowed === 2 && german);
}

/** Replacements for characters that decomposition does not handle (or handles wrongly, like umlauts). */
const TABLE: Record<string, string> = {
  // German
  Ä: 'AE',
  Ö: 'OE',
  Ü: 'UE',
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  ẞ: 'SS',
  // Latin letters without a canonical decomposition
  Æ: 'AE',
  æ: 'ae',
  Ø: 'O',
  ø: 'o',
  Œ: 'OE',
  œ: 'oe',
  Ð: 'D',
  ð: 'd',
  Þ: 'TH',
  þ: 'th',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ħ: 'H',
  ħ: 'h',
  ı: 'i',
  ĸ: 'k',
  Ŋ: 'N',
  ŋ: 'n',
  ſ: 's',
  ƒ: 'f',
  // Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian)
  А: 'A',
  Б: 'B',
  В: 'V',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'N',
  О: 'O',
  П: 'P',
  Р: 'R',
  С: 'S',
  Т: 'T',
  У: 'U',
  Ф: 'F',
  Х: 'KH',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: 'IE',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'IU',
  Я: 'IA',
  Є: 'IE',
  І: 'I',
  Ї: 'I',
  Ґ: 'G',
  Ў: 'U',
  Ђ: 'D',
  Ј: 'J',
  Љ: 'LJ',
  Њ: 'NJ',
  Ћ: 'C',
  Џ: 'DZ',
  Ѓ: 'G',
  Ќ: 'K',
  Ѕ: 'DZ',
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: 'ie',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'iu',
  я: 'ia',
  є: 'ie',
  і: 'i',
  ї: 'i',
  ґ: 'g',
  ў: 'u',
  ђ: 'd',
  ј: 'j',
  љ: 'lj',
  њ: 'nj',
  ћ: 'c',
  џ: 'dz',
  ѓ: 'g',
  ќ: 'k',
  ѕ: 'dz',
  // Greek (accents are decomposed first)
  Α: 'A',
  Β: 'V',
  Γ: 'G',
  Δ: 'D',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'I',
  Θ: 'TH',
  Ι: 'I',
  Κ: 'K',
  Λ: 'L',
  Μ: 'M',
  Ν: 'N',
  Ξ: 'X',
  Ο: 'O',
  Π: 'P',
  Ρ: 'R',
  Σ: 'S',
  Τ: 'T',
  Υ: 'Y',
  Φ: 'F',
  Χ: 'CH',
  Ψ: 'PS',
  Ω: 'O',
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: 'th',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'x',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'ch',
  ψ: 'ps',
  ω: 'o',
  // Symbols and punctuation
  '€': 'E',
  '@': '(at)',
  '&': '+',
  '"': "'",
  '`': "'",
  '´': "'",
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '“': "'",
  '”': "'",
  '„': "'",
  '‟': "'",
  '«': "'",
  '»': "'",
  '‹': "'",
  '›': "'",
  '′': "'",
  '″': "'",
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '―': '-',
  '−': '-',
  _: '-',
  '⁄': '/',
  '\\': '/',
  '|': '/',
  '[': '(',
  ']': ')',
  '{': '(',
  '}': ')',
  '<': '(',
  '>': ')',
  ';': ',',
  '!': '.',
  '…': '...',
  '·': '.',
  '•': '.',
  '#': '',
  '°': '.',
  '§': '.',
  '*': '.',
  $: '.',
  '%': '.',
  '=': '.',
  '~': '-',
  '^': '.',
};

// Emoji and the joiners and selectors that build them: decoration, dropped.
const DROPPED = /^(?:\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200D|\uFE0E|\uFE0F|\u20E3|[\u{E0020}-\u{E007F}])$/u;
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]$/u;
const SPACE = /^\s$/u;
const MARK = /\p{M}/gu;
const LOWER = /^\p{Ll}$/u;
const UPPER = /^\p{Lu}$/u;

function titleCase(s: string): string {
  return s.charAt(0) + s.slice(1).toLowerCase();
}

/** The replacement for one character that is not allowed as it is. */
function replace(ch: string, next: string | undefined, german: boolean): string {
  if (SPACE.test(ch)) return ' ';
  const fromTable = TABLE[ch];
  if (fromTable !== undefined) {
    if (fromTable.length > 1 && UPPER.test(ch) && next !== undefined && LOWER.test(next)) return titleCase(fromTable);
    return fromTable;
  }
  if (INVISIBLE.test(ch)) return '';
  const decomposed = ch.normalize('NFKD').replace(MARK, '');
  if (decomposed !== ch) {
    let out = '';
    for (const part of decomposed) {
      if (isAllowed(part, german)) out += part;
      else if (TABLE[part] !== undefined) out += TABLE[part];
      else if (SPACE.test(part)) out += ' ';
      else return DROPPED.test(ch) ? '' : '.';
    }
    return out;
  }
  if (DROPPED.test(ch)) return '';
  return '.';
}

/** Whether toSepaText would return `text` unchanged (the cheap check, without building a result). */
export function isCleanSepaText(text: string, maxLength: number, german = false): boolean {
  return text.length <= maxLength && (german ? CLEAN_GERMAN : CLEAN_BASIC).test(text);
}

/**
 * Transliterates `text` into the SEPA character set (see the module comment)
 * and cuts it to `maxLength` characters.
 */
export function toSepaText(text: string, options: SepaTextOptions): SepaTextResult {
  const german = options.german === true;
  const { maxLength } = options;
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  if (isCleanSepaText(text, maxLength, german)) {
    return { text, changed: false, changes: [], truncated: false };
  }

  const source = text.normalize('NFC');
  const chars = Array.from(source);
  const changes: SepaTextChange[] = [];
  const seen = new Set<string>();
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (isAllowed(ch, german)) {
      out += ch;
      continue;
    }
    const to = replace(ch, chars[i + 1], german);
    out += to;
    const key = `${ch}\u0000${to}`;
    if (!seen.has(key)) {
      seen.add(key);
      changes.push({ from: ch, to });
    }
  }
  out = out.replace(/ {2,}/g, ' ').trim();
  let truncated = false;
  if (out.length > maxLength) {
    out = out.slice(0, maxLength).trimEnd();
    truncated = true;
  }
  return { text: out, changed: out !== text, changes, truncated };
}

/** What the builder needs of a transliteration: the text, and whether it changed or was cut (no list of changes). */
export interface SepaTextOutcome {
  text: string;
  changed: boolean;
  truncated: boolean;
}

/** A character's replacement, and the title-cased one when it depends on the next character (Ä → AE, or Ae before lower case). */
interface Replacement {
  to: string;
  title: string | undefined;
}

// Below U+3000 (every script and symbol a European payee's text uses) by index, beyond in a Map: an array read instead of a hash lookup per character.
const INDEXED = 0x3000;
const replacements = [new Array<Replacement | undefined>(INDEXED), new Array<Replacement | undefined>(INDEXED)] as const;
const replacementsBeyond = [new Map<number, Replacement>(), new Map<number, Replacement>()] as const;

/** The replacement of the character `cp` at `i` of `source` (the character's string is made only the first time). */
function replacementOf(source: string, i: number, cp: number, german: boolean): Replacement {
  const g = german ? 1 : 0;
  let r = cp < INDEXED ? replacements[g][cp] : replacementsBeyond[g].get(cp);
  if (r === undefined) {
    const ch = source.slice(i, i + (cp > 0xffff ? 2 : 1));
    const to = replace(ch, undefined, german);
    const fromTable = TABLE[ch];
    const title = fromTable !== undefined && fromTable.length > 1 && UPPER.test(ch) ? titleCase(fromTable) : undefined;
    r = { to, title };
    if (cp < INDEXED) replacements[g][cp] = r;
    else replacementsBeyond[g].set(cp, r);
  }
  return r;
}

/** Whether NFC leaves the character `code` alone and nothing composes with it (see nfcStable). */
function nfcStableAt(code: number): boolean {
  return code < 0x300 || (code < NFC_STABLE_BELOW && nfcStable()[code] === 1);
}

/** Whether NFC leaves `text` from `from` on as it is (a sufficient test: see nfcStable). */
function isNfcStable(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (!nfcStableAt(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Characters below U+3000 that NFC leaves alone and that never combine with
 * the character before them (not a mark, not a Hangul vowel or final
 * consonant: in Unicode every second part of a canonical composition is one
 * of those): a text whose characters are all such needs no normalisation.
 * `–`, `„`, `€` in remittance texts made every such text go through
 * String.normalize, 3 % of building a file. Made on first use.
 */
const NFC_STABLE_BELOW = 0x3000;
let stable: Uint8Array | undefined;
const COMBINES = /^[\p{M}\u1100-\u11FF]$/u;

function nfcStable(): Uint8Array {
  if (stable !== undefined) return stable;
  stable = new Uint8Array(NFC_STABLE_BELOW);
  for (let code = 0; code < NFC_STABLE_BELOW; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue;
    const ch = String.fromCharCode(code);
    if (ch.normalize('NFC') === ch && !COMBINES.test(ch)) stable[code] = 1;
  }
  return stable;
}

/**
 * How many characters from the start are already clean: allowed as they
 * are, no space first or after another space. The text is clean as a whole
 * (isCleanSepaText) when that is all of it, it does not end in a space and
 * it is not too long: one scan with a table lookup instead of the regular
 * expression, which cost as much as the transliteration itself.
 */
function cleanPrefix(text: string, allowedLevel: number): number {
  const n = text.length;
  let previous = SPACE_CODE;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    const level = code < 256 ? ALLOWED[code]! : 0;
    if (level === 0 || level > allowedLevel || (code === SPACE_CODE && previous === SPACE_CODE)) return i;
    previous = code;
  }
  return n;
}

// The output of one text, byte by byte (every character it can hold is below U+0100): reused, texts are done one at a time.
let scratch = Buffer.alloc(512);
const SPACE_CODE = 32;

/**
 * The same text as toSepaText (sepa-text.test.ts proves it on tricky and
 * random input), in one pass: allowed characters by a table lookup, a
 * replacement cached per character, spaces collapsed and the ends trimmed
 * on the way, and the scan stops once the text is known to be cut. Made for
 * the builder's hot loop, where the list of changes is not needed;
 * toSepaText remains the reference.
 *
 * The result is made from Latin-1 bytes, so V8 keeps it as a one-byte
 * string: slices of a text with `Ł` or `„` would be two-byte strings, and
 * the file's writer (a Latin-1 copy of its chunks) then takes three times as
 * long.
 */
export function sepaText(text: string, maxLength: number, german = false): SepaTextOutcome {
  if (!Number.isSafeInteger(maxLength) || maxLength < 1) throw new RangeError(`maxLength must be a positive integer, got ${maxLength}`);
  const allowedLevel = german ? 2 : 1;
  const clean = cleanPrefix(text, allowedLevel);
  if (clean === text.length && text.length <= maxLength && (clean === 0 || text.charCodeAt(clean - 1) !== SPACE_CODE)) {
    return { text, changed: false, truncated: false };
  }
  // Most texts need no normalisation: the pass finds out on the way (a separate scan was 5 % of a build) and only then starts over on the NFC form.
  let len = transliterateInto(text, clean, maxLength + 2, german, true);
  if (len < 0) len = transliterateInto(text.normalize('NFC'), 0, maxLength + 2, german, false);
  const out = scratch;
  if (len > 0 && out[len - 1] === SPACE_CODE) len--;
  let truncated = false;
  if (len > maxLength) {
    truncated = true;
    len = maxLength;
    while (len > 0 && out[len - 1] === SPACE_CODE) len--;
  }
  const result = out.toString('latin1', 0, len);
  return { text: result, changed: result !== text, truncated };
}

/**
 * sepaText's pass into `scratch`: `source` transliterated with spaces
 * collapsed, up to `stop` bytes (two more than the maximum length: with no
 * double spaces the text is then surely longer than that after trimming).
 * The first `clean` characters are known to be allowed as they are and are
 * copied natively. Returns the length, or -1 when `checkNfc` and the text
 * may not be in NFC form, which the pass notices at the first character
 * that could change.
 */
function transliterateInto(source: string, clean: number, stop: number, german: boolean, checkNfc: boolean): number {
  const allowedLevel = german ? 2 : 1;
  const n = source.length;
  if (scratch.length < stop + 64) scratch = Buffer.alloc(stop + 64);
  const out = scratch;
  let len = clean === 0 ? 0 : out.write(source, 0, Math.min(clean, stop), 'latin1');
  let i = len;
  while (i < n && len < stop) {
    const code = source.charCodeAt(i);
    const level = code < 256 ? ALLOWED[code]! : 0;
    if (level !== 0 && level <= allowedLevel) {
      if (code !== SPACE_CODE || (len > 0 && out[len - 1] !== SPACE_CODE)) out[len++] = code;
      i++;
      continue;
    }
    if (checkNfc && code >= 0x300 && !nfcStableAt(code)) return -1;
    const cp = source.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const r = replacementOf(source, i, cp, german);
    i += width;
    const to = r.title !== undefined && i < n && LOWER.test(String.fromCodePoint(source.codePointAt(i)!)) ? r.title : r.to;
    for (let k = 0; k < to.length && len < stop; k++) {
      const c = to.charCodeAt(k);
      if (c !== SPACE_CODE || (len > 0 && out[len - 1] !== SPACE_CODE)) out[len++] = c;
    }
  }
  // The characters after the cut decide too: a mark there composes with the one before it.
  return checkNfc && i < n && !isNfcStable(source, i) ? -1 : len;
}

export interface TransliterationItem {
  /** Where the text comes from, for the UI (e.g. `blocks[0].transactions[3].creditor.name`). */
  field: string;
  text: string;
  maxLength: number;
}

export interface TransliterationPreview {
  field: string;
  before: string;
  after: string;
  changes: SepaTextChange[];
  truncated: boolean;
}

/**
 * What the builder will change in each text, for the preview the user sees
 * before the file is built. Only the items that change are listed, in order.
 */
export function previewTransliteration(items: Iterable<TransliterationItem>, options: { german?: boolean } = {}): TransliterationPreview[] {
  const result: TransliterationPreview[] = [];
  for (const item of items) {
    const r = toSepaText(item.text, { german: options.german === true, maxLength: item.maxLength });
    if (r.changed) result.push({ field: item.field, before: item.text, after: r.text, changes: r.changes, truncated: r.truncated });
  }
  return result;
}
