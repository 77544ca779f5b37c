import { describe, expect, it } from 'vitest';
import { BankAccountInput } from '../../../shared/domain';
import { amountFrom, check, checkIban, dateFrom, requiredId, type Found } from './validate';

describe('turning typed text into API input', () => {
  it('reads amounts in German and English notation as cents', () => {
    const found: Found = {};
    expect(amountFrom('1.234,56', 'a', found)).toBe(123456);
    expect(amountFrom('1,234.56', 'a', found)).toBe(123456);
    expect(amountFrom('12', 'a', found)).toBe(1200);
    expect(found).toEqual({});
  });

  it('names what is wrong with an amount', () => {
    const found: Found = {};
    amountFrom('', 'empty', found);
    amountFrom('12,3456', 'decimals', found);
    amountFrom('abc', 'text', found);
    expect(found.empty?.code).toBe('amount.required');
    expect(found.decimals?.code).toBe('amount.tooManyDecimals');
    expect(found.text?.code).toBe('amount.invalid');
  });

  it('reads dates typed the German or the ISO way, and refuses impossible ones', () => {
    const found: Found = {};
    expect(dateFrom('21.11.2026', 'd', found)).toBe('2026-11-21');
    expect(dateFrom('2026-11-21', 'd', found)).toBe('2026-11-21');
    expect(dateFrom('', 'optional', found)).toBeNull();
    expect(found).toEqual({});
    dateFrom('30.02.2026', 'bad', found);
    dateFrom('', 'required', found, 'date.required');
    expect(found.bad?.code).toBe('date.invalid');
    expect(found.required?.code).toBe('date.required');
  });

  it('says why an IBAN is wrong', () => {
    const found: Found = {};
    expect(checkIban('de89 3704 0044 0532 0130 00', 'iban', found)).toBe('DE89370400440532013000');
    checkIban('DE89 3704 0044 0532 0130 01', 'iban', found);
    expect(found.iban).toMatchObject({ code: 'iban.invalid', params: { reason: 'checksum' } });
  });

  it('puts schema problems on their fields and lets conversion problems win', () => {
    const found: Found = {};
    const result = check(BankAccountInput, { entityId: requiredId('', 'entityId', found), name: ' ', iban: checkIban('', 'iban', found), bic: 'nope' }, found);
    expect(result.input).toBeNull();
    expect(result.problems.entityId?.code).toBe('select.required');
    expect(result.problems.name?.code).toBe('text.required');
    expect(result.problems.iban?.code).toBe('iban.required');
    expect(result.problems.bic?.code).toBe('bic.invalid');
  });

  it('passes valid input through unchanged', () => {
    const candidate = { entityId: 1, name: 'Main', iban: 'DE89370400440532013000', bic: '', currency: 'EUR' };
    expect(check(BankAccountInput, candidate).input).toEqual(candidate);
  });
});
