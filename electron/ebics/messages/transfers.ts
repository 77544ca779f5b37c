/**
 * `ebicsRequest` in its phases:
 *  - upload: Initialisation (order details, encrypted transaction key,
 *    encrypted order signature, number of segments; H005 also `DataDigest`)
 *    then one Transfer per segment;
 *  - download: Initialisation (optional date range) returns segment 1, then
 *    Transfer for segments 2..n, then Receipt.
 * Transfer and receipt requests carry only HostID and TransactionID in the
 * static header. Every request gets the AuthSignature skeleton for X002.
 *
 * Order IDs: none are sent. In H004 `OrderID` is optional and EBICS 2.5 lets
 * the bank assign it (it comes back in the response header, `orderId` of the
 * parsed response); H005 does the same.
 */
import { z } from 'zod';
import { AUTHENTICATE, appendAuthSignature } from './auth-signature';
import { btfServiceSchema, keyManagementOrder, type BtfService, type ResolvedOrder } from './catalogue';
import {
  bankKeyDigestsSchema,
  base64TextSchema,
  check,
  dateRangeSchema,
  hostIdSchema,
  nonEmptyBytesSchema,
  orderTypeSchema,
  securedFields,
  sha256Schema,
  signatureVersionSchema,
  transactionIdSchema,
  versionSchema,
} from './params';
import { ALGORITHM, type EbicsVersion } from './versions';
import { b64, ebicsRoot, element, finish, textElement, writeBankPubKeyDigests, writePartnerUserSystem, writeProduct, type XMLBuilder } from './xml-write';

const orderParamsKind = z.enum(['standard', 'hvu', 'hvz']);
const direction = z.enum(['upload', 'download']);

/** Structural check of a `ResolvedOrder` (normally from `resolveOrder` / `keyManagementOrder`). */
export const resolvedOrderSchema = z.discriminatedUnion('version', [
  z.object({
    version: z.literal('H004'),
    label: z.string(),
    direction,
    orderType: orderTypeSchema,
    orderAttribute: z.enum(['OZHNN', 'DZHNN', 'UZHNN']),
    orderParams: orderParamsKind,
  }),
  z.object({
    version: z.literal('H005'),
    label: z.string(),
    direction,
    adminOrderType: orderTypeSchema,
    service: btfServiceSchema.optional(),
    orderParams: orderParamsKind,
  }),
]);

const fileNameSchema = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^\p{Cc}\p{Cs}\uFFFE\uFFFF]*$/u, 'must not contain control characters');

interface OrderExtras {
  dateRange?: { start: string; end: string } | undefined;
  fileName?: string | undefined;
  requestEDS?: boolean | undefined;
}

function writeDateRange(parent: XMLBuilder, r: { start: string; end: string }): void {
  const el = parent.ele('DateRange');
  textElement(el, 'Start', r.start);
  textElement(el, 'End', r.end);
}

export function writeService(parent: XMLBuilder, s: BtfService): void {
  const el = parent.ele('Service');
  textElement(el, 'ServiceName', s.serviceName);
  if (s.scope !== undefined) textElement(el, 'Scope', s.scope);
  if (s.serviceOption !== undefined) textElement(el, 'ServiceOption', s.serviceOption);
  if (s.container !== undefined) element(el, 'Container', { containerType: s.container });
  const msg: Record<string, string> = {};
  if (s.msgVariant !== undefined) msg.variant = s.msgVariant;
  if (s.msgVersion !== undefined) msg.version = s.msgVersion;
  if (s.msgFormat !== undefined) msg.format = s.msgFormat;
  textElement(el, 'MsgName', s.msgName, msg);
}

function writePlainOrderParams(details: XMLBuilder, kind: 'standard' | 'hvu' | 'hvz', dateRange: OrderExtras['dateRange']): void {
  if (kind === 'hvu') details.ele('HVUOrderParams');
  else if (kind === 'hvz') details.ele('HVZOrderParams');
  else {
    const sp = details.ele('StandardOrderParams');
    if (dateRange) writeDateRange(sp, dateRange);
  }
}

