import { describe, expect, it } from 'vitest';
import { STATEMENT_WARNINGS } from '../../../../shared/statements';
import { makeTranslator } from '../../i18n/translator';
import { countText, ibanText, periodText, warningText } from './labels';
import { flatten } from './LineDetail';

describe('statement labels', () => {
  const en = makeTranslator('en');
  const de = makeTranslator('de');

  it('group IBANs in fours and leave other account ids alone', () => {
    expect(ibanText('DE02120300000000202051')).toBe('DE02 1203 0000 0000 2020 51');
    expect(ibanText('0532013000')).toBe('0532013000');
  });

  it('group counts as the language does', () => {
    expect(countText(100_000, 'en')).toBe('100,000');
    expect(countText(100_000, 'de')).toBe('100.000');
  });

  it('say a period as one day or a range', () => {
    expect(periodText(de.date, { periodFrom: '2026-03-02', periodTo: '2026-03-02' })).toBe('02.03.2026');
    expect(periodText(en.date, { periodFrom: '2026-03-01', periodTo: '2026-03-31' })).toBe('2026-03-01 – 2026-03-31');
  });

  it('translate parser warnings, and show a new one as its code', () => {
    expect(warningText(de.t, 'statement.balanceMismatch')).toContain('Schlusssaldo');
    expect(warningText(en.t, 'statement.somethingNew')).toBe('statement.somethingNew');
  });

  it('translate every warning a parser can leave, in both languages', () => {
    for (const code of STATEMENT_WARNINGS) {
      expect(warningText(en.t, code), code).not.toBe(code);
      expect(warningText(de.t, code), code).not.toBe(warningText(en.t, code));
    }
  });

  it('translate every import error code in both languages', () => {
    for (const code of [
      'notAStatement',
      'malformed',
      'truncated',
      'mt940Fragment',
      'tooLarge',
      'entitiesRefused',
      'unsupportedMessage',
      'encoding',
      'noStatement',
      'duplicateFile',
    ]) {
      for (const tr of [en, de]) expect(tr.problem({ code: `statement.${code}` })).not.toBe(tr.t('code.unknown'));
    }
  });
});

describe('flatten', () => {
  it('names nested fields with dots and drops empty ones', () => {
    expect(flatten({ amountCents: 1250, counterparty: { name: 'Holzwurm', iban: null }, remittance: '', tags: ['a', 'b'], batch: false })).toEqual([
      ['amountCents', 1250],
      ['counterparty.name', 'Holzwurm'],
      ['tags', 'a, b'],
      ['batch', false],
    ]);
  });
});
