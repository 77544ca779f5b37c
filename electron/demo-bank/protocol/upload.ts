/**
 * Uploads: initialisation (bank key digests, transaction key, order
 * signature envelope, NumSegments; H005 DataDigest), then the segments in
 * order. After the last one the order data is decrypted and inflated, every
 * order signature is verified with the independent verifier against the
 * signer's INI key, and the order takes effect: payment files are read and
 * checked (orders/pain.ts; 090004 on the last segment when invalid) and wait
 * in the VEU with their payment blocks, or, asking for a date the bank does
 * not execute, are received and rejected in processing (HAC RJCT with the
 * rule's ISO reason code); key changes replace the subscriber's keys, SPR
 * suspends.
 *
 * Recovery (documented choice): a segment sent again with identical content
 * is accepted idempotently and answered as the first time (a client whose
 * answer got lost can simply repeat it); any other segment out of sequence
 * is refused with 061101 EBICS_TX_RECOVERY_SYNC, whose SegmentNumber is the
 * last segment the bank holds (the recovery point). Beyond NumSegments: 091104.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { decryptTransactionKey } from '../../ebics/crypto/e002';
import { orderDataDigest } from '../../ebics/crypto/order-signature';
import { verifyOrderSignature } from '../../ebics/crypto/verify-order-signature';
import { accountsOfPartner } from '../store/accounts';
import { nextValue } from '../store/counters';
import { insertOrder, setOrderState, type OrderState } from '../store/orders';
import { addProtocolEntry, type ProtocolStatus } from '../store/protocol-log';
import { findSubscriber, keyFromDer, keyToDer, markSuspended, setAuthEncKeys, setSignatureKey, type SubscriberRow } from '../store/subscribers';
import {
  clearSegmentData,
  getSegment,
  insertSegment,
  insertTransaction,
  segmentsOf,
  setSegmentsDone,
  setTransactionState,
  type TransactionRow,
} from '../store/transactions';
import { newTransactionId, orderIdFor } from '../ids';
import { queuePaymentBlocks } from '../orders/booking';
import { readXml } from '../xml/read';
import { checkPaymentOrder, dateRejection, PaymentAccountError, PaymentFileError, readPaymentFile, type DateRejection, type PaymentFile } from '../orders/pain';
import { sha256Hex } from './auth';
import { Refusal } from './codes';
import { nowIso, type BankContext } from './context';
import { parseAllKeysOrderData, parseAuthEncOrderData, parseSignatureKeyOrderData, type ReceivedKey } from './key-order-data';
import { openOrderData, uploadedBytes } from './order-data-wire';
import { orderLabel, type OfferedOrder, type OrderPurpose } from './order-types';
import type { BtfService, InitRequest, TransferRequest } from './request';
import type { EbicsResponseSpec } from './response';
import { BANK_VERSIONS, XMLDSIG_NS, type EbicsVersion } from './versions';
import { Sequence, base64Of, text, token } from './xml-walk';
import { veuSignature } from './veu-orders';
import { allHolders, insertVopReport } from '../store/payee-register';
import { readBankRules } from '../store/bank-rules';
import { buildVopReport, checkPayments } from '../vop/report';

/** The UserSignatureData envelope is small; more than this inflated is refused. */
const MAX_SIGNATURE_DATA = 1024 * 1024;

/** What the ES of a suspension (SPR, no order data) covers: a single space. */
const SPR_SIGNED_DATA = ' ';

export interface OrderSignature {
  signatureVersion: 'A005' | 'A006';
  value: Buffer;
  partnerId: string;
  userId: string;
}

