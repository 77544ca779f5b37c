/**
 * IBAN and BIC checks for the builder's hot loop. The answers are those of
 * shared/ids.ts (`isValidIban`, `isValidBic`, which use ibantools); only the
 * cost differs:
 * - ibantools computes the mod-97 check on strings (letters replaced by
 *   digits, six digits at a time through parseInt), which was a third of the
 *   time to build 100,000 transactions, and compiles the country's BBAN
 *   pattern on every call. Here the mod-97 check runs on character codes and
 *   the pattern is compiled once per country; the country specs (length,
 *   pattern) and the national check-digit functions are still ibantools'.
 * - BICs repeat (a few banks serve many accounts), so their checks are cached
 *   per build.
 * electron/sepa/iban.test.ts compares checkIban with isValidIban on valid,
 * mutated and random IBANs of every country ibantools knows.
 */
import { countrySpecs } from 'ibantools';
import { isValidBic, isValidIban, normalizeBic, normalizeIban } from '../../shared/ids';

const COMPACT_UPPER = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$/;

/** The check ibantools makes: 98 − (BBAN + country + "00" mod 97) equals the check digits. */
function checkDigitsMatch(iban: string): boolean {
  // Digits are gathered up to 12 at a time before each reduction: the
  // running value stays below 97 * 10^12 + 10^12, far inside the safe integers.
  let acc = 0;
  let digits = 0;
  const n = iban.length;
  // BBAN, then the country code, then "00" (the multiplication after the loop)
  for (let i = 4; i < n + 2; i++) {
    const code = iban.charCodeAt(i < n ? i : i - n);
    if (code >= 65) {
      acc = acc * 100 + (code - 55);
      digits += 2;
    } else {
      acc = acc * 10 + (code - 48);
      digits += 1;
    }
    if (digits >= 12) {
      acc %= 97;
      digits = 0;
    }
  }
  const r = (acc * 100) % 97;
  return 98 - r === (iban.charCodeAt(2) - 48) * 10 + (iban.charCodeAt(3) - 48);
}

/**
 * The IBAN in electronic form (no spaces, upper case) when it is valid
 * (exactly when shared/ids.ts `isValidIban` says so), else undefined.
 */
export function checkIban(value: string): string | undefined {
  const iban = COMPACT_UPPER.test(value) ? value : normalizeIban(value);
  if (!COMPACT_UPPER.test(iban)) {
    // Not the shape every valid IBAN has; let the reference decide (it says no).
    return isValidIban(iban) ? iban : undefined;
  }
  const country = iban.slice(0, 2);
  const spec = countrySpecs[country];
  if (spec === undefined || spec.chars !== iban.length || !spec.bban_regexp) return undefined;
  if (!checkDigitsMatch(iban)) return undefined;
  const bban = iban.slice(4);
  // What ibantools' isValidBBAN does (its format check, then the national
  // check digits by its own function), with the pattern compiled once
  // instead of on every call; the BBAN is already compact, so its removal
  // of spaces and dots has nothing to remove.
  if (!bbanPattern(country, spec.bban_regexp).test(bban)) return undefined;
  return spec.bban_validation_func === undefined || spec.bban_validation_func(bban) ? iban : undefined;
}

const bbanPatterns = new Map<string, RegExp>();

function bbanPattern(country: string, source: string): RegExp {
  let re = bbanPatterns.get(country);
  if (re === undefined) {
    re = new RegExp(source, '');
    bbanPatterns.set(country, re);
  }
  return re;
}

/** IBAN checks with a per-build cache: payees come back, their IBANs are checked once. */
export class IbanChecker {
  private readonly cache = new Map<string, string | undefined>();

  check(value: string): string | undefined {
    const known = this.cache.get(value);
    if (known !== undefined) return known;
    const iban = checkIban(value);
    // Only valid ones are kept: an invalid IBAN ends the build anyway.
    if (iban !== undefined && this.cache.size < 50_000) this.cache.set(value, iban);
    return iban;
  }
}

/** BIC checks with a per-build cache: the normalised BIC, or undefined when invalid. */
export class BicChecker {
  private readonly cache = new Map<string, string | undefined>();

  check(value: string): string | undefined {
    if (this.cache.has(value)) return this.cache.get(value);
    const bic = isValidBic(value) ? normalizeBic(value) : undefined;
    if (this.cache.size < 10_000) this.cache.set(value, bic);
    return bic;
  }
}
