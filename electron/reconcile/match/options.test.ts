import { describe, expect, it } from 'vitest';
import { matchLines } from './index';
import type { BankLine, OpenEntry } from './types';

const OWN = 'DE44500105175407324931';
const SECOND_OWN = 'DE89370400440532013000';
const ACME_IBAN = 'DE02120300000000202051';

const entry: OpenEntry = {
  id: 1,
  number: 'X-1',
  openAmountCents: 12_345,
  accountId: 1,
  accountName: 'ACME Handels GmbH',
  accountIbans: [ACME_IBAN],
  type: 'Debit',
  currency: 'EUR',
  statementDate: '2026-10-01',
  dueDate: '2026-10-31',
};

/** Booked 76 days after the due date: outside the default window (due + 60 days). */
const late = (accountIban = OWN, p: Partial<BankLine> = {}): BankLine => ({
  id: 1,
  accountIban,
  bookingDate: '2027-01-15',
  currency: 'EUR',
  isReversal: false,
  isChargeback: false,
  alreadyAssignedCents: 0,
  amountCents: 12_345,
  counterpartyIban: ACME_IBAN,
  counterpartyName: 'ACME Handels GmbH',
  remittance: 'X-1',
  ...p,
});

describe('matchLines: fields and date window per own account', () => {
  it('matches a late line with a wider window set for its account, not with the default or another account’s', () => {
    const noReference = { remittance: 'Danke' };
    expect(matchLines([late(OWN, noReference)], [entry], [])).toEqual([]);
    const wider = { byAccount: { [OWN]: { daysAfterDue: 90 } } };
    expect(matchLines([late(OWN, noReference)], [entry], [], wider)).toMatchObject([{ kind: 'amountIban', allocations: [{ entryId: 1 }] }]);
    expect(matchLines([late(SECOND_OWN, noReference)], [entry], [], wider)).toEqual([]);
  });

  it('skips the keys an account does not use: without reference and IBAN only the name can match', () => {
    const inWindow = { bookingDate: '2026-11-10' };
    expect(matchLines([late(OWN, inWindow)], [entry], [])).toMatchObject([{ kind: 'reference' }]);
    const nameOnly = { byAccount: { [OWN]: { fields: { reference: false, iban: false, name: true } } } };
    expect(matchLines([late(OWN, inWindow)], [entry], [], nameOnly)).toMatchObject([{ kind: 'amountName' }]);
    const none = { fields: { reference: false, iban: false, name: false } };
    expect(matchLines([late(OWN, inWindow)], [entry], [], none)).toEqual([]);
  });
});
