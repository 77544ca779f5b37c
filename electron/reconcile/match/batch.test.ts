/** Pass 1b: a batch booking of a block of Kontor's payments settles every entry of the block. */
import { describe, expect, it } from 'vitest';
import { matchLines } from './index';
import type { BankLine, IssuedPayment, OpenEntry } from './types';

let nextLine = 1;
function line(p: Partial<BankLine> & { amountCents: number }): BankLine {
  return {
    id: nextLine++,
    accountIban: 'DE44500105175407324931',
    bookingDate: '2026-11-25',
    currency: 'EUR',
    isReversal: false,
    isChargeback: false,
    alreadyAssignedCents: 0,
    ...p,
  };
}

const supplier = (id: number, number: string, cents: number): OpenEntry => ({
  id,
  number,
  accountId: id,
  accountName: `Lieferant ${id}`,
  accountIbans: [],
  type: 'Credit',
  openAmountCents: -cents,
  currency: 'EUR',
  statementDate: '2026-11-01',
  dueDate: '2026-11-25',
});

const transfer = (id: number, entryId: number, cents: number, block = 'KONTOR-20261124-000006-1'): IssuedPayment => ({
  id,
  endToEndId: `KONTOR-20261124-00000${id}`,
  paymentInfoId: block,
  executionDate: '2026-11-25',
  amountCents: cents,
  status: 'Collected',
  entries: [{ entryId, expectedCents: cents }],
});

const entries = [supplier(1, 'ER-5102', 78_040), supplier(2, 'ER-5103', 31_000), supplier(3, 'ER-9999', 31_000)];
const payments = [transfer(1, 1, 78_040), transfer(2, 2, 31_000)];

describe('matchLines: batch bookings of Kontor’s payment blocks', () => {
  it('settles every entry of the block named by its items’ end-to-end ids (sure), naming each entry’s own payment, not one', () => {
    const l = line({ amountCents: -109_040, batchEndToEndIds: ['KONTOR-20261124-000001', 'KONTOR-20261124-000002'], remittance: 'SEPA-SAMMLER 2 Posten' });
    const [p, ...more] = matchLines([l], entries, payments);
    expect(more).toEqual([]);
    expect(p).toMatchObject({
      lineId: l.id,
      kind: 'consolidated',
      sure: true,
      restCents: 0,
      // Each part names its own payment, so accepting the booking can move every payment of the block.
      allocations: [
        { entryId: 1, amountCents: 78_040, paymentId: 1 },
        { entryId: 2, amountCents: 31_000, paymentId: 2 },
      ],
      reason: { code: 'match.batch', params: { count: 2, id: 'KONTOR-20261124-000006-1' } },
    });
    expect(p!.paymentId).toBeUndefined();
  });

  it('finds the block by its payment information id when the bank lists no items (MT940)', () => {
    const [p] = matchLines([line({ amountCents: -109_040, batchPaymentInfoId: 'KONTOR-20261124-000006-1' })], entries, payments);
    expect(p).toMatchObject({ kind: 'consolidated', sure: true, allocations: [{ entryId: 1 }, { entryId: 2 }] });
  });

  it('proposes a batch whose total differs, not sure; ignores one with an item Kontor did not issue', () => {
    const [short] = matchLines([line({ amountCents: -100_000, batchPaymentInfoId: 'KONTOR-20261124-000006-1' })], entries, payments);
    expect(short).toMatchObject({ kind: 'consolidated', sure: false });
    const foreign = line({ amountCents: -109_040, batchEndToEndIds: ['KONTOR-20261124-000001', 'FREMD-1'] });
    expect(matchLines([foreign], entries, payments).filter((p) => p.reason.code === 'match.batch')).toEqual([]);
  });
});
