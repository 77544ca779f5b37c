import { describe, expect, it } from 'vitest';
import { NOT_ELIGIBLE_REASONS, describeReason } from './index';

describe('describeReason', () => {
  it('says in both languages that the customer has no active mandate', () => {
    expect(describeReason('noMandate', 'en')).toBe('No active SEPA mandate for this customer.');
    expect(describeReason('noMandate', 'de')).toBe('Kein aktives SEPA-Mandat für diesen Kunden.');
  });

  it('gives every reason its own sentence in English and a different one in German', () => {
    for (const locale of ['en', 'de'] as const) {
      const texts = NOT_ELIGIBLE_REASONS.map((r) => describeReason(r, locale));
      expect(new Set(texts).size).toBe(NOT_ELIGIBLE_REASONS.length);
      for (const text of texts) expect(text).toMatch(/^[A-ZÄÖÜ].{10,}\.$/);
    }
    for (const reason of NOT_ELIGIBLE_REASONS) expect(describeReason(reason, 'de')).not.toBe(describeReason(reason, 'en'));
  });

  it('names the horizon the check ran with', () => {
    expect(describeReason('dueTooLate', 'en')).toContain('14 days');
    expect(describeReason('dueTooLate', 'de', { horizonDays: 7 })).toContain('7 Tage');
  });
});
