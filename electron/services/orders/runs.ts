/**
 * The clerk's hold on a payment run: change a draft (take entries out, put
 * eligible ones in), and the summary a person confirms before approving or
 * uploading it.
 */
import type { OrderSummary } from '../../../shared/api/orders';
import { KontorError } from '../../../shared/errors';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getBankAccess } from '../../ledger/repos/bank-access';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import * as repo from '../../ledger/repos/payment-orders';
import { entryIdsOfOrder, otherEntityPayouts } from '../../ledger/repos/payment-runs';
import type { ServiceContext } from '../context';
import { versionedEdit } from '../versioned-edit';
import { buildOrders } from './build';

/**
 * A draft is never edited in place (its file and fingerprint belong to what
 * was built): it is canceled and the changed set of entries built anew, in
 * one transaction, so a failure leaves the old draft as it was.
 */
export function changeDraft(
  ctx: ServiceContext,
  id: number,
  version: number,
  change: { remove: readonly number[]; add: readonly number[] },
): repo.PaymentOrderRow[] {
  // The version is claimed first: a draft someone else changed, approved or canceled meanwhile is refused with their name.
  return versionedEdit(ctx, 'payment_order', id, version, () => {
    const order = repo.getPaymentOrder(ctx.db, id);
    if (order.status !== 'draft')
      throw new KontorError('order.notDraft', 'Only a draft can be changed. Cancel the order and build a new run instead.', { status: order.status });
    const current = entryIdsOfOrder(ctx.db, id);
    const notIn = change.remove.filter((e) => !current.includes(e));
    if (notIn.length) throw new KontorError('order.entryNotInOrder', 'The entry you want to take out is not in this order.', { entries: notIn.join(', ') });
    const wanted = [...current.filter((e) => !change.remove.includes(e)), ...change.add.filter((e) => !current.includes(e))];
    repo.setOrderStatus(ctx.db, id, 'canceled', ctx.now());
    repo.setPaymentsStatus(ctx.db, id, 'Canceled', ctx.now());
    appendAudit(ctx.db, ctx.now(), {
      actor: ctx.actor(),
      action: 'order.changed',
      subjectType: 'payment_order',
      subjectId: id,
      details: { removed: change.remove.join(','), added: change.add.join(',') },
    });
    if (wanted.length === 0) return [];
    const { orders } = buildOrders(ctx, { entryIds: wanted, instant: order.instant === 1 });
    const elsewhere = orders.filter((o) => o.bankAccountId !== order.bankAccountId || o.kind !== order.kind);
    if (elsewhere.length)
      throw new KontorError('order.entryDoesNotFit', 'The entry goes through another bank account or is of another kind; it belongs in another run.');
    return orders;
  });
}

export function summary(ctx: ServiceContext, id: number): OrderSummary {
  const order = repo.getPaymentOrder(ctx.db, id);
  const account = getBankAccount(ctx.db, order.bankAccountId);
  const access = order.bankAccessId === null ? null : getBankAccess(ctx.db, order.bankAccessId);
  return {
    id: order.id,
    status: order.status,
    kind: order.kind,
    instant: order.instant === 1,
    count: order.txCount,
    totalCents: order.controlSumCents,
    currency: account.currency,
    date: order.executionDate,
    bankAccountName: account.name,
    bankAccountIban: account.iban,
    bank: access ? { name: access.name, hostId: access.hostId, url: access.hostUrl } : null,
    builtBy: order.builtBy,
    mayApprove: order.builtBy === null || order.builtBy !== ctx.actor(),
    otherEntityDetails: otherEntityPayouts(ctx.db, id),
  };
}
