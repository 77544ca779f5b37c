/**
 * Shared by the tests of this folder: a demo account, a seeded history and a
 * builder for single bookings with awkward content.
 */
import type { DemoAccount, DemoBooking } from './model';
import { seedHistory } from './history';

export const ACCOUNT: DemoAccount = {
  iban: 'DE89370400440532013000',
  bic: 'COBADEFFXXX',
  currency: 'EUR',
  ownerName: 'Kontor Demo GmbH',
};

export const PERIOD = { from: '2026-03-02', to: '2026-04-30' } as const;

export const HISTORY: readonly DemoBooking[] = seedHistory(ACCOUNT, { seed: 20260302, ...PERIOD });

let counter = 0;

/** A credit transfer received on 2026-03-10, changed by `overrides`. */
export function booking(overrides: Partial<DemoBooking> = {}): DemoBooking {
  counter++;
  return {
    id: `TEST-${counter}`,
    accountIban: ACCOUNT.iban,
    bookingDate: '2026-03-10',
    valueDate: '2026-03-10',
    amountCents: 123_456,
    currency: 'EUR',
    counterpartyName: 'Muster AG',
    counterpartyIban: 'DE44500105175407324931',
    counterpartyBic: 'INGDDEFFXXX',
    remittance: 'RE-2026-0042',
    endToEndId: 'E2E-42',
    bankReference: `26031000${String(counter).padStart(8, '0')}`,
    bankTxCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'ESCT', gvc: '166' },
    ...overrides,
  };
}