/** Reads `UserSignatureData` (S001 for H004, S002 for H005); 091111 when it is not one. */
export function readUserSignatureData(xml: string, version: EbicsVersion): OrderSignature[] {
  let root: Element;
  try {
    root = readXml(xml, MAX_SIGNATURE_DATA).documentElement!;
  } catch {
    throw new Refusal('091111', 'UserSignatureData is not XML');
  }
  const ns = BANK_VERSIONS[version].signatureNs;
  if (root.localName !== 'UserSignatureData' || root.namespaceURI !== ns) throw new Refusal('091111', `expected UserSignatureData in ${ns}`);
  const seq = new Sequence(root, ns, '091111');
  const signatures: OrderSignature[] = [];
  for (let el = seq.optional('OrderSignatureData'); el; el = seq.optional('OrderSignatureData')) {
    const s = new Sequence(el, ns, '091111');
    const signatureVersion = text(s.required('SignatureVersion'));
    if (signatureVersion !== 'A005' && signatureVersion !== 'A006') throw new Refusal('091111', `signature version ${signatureVersion}`);
    const value = base64Of(s.required('SignatureValue'), 'SignatureValue', '091111');
    const partnerId = token(s.required('PartnerID'), /^[a-zA-Z0-9,=]{1,35}$/, 'PartnerID', '091111');
    const userId = token(s.required('UserID'), /^[a-zA-Z0-9,=]{1,35}$/, 'UserID', '091111');
    s.optional('X509Data', XMLDSIG_NS);
    s.end();
    signatures.push({ signatureVersion, value, partnerId, userId });
  }
  seq.end();
  if (signatures.length === 0) throw new Refusal('091111', 'no OrderSignatureData');
  return signatures;
}

function decryptSignatureData(encrypted: Buffer, txKey: Buffer): string {
  const data = openOrderData(encrypted, txKey, MAX_SIGNATURE_DATA);
  if (typeof data === 'string') throw new Refusal('091111', 'SignatureData cannot be decrypted and decompressed');
  return data.toString('utf8');
}

/** Kept with the transaction between initialisation and the last segment. */
interface UploadParams {
  purpose: OrderPurpose;
  fileName?: string | undefined;
  requestEDS?: boolean | undefined;
}

/**
 * Every order signature must verify against its signer's current INI key:
 * a ready subscriber of the same partner. Key management orders must be
 * signed by the subscriber itself. 091301 otherwise.
 */
function verifySignatures(ctx: BankContext, s: SubscriberRow, purpose: OrderPurpose, signatures: readonly OrderSignature[], data: Buffer): OrderSignature {
  for (const sig of signatures) {
    if (sig.partnerId !== s.partnerId) throw new Refusal('091301', `signer ${sig.partnerId}/${sig.userId} belongs to another partner`);
    if (purpose.kind !== 'payment' && sig.userId !== s.userId) throw new Refusal('091301', 'key management orders are signed by the subscriber itself');
    const signer = sig.userId === s.userId ? s : findSubscriber(ctx.db, sig.partnerId, sig.userId);
    if (!signer || signer.state !== 'ready' || !signer.signatureKeyDer)
      throw new Refusal('091301', `signer ${sig.partnerId}/${sig.userId} unknown or not ready`);
    if (signer.signatureVersion !== sig.signatureVersion)
      throw new Refusal('091301', `signer uses ${signer.signatureVersion ?? '-'}, not ${sig.signatureVersion}`);
    if (!verifyOrderSignature(data, sig.value, keyFromDer(signer.signatureKeyDer), sig.signatureVersion)) {
      throw new Refusal('091301', `the signature of ${sig.partnerId}/${sig.userId} does not verify`);
    }
  }
  const first = signatures[0];
  if (!first) throw new Refusal('091301', 'no signature');
  return first;
}

interface CompletedOrder {
  orderId: string;
  orderType: string;
  service: BtfService | null;
  purpose: OrderPurpose;
  params: UploadParams;
  transactionId: string | null;
  version: EbicsVersion;
  signatures: readonly OrderSignature[];
  dataDigest: Buffer | null;
}

/** The order's state after receipt and the customer protocol entry that says so. */
interface OrderEffect {
  state: OrderState;
  status: ProtocolStatus;
  reasonCode: string;
  text: string;
}

function sameKey(a: Buffer | null, b: ReceivedKey): boolean {
  return a !== null && a.equals(keyToDer(b.key));
}

function checkKeyOwner(s: SubscriberRow, data: { partnerId: string; userId: string }): void {
  if (data.partnerId !== s.partnerId) throw new Refusal('091120', data.partnerId);
  if (data.userId !== s.userId) throw new Refusal('090004', `the order data names user ${data.userId}`);
}

