import { describe, expect, it } from 'vitest';
import type { PaymentView } from '../../../../shared/reconcile';
import { candidatesFor, mayLinkRefund } from './RefundLinkDialog';

const payment = (p: Partial<PaymentView>): PaymentView => ({
  id: 1,
  kind: 'credit_transfer',
  scheme: null,
  status: 'Issued',
  currency: 'EUR',
  amountCents: 5000,
  openCents: 5000,
  settledCents: 0,
  assignedCents: 0,
  availableCents: 0,
  endToEndId: null,
  counterpartyName: 'Müller',
  executionDate: null,
  settledOn: null,
  finalFrom: null,
  refundOfPaymentId: null,
  orderId: null,
  ...p,
});

describe('the refund action on the Payments screen', () => {
  it('is offered for a built or sent transfer not linked yet, not for collections, refused transfers or linked ones', () => {
    expect(mayLinkRefund(payment({}))).toBe(true);
    expect(mayLinkRefund(payment({ kind: 'direct_debit', amountCents: -5000 }))).toBe(false);
    expect(mayLinkRefund(payment({ status: 'Rejected' }))).toBe(false);
    expect(mayLinkRefund(payment({ refundOfPaymentId: 7 }))).toBe(false);
  });

  it('offers booked collections in the same currency of at least the refund’s amount', () => {
    const refund = payment({ id: 9, amountCents: 3000 });
    const rows = [
      payment({ id: 1, kind: 'direct_debit', amountCents: -5000, status: 'Collected' }),
      payment({ id: 2, kind: 'direct_debit', amountCents: -5000, status: 'Issued' }),
      payment({ id: 3, kind: 'direct_debit', amountCents: -2000, status: 'Final' }),
      payment({ id: 4, kind: 'direct_debit', amountCents: -5000, status: 'Final', currency: 'CHF' }),
      payment({ id: 5, kind: 'direct_debit', amountCents: -3000, status: 'Final' }),
      refund,
    ];
    expect(candidatesFor(refund, rows).map((p) => p.id)).toEqual([1, 5]);
  });
});