function writeOrderDetails(st: XMLBuilder, order: ResolvedOrder, extras: OrderExtras): void {
  const details = st.ele('OrderDetails');
  if (order.version === 'H004') {
    textElement(details, 'OrderType', order.orderType);
    textElement(details, 'OrderAttribute', order.orderAttribute);
    writePlainOrderParams(details, order.orderParams, extras.dateRange);
    return;
  }
  textElement(details, 'AdminOrderType', order.adminOrderType);
  if (!order.service) {
    writePlainOrderParams(details, order.orderParams, extras.dateRange);
  } else if (order.direction === 'upload') {
    const params = element(details, 'BTUOrderParams', extras.fileName !== undefined ? { fileName: extras.fileName } : {});
    writeService(params, order.service);
    // Our uploads always carry the ES; requestEDS asks the bank to queue the order for VEU.
    element(params, 'SignatureFlag', extras.requestEDS ? { requestEDS: 'true' } : {});
  } else {
    const params = details.ele('BTDOrderParams');
    writeService(params, order.service);
    if (extras.dateRange) writeDateRange(params, extras.dateRange);
  }
}

export interface InitHeader {
  version: EbicsVersion;
  hostId: string;
  nonce: string;
  timestamp: string;
  partnerId: string;
  userId: string;
  systemId?: string | undefined;
  product: { name: string; language: string; instituteId?: string | undefined };
  securityMedium: string;
  bankKeyDigests: { authentication: { version: string; digest: Uint8Array }; encryption: { version: string; digest: Uint8Array } };
}

/**
 * Root, `header` with the initialisation static header, mutable phase,
 * AuthSignature; returns the root. `details` writes `OrderDetails` (an order
 * of the catalogue, or the VEU orders' own parameters, see veu.ts).
 */
export function initialisationRequest(p: InitHeader, details: (st: XMLBuilder) => void, numSegments?: number): XMLBuilder {
  const root = ebicsRoot(p.version, 'ebicsRequest', true);
  const header = root.ele('header', AUTHENTICATE);
  const st = header.ele('static');
  textElement(st, 'HostID', p.hostId);
  textElement(st, 'Nonce', p.nonce);
  textElement(st, 'Timestamp', p.timestamp);
  writePartnerUserSystem(st, p);
  writeProduct(st, p.product);
  details(st);
  writeBankPubKeyDigests(st, p.bankKeyDigests);
  textElement(st, 'SecurityMedium', p.securityMedium);
  if (numSegments !== undefined) textElement(st, 'NumSegments', String(numSegments));
  textElement(header.ele('mutable'), 'TransactionPhase', 'Initialisation');
  appendAuthSignature(root);
  return root;
}

function orderMatches(version: EbicsVersion, order: ResolvedOrder, dir: 'upload' | 'download', ctx: z.RefinementCtx): void {
  if (order.version !== version) ctx.addIssue({ code: 'custom', path: ['order'], message: `is for ${order.version}, the request for ${version}` });
  if (order.direction !== dir) ctx.addIssue({ code: 'custom', path: ['order'], message: `is a ${order.direction}, not a ${dir}` });
}

// ---------------------------------------------------------------- upload

