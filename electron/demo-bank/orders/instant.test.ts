/**
 * The demo bank and SEPA Instant: an instant order (CIP/CIV, BTF SCI) takes
 * only blocks marked LclInstrm INST, a plain order none; a released instant
 * block is booked on the day of its release, weekends included.
 */
import { describe, expect, it } from 'vitest';
import { buildPaymentFile } from '../../sepa/build';
import { creditTransferInput, OUR_IBAN } from '../../sepa/test-fixtures';
import { bookingDateOf } from './booking';
import { checkPaymentOrder, PaymentFileError, readPaymentFile } from './pain';

function file(instant: boolean) {
  const input = creditTransferInput('pain.001.001.09', { n: 3, seed: 7, blocks: 1 });
  return readPaymentFile(buildPaymentFile({ ...input, blocks: input.blocks.map((b) => ({ ...b, instant, debtor: { ...b.debtor, iban: OUR_IBAN } })) }).xml);
}

const rules = (instant: boolean) => ({ payment: 'credit_transfer' as const, today: '2026-11-23', accounts: [OUR_IBAN], instant });

describe('instant orders at the demo bank', () => {
  it('reads LclInstrm INST as an instant block', () => {
    expect(file(true).blocks.map((b) => b.instant)).toEqual([true]);
    expect(file(false).blocks.map((b) => b.instant)).toEqual([undefined]);
  });

  it('takes an instant file with the instant order type and a plain file with the plain one', () => {
    expect(() => checkPaymentOrder(file(true), rules(true))).not.toThrow();
    expect(() => checkPaymentOrder(file(false), rules(false))).not.toThrow();
  });

  it('refuses a plain file sent as instant and an instant file sent as plain', () => {
    expect(() => checkPaymentOrder(file(false), rules(true))).toThrow(PaymentFileError);
    expect(() => checkPaymentOrder(file(false), rules(true))).toThrow(/must be INST/);
    expect(() => checkPaymentOrder(file(true), rules(false))).toThrow(/instant order type/);
  });

  it('books an instant block on the Saturday it is released, a plain one on the next TARGET2 day', () => {
    const block = { dueDate: '2026-11-28', releasedOn: '2026-11-28' };
    expect(bookingDateOf(block, true)).toBe('2026-11-28');
    expect(bookingDateOf(block)).toBe('2026-11-30');
  });
});
