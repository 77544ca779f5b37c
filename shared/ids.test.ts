import { describe, expect, it } from 'vitest';
import { KontorError } from './errors';
import {
  assertBic,
  assertCreditorId,
  assertIban,
  creditorIdCheckDigits,
  formatIban,
  isSepaText,
  isValidBic,
  isValidCreditorId,
  isValidIban,
  isValidSepaId,
  normalizeBic,
  normalizeIban,
} from './ids';

function thrown(fn: () => unknown): KontorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw e;
  }
  throw new Error('expected a KontorError, nothing was thrown');
}

describe('IBAN', () => {
  it('accepts a valid German IBAN and refuses it with one digit changed', () => {
    expect(isValidIban('DE89370400440532013000')).toBe(true);
    expect(isValidIban('DE89370400440532013001')).toBe(false);
    expect(isValidIban('DE88370400440532013000')).toBe(false);
  });

  it('normalises lowercase and spaces, including no-break ones', () => {
    expect(normalizeIban(' de89 3704\u00A00044 0532\u202F0130 00 ')).toBe('DE89370400440532013000');
    expect(isValidIban('de89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('DE89\u200B370400440532013000')).toBe(true);
  });

  it('accepts IBANs of other countries', () => {
    expect(isValidIban('AT611904300234573201')).toBe(true);
    expect(isValidIban('CH9300762011623852957')).toBe(true);
    expect(isValidIban('GB29 NWBK 6016 1331 9268 19')).toBe(true);
  });

  it('refuses wrong lengths and unknown countries', () => {
    expect(isValidIban('DE8937040044053201300')).toBe(false);
    expect(isValidIban('XX89370400440532013000')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('formats in groups of four', () => {
    expect(formatIban('de89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
    expect(formatIban('AT61 1904 3002 3457 3201')).toBe('AT61 1904 3002 3457 3201');
  });

  it('assertIban returns the normalised IBAN', () => {
    expect(assertIban('de89 3704 0044 0532 0130 00')).toBe('DE89370400440532013000');
  });

  it('assertIban says why an IBAN is invalid', () => {
    const checksum = thrown(() => assertIban('DE89370400440532013001'));
    expect(checksum.code).toBe('iban.invalid');
    expect(checksum.params).toEqual({ iban: 'DE89370400440532013001', reason: 'checksum' });
    expect(checksum.message).toMatch(/check digits/);

    expect(thrown(() => assertIban('DE8937040044053201300')).params['reason']).toBe('length');
    expect(thrown(() => assertIban('XX89370400440532013000')).params['reason']).toBe('country');
    expect(thrown(() => assertIban('   ')).params['reason']).toBe('empty');
  });
});

describe('BIC', () => {
  it('accepts 8 and 11 characters', () => {
    expect(isValidBic('COBADEFF')).toBe(true);
    expect(isValidBic('COBADEFFXXX')).toBe(true);
    expect(isValidBic('cobade ff xxx')).toBe(true);
  });

  it('refuses other lengths, digits in the bank code and unknown countries', () => {
    for (const bic of ['COBADEF', 'COBADEFFX', 'COBADEFFXX', 'COBADEFFXXXX', 'C0BADEFF', 'COBAXXFF', '']) {
      expect(isValidBic(bic), bic).toBe(false);
    }
  });

  it('normalises and asserts', () => {
    expect(normalizeBic(' cobade\u00A0ff ')).toBe('COBADEFF');
    expect(assertBic('cobadeffxxx')).toBe('COBADEFFXXX');
    expect(thrown(() => assertBic('COBADEF')).code).toBe('bic.invalid');
  });
});

describe('creditor identifier', () => {
  it('accepts the Bundesbank example and refuses it with a digit changed', () => {
    expect(isValidCreditorId('DE98ZZZ09999999999')).toBe(true);
    expect(isValidCreditorId('DE98ZZZ09999999998')).toBe(false);
    expect(isValidCreditorId('DE97ZZZ09999999999')).toBe(false);
  });

  it('computes German check digits over the national part only', () => {
    expect(creditorIdCheckDigits('DE', '09999999999')).toBe('98');
    expect(creditorIdCheckDigits('de', '09999999998')).not.toBe('98');
    const check = creditorIdCheckDigits('DE', '01234567890');
    expect(check).toMatch(/^[0-9]{2}$/);
    expect(isValidCreditorId(`DE${check}ZZZ01234567890`)).toBe(true);
  });

  it('pads check digits below 10 with a zero', () => {
    // Search a national id whose check digits are a single digit.
    let national = 0;
    let check = '';
    do {
      national++;
      check = creditorIdCheckDigits('DE', String(national).padStart(11, '0'));
    } while (Number(check) >= 10);
    expect(check).toHaveLength(2);
    expect(isValidCreditorId(`DE${check}ZZZ${String(national).padStart(11, '0')}`)).toBe(true);
  });

  it('ignores the business code when checking', () => {
    expect(isValidCreditorId('DE98ABC09999999999')).toBe(true);
    expect(isValidCreditorId('DE9800109999999999')).toBe(true);
  });

  it('checks identifiers of other countries with letters in the national part', () => {
    const national = 'ABC123XY';
    const check = creditorIdCheckDigits('NL', national);
    expect(isValidCreditorId(`NL${check}ZZZ${national}`)).toBe(true);
    expect(isValidCreditorId(`NL${check}ZZZABC123XZ`)).toBe(false);
  });

  it('requires exactly 18 characters for Germany and 8 to 35 elsewhere', () => {
    const short = '0999999999';
    expect(isValidCreditorId(`DE${creditorIdCheckDigits('DE', short)}ZZZ${short}`)).toBe(false);
    const long = '099999999990';
    expect(isValidCreditorId(`DE${creditorIdCheckDigits('DE', long)}ZZZ${long}`)).toBe(false);

    const n28 = '1'.repeat(28);
    expect(isValidCreditorId(`FR${creditorIdCheckDigits('FR', n28)}ZZZ${n28}`)).toBe(true);
    const n29 = '1'.repeat(29);
    expect(() => creditorIdCheckDigits('FR', n29)).toThrow(KontorError);
    expect(isValidCreditorId(`FR00ZZZ${n29}`)).toBe(false);
    expect(isValidCreditorId(`FR${creditorIdCheckDigits('FR', '1')}ZZZ1`)).toBe(true);
  });

  it('normalises spaces and case', () => {
    expect(isValidCreditorId('de98 zzz0 9999 9999 99')).toBe(true);
    expect(assertCreditorId(' de98zzz09999999999 ')).toBe('DE98ZZZ09999999999');
  });

  it('assertCreditorId throws creditorId.invalid', () => {
    expect(thrown(() => assertCreditorId('DE98ZZZ09999999998')).code).toBe('creditorId.invalid');
    expect(thrown(() => assertCreditorId('')).code).toBe('creditorId.invalid');
  });
});

describe('SEPA identifiers', () => {
  it('accepts 1 to 35 basic characters', () => {
    expect(isValidSepaId('A')).toBe(true);
    expect(isValidSepaId('a'.repeat(35))).toBe(true);
    expect(isValidSepaId("MSG-2026/11-21 (1),'+?:.")).toBe(true);
  });

  it('refuses empty and 36-character ids', () => {
    expect(isValidSepaId('')).toBe(false);
    expect(isValidSepaId('a'.repeat(36))).toBe(false);
  });

  it('refuses characters outside the basic set, also German ones', () => {
    for (const id of ['RÜCKLASTSCHRIFT-1', 'A&B', 'A_B', 'a@b', 'a*b', 'abc\n', 'tab\there', 'é']) {
      expect(isValidSepaId(id), id).toBe(false);
    }
  });

  it('refuses a leading or trailing slash and a double slash', () => {
    expect(isValidSepaId('/abc')).toBe(false);
    expect(isValidSepaId('abc/')).toBe(false);
    expect(isValidSepaId('a//b')).toBe(false);
    expect(isValidSepaId('a/b/c')).toBe(true);
  });

  it('is anchored: a valid prefix does not make a valid id', () => {
    expect(isValidSepaId('valid-part' + '\u00E4')).toBe(false);
    expect(isValidSepaId('x'.repeat(35) + 'y')).toBe(false);
  });
});

describe('isSepaText', () => {
  it('accepts the basic set and the empty text', () => {
    expect(isSepaText("Rechnung 4711/2026, Kd.-Nr. (12) + 'x'?:")).toBe(true);
    expect(isSepaText('')).toBe(true);
  });

  it('accepts umlauts, ß and & * $ % only with the German extension', () => {
    const text = 'Müller & Söhne GmbH, Straße 5%';
    expect(isSepaText(text)).toBe(false);
    expect(isSepaText(text, { german: true })).toBe(true);
    expect(isSepaText('ÄÖÜäöüß&*$%', { german: true })).toBe(true);
  });

  it('refuses characters outside both sets', () => {
    for (const text of ['Café', '5 €', 'a@b.de', 'x_y', 'line\nbreak', '“quoted”']) {
      expect(isSepaText(text, { german: true }), text).toBe(false);
    }
  });

  it('refuses a decomposed umlaut, which a bank would not read as one', () => {
    expect(isSepaText('Mu\u0308ller', { german: true })).toBe(false);
    expect(isSepaText('Mu\u0308ller'.normalize('NFC'), { german: true })).toBe(true);
  });
});
