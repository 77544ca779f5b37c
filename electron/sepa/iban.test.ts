import { countrySpecs } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { isValidBic, isValidIban, normalizeIban } from '../../shared/ids';
import { BicChecker, checkIban } from './iban';
import { ibanCheckDigits, seededRandom } from './test-fixtures';

// Published example IBANs, among them countries with national check digits
// (BE, ES, FR, PT, SI, BA, ME, MK, RS, NO, PL…).
const KNOWN_VALID = [
  'DE89370400440532013000',
  'AT611904300234573201',
  'BE68539007547034',
  'CH9300762011623852957',
  'ES9121000418450200051332',
  'FR1420041010050500013M02606',
  'GB29NWBK60161331926819',
  'IT60X0542811101000000123456',
  'NL91ABNA0417164300',
  'PT50000201231234567890154',
  'SI56263300012039086',
  'FI2112345600000785',
  'LU280019400644750000',
  'IE29AIBK93115212345678',
  'PL61109010140000071219812874',
  'NO9386011117947',
  'SE4550000000058398257466',
  'DK5000400440116243',
  'BA391290079401028494',
  'ME25505000012345678951',
  'MK07250120000058984',
  'RS35260005601001611379',
  'SK3112000000198742637541',
  'CZ6508000000192000145399',
  'EE382200221020145685',
  'HR1210010051863000160',
  'HU42117730161111101800000000',
  'MC5811222000010123456789030',
];

/** Random text matching an ibantools BBAN pattern such as `^[0-9]{10}[A-Z0-9]{11}[0-9]{2}$`. */
function bbanFor(pattern: string, random: () => number): string {
  let out = '';
  for (const m of pattern.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)) {
    const chars = (m[1] ?? '').replace(/(.)-(.)/g, (_all, a: string, b: string) => {
      let s = '';
      for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) s += String.fromCharCode(c);
      return s;
    });
    for (let i = 0; i < Number(m[2]); i++) out += chars[Math.floor(random() * chars.length)] ?? '0';
  }
  return out;
}

function sameAnswer(iban: string): void {
  const reference = isValidIban(iban);
  expect(checkIban(iban), iban).toBe(reference ? normalizeIban(iban) : undefined);
}

describe('checkIban', () => {
  it('accepts the published example IBANs, as the reference does', () => {
    for (const iban of KNOWN_VALID) {
      expect(isValidIban(iban), iban).toBe(true);
      expect(checkIban(iban)).toBe(iban);
    }
  });

  it('gives the reference answer for every single-character change and swap of valid IBANs', () => {
    for (const iban of KNOWN_VALID) {
      for (let i = 0; i < iban.length; i++) {
        for (const c of ['0', '1', '7', '9', 'A', 'Z']) sameAnswer(iban.slice(0, i) + c + iban.slice(i + 1));
        if (i + 1 < iban.length) sameAnswer(iban.slice(0, i) + iban[i + 1] + iban[i] + iban.slice(i + 2));
      }
      sameAnswer(iban.slice(0, -1));
      sameAnswer(`${iban}0`);
    }
  });

  it('gives the reference answer for random IBANs of every country ibantools knows, with correct and wrong check digits', () => {
    const random = seededRandom(20261121);
    let valid = 0;
    for (const [country, spec] of Object.entries(countrySpecs)) {
      if (!spec.bban_regexp || !spec.chars) continue;
      for (let k = 0; k < 40; k++) {
        const bban = bbanFor(spec.bban_regexp, random);
        const digits = ibanCheckDigits(country, bban);
        const iban = `${country}${digits}${bban}`;
        if (isValidIban(iban)) valid++;
        sameAnswer(iban);
        sameAnswer(`${country}${String((Number(digits) + 1 + Math.floor(random() * 96)) % 100).padStart(2, '0')}${bban}`);
      }
    }
    // Most random BBANs pass where no national check digit applies.
    expect(valid).toBeGreaterThan(2000);
  });

  it('gives the reference answer for check digits 00, 01, 97, 98 and 99', () => {
    for (const cd of ['00', '01', '97', '98', '99']) sameAnswer(`DE${cd}370400440532013000`);
  });

  it('normalises spaces and lower case, and refuses what is not an IBAN', () => {
    expect(checkIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
    expect(checkIban('DE89\u00A03704\u200B0044 0532 0130 00')).toBe('DE89370400440532013000');
    for (const bad of ['', 'DE', 'XX89370400440532013000', 'DE89-3704-0044-0532-0130-00', 'DE8937040044053201300€']) {
      expect(checkIban(bad), bad).toBeUndefined();
      expect(isValidIban(bad), bad).toBe(false);
    }
  });
});

describe('BicChecker', () => {
  it('answers as isValidBic and returns the normalised BIC', () => {
    const c = new BicChecker();
    for (const bic of ['COBADEFFXXX', 'cobadeff', ' DEUT DE FF ', 'COBADEFF1', 'XXXXXXXX', 'COBAXXFF', '']) {
      expect(c.check(bic) !== undefined, bic).toBe(isValidBic(bic));
      expect(c.check(bic), `${bic} (cached)`).toBe(c.check(bic));
    }
    expect(c.check('cobadeff')).toBe('COBADEFF');
  });
});