/** PUB / HCA / HCS: the new keys replace the current ones (the ES was already verified with the current signature key). */
function changeKeys(ctx: BankContext, s: SubscriberRow, change: 'PUB' | 'HCA' | 'HCS', data: Buffer, version: EbicsVersion, at: string): string {
  const now = ctx.clock.now();
  const stored = (k: ReceivedKey) => ({ keyDer: keyToDer(k.key), certificateDer: k.certificate });
  if (change === 'PUB') {
    const d = parseSignatureKeyOrderData(data, version, now);
    checkKeyOwner(s, d);
    if (sameKey(s.authenticationKeyDer, d.signature) || sameKey(s.encryptionKeyDer, d.signature)) throw new Refusal('091218');
    setSignatureKey(ctx.db, s.id, d.signatureVersion, stored(d.signature), s.state, at, false);
    return `New signature key ${d.signatureVersion} in force`;
  }
  if (change === 'HCA') {
    const d = parseAuthEncOrderData(data, version, 'HCARequestOrderData', now);
    checkKeyOwner(s, d);
    if (sameKey(s.signatureKeyDer, d.authentication) || sameKey(s.signatureKeyDer, d.encryption)) throw new Refusal('091218');
    setAuthEncKeys(ctx.db, s.id, stored(d.authentication), stored(d.encryption), s.state, at, false);
    return 'New authentication and encryption keys in force';
  }
  const d = parseAllKeysOrderData(data, version, now);
  checkKeyOwner(s, d);
  setSignatureKey(ctx.db, s.id, d.signatureVersion, stored(d.signature), s.state, at, false);
  setAuthEncKeys(ctx.db, s.id, stored(d.authentication), stored(d.encryption), s.state, at, false);
  return `New keys in force (${d.signatureVersion}, X002, E002)`;
}

/**
 * A payment file is checked once its signatures are verified: an invalid
 * file is answered on the last segment with 090004 (an account the customer
 * does not hold with 091302), as banks do, and the whole upload is rolled
 * back: nothing is queued. The reason (which EBICS cannot carry with a
 * business code) goes into the customer protocol as a rejected order: HAC
 * status RJCT with ISO reason FF01 (invalid file format) or AC02/AC03 (account),
 * PTK with the full text.
 *
 * A readable file whose requested date the bank does not execute is no
 * format error: it is returned with its `DateRejection`, and the order is
 * received and then rejected in processing (`completeOrder`).
 */
function checkPayment(ctx: BankContext, s: SubscriberRow, o: CompletedOrder, data: Buffer): { file: PaymentFile; rejection: DateRejection | null } | null {
  if (o.purpose.kind !== 'payment') return null;
  try {
    const file = readPaymentFile(data, ctx.limits.maxOrderDataBytes);
    const today = ctx.clock.today();
    checkPaymentOrder(file, {
      payment: o.purpose.payment,
      msgVersion: o.service?.msgVersion,
      instant: o.purpose.instant === true,
      today,
      accounts: accountsOfPartner(ctx.db, s.partnerId).map((a) => a.iban),
    });
    checkSinglePaymentRule(ctx, s, o, file);
    return { file, rejection: dateRejection(file, today) };
  } catch (e) {
    const rejection = (reasonCode: string, text: string) => ({
      rejection: { subscriberId: s.id, orderId: o.orderId, orderType: o.orderType, reasonCode, text: `${orderLabel(o.orderType, o.service)} refused: ${text}` },
    });
    if (e instanceof PaymentFileError) throw new Refusal('090004', e.problem, rejection('FF01', e.problem));
    // ISO AC02 invalid debtor account (transfers), AC03 invalid creditor account (direct debits).
    const account = o.purpose.payment === 'credit_transfer' ? 'AC02' : 'AC03';
    if (e instanceof PaymentAccountError) throw new Refusal('091302', e.message, rejection(account, e.message));
    throw e;
  }
}

/**
 * What an order does once received: a payment waits for release in the
 * VEU, or is rejected in processing for its date (nothing is queued, so
 * nothing is ever booked); key changes and SPR take effect at once.
 */
