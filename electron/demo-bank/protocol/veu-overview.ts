/**
 * The distributed signature overview: HVU (`HVUResponseOrderData`) and HVZ
 * (`HVZResponseOrderData`, with the order data's digest and the payment
 * totals), one `OrderDetails` per order of the subscriber's partner that
 * waits in the VEU. H004 names an order by `OrderType`, H005 by its BTF
 * `Service`; an order uploaded under the other version is named the way the
 * asking version names that kind of payment. Nothing waiting: `null`, which
 * the download answers with 090005, as banks do.
 *
 * Signatures: each subscriber has a signature class (T by default, which
 * counts for nothing; E, A, B — see veu/rules.ts). `SigningInfo` says how
 * many signatures the order needs and has, and whether the asking
 * subscriber can still add one (`readyToBeSigned`); `SignerInfo` lists who
 * signed, with the class they signed with.
 */
import type { Database } from 'better-sqlite3';
import { formatAmountXml } from '../../../shared/money';
import { orderDataDigest } from '../../ebics/crypto/order-signature';
import { blocksOfOrder } from '../store/payment-blocks';
import { listOrders, type OrderRow } from '../store/orders';
import { listSubscribers, type SubscriberRow } from '../store/subscribers';
import { partnerClasses, signaturesOf, type SignatureClass, type VeuSignatureRow } from '../store/veu-signatures';
import { canContribute, signaturesRequired } from '../veu/rules';
import { base64, child, serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';
import { offeredOrders, type OfferedOrder, type PaymentKind } from './order-types';
import { BANK_VERSIONS, type EbicsVersion } from './versions';

export interface WaitingOrder {
  order: OrderRow;
  originator: Pick<SubscriberRow, 'partnerId' | 'userId' | 'name'>;
  /** Transactions and their sum over the order's payment blocks. */
  transactions: number;
  amountCents: number;
  kind: PaymentKind;
  signers: VeuSignatureRow[];
  /** NumSigRequired. */
  required: number;
}

/** Who asks: whether that subscriber can still sign decides `readyToBeSigned`. */
export interface VeuViewer {
  id: number;
  signatureClass: SignatureClass;
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
  const required = signaturesRequired(partnerClasses(db, partnerId));
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
          signers: signaturesOf(db, order.orderId),
          required,
        },
      ];
    });
}

function offeredFor(version: EbicsVersion, kind: PaymentKind): OfferedOrder {
  const found = offeredOrders(version).find((o) => o.purpose.kind === 'payment' && o.purpose.payment === kind);
  if (!found) throw new Error(`no ${kind} order in ${version}`);
  return found;
}

/**
 * `OrderType` (H004) or `Service` (H005, RestrictedServiceType). An order is
 * named as it was submitted when the asking version is the one it came in
 * (a VoP order keeps its CTV or its VOI option); otherwise as the asking
 * version names that kind of payment.
 */
export function writeOrderName(details: XMLBuilder, version: EbicsVersion, order: OrderRow, kind: PaymentKind): void {
  if (version === 'H004') {
    textChild(details, 'OrderType', order.ebicsVersion === 'H004' ? order.orderType : offeredFor(version, kind).orderType);
    return;
  }
  const own = order.ebicsVersion === 'H005' && order.serviceName !== null && order.msgName !== null;
  const s = own
    ? {
        serviceName: order.serviceName!,
        scope: order.serviceScope ?? undefined,
        serviceOption: order.serviceOption ?? undefined,
        container: order.serviceContainer ?? undefined,
        msgName: order.msgName!,
      }
    : offeredFor(version, kind).service!;
  const el = details.ele('Service');
  textChild(el, 'ServiceName', s.serviceName);
  if (s.scope !== undefined) textChild(el, 'Scope', s.scope);
  if (s.serviceOption !== undefined) textChild(el, 'ServiceOption', s.serviceOption);
  if (s.container !== undefined) child(el, 'Container', { containerType: s.container });
  textChild(el, 'MsgName', s.msgName);
}

/** `SignerInfo` of each signature so far (SignerInfoType: PartnerID, UserID, Name, Timestamp, Permission). */
export function writeSigners(parent: XMLBuilder, signers: readonly VeuSignatureRow[]): void {
  for (const sg of signers) {
    const el = parent.ele('SignerInfo');
    textChild(el, 'PartnerID', sg.partnerId);
    textChild(el, 'UserID', sg.userId);
    textChild(el, 'Name', sg.name);
    textChild(el, 'Timestamp', new Date(sg.signedAt).toISOString());
    child(el, 'Permission', { AuthorisationLevel: sg.signatureClass });
  }
}

/** Whether `viewer` can add a signature that counts. */
export function readyFor(w: Pick<WaitingOrder, 'signers'>, viewer: VeuViewer | undefined): boolean {
  if (!viewer || w.signers.some((s) => s.subscriberId === viewer.id)) return false;
  return canContribute(
    viewer.signatureClass,
    w.signers.map((s) => s.signatureClass),
  );
}

function writeSigning(details: XMLBuilder, w: WaitingOrder, viewer: VeuViewer | undefined): void {
  child(details, 'SigningInfo', {
    readyToBeSigned: readyFor(w, viewer) ? 'true' : 'false',
    NumSigRequired: String(Math.max(w.required, w.signers.length)),
    NumSigDone: String(w.signers.length),
  });
  writeSigners(details, w.signers);
  const o = details.ele('OriginatorInfo');
  textChild(o, 'PartnerID', w.originator.partnerId);
  textChild(o, 'UserID', w.originator.userId);
  textChild(o, 'Name', w.originator.name);
  textChild(o, 'Timestamp', new Date(w.order.receivedAt).toISOString());
}

/** Size of the order data as uploaded (positiveInteger: an empty order still counts one byte). */
const dataSize = (o: OrderRow) => String(Math.max(1, o.data.length));

export function buildHvuOrderData(version: EbicsVersion, waiting: readonly WaitingOrder[], viewer?: VeuViewer): string | null {
  if (waiting.length === 0) return null;
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVUResponseOrderData', {}, true);
  for (const w of waiting) {
    const details = root.ele('OrderDetails');
    writeOrderName(details, version, w.order, w.kind);
    textChild(details, 'OrderID', w.order.orderId);
    textChild(details, 'OrderDataSize', dataSize(w.order));
    writeSigning(details, w, viewer);
  }
  return serialize(root);
}

export function buildHvzOrderData(version: EbicsVersion, waiting: readonly WaitingOrder[], viewer?: VeuViewer): string | null {
  if (waiting.length === 0) return null;
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVZResponseOrderData', {}, true);
  for (const w of waiting) {
    const details = root.ele('OrderDetails');
    writeOrderName(details, version, w.order, w.kind);
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
    writeSigning(details, w, viewer);
  }
  return serialize(root);
}
