import { describe, expect, it } from 'vitest';
import type { BankAccount, BusinessEntity, Entry, PaymentInstrument } from '../../../shared/domain';
import { checkEligibility, type EligibilityInput, type EligibilityResult, type EligiblePayment } from './index';

// Wednesday before Easter 2026: Good Friday is 04-03, Easter Monday 04-06.
const EASTER_WEEK = '2026-04-01';
// Tuesday before Christmas 2026: 25 December is a Friday, 1 January 2027 a Friday.
const CHRISTMAS_WEEK = '2026-12-22';

const CUSTOMER = 100;
const OTHER_CUSTOMER = 101;
const SUPPLIER = 200;
const OUR_ENTITY = 1;
const SISTER_ENTITY = 2;
const ENTITY_WITHOUT_ACCOUNT = 3;

const stamps = { createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', version: 1 };

function entity(id: number, preferredBankAccountId: number | null): BusinessEntity {
  return {
    id,
    name: `Entity ${id}`,
    creditorId: 'DE98ZZZ09999999999',
    street: null,
    postalCode: null,
    city: null,
    country: 'DE',
    preferredBankAccountId,
    ...stamps,
  };
}

function bankAccount(id: number, entityId: number, currency = 'EUR'): BankAccount {
  return {
    id,
    entityId,
    bankAccessId: null,
    name: `Account ${id}`,
    iban: `DE0000000000000000${id}`,
    bic: null,
    currency,
    entityName: `Entity ${entityId}`,
    ...stamps,
  };
}

function mandate(id: number, overrides: Partial<PaymentInstrument> = {}): PaymentInstrument {
  return {
    id,
    accountId: CUSTOMER,
    entityId: OUR_ENTITY,
    kind: 'sepa_mandate',
    holderName: 'Kunde GmbH',
    iban: 'DE89370400440532013000',
    bic: null,
    mandateId: `M-${id}`,
    mandateSignedOn: '2025-06-01',
    scheme: 'CORE',
    mandateType: 'recurring',
    firstUsedOn: null,
    lastUsedOn: null,
    direction: 'in',
    active: true,
    ...stamps,
    ...overrides,
  };
}

function bankDetails(id: number, overrides: Partial<PaymentInstrument> = {}): PaymentInstrument {
  return {
    ...mandate(id),
    accountId: SUPPLIER,
    kind: 'bank_details',
    holderName: 'Lieferant AG',
    mandateId: null,
    mandateSignedOn: null,
    scheme: null,
    mandateType: null,
    direction: 'out',
    ...overrides,
  };
}

let nextEntryId = 1;

function entry(overrides: Partial<Entry>): Entry {
  return {
    id: nextEntryId++,
    entityId: OUR_ENTITY,
    accountId: CUSTOMER,
    accountName: 'Kunde GmbH',
    accountNumber: 'K-1',
    type: 'Debit',
    number: 'INV-1',
    statementDate: '2026-03-01',
    dueDate: '2026-04-08',
    currency: 'EUR',
    amountCents: 12_345,
    openAmountCents: 12_345,
    paymentReference: null,
    requestedMethod: 'sepa',
    requestedInstrumentId: null,
    requestedBankAccountId: null,
    creditApproval: null,
    approvedBy: null,
    preparedBy: null,
    status: 'Open',
    ...stamps,
    ...overrides,
  };
}

const receivable = (overrides: Partial<Entry> = {}) => entry(overrides);
const payable = (overrides: Partial<Entry> = {}) =>
  entry({ type: 'Credit', accountId: SUPPLIER, accountName: 'Lieferant AG', amountCents: -50_000, openAmountCents: -50_000, ...overrides });

function run(entries: Entry[], overrides: Partial<EligibilityInput> = {}): EligibilityResult {
  return checkEligibility({
    today: EASTER_WEEK,
    entries,
    instruments: [mandate(1), bankDetails(2), mandate(3, { accountId: OTHER_CUSTOMER })],
    bankAccounts: [bankAccount(10, OUR_ENTITY), bankAccount(11, OUR_ENTITY), bankAccount(12, OUR_ENTITY, 'CHF'), bankAccount(20, SISTER_ENTITY)],
    entities: [entity(OUR_ENTITY, 10), entity(SISTER_ENTITY, 20), entity(ENTITY_WITHOUT_ACCOUNT, null)],
    ...overrides,
  });
}

/** The one entry's payment; fails with its reasons if it was not eligible. */
function paymentOf(e: Entry, overrides: Partial<EligibilityInput> = {}): EligiblePayment {
  const result = run([e], overrides);
  expect(result.notEligible).toEqual([]);
  expect(result.eligible).toHaveLength(1);
  return result.eligible[0] as EligiblePayment;
}

function reasonsOf(e: Entry, overrides: Partial<EligibilityInput> = {}): string[] {
  const result = run([e], overrides);
  expect(result.eligible).toEqual([]);
  expect(result.notEligible).toHaveLength(1);
  expect(result.notEligible[0]?.entryId).toBe(e.id);
  return result.notEligible[0]?.reasons ?? [];
}

describe('a receivable that meets every rule', () => {
  it('becomes a direct debit on its due date with the customer mandate and the preferred account', () => {
    const e = receivable({ dueDate: '2026-04-08' });
    expect(paymentOf(e)).toEqual({
      entryId: e.id,
      kind: 'direct_debit',
      amountCents: 12_345,
      instrumentId: 1,
      bankAccountId: 10,
      requestedDate: '2026-04-08',
      dateMoved: false,
      scheme: 'CORE',
    });
  });

  it('uses the requested mandate and bank account over the defaults', () => {
    const instruments = [mandate(1), mandate(5, { mandateId: 'M-OTHER' })];
    const p = paymentOf(receivable({ requestedInstrumentId: 5, requestedBankAccountId: 11 }), { instruments });
    expect(p.instrumentId).toBe(5);
    expect(p.bankAccountId).toBe(11);
  });

  it('carries the B2B scheme of the mandate through', () => {
    const p = paymentOf(receivable(), { instruments: [mandate(1, { scheme: 'B2B' })] });
    expect(p.scheme).toBe('B2B');
  });

  it('accepts a mandate that allows both directions and one signed today', () => {
    const p = paymentOf(receivable(), { instruments: [mandate(1, { direction: 'both', mandateSignedOn: EASTER_WEEK })] });
    expect(p.instrumentId).toBe(1);
  });
});

describe('a payable that meets every rule', () => {
  it('becomes a credit transfer of the positive amount to the supplier bank details, without scheme', () => {
    const e = payable({ dueDate: '2026-04-10' });
    const p = paymentOf(e);
    expect(p).toEqual({
      entryId: e.id,
      kind: 'credit_transfer',
      amountCents: 50_000,
      instrumentId: 2,
      bankAccountId: 10,
      requestedDate: '2026-04-10',
      dateMoved: false,
    });
    expect('scheme' in p).toBe(false);
  });

  it('pays the open amount, not the invoice amount, of a partly settled payable', () => {
    expect(paymentOf(payable({ amountCents: -50_000, openAmountCents: -20_001 })).amountCents).toBe(20_001);
  });
});

describe('due date window', () => {
  it('includes a due date exactly today + 14 days', () => {
    expect(paymentOf(receivable({ dueDate: '2026-04-15' })).requestedDate).toBe('2026-04-15');
    expect(paymentOf(payable({ dueDate: '2026-04-15' })).requestedDate).toBe('2026-04-15');
  });

  it('refuses a due date today + 15 days as too late', () => {
    expect(reasonsOf(receivable({ dueDate: '2026-04-16' }))).toEqual(['dueTooLate']);
    expect(reasonsOf(payable({ dueDate: '2026-04-16' }))).toEqual(['dueTooLate']);
  });

  it('follows a different horizon when one is given', () => {
    expect(reasonsOf(receivable({ dueDate: '2026-04-09' }), { horizonDays: 7 })).toEqual(['dueTooLate']);
    expect(paymentOf(receivable({ dueDate: '2026-04-08' }), { horizonDays: 7 }).requestedDate).toBe('2026-04-08');
  });

  it('refuses an entry without due date', () => {
    expect(reasonsOf(receivable({ dueDate: null }))).toEqual(['noDueDate']);
    expect(reasonsOf(payable({ dueDate: null }))).toEqual(['noDueDate']);
  });

  it('refuses a horizon that is not a whole number of days', () => {
    expect(() => run([], { horizonDays: -1 })).toThrow(RangeError);
    expect(() => run([], { horizonDays: 1.5 })).toThrow(RangeError);
  });
});

describe('moving dates', () => {
  it('moves a due date of yesterday to tomorrow for both kinds', () => {
    for (const e of [receivable({ dueDate: '2026-03-31' }), payable({ dueDate: '2026-03-31' })]) {
      const p = paymentOf(e);
      expect(p.requestedDate).toBe('2026-04-02');
      expect(p.dateMoved).toBe(true);
    }
  });

  it('moves a past due date over Good Friday, the Easter weekend and Easter Monday', () => {
    // Today Thursday 04-02: tomorrow is Good Friday, the next TARGET2 day Tuesday 04-07.
    for (const e of [receivable({ dueDate: '2026-03-20' }), payable({ dueDate: '2026-03-20' })]) {
      const p = paymentOf(e, { today: '2026-04-02' });
      expect(p.requestedDate).toBe('2026-04-07');
      expect(p.dateMoved).toBe(true);
    }
  });

  it.each([
    ['Good Friday', '2026-04-03'],
    ['Saturday', '2026-04-04'],
    ['Easter Sunday', '2026-04-05'],
    ['Easter Monday', '2026-04-06'],
  ])('moves a collection date on %s forward to Tuesday after Easter', (_name, dueDate) => {
    const p = paymentOf(receivable({ dueDate }));
    expect(p.requestedDate).toBe('2026-04-07');
    expect(p.dateMoved).toBe(true);
  });

  it('moves a collection date on 1 May (a Friday in 2026) to Monday 4 May', () => {
    const p = paymentOf(receivable({ dueDate: '2026-05-01' }), { today: '2026-04-24' });
    expect(p).toMatchObject({ requestedDate: '2026-05-04', dateMoved: true });
  });

  it.each([
    ['25 December', '2026-12-25', '2026-12-28'],
    ['26 December (Saturday)', '2026-12-26', '2026-12-28'],
    ['Sunday 27 December', '2026-12-27', '2026-12-28'],
    ['1 January', '2027-01-01', '2027-01-04'],
  ])('moves a collection date on %s forward', (_name, dueDate, expected) => {
    const p = paymentOf(receivable({ dueDate }), { today: CHRISTMAS_WEEK });
    expect(p).toMatchObject({ requestedDate: expected, dateMoved: true });
  });

  it('keeps a collection date on a TARGET2 day between the holidays', () => {
    expect(paymentOf(receivable({ dueDate: '2026-12-24' }), { today: CHRISTMAS_WEEK })).toMatchObject({
      requestedDate: '2026-12-24',
      dateMoved: false,
    });
  });

  it('collects a receivable due today on the next TARGET2 day, never today', () => {
    expect(paymentOf(receivable({ dueDate: EASTER_WEEK }))).toMatchObject({ requestedDate: '2026-04-02', dateMoved: true });
    expect(paymentOf(receivable({ dueDate: '2026-04-02' }), { today: '2026-04-02' })).toMatchObject({
      requestedDate: '2026-04-07',
      dateMoved: true,
    });
  });

  it('executes a transfer due today today', () => {
    expect(paymentOf(payable({ dueDate: EASTER_WEEK }))).toMatchObject({ requestedDate: EASTER_WEEK, dateMoved: false });
  });

  it('keeps a transfer due on a weekend or holiday in the future as it is', () => {
    expect(paymentOf(payable({ dueDate: '2026-04-04' }))).toMatchObject({ requestedDate: '2026-04-04', dateMoved: false });
    expect(paymentOf(payable({ dueDate: '2026-12-25' }), { today: CHRISTMAS_WEEK })).toMatchObject({
      requestedDate: '2026-12-25',
      dateMoved: false,
    });
  });

  it('decides the 14-day window on the due date, even if the collection date moves beyond it', () => {
    // From Friday 2026-12-18, today + 14 is Friday 2027-01-01, a TARGET2 holiday.
    const p = paymentOf(receivable({ dueDate: '2027-01-01' }), { today: '2026-12-18' });
    expect(p).toMatchObject({ requestedDate: '2027-01-04', dateMoved: true });
  });
});

describe('mandates of receivables', () => {
  it('refuses an inactive requested mandate', () => {
    expect(reasonsOf(receivable({ requestedInstrumentId: 1 }), { instruments: [mandate(1, { active: false })] })).toEqual(['mandateInactive']);
  });

  it('refuses when the only mandate of the customer is inactive', () => {
    expect(reasonsOf(receivable(), { instruments: [mandate(1, { active: false })] })).toEqual(['mandateInactive']);
  });

  it('refuses a mandate signed in the future', () => {
    expect(reasonsOf(receivable(), { instruments: [mandate(1, { mandateSignedOn: '2026-04-02' })] })).toEqual(['mandateSignedInFuture']);
    expect(reasonsOf(receivable({ requestedInstrumentId: 1 }), { instruments: [mandate(1, { mandateSignedOn: '2026-04-02' })] })).toEqual([
      'mandateSignedInFuture',
    ]);
  });

  it('refuses a mandate given to another business entity', () => {
    const instruments = [mandate(1, { entityId: SISTER_ENTITY })];
    expect(reasonsOf(receivable({ requestedInstrumentId: 1 }), { instruments })).toEqual(['mandateEntityMismatch']);
    expect(reasonsOf(receivable(), { instruments })).toEqual(['mandateEntityMismatch']);
  });

  it('refuses an out-only instrument for a receivable as the wrong direction', () => {
    const instruments = [mandate(1, { direction: 'out' })];
    expect(reasonsOf(receivable({ requestedInstrumentId: 1 }), { instruments })).toEqual(['mandateWrongDirection']);
    expect(reasonsOf(receivable(), { instruments })).toEqual(['mandateWrongDirection']);
  });

  it('refuses a requested instrument of another customer', () => {
    expect(reasonsOf(receivable({ requestedInstrumentId: 3 }))).toEqual(['mandateOfOtherAccount']);
  });

  it('refuses a requested instrument that is not among the instruments of the entry account', () => {
    expect(reasonsOf(receivable({ requestedInstrumentId: 999 }))).toEqual(['mandateOfOtherAccount']);
  });

  it('refuses a customer without mandate, and bank details are no mandate', () => {
    expect(reasonsOf(receivable(), { instruments: [] })).toEqual(['noMandate']);
    const details = bankDetails(7, { accountId: CUSTOMER, direction: 'both' });
    expect(reasonsOf(receivable(), { instruments: [details] })).toEqual(['noMandate']);
    expect(reasonsOf(receivable({ requestedInstrumentId: 7 }), { instruments: [details] })).toEqual(['noMandate']);
  });

  it('refuses a mandate without signature date or scheme as no usable mandate', () => {
    expect(reasonsOf(receivable(), { instruments: [mandate(1, { mandateSignedOn: null })] })).toEqual(['noMandate']);
    expect(reasonsOf(receivable(), { instruments: [mandate(1, { scheme: null })] })).toEqual(['noMandate']);
  });

  it('lists every problem of the requested mandate at once', () => {
    const instruments = [mandate(1, { active: false, direction: 'out', entityId: SISTER_ENTITY, mandateSignedOn: '2027-01-01' })];
    expect(reasonsOf(receivable({ requestedInstrumentId: 1 }), { instruments })).toEqual([
      'mandateInactive',
      'mandateWrongDirection',
      'mandateEntityMismatch',
      'mandateSignedInFuture',
    ]);
  });

  it('chooses the usable mandate with the lowest id when none is requested, whatever the input order', () => {
    const instruments = [
      mandate(9),
      mandate(2, { active: false }),
      mandate(6),
      mandate(3, { direction: 'out' }),
      mandate(1, { accountId: OTHER_CUSTOMER }),
      mandate(4, { mandateSignedOn: '2026-05-01' }),
      mandate(5, { entityId: SISTER_ENTITY }),
    ];
    expect(paymentOf(receivable(), { instruments }).instrumentId).toBe(6);
    expect(paymentOf(receivable(), { instruments: [...instruments].reverse() }).instrumentId).toBe(6);
  });

  it('takes the mandate given to the entry entity when the customer gave one to each of our entities', () => {
    const instruments = [mandate(1, { entityId: SISTER_ENTITY }), mandate(2)];
    expect(paymentOf(receivable(), { instruments }).instrumentId).toBe(2);
    expect(paymentOf(receivable({ entityId: SISTER_ENTITY }), { instruments })).toMatchObject({ instrumentId: 1, bankAccountId: 20 });
  });

  it('reports the problems of the mandate closest to usable when none can collect', () => {
    const instruments = [mandate(1, { active: false, direction: 'out' }), mandate(2, { mandateSignedOn: '2026-06-01' })];
    expect(reasonsOf(receivable(), { instruments })).toEqual(['mandateSignedInFuture']);
  });
});

describe('payout details of payables', () => {
  it('refuses a supplier without bank details', () => {
    expect(reasonsOf(payable(), { instruments: [] })).toEqual(['noPayoutDetails']);
  });

  it('refuses inactive bank details', () => {
    const instruments = [bankDetails(2, { active: false })];
    expect(reasonsOf(payable(), { instruments })).toEqual(['payoutDetailsInactive']);
    expect(reasonsOf(payable({ requestedInstrumentId: 2 }), { instruments })).toEqual(['payoutDetailsInactive']);
  });

  it('refuses instruments that only allow incoming money', () => {
    expect(reasonsOf(payable(), { instruments: [bankDetails(2, { direction: 'in' })] })).toEqual(['payoutWrongDirection']);
    expect(reasonsOf(payable({ accountId: CUSTOMER, requestedInstrumentId: 1 }))).toEqual(['payoutWrongDirection']);
  });

  it('refuses requested bank details of another account', () => {
    expect(reasonsOf(payable({ requestedInstrumentId: 1 }))).toEqual(['mandateOfOtherAccount']);
  });

  it('pays a refund to a customer through a mandate that allows both directions', () => {
    const instruments = [mandate(1, { direction: 'both' })];
    expect(paymentOf(payable({ accountId: CUSTOMER }), { instruments }).instrumentId).toBe(1);
  });

  it('chooses the lowest-id usable bank details, those of the entry entity first', () => {
    const instruments = [bankDetails(8), bankDetails(4, { active: false }), bankDetails(6), bankDetails(5, { entityId: SISTER_ENTITY })];
    expect(paymentOf(payable(), { instruments }).instrumentId).toBe(6);
    expect(paymentOf(payable({ entityId: SISTER_ENTITY }), { instruments }).instrumentId).toBe(5);
    // Bank details recorded by another entity still pay when the entry's entity has none.
    expect(paymentOf(payable({ entityId: SISTER_ENTITY }), { instruments: [bankDetails(6)] }).instrumentId).toBe(6);
  });
});

describe('our bank account', () => {
  it('refuses when none is requested and the entity has no preferred account', () => {
    expect(reasonsOf(receivable({ entityId: ENTITY_WITHOUT_ACCOUNT }), { instruments: [mandate(1, { entityId: ENTITY_WITHOUT_ACCOUNT })] })).toEqual([
      'noBankAccount',
    ]);
    expect(reasonsOf(payable({ entityId: ENTITY_WITHOUT_ACCOUNT }))).toEqual(['noBankAccount']);
  });

  it('refuses when the entity is unknown or its preferred account is missing', () => {
    expect(reasonsOf(payable(), { entities: [] })).toEqual(['noBankAccount']);
    expect(reasonsOf(payable(), { bankAccounts: [bankAccount(11, OUR_ENTITY)] })).toEqual(['noBankAccount']);
  });

  it('refuses a requested account of another business entity', () => {
    expect(reasonsOf(receivable({ requestedBankAccountId: 20 }))).toEqual(['bankAccountEntityMismatch']);
    expect(reasonsOf(payable({ requestedBankAccountId: 20 }))).toEqual(['bankAccountEntityMismatch']);
  });

  it('refuses an account that is not in euro', () => {
    expect(reasonsOf(payable({ requestedBankAccountId: 12 }))).toEqual(['currencyNotEur']);
  });
});

describe('approval of payables', () => {
  it.each([null, 'approved'] as const)('pays a payable whose approval is %s', (creditApproval) => {
    expect(paymentOf(payable({ creditApproval })).kind).toBe('credit_transfer');
  });

  it.each([
    ['pending', 'approvalPending'],
    ['held', 'approvalHeld'],
    ['rejected', 'approvalRejected'],
  ] as const)('does not pay a payable whose approval is %s', (creditApproval, reason) => {
    expect(reasonsOf(payable({ creditApproval }))).toEqual([reason]);
  });

  it('collects a receivable whatever its approval field says', () => {
    expect(paymentOf(receivable({ creditApproval: 'pending' })).kind).toBe('direct_debit');
  });
});

describe('the entry itself', () => {
  it('refuses a receivable with a negative and a payable with a positive open amount', () => {
    expect(reasonsOf(receivable({ amountCents: -100, openAmountCents: -100 }))).toEqual(['wrongSign']);
    expect(reasonsOf(payable({ amountCents: 100, openAmountCents: 100 }))).toEqual(['wrongSign']);
  });

  it('refuses an entry whose requested method is not SEPA or not set', () => {
    expect(reasonsOf(receivable({ requestedMethod: 'other' }))).toEqual(['methodNotSepa']);
    expect(reasonsOf(payable({ requestedMethod: null }))).toEqual(['methodNotSepa']);
  });

  it('refuses an entry in another currency', () => {
    expect(reasonsOf(payable({ currency: 'USD' }))).toEqual(['currencyNotEur']);
  });

  it('reports a balanced or fully settled entry as not open, and nothing else', () => {
    expect(reasonsOf(receivable({ status: 'Balanced', openAmountCents: 0, requestedMethod: null, dueDate: null }))).toEqual(['notOpen']);
    expect(reasonsOf(payable({ openAmountCents: 0 }))).toEqual(['notOpen']);
  });

  it('lists all reasons of an entry at once, in a fixed order', () => {
    const e = payable({
      requestedMethod: 'other',
      currency: 'CHF',
      dueDate: '2026-05-01',
      creditApproval: 'held',
      requestedInstrumentId: 3,
      requestedBankAccountId: 20,
    });
    expect(reasonsOf(e)).toEqual(['methodNotSepa', 'dueTooLate', 'mandateOfOtherAccount', 'bankAccountEntityMismatch', 'approvalHeld', 'currencyNotEur']);
  });

  it('lists sign, mandate, account and date problems of a receivable together', () => {
    const e = receivable({ entityId: ENTITY_WITHOUT_ACCOUNT, openAmountCents: -1, dueDate: null });
    expect(reasonsOf(e, { instruments: [mandate(1, { active: false })] })).toEqual([
      'wrongSign',
      'noDueDate',
      'mandateInactive',
      'mandateEntityMismatch',
      'noBankAccount',
    ]);
  });
});

describe('a run over several entries', () => {
  it('returns every entry exactly once, each list in input order', () => {
    const entries = [
      receivable({ dueDate: '2026-04-08' }),
      payable({ creditApproval: 'pending' }),
      payable({ dueDate: '2026-04-09' }),
      receivable({ requestedMethod: 'other' }),
      receivable({ dueDate: '2026-03-01', requestedBankAccountId: 11 }),
    ];
    const ids = entries.map((e) => e.id);
    const result = run(entries);
    expect(result.eligible.map((p) => p.entryId)).toEqual([ids[0], ids[2], ids[4]]);
    expect(result.notEligible.map((n) => n.entryId)).toEqual([ids[1], ids[3]]);
    expect(result.eligible.map((p) => [p.kind, p.bankAccountId, p.requestedDate])).toEqual([
      ['direct_debit', 10, '2026-04-08'],
      ['credit_transfer', 10, '2026-04-09'],
      ['direct_debit', 11, '2026-04-02'],
    ]);
  });

  it('returns empty lists for no entries', () => {
    expect(run([])).toEqual({ eligible: [], notEligible: [] });
  });
});