function effectOf(ctx: BankContext, s: SubscriberRow, o: CompletedOrder, data: Buffer, payment: ReturnType<typeof checkPayment>, at: string): OrderEffect {
  if (o.purpose.kind === 'payment') {
    const rejected = payment?.rejection;
    if (rejected)
      return { state: 'rejected', status: 'RJCT', reasonCode: rejected.reasonCode, text: `${orderLabel(o.orderType, o.service)} rejected: ${rejected.text}` };
    return { state: 'awaiting_signature', status: 'PDNG', reasonCode: 'DS06', text: 'Order waits for release in the distributed signature (VEU)' };
  }
  if (o.purpose.kind === 'keys')
    return { state: 'executed', status: 'ACCP', reasonCode: 'DS07', text: changeKeys(ctx, s, o.purpose.change, data, o.version, at) };
  if (o.purpose.kind === 'suspend') {
    markSuspended(ctx.db, s.id, 'customer', at);
    return { state: 'executed', status: 'ACCP', reasonCode: 'DS07', text: 'Subscriber suspended at its own request' };
  }
  throw new Error(`not an upload: ${orderLabel(o.orderType, o.service)}`);
}

/**
 * Some banks take a single credit transfer only with verification of payee
 * (the waiver is meant for bundles, Art. 5c(6) of the SEPA Regulation): with
 * the bank rule on, such a file sent without the check is refused.
 */
function checkSinglePaymentRule(ctx: BankContext, s: SubscriberRow, o: CompletedOrder, file: PaymentFile): void {
  const p = o.purpose;
  if (p.kind !== 'payment' || p.payment !== 'credit_transfer' || p.vop === true || file.numberOfTransactions !== 1) return;
  if (!readBankRules(ctx.db).singlePaymentNeedsVop) return;
  // ISO NARR: the reason is in the words (there is no code for it).
  const text = `${orderLabel(o.orderType, o.service)} refused: ${SINGLE_PAYMENT_NEEDS_VOP}`;
  throw new Refusal('090004', SINGLE_PAYMENT_NEEDS_VOP, {
    rejection: { subscriberId: s.id, orderId: o.orderId, orderType: o.orderType, reasonCode: 'NARR', text },
  });
}

/** What the bank says when it refuses a single payment without the check (also in the customer protocol). */
export const SINGLE_PAYMENT_NEEDS_VOP = 'a single credit transfer is accepted only with verification of payee (CTV/CIV, BTF option VOI)';

/** The order data is complete: verify, store, take effect. */
function completeOrder(ctx: BankContext, s: SubscriberRow, o: CompletedOrder, data: Buffer): void {
  const signer = verifySignatures(ctx, s, o.purpose, o.signatures, data);
  if (o.version === 'H005') {
    if (!o.dataDigest || !orderDataDigest(data).equals(o.dataDigest)) throw new Refusal('091301', 'DataDigest does not match the order data');
  }
  const payment = checkPayment(ctx, s, o, data);
  const at = nowIso(ctx);
  const label = orderLabel(o.orderType, o.service);
  const effect = effectOf(ctx, s, o, data, payment, at);
  insertOrder(ctx.db, {
    orderId: o.orderId,
    subscriberId: s.id,
    transactionId: o.transactionId,
    ebicsVersion: o.version,
    orderType: o.orderType,
    serviceName: o.service?.serviceName ?? null,
    serviceScope: o.service?.scope ?? null,
    serviceOption: o.service?.serviceOption ?? null,
    serviceContainer: o.service?.container ?? null,
    msgName: o.service?.msgName ?? null,
    msgVersion: o.service?.msgVersion ?? null,
    fileName: o.params.fileName ?? null,
    data,
    dataSha256: sha256Hex(data),
    signatureVersion: signer.signatureVersion,
    signerPartnerId: signer.partnerId,
    signerUserId: signer.userId,
    signatureCheck: 'verified',
    state: effect.state,
    receivedAt: at,
  });
  if (effect.state === 'rejected') setOrderState(ctx.db, o.orderId, 'rejected', at);
  else if (payment) queuePaymentBlocks(ctx.db, o.orderId, payment.file);
  // Verification of payee: the report is ready for download (VPZ) as the order enters the VEU.
  if (payment && effect.state === 'awaiting_signature' && o.purpose.kind === 'payment' && o.purpose.vop) {
    const file = payment.file;
    const report = buildVopReport({ orderId: o.orderId, createdAt: at, file, checked: checkPayments(file, allHolders(ctx.db)) });
    insertVopReport(ctx.db, { orderId: o.orderId, subscriberId: s.id, report: Buffer.from(report, 'utf8') }, at);
  }
  const entry = { subscriberId: s.id, orderId: o.orderId, orderType: o.orderType, at };
  addProtocolEntry(ctx.db, { ...entry, reasonCode: 'TS01', status: 'ACCP', text: `Upload ${label} received, ${data.length} bytes` });
  const signers = o.signatures.map((x) => `${x.partnerId}/${x.userId} (${x.signatureVersion})`).join(', ');
  addProtocolEntry(ctx.db, { ...entry, reasonCode: 'DS01', status: 'ACCP', text: `Electronic signature verified: ${signers}` });
  addProtocolEntry(ctx.db, { ...entry, reasonCode: effect.reasonCode, status: effect.status, text: effect.text });
}

