/**
 * Releasing or cancelling an order waiting in the VEU, whoever decides (the
 * last required signature over EBICS, an HVS, or the bank's clerk): the
 * state, the payment blocks to book, and the customer protocol entry.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../../shared/dates';
import { setOrderState, type OrderRow } from '../store/orders';
import { markBlocksReleased } from '../store/payment-blocks';
import { addProtocolEntry } from '../store/protocol-log';

export function decideOrder(db: Database, clock: Clock, o: OrderRow, decision: 'released' | 'rejected', by: string): void {
  const now = clock.now().toISOString();
  setOrderState(db, o.orderId, decision, now);
  // Booked on the execution/collection date, but not before the bank's business date of the release.
  if (decision === 'released') markBlocksReleased(db, o.orderId, clock.today());
  addProtocolEntry(db, {
    subscriberId: o.subscriberId,
    orderId: o.orderId,
    orderType: o.orderType,
    reasonCode: decision === 'released' ? 'DS07' : 'DS04',
    status: decision === 'released' ? 'ACCP' : 'RJCT',
    text: decision === 'released' ? `Order released in the distributed signature (${by}) and processed` : `Order rejected in the distributed signature (${by})`,
    at: now,
  });
}
