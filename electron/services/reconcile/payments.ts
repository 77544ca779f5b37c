/**
 * Payments as the payments screen and the API show them: status and the
 * four amounts (Open, Settled, Assigned, Available = Settled − Assigned),
 * with settled payments past their return window turned Final first; and
 * linking a refund transfer to the payment it gives back.
 */
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import type { PaymentFilter, PaymentView } from '../../../shared/reconcile';
import { appendAudit } from '../../ledger/repos/audit-log';
import { accountsOfPayment, listPaymentRows, markRefundedByBookedRefunds, paymentRow, setRefundOf, type PaymentRow } from '../../ledger/repos/payments';
import type { ServiceContext } from '../context';
import { finalFrom, finalizeSettledPayments } from '../statements/payment-lifecycle';

function view(r: PaymentRow): PaymentView {
  return { ...r, status: r.status as PaymentView['status'], availableCents: r.settledCents - r.assignedCents, finalFrom: finalFrom(r) };
}

/** Turns settled payments past their return window Final (and booked refunds' originals Refunded) as of today. */
export function refreshPaymentStatuses(ctx: ServiceContext): number {
  const at = ctx.now();
  return ctx.db.transaction(() => finalizeSettledPayments(ctx.db, ctx.today(), at))();
}

export function listPayments(ctx: ServiceContext, f: z.output<typeof PaymentFilter>): { rows: PaymentView[]; total: number } {
  refreshPaymentStatuses(ctx);
  const { rows, total } = listPaymentRows(ctx.db, f);
  return { rows: rows.map(view), total };
}

function checkRefund(ctx: ServiceContext, refund: PaymentRow, original: PaymentRow): void {
  if (refund.id === original.id) throw new KontorError('refund.self', 'A payment cannot refund itself.');
  if (refund.kind !== 'credit_transfer' || refund.amountCents <= 0 || ['Canceled', 'Rejected'].includes(refund.status)) {
    throw new KontorError('refund.notATransfer', 'A refund is a transfer to the customer that is built or sent.', { id: refund.id });
  }
  if (original.amountCents >= 0 || !['Collected', 'Final'].includes(original.status)) {
    throw new KontorError('refund.notCollected', 'Only money received from the customer and booked can be refunded.', { id: original.id });
  }
  if (refund.currency !== original.currency || refund.amountCents > -original.amountCents) {
    throw new KontorError('refund.tooMuch', 'The refund is more than the payment it gives back.', { id: refund.id });
  }
  if (refund.refundOfPaymentId !== null && refund.refundOfPaymentId !== original.id) {
    throw new KontorError('refund.linkedElsewhere', 'This transfer already refunds another payment.', { id: refund.id });
  }
  const customers = new Set(accountsOfPayment(ctx.db, original.id));
  if (!accountsOfPayment(ctx.db, refund.id).some((a) => customers.has(a))) {
    throw new KontorError('refund.otherCustomer', 'The refund goes to another customer than the one who paid.', { id: refund.id });
  }
}

export function linkRefund(ctx: ServiceContext, refundId: number, originalId: number): PaymentView {
  const at = ctx.now();
  ctx.db.transaction(() => {
    const refund = paymentRow(ctx.db, refundId);
    const original = paymentRow(ctx.db, originalId);
    checkRefund(ctx, refund, original);
    setRefundOf(ctx.db, refundId, originalId, at);
    // A refund booked already takes effect now.
    markRefundedByBookedRefunds(ctx.db, at);
    appendAudit(ctx.db, at, { actor: ctx.actor(), action: 'payment.refundLinked', subjectType: 'payment', subjectId: originalId, details: { refundId } });
  })();
  return view(paymentRow(ctx.db, refundId));
}
