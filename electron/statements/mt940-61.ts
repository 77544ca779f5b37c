/**
 * The MT940 `:61:` statement line, split into its sub-fields:
 *
 *   6!n[4!n]2a[1!a]15d1!a3!c16x[//16x] ⏎ [34x]
 *   value date, entry date, mark (C D RC RD; MT942 also EC ED), funds code,
 *   amount, type (N/S/F + 3), customer reference, bank reference, supplementary details
 *
 * as banks really write it: the entry date as four spaces (Citibank, ASN),
 * a funds code after the mark (`DR`, `CN`, `DD`), a line break before the
 * amount (German savings banks), no type or reference at all (Raiffeisen
 * HU), a type with spaces (`NIT `, `S   X`), a reference padded to 16 and
 * followed by text (old Rabobank), `NONREF` on either side.
 */

export type Mark = 'C' | 'D' | 'RC' | 'RD' | 'EC' | 'ED';

export interface Fields61 {
  /** YYMMDD as written. */
  valueDate: string;
  /** MMDD as written; absent when the bank left it out. */
  entryDate?: string;
  /** True when the entry date was written as four spaces. */
  entryDateBlank: boolean;
  mark: Mark;
  amount: string;
  type?: string;
  customerReference: string;
  bankReference: string;
  supplementary: string[];
  /** True when the amount was on the line after the mark. */
  brokenBeforeAmount: boolean;
}

export type Split61 = Fields61 | { problem: string };

/** A transaction type: N, S or F and three letters, digits or spaces (`NTRF`, `N051`, `NOV `) — not the reference `NONREF`. */
function isTypeCode(rest: string): boolean {
  const c = rest.charCodeAt(0);
  if (c !== 78 && c !== 83 && c !== 70) return false;
  if (rest.length < 4) return false;
  for (let i = 1; i < 4; i++) {
    const x = rest.charCodeAt(i);
    if (!((x >= 65 && x <= 90) || (x >= 48 && x <= 57) || x === 32)) return false;
  }
  return !rest.startsWith('NONREF');
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** True when s[from, to) are all ASCII digits (as `\d` reads them). */
function digitsAt(s: string, from: number, to: number): boolean {
  if (s.length < to) return false;
  for (let i = from; i < to; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

function markAt(s: string, i: number): Mark | undefined {
  const c0 = s.charAt(i);
  const c1 = s.charAt(i + 1);
  if ((c0 === 'R' || c0 === 'E') && (c1 === 'C' || c1 === 'D')) return `${c0}${c1}` as Mark;
  if (c0 === 'C' || c0 === 'D') return c0;
  return undefined;
}

/**
 * Customer reference (16x) and the text after it on the same line: a field
 * padded to 16 and followed by text (old Rabobank) is cut at 16, never at
 * spaces inside the 16; one token longer than 16 (ASN writes the 18-character
 * IBAN there) stays whole.
 */
function customerPart(text: string, supplementary: string[]): string {
  if (text.length <= 16) return text.trim();
  const gap = text.search(/\s/);
  const end = gap === -1 || gap > 16 ? (gap === -1 ? text.length : gap) : 16;
  const rest = text.slice(end).trim();
  if (rest !== '') supplementary.push(rest);
  return text.slice(0, end).trim();
}

/** Bank reference (16x; some banks write up to 23) and text set off after it by two or more spaces. */
function bankPart(text: string, supplementary: string[]): string {
  const t = text.trim();
  if (t.length <= 16) return t;
  const gap = t.indexOf('  ');
  if (gap === -1) return t;
  supplementary.push(t.slice(gap).trim());
  return t.slice(0, gap);
}

export function split61(lines: readonly string[]): Split61 {
  let s = (lines[0] ?? '').trim();
  let next = 1;
  if (!digitsAt(s, 0, 6)) return { problem: 'has no value date (YYMMDD) at its start' };
  let i = 6;
  let entryDate: string | undefined;
  let entryDateBlank = false;
  if (digitsAt(s, 6, 10) && s.length > 10) {
    entryDate = s.slice(6, 10);
    i = 10;
  } else if (s.startsWith('    ', 6)) {
    entryDateBlank = true;
    i = 10;
  }
  const mark = markAt(s, i);
  if (mark === undefined)
    return { problem: `has no credit/debit mark (C, D, RC or RD) after the ${entryDate !== undefined || entryDateBlank ? 'entry' : 'value'} date` };
  i += mark.length;
  // Funds code: the third letter of the currency (`R` for EUR, `N` for PLN).
  const fc = s.charCodeAt(i);
  if (fc >= 65 && fc <= 90) i++;
  let brokenBeforeAmount = false;
  if (i >= s.length && lines.length > 1 && isDigit((lines[1] ?? '').trim().charCodeAt(0))) {
    s += (lines[1] as string).trim();
    next = 2;
    brokenBeforeAmount = true;
  }
  const amountStart = i;
  while (i < s.length) {
    const ch = s.charCodeAt(i);
    if (isDigit(ch) || ch === 44 || ch === 46) i++;
    else break;
  }
  const amount = s.slice(amountStart, i);
  let anyDigit = false;
  for (let k = 0; k < amount.length && !anyDigit; k++) anyDigit = isDigit(amount.charCodeAt(k));
  if (!anyDigit) return { problem: 'has no readable amount after the credit/debit mark' };
  let rest = s.slice(i);
  let type: string | undefined;
  if (isTypeCode(rest)) {
    type = rest.slice(0, 4).trim();
    rest = rest.slice(4);
  }
  const supplementary: string[] = [];
  const slashes = rest.indexOf('//');
  const customerReference = customerPart(slashes === -1 ? rest : rest.slice(0, slashes), supplementary);
  const bankReference = slashes === -1 ? '' : bankPart(rest.slice(slashes + 2), supplementary);
  for (let k = next; k < lines.length; k++) {
    const l = (lines[k] as string).trim();
    if (l !== '') supplementary.push(l);
  }
  const out: Fields61 = { valueDate: s.slice(0, 6), entryDateBlank, mark, amount, customerReference, bankReference, supplementary, brokenBeforeAmount };
  if (entryDate !== undefined) out.entryDate = entryDate;
  if (type !== undefined) out.type = type;
  return out;
}
