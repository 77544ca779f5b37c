/**
 * Statement amounts: decimal text straight into integer minor units, without
 * floating point, on the hot path of the parsers (one call per amount, no
 * regular expression, no allocation).
 *
 * Minor units follow the ISO 4217 exponent of the currency (EUR 2, JPY 0,
 * KWD 3), as the storage and every other library count them. Digits beyond
 * the exponent that are not zero cannot be kept: the value is rounded half
 * away from zero and the caller adds the warning `statement.amountPrecision`.
 */

/** ISO 4217 currencies whose minor unit is not 2 (list of 2024). */
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Minor-unit exponent of an ISO 4217 code; 2 for unknown or missing codes. */
export function currencyExponent(currency: string | undefined): number {
  if (currency === undefined) return 2;
  const e = EXPONENTS[currency];
  return e === undefined ? 2 : e;
}

/** Same limit as shared/money.ts: far above any amount, far below 2^53. */
export const MAX_ABS_MINOR = 99_999_999_999_999;

/** Result flags of the last decimalToMinor call (kept out of the return value to avoid allocating). */
export const amountFlags = { lostPrecision: false };

/**
 * `"1234.5"`, `"1234,50"`, `"000000001000.12"`, `"203,"`, `" 8.850 "` →
 * minor units for the given exponent; NaN when the text is not a plain
 * decimal number (no grouping, at most one `.` or `,`, optional leading sign)
 * or out of range. Sets `amountFlags.lostPrecision` when non-zero digits
 * beyond the exponent were rounded away.
 */
export function decimalToMinor(text: string, exponent: number): number {
  amountFlags.lostPrecision = false;
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  if (i === end) return NaN;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i++;
  }
  let value = 0;
  let digits = 0;
  let fraction = -1; // digits seen after the separator; -1 = no separator yet
  let roundUp = false;
  let lost = false;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (fraction < 0) {
        value = value * 10 + (c - 48);
        if (value > MAX_ABS_MINOR) return NaN;
      } else if (fraction < exponent) {
        value = value * 10 + (c - 48);
        fraction++;
      } else {
        // Beyond the currency's precision: the first such digit rounds, any non-zero one is lost.
        if (fraction === exponent) roundUp = c >= 53;
        if (c !== 48) lost = true;
        fraction = exponent + 1;
      }
    } else if ((c === 44 /* , */ || c === 46) /* . */ && fraction < 0) {
      fraction = 0;
    } else {
      return NaN;
    }
  }
  if (digits === 0) return NaN;
  const scaled = fraction < 0 ? 0 : Math.min(fraction, exponent);
  for (let k = scaled; k < exponent; k++) value *= 10;
  if (roundUp) value += 1;
  if (value > MAX_ABS_MINOR) return NaN;
  amountFlags.lostPrecision = lost;
  return negative && value !== 0 ? -value : value;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0;
}
