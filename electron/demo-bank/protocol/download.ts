/**
 * Downloads: the initialisation produces the order data (statements from the
 * pluggable source, the customer protocol, the parameter documents),
 * compresses and encrypts it under a fresh transaction key and returns
 * segment 1 with NumSegments and the transaction key encrypted for the
 * subscriber's E002 key; transfers return segment n (any segment may be
 * fetched again); the receipt closes the transaction: code 0 marks the data
 * delivered (011000), code 1 leaves it to be offered again (011001).
 * Nothing to send (also no order waiting for HVU/HVZ): 090005 without a
 * transaction.
 */
import { encryptTransactionKey, newTransactionKey } from '../../ebics/crypto/e002';
import { accountsOfPartner } from '../store/accounts';
import { markProtocolDelivered, protocolEntries, type ProtocolKind } from '../store/protocol-log';
import { listSubscribers, type SubscriberRow } from '../store/subscribers';
import { clearPayload, insertTransaction, setSegmentsDone, setTransactionState, type TransactionRow } from '../store/transactions';
import { newTransactionId } from '../ids';
import { Refusal } from './codes';
import { nowIso, type BankContext, type StatementSubscriber } from './context';
import { buildHac, buildPtk, type ProtocolLine } from './customer-protocol';
import { downloadSegments, sealOrderData } from './order-data-wire';
import { buildHaaOrderData, buildHkdOrderData, buildHpdOrderData, buildHtdOrderData, type CustomerData } from './order-data';
import { offeredOrders, type OfferedOrder } from './order-types';
import type { DateRange, InitRequest, ReceiptRequest, TransferRequest } from './request';
import type { EbicsResponseSpec } from './response';
import { encryptionTarget } from './subscriber-key-info';
import { buildHvuOrderData, buildHvzOrderData, waitingOrders } from './veu-overview';
import { buildHvdOrderData, buildHvtOrderData, viewerOf } from './veu-orders';
import { markVopReportDelivered, nextVopReport } from '../store/payee-register';
import { zipStatements } from '../statements/container';

/** What a receipt with code 0 marks as delivered. */
interface Delivery {
  protocol?: { kind: ProtocolKind; ids: number[] };
  vopReport?: { orderId: string };
}

interface Produced {
  data: Buffer;
  delivery?: Delivery;
}

function statementSubscriber(ctx: BankContext, s: SubscriberRow): StatementSubscriber {
  return { partnerId: s.partnerId, userId: s.userId, name: s.name, accounts: accountsOfPartner(ctx.db, s.partnerId) };
}

function protocolLines(ctx: BankContext, s: SubscriberRow, kind: ProtocolKind, range: DateRange | undefined): ProtocolLine[] {
  const users = new Map(listSubscribers(ctx.db).map((u) => [u.id, u]));
  const listed = ctx.listed ?? (() => true);
  return protocolEntries(ctx.db, s.partnerId, kind, range)
    .filter((e) => listed(e.orderId))
    .map((e) => {
      const u = users.get(e.subscriberId);
      return { ...e, partnerId: u?.partnerId ?? s.partnerId, userId: u?.userId ?? '' };
    });
}

function customerData(ctx: BankContext, s: SubscriberRow, version: InitRequest['version'], all: boolean): CustomerData {
  const users = all ? listSubscribers(ctx.db).filter((u) => u.partnerId === s.partnerId) : [s];
  return { version, hostId: ctx.hostId, partnerName: s.name, accounts: accountsOfPartner(ctx.db, s.partnerId), users };
}

function statementFor(
  ctx: BankContext,
  s: SubscriberRow,
  version: InitRequest['version'],
  o: OfferedOrder,
  range: DateRange | undefined,
  service = o.service,
): Buffer | null {
  if (o.purpose.kind !== 'statement') return null;
  return ctx.statementSource(statementSubscriber(ctx, s), o.purpose.statement, range, {
    ebicsVersion: version,
    orderType: o.orderType,
    service,
    zip: o.purpose.zip,
  });
}

