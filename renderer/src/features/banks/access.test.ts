import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../../api/client';
import { makeTranslator } from '../../i18n/translator';
import { bankProblem, highestVersion, isInSetup, localDate, lowestDaysLeft, passwordStrength, resumeStep } from './access';

const key = (daysLeft: number | null) => ({ version: 'X002', createdAt: null, expiresAt: null, daysLeft });

describe('bank access rules the screens share', () => {
  it('resume the setup where the access stands', () => {
    expect(resumeStep('new')).toBe('keys');
    expect(resumeStep('keys_created')).toBe('keys');
    expect(resumeStep('ini_sent')).toBe('keys');
    expect(resumeStep('hia_sent')).toBe('letter');
    expect(resumeStep('bank_keys_fetched')).toBe('validate');
    expect(resumeStep('ready')).toBe('done');
    expect(resumeStep('suspended')).toBeNull();
    expect(isInSetup('bank_keys_fetched')).toBe(true);
    expect(isInSetup('expired')).toBe(false);
  });

  it('prefer the newest EBICS version the bank speaks', () => {
    expect(highestVersion(['H004', 'H005'])).toBe('H005');
    expect(highestVersion(['H004'])).toBe('H004');
    expect(highestVersion([])).toBeUndefined();
  });

  it('take the key closest to expiry for the days left', () => {
    expect(lowestDaysLeft({ keys: { signature: key(300), authentication: key(12), encryption: key(200) } })).toBe(12);
    expect(lowestDaysLeft({ keys: { signature: key(null), authentication: key(null), encryption: key(null) } })).toBeNull();
  });

  it('show business dates as they are and instants as the local date', () => {
    expect(localDate('2026-03-01')).toBe('2026-03-01');
    expect(localDate(null)).toBeNull();
    expect(localDate('nonsense')).toBeNull();
    expect(localDate('2026-03-01T12:00:00.000Z')).toMatch(/^2026-03-0[12]$/);
  });

  it('put the bank’s refusals into words: which key did not match, in which state a step was refused', () => {
    const de = makeTranslator('de');
    const mismatch = bankProblem(new ApiCallError({ code: 'bankAccess.hashMismatch', message: 'x', params: { which: 'encryption' } }), de.t);
    expect(de.problem(mismatch)).toContain('Verschlüsselung');
    const wrongState = bankProblem(new ApiCallError({ code: 'bankAccess.wrongState', message: 'x', params: { state: 'hia_sent' } }), de.t);
    expect(de.problem(wrongState)).toContain(de.t('access.state.hia_sent'));
    const en = makeTranslator('en');
    const ebics = bankProblem(new ApiCallError({ code: 'ebics.somethingNew', message: 'The bank said no (EBICS 091234).' }), en.t);
    expect(en.problem(ebics)).toBe('The bank said no (EBICS 091234).');
  });

  it('rate passwords by length and variety', () => {
    expect(passwordStrength('short')).toBe('tooShort');
    expect(passwordStrength('aaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passwordStrength('abcdefghij')).toBe('weak');
    expect(passwordStrength('Treasury2026x')).toBe('fair');
    expect(passwordStrength('correct horse battery staple')).toBe('strong');
  });
});