/** Upload initialisation; the order has been recognised and the bank digests checked. */
export function initUpload(ctx: BankContext, req: InitRequest, s: SubscriberRow, offered: OfferedOrder): EbicsResponseSpec {
  const upload = req.upload;
  if (!upload) throw new Refusal('061002', 'an upload initialisation carries DataTransfer');
  const numSegments = req.numSegments;
  if (numSegments === undefined) throw new Refusal('061002', 'an upload initialisation needs NumSegments');
  const signatureOnly = offered.purpose.kind === 'suspend' || offered.purpose.kind === 'veu-sign';
  if (numSegments === 0 && !signatureOnly) throw new Refusal('061002', 'NumSegments must be positive');
  if (numSegments !== 0 && offered.purpose.kind === 'veu-sign') throw new Refusal('091113', `${req.order.orderType} carries no order data (NumSegments 0)`);
  if (numSegments > ctx.limits.maxSegments) throw new Refusal('091118', `${numSegments} segments, at most ${ctx.limits.maxSegments}`);
  let txKey: Buffer;
  try {
    txKey = decryptTransactionKey(upload.transactionKey, ctx.keys.encryption.privateKey);
  } catch (e) {
    throw new Refusal('091113', e instanceof KontorError ? e.message : 'the transaction key cannot be decrypted');
  }
  const signatureXml = decryptSignatureData(upload.signatureData, txKey);
  const signatures = readUserSignatureData(signatureXml, req.version);
  let dataDigest: Buffer | null = null;
  if (req.version === 'H005') {
    const d = upload.dataDigest;
    if (!d || d.value.length !== 32) throw new Refusal('061002', 'DataDigest must be a 32-byte SHA-256');
    if (!signatures.some((sig) => sig.signatureVersion === d.signatureVersion)) throw new Refusal('061002', 'DataDigest@SignatureVersion matches no signature');
    dataDigest = d.value;
  }
  if (offered.purpose.kind === 'veu-sign') return veuSignature(ctx, req, s, offered.purpose.action, signatures, dataDigest);
  const orderId = orderIdFor(nextValue(ctx.db, 'order'));
  const params: UploadParams = { purpose: offered.purpose, fileName: req.order.fileName, requestEDS: req.order.signatureFlag?.requestEDS };
  const service = req.order.service ?? null;

  if (numSegments === 0) {
    // SPR: the signature travels alone; it covers a single space.
    completeOrder(
      ctx,
      s,
      { orderId, orderType: req.order.orderType, service, purpose: offered.purpose, params, transactionId: null, version: req.version, signatures, dataDigest },
      Buffer.from(SPR_SIGNED_DATA, 'utf8'),
    );
    return { version: req.version, phase: 'Initialisation', orderId, code: '000000' };
  }

  const transactionId = newTransactionId();
  insertTransaction(
    ctx.db,
    {
      id: transactionId,
      subscriberId: s.id,
      ebicsVersion: req.version,
      direction: 'upload',
      orderType: req.order.orderType,
      service: service ? JSON.stringify(service) : null,
      orderId,
      numSegments,
      state: 'receiving',
      transactionKey: txKey,
      signatureData: signatureXml,
      dataDigest,
      orderParams: JSON.stringify(params),
      payload: null,
      segmentSize: null,
      deliver: null,
    },
    nowIso(ctx),
  );
  return { version: req.version, phase: 'Initialisation', transactionId, orderId, code: '000000' };
}