/** The download orders with something to deliver right now (HAA). */
function availableDownloads(ctx: BankContext, s: SubscriberRow, version: InitRequest['version']): OfferedOrder[] {
  return offeredOrders(version).filter((o) => {
    if (o.purpose.direction !== 'download') return false;
    if (o.purpose.kind === 'statement') return statementFor(ctx, s, version, o, undefined) !== null;
    if (o.purpose.kind === 'protocol')
      return version === 'H004' && protocolEntries(ctx.db, s.partnerId, o.purpose.protocol === 'HAC' ? 'hac' : 'ptk').length > 0;
    return false;
  });
}

function produce(ctx: BankContext, req: InitRequest, s: SubscriberRow, o: OfferedOrder): Produced | null {
  const p = o.purpose;
  const now = nowIso(ctx);
  if (p.kind === 'statement') {
    const data = statementFor(ctx, s, req.version, o, req.order.dateRange, req.order.service);
    return data ? { data } : null;
  }
  if (p.kind === 'protocol') {
    const kind: ProtocolKind = p.protocol === 'HAC' ? 'hac' : 'ptk';
    const lines = protocolLines(ctx, s, kind, req.order.dateRange);
    if (lines.length === 0) return null;
    const text =
      kind === 'hac'
        ? buildHac(lines, { hostId: ctx.hostId, messageId: `HAC${now.replace(/\D/g, '').slice(0, 17)}`, createdAt: now })
        : buildPtk(lines, { hostId: ctx.hostId, createdAt: now });
    return { data: Buffer.from(text, 'utf8'), delivery: { protocol: { kind, ids: lines.map((l) => l.id) } } };
  }
  if (p.kind === 'vop-report') {
    const next = nextVopReport(ctx.db, s.partnerId);
    if (!next) return null;
    const zip = (req.order.service?.container ?? o.service?.container) === 'ZIP' && req.version === 'H005';
    const data = zip ? Buffer.from(zipStatements([{ name: `VOP_${next.orderId}.xml`, content: next.report }])) : next.report;
    return { data, delivery: { vopReport: { orderId: next.orderId } } };
  }
  if (p.kind === 'veu') {
    if (p.overview === 'HVD') return { data: Buffer.from(buildHvdOrderData(ctx, req.version, s, req.order.veu), 'utf8') };
    if (p.overview === 'HVT') return { data: Buffer.from(buildHvtOrderData(ctx, req.version, s, req.order.veu), 'utf8') };
    const waiting = waitingOrders(ctx.db, s.partnerId).filter((w) => ctx.listed?.(w.order.orderId) ?? true);
    const viewer = viewerOf(ctx, s);
    const xml = p.overview === 'HVU' ? buildHvuOrderData(req.version, waiting, viewer) : buildHvzOrderData(req.version, waiting, viewer);
    return xml === null ? null : { data: Buffer.from(xml, 'utf8') };
  }
  if (p.kind === 'parameters') {
    switch (p.parameters) {
      case 'HTD':
        return { data: Buffer.from(buildHtdOrderData(customerData(ctx, s, req.version, false)), 'utf8') };
      case 'HKD':
        return { data: Buffer.from(buildHkdOrderData(customerData(ctx, s, req.version, true)), 'utf8') };
      case 'HAA':
        return { data: Buffer.from(buildHaaOrderData(req.version, availableDownloads(ctx, s, req.version)), 'utf8') };
      case 'HPD':
        return { data: Buffer.from(buildHpdOrderData(req.version, ctx.hostId, ctx.url), 'utf8') };
    }
  }
  throw new Refusal('061002', `${o.orderType} is not a download`);
}