const uploadInitSchema = z
  .object({
    ...securedFields,
    order: resolvedOrderSchema,
    bankKeyDigests: bankKeyDigestsSchema,
    /** Number of order-data segments that follow; 0 only for a signature-only order (SPR). */
    numSegments: z.number().int().min(0).max(9_999_999_999),
    /** The transaction key, RSA-encrypted under the bank's E002 key. */
    transactionKey: nonEmptyBytesSchema,
    /** `UserSignatureData`, deflated and encrypted with the transaction key. */
    signatureData: nonEmptyBytesSchema,
    /** H005 only (ignored for H004): SHA-256 of the order data and the ES version. */
    dataDigest: z.object({ signatureVersion: signatureVersionSchema, digest: sha256Schema }).optional(),
    /** H005 BTU only: `BTUOrderParams@fileName`. */
    fileName: fileNameSchema.optional(),
    /** H005 BTU only: `SignatureFlag@requestEDS="true"` (submit for distributed signature). */
    requestEDS: z.boolean().optional(),
  })
  .superRefine((p, ctx) => {
    orderMatches(p.version, p.order, 'upload', ctx);
    if (p.version === 'H005' && !p.dataDigest) ctx.addIssue({ code: 'custom', path: ['dataDigest'], message: 'is required for H005 uploads' });
  });
export type UploadInitialisationParams = z.input<typeof uploadInitSchema>;

/** Upload, Initialisation phase. */
export function buildUploadInitialisation(params: UploadInitialisationParams): string {
  const p = check(uploadInitSchema, params, 'upload initialisation');
  const order = p.order as ResolvedOrder;
  const root = initialisationRequest(p, (st) => writeOrderDetails(st, order, { fileName: p.fileName, requestEDS: p.requestEDS }), p.numSegments);
  writeSignedDataTransfer(root, p);
  return finish(root);
}

/** `body/DataTransfer` of an upload initialisation: encrypted transaction key, encrypted ES, H005 `DataDigest`. */
export function writeSignedDataTransfer(
  root: XMLBuilder,
  p: {
    version: EbicsVersion;
    bankKeyDigests: { encryption: { version: string; digest: Uint8Array } };
    transactionKey: Uint8Array;
    signatureData: Uint8Array;
    dataDigest?: { signatureVersion: string; digest: Uint8Array } | undefined;
  },
): void {
  const transfer = root.ele('body').ele('DataTransfer');
  const dei = transfer.ele('DataEncryptionInfo', AUTHENTICATE);
  textElement(dei, 'EncryptionPubKeyDigest', b64(p.bankKeyDigests.encryption.digest), {
    Version: p.bankKeyDigests.encryption.version,
    Algorithm: ALGORITHM.sha256,
  });
  textElement(dei, 'TransactionKey', b64(p.transactionKey));
  textElement(transfer, 'SignatureData', b64(p.signatureData), AUTHENTICATE);
  if (p.version === 'H005' && p.dataDigest) {
    textElement(transfer, 'DataDigest', b64(p.dataDigest.digest), { SignatureVersion: p.dataDigest.signatureVersion });
  }
}

/**
 * What the ES of an SPR covers (and, for H005, what `DataDigest` hashes):
 * a single space. SPR sends a signature only, no order data segments.
 */
export const SPR_SIGNED_DATA = ' ';

export type SuspensionParams = Omit<UploadInitialisationParams, 'order' | 'numSegments' | 'fileName' | 'requestEDS'>;

/**
 * SPR (suspend the subscriber): an upload initialisation with the signature
 * only (H004 order attribute UZHNN) and zero segments; no transfer phase follows.
 */
export function buildSuspensionRequest(params: SuspensionParams): string {
  const version = check(z.object({ version: versionSchema }), params, 'suspension request').version;
  return buildUploadInitialisation({ ...params, order: keyManagementOrder('SPR', version), numSegments: 0 });
}

const transferBase = {
  version: versionSchema,
  hostId: hostIdSchema,
  transactionId: transactionIdSchema,
};

const segmentFields = {
  ...transferBase,
  segmentNumber: z.number().int().min(1).max(9_999_999_999),
  numSegments: z.number().int().min(1).max(9_999_999_999),
};

function segmentInRange(p: { segmentNumber: number; numSegments: number }, ctx: z.RefinementCtx): void {
  if (p.segmentNumber > p.numSegments) ctx.addIssue({ code: 'custom', path: ['segmentNumber'], message: 'is beyond numSegments' });
}

