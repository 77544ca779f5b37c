import type { Entry } from '../../../shared/domain';
import { ordersCarryingEntries } from '../../ledger/repos/payment-runs';
import type { ServiceContext } from '../context';

/** Statuses in which an order's entries are "in payment": the file left Kontor and nothing says it failed. */
const IN_PAYMENT = new Set(['uploading', 'uploaded', 'released', 'exported']);

/** Names, for each open entry, the order on its way that pays or collects it. */
export function withOrders(ctx: ServiceContext, entries: Entry[]): Entry[] {
  const open = entries.filter((e) => e.status === 'Open').map((e) => e.id);
  const orders = ordersCarryingEntries(ctx.db, open);
  return entries.map((e) => {
    const o = orders.get(e.id);
    return { ...e, inPayment: o && IN_PAYMENT.has(o.status) ? { orderId: o.orderId, orderStatus: o.status } : null };
  });
}