/** Download initialisation; the order has been recognised and the bank digests checked. */
export function initDownload(ctx: BankContext, req: InitRequest, s: SubscriberRow, o: OfferedOrder): EbicsResponseSpec {
  if (req.upload) throw new Refusal('061002', 'a download initialisation carries no DataTransfer');
  const produced = produce(ctx, req, s, o);
  if (!produced) return { version: req.version, phase: 'Initialisation', code: '090005' };
  const target = encryptionTarget(s, req.version);
  const txKey = newTransactionKey();
  const segments = downloadSegments(sealOrderData(produced.data, txKey), ctx.segmentSize);
  const transactionId = newTransactionId();
  insertTransaction(
    ctx.db,
    {
      id: transactionId,
      subscriberId: s.id,
      ebicsVersion: req.version,
      direction: 'download',
      orderType: req.order.orderType,
      service: req.order.service ? JSON.stringify(req.order.service) : null,
      orderId: null,
      numSegments: segments.length,
      state: 'sending',
      transactionKey: txKey,
      signatureData: null,
      dataDigest: null,
      orderParams: req.order.dateRange ? JSON.stringify({ dateRange: req.order.dateRange }) : null,
      payload: segments.join(''),
      segmentSize: ctx.segmentSize,
      deliver: produced.delivery ? JSON.stringify(produced.delivery) : null,
    },
    nowIso(ctx),
  );
  setSegmentsDone(ctx.db, transactionId, 1, nowIso(ctx));
  return {
    version: req.version,
    phase: 'Initialisation',
    transactionId,
    numSegments: segments.length,
    segment: { number: 1, last: segments.length === 1 },
    dataTransfer: {
      encryption: { encryptionPubKeyDigest: target.digest, transactionKey: encryptTransactionKey(txKey, target.key) },
      orderData: segments[0] ?? '',
    },
    code: '000000',
  };
}

function segmentOf(tx: TransactionRow, n: number): string {
  const size = tx.segmentSize ?? 0;
  return (tx.payload ?? '').slice((n - 1) * size, n * size);
}

export function transferDownload(ctx: BankContext, req: TransferRequest, tx: TransactionRow): EbicsResponseSpec {
  if (req.orderData !== undefined) throw new Refusal('061002', 'a download transfer carries no OrderData');
  if (tx.state !== 'sending') throw new Refusal('091101', 'the download was already acknowledged');
  const n = req.segmentNumber;
  if (n > tx.numSegments) throw new Refusal('091104', `segment ${n} of ${tx.numSegments}`);
  if (n > tx.segmentsDone) setSegmentsDone(ctx.db, tx.id, n, nowIso(ctx));
  return {
    version: req.version,
    phase: 'Transfer',
    transactionId: tx.id,
    segment: { number: n, last: n === tx.numSegments },
    dataTransfer: { orderData: segmentOf(tx, n) },
    code: '000000',
  };
}

export function receipt(ctx: BankContext, req: ReceiptRequest, tx: TransactionRow): EbicsResponseSpec {
  if (tx.direction !== 'download') throw new Refusal('061002', 'a receipt belongs to a download');
  const code = req.receiptCode === 0 ? '011000' : '011001';
  const answer: EbicsResponseSpec = { version: req.version, phase: 'Receipt', transactionId: tx.id, code };
  if (tx.state !== 'sending') {
    // The same receipt again (its answer got lost) changes nothing; a different one is too late.
    if (tx.receiptCode === req.receiptCode) return answer;
    throw new Refusal('091101', 'the download was already acknowledged');
  }
  const at = nowIso(ctx);
  setTransactionState(ctx.db, tx.id, req.receiptCode === 0 ? 'receipted' : 'not_receipted', at, req.receiptCode);
  clearPayload(ctx.db, tx.id);
  if (req.receiptCode === 0 && tx.deliver) {
    const delivery = JSON.parse(tx.deliver) as Delivery;
    if (delivery.protocol) markProtocolDelivered(ctx.db, delivery.protocol.ids, delivery.protocol.kind, at);
    if (delivery.vopReport) markVopReportDelivered(ctx.db, delivery.vopReport.orderId, at);
  }
  return answer;
}