/** Root and header of a Transfer/Receipt request: static = HostID + TransactionID. */
function followUpRequest(
  p: { version: EbicsVersion; hostId: string; transactionId: string },
  phase: 'Transfer' | 'Receipt',
  segment?: { number: number; last: boolean },
): XMLBuilder {
  const root = ebicsRoot(p.version, 'ebicsRequest', true);
  const header = root.ele('header', AUTHENTICATE);
  const st = header.ele('static');
  textElement(st, 'HostID', p.hostId);
  textElement(st, 'TransactionID', p.transactionId);
  const mutable = header.ele('mutable');
  textElement(mutable, 'TransactionPhase', phase);
  if (segment) textElement(mutable, 'SegmentNumber', String(segment.number), { lastSegment: segment.last ? 'true' : 'false' });
  appendAuthSignature(root);
  return root;
}

const uploadTransferSchema = z.object({ ...segmentFields, orderData: base64TextSchema.min(1) }).superRefine(segmentInRange);
export type UploadTransferParams = z.input<typeof uploadTransferSchema>;

/** Upload, Transfer phase: one order-data segment (base64 text) as `DataTransfer/OrderData`. */
export function buildUploadTransfer(params: UploadTransferParams): string {
  const p = check(uploadTransferSchema, params, 'upload transfer');
  const root = followUpRequest(p, 'Transfer', { number: p.segmentNumber, last: p.segmentNumber === p.numSegments });
  textElement(root.ele('body').ele('DataTransfer'), 'OrderData', p.orderData);
  return finish(root);
}

// ---------------------------------------------------------------- download

const downloadInitSchema = z
  .object({
    ...securedFields,
    order: resolvedOrderSchema,
    bankKeyDigests: bankKeyDigestsSchema,
    /** Statements and protocols: the business dates to fetch. */
    dateRange: dateRangeSchema.optional(),
  })
  .superRefine((p, ctx) => {
    orderMatches(p.version, p.order, 'download', ctx);
    if (p.dateRange && p.order.orderParams !== 'standard' && !(p.order.version === 'H005' && p.order.service)) {
      ctx.addIssue({ code: 'custom', path: ['dateRange'], message: `is not supported by ${p.order.label}` });
    }
  });
export type DownloadInitialisationParams = z.input<typeof downloadInitSchema>;

/** Download, Initialisation phase (the response carries segment 1 and the number of segments). */
export function buildDownloadInitialisation(params: DownloadInitialisationParams): string {
  const p = check(downloadInitSchema, params, 'download initialisation');
  const root = initialisationRequest(p, (st) => writeOrderDetails(st, p.order as ResolvedOrder, { dateRange: p.dateRange }));
  root.ele('body');
  return finish(root);
}

const downloadTransferSchema = z.object(segmentFields).superRefine(segmentInRange);
export type DownloadTransferParams = z.input<typeof downloadTransferSchema>;

/** Download, Transfer phase: asks for segment `segmentNumber` of `numSegments`. */
export function buildDownloadTransfer(params: DownloadTransferParams): string {
  const p = check(downloadTransferSchema, params, 'download transfer');
  const root = followUpRequest(p, 'Transfer', { number: p.segmentNumber, last: p.segmentNumber === p.numSegments });
  root.ele('body');
  return finish(root);
}

const receiptSchema = z.object({
  ...transferBase,
  /** 0: the data was received and processed; 1: it was not (the bank offers it again). */
  receiptCode: z.union([z.literal(0), z.literal(1)]),
});
export type ReceiptParams = z.input<typeof receiptSchema>;

/** Download, Receipt phase: `TransferReceipt` (authenticated) with the receipt code. */
export function buildReceipt(params: ReceiptParams): string {
  const p = check(receiptSchema, params, 'download receipt');
  const root = followUpRequest(p, 'Receipt');
  textElement(root.ele('body').ele('TransferReceipt', AUTHENTICATE), 'ReceiptCode', String(p.receiptCode));
  return finish(root);
}
