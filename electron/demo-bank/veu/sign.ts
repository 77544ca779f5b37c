/**
 * A signer's decision on an order waiting in the VEU, over EBICS (HVE/HVS)
 * or at the bank's counter. The checks, in this order: the order exists for
 * the signer's partner (091114), the signer has not signed it yet (091306,
 * also after the order was released by that very signature: a signature sent
 * again is harmless), the order still waits (091115), the signer's class
 * may sign (091007).
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../../shared/dates';
import { Refusal } from '../protocol/codes';
import { getOrder, type OrderRow } from '../store/orders';
import type { SubscriberRow } from '../store/subscribers';
import { getSubscriber } from '../store/subscribers';
import { addSignature, signatureClassOf, signaturesOf } from '../store/veu-signatures';
import { decideOrder } from './decide';
import { canContribute, isReleased } from './rules';

/** The order `orderId` as the signer's partner may see it in the VEU, or 091114. */
export function orderOfPartner(db: Database, orderId: string, partnerId: string): OrderRow {
  const o = getOrder(db, orderId);
  const owner = o ? getSubscriber(db, o.subscriberId) : undefined;
  if (!o || !owner || owner.partnerId !== partnerId) throw new Refusal('091114', orderId);
  return o;
}

export type SignOutcome = 'released' | 'waiting' | 'cancelled';

export function signOrder(db: Database, clock: Clock, o: OrderRow, signer: SubscriberRow, action: 'sign' | 'cancel', via: 'HVE' | 'bank'): SignOutcome {
  const done = signaturesOf(db, o.orderId);
  if (action === 'sign' && done.some((d) => d.subscriberId === signer.id)) throw new Refusal('091306', `${signer.userId} signed ${o.orderId} already`);
  if (o.state !== 'awaiting_signature') throw new Refusal('091115', `${o.orderId} is ${o.state}`);
  const c = signatureClassOf(db, signer.id);
  if (c === 'T') throw new Refusal('091007', `${signer.userId} signs with class T`);
  const by = `${signer.partnerId}/${signer.userId} class ${c}`;
  if (action === 'cancel') {
    decideOrder(db, clock, o, 'rejected', by);
    return 'cancelled';
  }
  const classes = done.map((d) => d.signatureClass);
  if (!canContribute(c, classes)) throw new Refusal('091007', `a further class ${c} signature cannot release ${o.orderId}`);
  addSignature(db, { orderId: o.orderId, subscriberId: signer.id, signatureClass: c, via }, clock.now().toISOString());
  if (!isReleased([...classes, c])) return 'waiting';
  decideOrder(db, clock, o, 'released', by);
  return 'released';
}
