/**
 * The VEU orders about one waiting order: HVD (`HVDResponseOrderData`: the
 * digest the signers sign, a display file, the signatures so far), HVT
 * (`HVTResponseOrderData`: one `OrderInfo` per transaction of the payment
 * file; the original file is not offered, `completeOrderData="true"` is
 * 091112) and HVE / HVS (a signature over the order's data, checked with
 * the independent verifier against the signer's key; H005 also compares
 * `DataDigest`). The order must belong to the asking subscriber's partner
 * and still wait (091114 otherwise); the release rules are in veu/.
 */
import { formatAmountXml } from '../../../shared/money';
import { orderDataDigest } from '../../ebics/crypto/order-signature';
import { verifyOrderSignature } from '../../ebics/crypto/verify-order-signature';
import { readPaymentFile, type PaymentBlock, type PaymentParty, type PaymentTransaction } from '../orders/pain';
import type { OrderRow } from '../store/orders';
import { keyFromDer, type SubscriberRow } from '../store/subscribers';
import { signatureClassOf } from '../store/veu-signatures';
import { orderOfPartner, signOrder } from '../veu/sign';
import { base64, serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';
import { Refusal } from './codes';
import type { BankContext } from './context';
import type { OrderSignature } from './upload';
import type { InitRequest, VeuReference } from './request';
import type { EbicsResponseSpec } from './response';
import { BANK_VERSIONS, type EbicsVersion } from './versions';
import { paymentKindOf, waitingOrders, writeSigners, type WaitingOrder } from './veu-overview';

function waitingOrder(ctx: BankContext, s: SubscriberRow, ref: VeuReference | undefined): WaitingOrder {
  if (!ref) throw new Refusal('061002', 'no order named');
  const o = orderOfPartner(ctx.db, ref.orderId, s.partnerId);
  const w = waitingOrders(ctx.db, s.partnerId).find((x) => x.order.orderId === o.orderId);
  if (!w) throw new Refusal('091114', `${ref.orderId} does not wait in the VEU`);
  return w;
}

/** The display file ("Begleitzettel"): what the order is, in plain text. */
function displayFile(w: WaitingOrder): string {
  return [
    `Order ${w.order.orderId} (${w.order.orderType}${w.order.serviceName ? ` ${w.order.serviceName}` : ''})`,
    `Submitted by ${w.originator.partnerId}/${w.originator.userId} ${w.originator.name} at ${new Date(w.order.receivedAt).toISOString()}`,
    `Transactions: ${w.transactions}`,
    `Total: ${formatAmountXml(w.amountCents)} EUR`,
    `SHA-256: ${w.order.dataSha256}`,
  ].join('\n');
}

export function buildHvdOrderData(ctx: BankContext, version: EbicsVersion, s: SubscriberRow, ref: VeuReference | undefined): string {
  const w = waitingOrder(ctx, s, ref);
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVDResponseOrderData', {}, true);
  textChild(root, 'DataDigest', base64(orderDataDigest(w.order.data)), { SignatureVersion: w.order.signatureVersion });
  textChild(root, 'DisplayFile', Buffer.from(displayFile(w), 'utf8').toString('base64'));
  textChild(root, 'OrderDataAvailable', 'false');
  textChild(root, 'OrderDataSize', String(Math.max(1, w.order.data.length)));
  textChild(root, 'OrderDetailsAvailable', 'true');
  writeSigners(root, w.signers);
  return serialize(root);
}

function writeAccount(parent: XMLBuilder, role: 'Originator' | 'Recipient', p: PaymentParty): void {
  const el = parent.ele('AccountInfo');
  textChild(el, 'AccountNumber', p.iban, { Role: role, international: 'true' });
  // BankCodeType takes a BIC; a transfer without one ("NOTPROVIDED" in pain.001) is written as that very word, which fits the pattern.
  textChild(el, 'BankCode', p.bic ?? 'NOTPROVIDED', { Role: role, international: 'true' });
  textChild(el, 'AccountHolder', p.name.slice(0, 140), { Role: role });
}

function writeOrderInfo(root: XMLBuilder, version: EbicsVersion, msgName: string, block: PaymentBlock, t: PaymentTransaction, credit: boolean): void {
  const info = root.ele('OrderInfo');
  textChild(info, version === 'H004' ? 'OrderFormat' : 'MsgName', msgName);
  const own = block.account;
  writeAccount(info, credit ? 'Originator' : 'Recipient', own);
  writeAccount(info, credit ? 'Recipient' : 'Originator', t.counterparty);
  textChild(info, 'ExecutionDate', block.dueDate);
  textChild(info, 'Amount', formatAmountXml(t.amountCents), { isCredit: credit ? 'true' : 'false', Currency: 'EUR' });
  if (t.remittance) textChild(info, 'Description', t.remittance.slice(0, 140), { Type: 'Purpose' });
}

export function buildHvtOrderData(ctx: BankContext, version: EbicsVersion, s: SubscriberRow, ref: VeuReference | undefined): string {
  const w = waitingOrder(ctx, s, ref);
  const flags = ref?.flags ?? { completeOrderData: false, fetchLimit: 0, fetchOffset: 0 };
  if (flags.completeOrderData) throw new Refusal('091112', 'the original order file is not offered (OrderDataAvailable false)');
  const file = readPaymentFile(w.order.data, ctx.limits.maxOrderDataBytes);
  const all = file.blocks.flatMap((b) => b.transactions.map((t) => ({ b, t })));
  if (flags.fetchOffset > 0 && flags.fetchOffset >= all.length) throw new Refusal('091112', `fetchOffset ${flags.fetchOffset} of ${all.length}`);
  const end = flags.fetchLimit === 0 ? all.length : flags.fetchOffset + flags.fetchLimit;
  const root = startDocument(BANK_VERSIONS[version].ns, 'HVTResponseOrderData', {}, true);
  textChild(root, 'NumOrderInfos', String(all.length));
  const credit = paymentKindOf(w.order) === 'credit_transfer' || file.message === 'pain.001';
  for (const { b, t } of all.slice(flags.fetchOffset, end)) writeOrderInfo(root, version, file.message, b, t, credit);
  return serialize(root);
}

/**
 * HVE / HVS: the request's one signature must be the asking subscriber's,
 * over the referenced order's data; then the signer's decision counts.
 */
export function veuSignature(
  ctx: BankContext,
  req: InitRequest,
  s: SubscriberRow,
  action: 'HVE' | 'HVS',
  signatures: readonly OrderSignature[],
  dataDigest: Buffer | null,
): EbicsResponseSpec {
  const ref = req.order.veu;
  if (!ref) throw new Refusal('061002', `${action} names no order`);
  if (ref.partnerId !== s.partnerId) throw new Refusal('091114', `${ref.orderId} of partner ${ref.partnerId}`);
  const order: OrderRow = orderOfPartner(ctx.db, ref.orderId, s.partnerId);
  const sig = signatures.find((x) => x.partnerId === s.partnerId && x.userId === s.userId);
  if (!sig || signatures.length !== 1) throw new Refusal('091301', `${action} carries exactly one signature, the subscriber's own`);
  if (!s.signatureKeyDer || s.signatureVersion !== sig.signatureVersion) throw new Refusal('091301', `the subscriber signs with ${s.signatureVersion ?? '-'}`);
  if (!verifyOrderSignature(order.data, sig.value, keyFromDer(s.signatureKeyDer), sig.signatureVersion)) {
    throw new Refusal('091301', `the signature does not verify against order ${order.orderId}`);
  }
  if (req.version === 'H005' && (!dataDigest || !orderDataDigest(order.data).equals(dataDigest))) {
    throw new Refusal('091301', `DataDigest is not the digest of order ${order.orderId}`);
  }
  signOrder(ctx.db, ctx.clock, order, s, action === 'HVE' ? 'sign' : 'cancel', 'HVE');
  return { version: req.version, phase: 'Initialisation', code: '000000' };
}

/** For HVU/HVZ: the asking subscriber as a possible signer. */
export function viewerOf(ctx: BankContext, s: SubscriberRow) {
  return { id: s.id, signatureClass: signatureClassOf(ctx.db, s.id) };
}