function inflateOrderData(ctx: BankContext, tx: TransactionRow): Buffer {
  const sealed = uploadedBytes(segmentsOf(ctx.db, tx.id).map((seg) => seg.data ?? ''));
  if (sealed === null) throw new Refusal('090004', 'the order data segments do not form base64');
  const data = openOrderData(sealed, tx.transactionKey, ctx.limits.maxOrderDataBytes);
  if (data === 'tooLarge') throw new Refusal('091117', `more than ${ctx.limits.maxOrderDataBytes} bytes`);
  if (data === 'decrypt') throw new Refusal('090004', 'the order data cannot be decrypted');
  if (data === 'inflate') throw new Refusal('090004', 'the order data cannot be decompressed');
  return data;
}

/** One upload segment; the last one completes the order. */
export function transferUpload(ctx: BankContext, req: TransferRequest, tx: TransactionRow, s: SubscriberRow): EbicsResponseSpec {
  const n = req.segmentNumber;
  const answer = (segment: number): EbicsResponseSpec => ({
    version: req.version,
    phase: 'Transfer',
    transactionId: tx.id,
    segment: { number: segment, last: segment === tx.numSegments },
    ...(segment === tx.numSegments && tx.orderId ? { orderId: tx.orderId } : {}),
    code: '000000',
  });
  const orderData = req.orderData;
  if (orderData === undefined) throw new Refusal('061002', 'an upload transfer carries OrderData');
  if (n > tx.numSegments) throw new Refusal('091104', `segment ${n} of ${tx.numSegments}`);
  const digest = sha256Hex(orderData);
  if (n <= tx.segmentsDone) {
    const seen = getSegment(ctx.db, tx.id, n);
    if (seen && seen.sha256 === digest) return answer(n);
    throw new Refusal('061101', `segment ${n} differs from the one received`, { recoveryPoint: tx.segmentsDone });
  }
  if (tx.state !== 'receiving') throw new Refusal('091101', 'the upload is complete');
  if (n > tx.segmentsDone + 1) throw new Refusal('061101', `segment ${tx.segmentsDone + 1} expected`, { recoveryPoint: tx.segmentsDone });
  if (req.lastSegment !== (n === tx.numSegments)) throw new Refusal('061002', 'lastSegment does not match NumSegments');
  if (orderData.length === 0) throw new Refusal('061002', 'empty segment');
  if (orderData.length > ctx.limits.maxSegmentChars) throw new Refusal('091009', `${orderData.length} characters`);
  insertSegment(ctx.db, tx.id, n, digest, orderData);
  const at = nowIso(ctx);
  setSegmentsDone(ctx.db, tx.id, n, at);
  if (n === tx.numSegments) {
    const data = inflateOrderData(ctx, tx);
    const signatures = readUserSignatureData(tx.signatureData ?? '', tx.ebicsVersion);
    const params = JSON.parse(tx.orderParams ?? '{}') as UploadParams;
    const purpose = params.purpose;
    const service = tx.service ? (JSON.parse(tx.service) as BtfService) : null;
    completeOrder(
      ctx,
      s,
      {
        orderId: tx.orderId ?? '',
        orderType: tx.orderType,
        service,
        purpose,
        params,
        transactionId: tx.id,
        version: tx.ebicsVersion,
        signatures,
        dataDigest: tx.dataDigest,
      },
      data,
    );
    setTransactionState(ctx.db, tx.id, 'completed', at);
    clearSegmentData(ctx.db, tx.id);
  }
  return answer(n);
}
