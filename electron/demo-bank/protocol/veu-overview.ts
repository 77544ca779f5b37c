/**
 * The distributed signature overview: HVU (`HVUResponseOrderData`) and HVZ
 * (`HVZResponseOrderData`, with the order data's digest and the payment
 * totals), one `OrderDetails` per order of the subscriber's partner that
 * waits in the VEU. H004 names an order by `OrderType`, H005 by its BTF
 * `Service`; an order uploaded under the other version is named the way the
 * asking version names that kind of payment. Nothing waiting: `null`, which
 * the download answers with 090005, as banks do.
 *
 * Signatures: every demo subscriber signs with class T (transport), which
 * does not count towards the release; each payment order needs one
 * signature of the authorised signer (HTD says NumSigRequired 1), so
 * NumSigDone is 0 until the signer acts, and none of the listed orders is
 * ready to be signed by the subscriber asking (`readyToBeSigned="false"`).
 */
import type { Database } from 'better-sqlite3';
import { formatAmountXml } from '../../../shared/money';
import { orderDataDigest } from '../../ebics/crypto/order-signature';
import { blocksOfOrder } from '../store/payment-blocks';
import { listOrders, type OrderRow } from '../store/orders';
import { listSubscribers, type SubscriberRow } from '../store/subscribers';
import { base64, child, serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';
import { offeredOrders, type OfferedOrder, type PaymentKind } from './order-types';
import { BANK_VERSIONS, type EbicsVersion } from './versions';

/** Signatures an order needs before the bank executes it (one authorised signer). */
export const SIGNATURES_REQUIRED = 1;

export interface WaitingOrder {
  order: OrderRow;
  originator: Pick<SubscriberRow, 'partnerId' | 'userId' | 'name'>;
  /** Transactions and their sum over the order's payment blocks. */
  transactions: number;
  amountCents: number;
  kind: PaymentKind;
}

/** Which payment an order is, by what it was uploaded as. */
export function paymentKindOf(o: Pick<OrderRow, 'ebicsVersion' | 'orderType' | 'serviceName' | 'serviceOption'>): PaymentKind | null {
  const offered = offeredOrders(o.ebicsVersion).find(
    (f) =>
      f.purpose.kind === 'payment' &&
      f.orderType === o.orderType &&
      (f.service === undefined || (f.service.serviceName === o.serviceName && (f.service.serviceOption ?? null) === (o.serviceOption ?? null))),
  );
  return offered?.purpose.kind === 'payment' ? offered.purpose.payment : null;
}

/** The orders of `partnerId` waiting for signatures, oldest first. */
export function waitingOrders(db: Database, partnerId: string): WaitingOrder[] {
  const users = new Map(
    listSubscribers(db)
      .filter((s) => s.partnerId === partnerId)
      .map((s) => [s.id, s]),
  );
  return listOrders(db)
    .filter((o) => o.state === 'awaiting_signature' && users.has(o.subscriberId))
    .flatMap((order) => {
      const kind = paymentKindOf(order);
      if (!kind) return [];
      const blocks = blocksOfOrder(db, order.orderId);
      const u = users.get(order.subscriberId)!;
      return [
        {
          order,
          originator: { partnerId: u.partnerId, userId: u.userId, name: u.name },
          transactions: blocks.reduce((n, b) => n + b.transactions, 0),
          amountCents: blocks.reduce((n, b) => n + b.amountCents, 0),
          kind,
        },
      ];
    });
}

function offeredFor(version: EbicsVersion, kind: PaymentKind): OfferedOrder {
  const found = offeredOrders(version).find((o) => o.purpose.kind === 'payment' && o.purpose.payment === kind);
  if (!found) throw new Error(`no ${kind} order in ${version}`);
  return found;
}

/** `OrderType` (H004) or `Service` (H005, RestrictedServiceType: ServiceName, ServiceOption, MsgName). */
function writeOrderName(details: XMLBuilder, version: EbicsVersion, kind: PaymentKind): void {
  const offered = offeredFor(version, kind);
  if (version === 'H004' || !offered.service) {
    textChild(details, 'OrderType', offered.orderType);
    return;
  }
  const s = offered.service;
  const el = details.ele('Service');
  textChild(el, 'ServiceName', s.serviceName);
  if (s.scope !== undefined) textChild(el, 'Scope', s.scope);
  if (s.serviceOption !== undefined) textChild(el, 'ServiceOption', s.serviceOption);
  if (s.container !== undefined) child(el, 'Container', { containerType: s.container });
  textChild(el, 'MsgName', s.msgName);
}

function writeSigning(details: XMLBuilder, w: WaitingOrder): void {
  // Only orders still waiting are listed: the authorised signer has not signed any of them yet.
  child(details, 'SigningInfo', { readyToBeSigned: 'false', NumSigRequired: String(SIGNATURES_REQUIRED), NumSigDone: '0' });
  const o = details.ele('OriginatorInfo');
  textChild(o, 'PartnerID', w.originator.partnerId);
  textChild(o, 'UserID', w.originator.userId);
  textChild(o, 'Name', w.originator.name);
  textChild(o, 'Timestamp', new Date(w.order.receivedAt).toISOString());
}

/** Size of the order data as uploaded (positiveInteger: an empty order still counts one byte). */
const dataSize = (o: OrderRow) => String(Math.max(1, o.data.length));

export function buildHvuOrderData(version: EbicsVersion, waiting: readonly WaitingOrder[]): string | null {
  if (waiting.length === 0) return null;
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVUResponseOrderData', {}, true);
  for (const w of waiting) {
    const details = root.ele('OrderDetails');
    writeOrderName(details, version, w.kind);
    textChild(details, 'OrderID', w.order.orderId);
    textChild(details, 'OrderDataSize', dataSize(w.order));
    writeSigning(details, w);
  }
  return serialize(root);
}

export function buildHvzOrderData(version: EbicsVersion, waiting: readonly WaitingOrder[]): string | null {
  if (waiting.length === 0) return null;
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVZResponseOrderData', {}, true);
  for (const w of waiting) {
    const details = root.ele('OrderDetails');
    writeOrderName(details, version, w.kind);
    textChild(details, 'OrderID', w.order.orderId);
    // The hash the order signature covers (CR, LF and Ctrl-Z removed), so a client can tell which file this is.
    textChild(details, 'DataDigest', base64(orderDataDigest(w.order.data)), { SignatureVersion: w.order.signatureVersion });
    textChild(details, 'OrderDataAvailable', 'false');
    textChild(details, 'OrderDataSize', dataSize(w.order));
    textChild(details, 'OrderDetailsAvailable', 'false');
    textChild(details, 'TotalOrders', String(w.transactions));
    // Credit transfers credit the payees, direct debits debit the payers.
    textChild(details, 'TotalAmount', formatAmountXml(w.amountCents), { isCredit: w.kind === 'credit_transfer' ? 'true' : 'false' });
    textChild(details, 'Currency', 'EUR');
    writeSigning(details, w);
  }
  return serialize(root);
}
