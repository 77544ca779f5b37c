/**
 * The EBICS client: the message, crypto and transport parts put together
 * into the exchanges a bank access needs. Every upload and download is
 * written to the transaction journal before each request leaves the machine.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Clock } from '../../shared/dates';
import { toInstantIso } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { aesEncrypt, decryptTransactionKey, encryptTransactionKey, newTransactionKey } from './crypto/e002';
import { certificateHash, publicKeyHash } from './crypto/hashes';
import { certificatePublicKey, modExpOf, publicKeyFromModExp } from './crypto/keys';
import { orderDataDigest, signOrderData, signOrderDigest } from './crypto/order-signature';
import { packOrderData, unpackOrderData, SEGMENT_SIZE } from './crypto/pipeline';
import { signRequest, verifyResponse } from './crypto/x002';
import { keyManagementOrder, resolveOrder, type Purpose, type ResolvedOrder } from './messages/catalogue';
import { buildHevRequest, parseHevResponse, type HevResponse } from './messages/hev';
import { parseHpbOrderData, type BankPublicKey } from './messages/hpb-order-data';
import {
  buildHcaOrderData,
  buildHcsOrderData,
  buildHiaRequest,
  buildHpbRequest,
  buildIniRequest,
  buildSignaturePubKeyOrderData,
} from './messages/key-management';
import { ebicsTimestamp, newNonce } from './messages/params';
import { parseEbicsResponse, type EbicsResponse } from './messages/responses';
import { checkResponse } from './messages/return-codes';
import {
  buildDownloadInitialisation,
  buildDownloadTransfer,
  buildReceipt,
  buildSuspensionRequest,
  buildUploadInitialisation,
  buildUploadTransfer,
  SPR_SIGNED_DATA,
} from './messages/transfers';
import type { EbicsJournal, TransferPhase } from './journal';
import { buildUserSignatureData } from './messages/user-signature';
import { buildVeuDownloadInitialisation, buildVeuSignatureRequest, type VeuOrderRef } from './messages/veu';
import type { EbicsVersion } from './messages/versions';
import type { OwnKey, SubscriberIdentity, SubscriberKeys, TrustedBankKeys } from './subscriber';
import type { Transport } from './transport';

export interface TransferProgress {
  direction: 'upload' | 'download';
  label: string;
  done: number;
  total: number;
}

export interface ClientOptions extends SubscriberIdentity {
  transport: Transport;
  keys: SubscriberKeys;
  /** Absent until the user has validated the bank's keys: then only INI, HIA and HPB may be sent. */
  bankKeys?: TrustedBankKeys;
  clock: Clock;
  /** Where every transfer and request is recorded before it leaves the machine. */
  journal: EbicsJournal;
  bankAccessId?: number | null;
  catalogueOverrides?: unknown;
  segmentSize?: number;
  onProgress?: (p: TransferProgress) => void;
}

export interface BankKeyCandidate {
  key: KeyObject;
  certificate?: Buffer;
  /** H004 public-key hash, as the bank's letter prints it for EBICS 2.5. */
  publicKeyHash: Buffer;
  /** SHA-256 of the certificate, as letters print it for EBICS 3.0. */
  certificateHash?: Buffer;
}

export interface FetchedBankKeys {
  authentication: BankKeyCandidate;
  encryption: BankKeyCandidate;
}

export interface UploadResult {
  orderId: string | undefined;
  transactionId: string;
  transferId: number;
}

/**
 * An upload the bank has accepted the initialisation of, kept in memory until
 * it completes: the transaction id and the encrypted segments exactly as
 * sent. EBICS recovery sends the segments again, unchanged, within the same
 * transaction; a bank that already holds a segment answers it again (or says
 * which segment it holds), so the order can never arise twice from it. The
 * transaction key itself never leaves memory: after a restart this is gone,
 * and the order service falls back to the bank's word (HVU/HAC) and the
 * journal.
 */
interface UploadSession {
  transactionId: string;
  segments: string[];
  label: string;
}

const MAX_SESSIONS = 32;
const uploadSessions = new Map<string, UploadSession>();
type JournalId = Pick<EbicsJournal, 'id'>;
const sessionKey = (journal: JournalId, transferId: number) => `${journal.id}#${transferId}`;

function keepSession(journal: JournalId, transferId: number, s: UploadSession): void {
  uploadSessions.set(sessionKey(journal, transferId), s);
  while (uploadSessions.size > MAX_SESSIONS) uploadSessions.delete(uploadSessions.keys().next().value!);
}

/** Whether this process can still resume an interrupted upload (EBICS recovery) of that journal transfer. */
export function canResumeUpload(journal: JournalId, transferId: number): boolean {
  return uploadSessions.has(sessionKey(journal, transferId));
}

/** Forgets an interrupted upload: it will not be resumed (e.g. superseded by a new upload of the same order). */
export function forgetUploadSession(journal: JournalId, transferId: number): void {
  uploadSessions.delete(sessionKey(journal, transferId));
}

/**
 * Upload segment size: EBICS allows up to 1 MB. KONTOR_EBICS_SEGMENT_SIZE
 * (base64 characters, a multiple of 4) makes it smaller, so tests exercise
 * segmented uploads with small payment files.
 */
function defaultSegmentSize(): number {
  const raw = process.env.KONTOR_EBICS_SEGMENT_SIZE;
  if (raw === undefined || raw === '') return SEGMENT_SIZE;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 4 || n > SEGMENT_SIZE || n % 4 !== 0)
    throw new RangeError(`KONTOR_EBICS_SEGMENT_SIZE must be a multiple of 4 up to ${SEGMENT_SIZE}, not ${raw}`);
  return n;
}

export interface DownloadResult {
  /** null: the bank had nothing to send (090005), which is not an error. */
  data: Buffer | null;
  orderId: string | undefined;
  transferId: number | null;
}

/** The public half of a key as INI/HIA/PUB/HCA/HCS carry it. */
function publicPart(k: OwnKey): { modulus: Buffer; exponent: Buffer; certificate?: Buffer } {
  return { ...modExpOf(k.publicKey), ...(k.certificate ? { certificate: k.certificate } : {}) };
}

/**
 * A response must be in the version the request was: a bank (or something
 * in between) answering H004 to an H005 request is not trusted to mean the
 * same thing by its codes and fields.
 */
function requireSameVersion(response: EbicsResponse, version: EbicsVersion): void {
  if (response.version === version) return;
  throw new KontorError(
    'ebics.versionMismatch',
    `The bank answered in EBICS schema ${response.version} to a request in ${version}. Check the bank access's EBICS version with the bank.`,
    { requested: version, answered: response.version },
  );
}

function bankKeyCandidate(k: BankPublicKey): BankKeyCandidate {
  const certificate = k.certificates[0];
  const key = k.modulus && k.exponent ? publicKeyFromModExp(k.modulus, k.exponent) : certificatePublicKey(certificate!);
  return {
    key,
    publicKeyHash: publicKeyHash(key),
    ...(certificate ? { certificate, certificateHash: certificateHash(certificate) } : {}),
  };
}

/** The identity every request of one client carries. */
function identityOf(o: ClientOptions) {
  return { version: o.version, hostId: o.hostId, partnerId: o.partnerId, userId: o.userId, ...(o.systemId ? { systemId: o.systemId } : {}) };
}

/** What every exchange of one client needs: its options, identity, segment size and journal. */
interface ClientSession {
  o: ClientOptions;
  identity: ReturnType<typeof identityOf>;
  segmentSize: number;
  journal: ClientOptions['journal'];
}

const now = (s: ClientSession) => toInstantIso(s.o.clock.now());
const secured = (s: ClientSession) => ({ ...s.identity, nonce: newNonce(), timestamp: ebicsTimestamp(s.o.clock.now()) });
const digests = (b: TrustedBankKeys) => ({
  authentication: { version: 'X002' as const, digest: b.authenticationDigest },
  encryption: { version: 'E002' as const, digest: b.encryptionDigest },
});

function requireBankKeys(s: ClientSession): TrustedBankKeys {
  if (!s.o.bankKeys) {
    throw new KontorError(
      'ebics.bankKeysNotTrusted',
      'The bank keys have not been confirmed yet. Fetch them (HPB) and compare them with the bank’s letter first.',
    );
  }
  return s.o.bankKeys;
}

/** Sends a signed request and returns the checked response; the bank's X002 signature is verified once its keys are trusted. */
async function exchange(s: ClientSession, xml: string, options: { download?: boolean } = {}): Promise<{ response: EbicsResponse; noData: boolean }> {
  const signed = signRequest(xml, s.o.keys.authentication.privateKey);
  const raw = await s.o.transport.post(signed);
  const response = parseEbicsResponse(raw);
  requireSameVersion(response, s.o.version);
  if (s.o.bankKeys && response.kind === 'ebicsResponse') verifyResponse(raw, s.o.bankKeys.authentication);
  const { noData } = checkResponse(response, options);
  return { response, noData };
}

/** Runs one journalled step: recorded before sending, answered or failed after. */
async function step<T extends { response: EbicsResponse }>(
  s: ClientSession,
  transferId: number,
  record: { phase: TransferPhase; segmentNumber?: number; nonce?: string },
  send: () => Promise<T>,
  answered: (r: T) => { segmentsDone?: number; numSegments?: number } = () => ({}),
): Promise<T> {
  const stepId = s.journal.stepSending(transferId, record, now(s));
  let result: T;
  try {
    result = await send();
  } catch (e) {
    // A refusal by the bank is a known outcome; anything else (no answer, a
    // garbled or unverifiable one) leaves open whether the bank acted on it.
    const refusedByBank = e instanceof KontorError && 'ebicsCode' in e;
    s.journal.stepFailed(stepId, (e as Error).message, refusedByBank ? 'failed' : 'uncertain', now(s));
    throw e;
  }
  const r = result.response;
  s.journal.stepAnswered(
    stepId,
    {
      technicalCode: r.technical.code,
      businessCode: r.business?.code ?? null,
      transactionId: r.transactionId ?? null,
      orderId: r.orderId ?? null,
      ...answered(result),
    },
    now(s),
  );
  return result;
}

/** The encrypted UserSignatureData (ES under signature class T) for order data. */
function signatureDataFor(s: ClientSession, data: Buffer, txKey: Buffer): Buffer {
  const sig = s.o.keys.signature;
  const xml = buildUserSignatureData({
    version: s.o.version,
    signatures: [
      { signatureVersion: sig.version, signatureValue: signOrderData(data, sig.privateKey, sig.version), partnerId: s.o.partnerId, userId: s.o.userId },
    ],
  });
  return aesEncrypt(deflateSync(Buffer.from(xml, 'utf8')), txKey);
}

async function uploadOrder(
  s: ClientSession,
  order: ResolvedOrder,
  data: Buffer,
  extra: { purpose: string; paymentOrderId?: number | null; fileName?: string },
): Promise<UploadResult> {
  const bank = requireBankKeys(s);
  const txKey = newTransactionKey();
  const packed = packOrderData(data, txKey, s.segmentSize);
  const numSegments = packed.segments.length;
  const transferId = s.journal.openTransfer(
    {
      bankAccessId: s.o.bankAccessId ?? null,
      ...s.identity,
      ebicsVersion: s.o.version,
      direction: 'upload',
      purpose: extra.purpose,
      orderType: order.version === 'H004' ? order.orderType : order.adminOrderType,
      paymentOrderId: extra.paymentOrderId ?? null,
      dataSha256: createHash('sha256').update(data).digest('hex'),
      dataBytes: data.length,
      numSegments,
    },
    now(s),
  );
  const progress = (done: number) => s.o.onProgress?.({ direction: 'upload', label: order.label, done, total: numSegments });
  progress(0);
  const head = secured(s);
  const init = await step(s, transferId, { phase: 'initialisation', nonce: head.nonce }, () =>
    exchange(
      s,
      buildUploadInitialisation({
        ...head,
        order,
        bankKeyDigests: digests(bank),
        numSegments,
        transactionKey: encryptTransactionKey(txKey, bank.encryption),
        signatureData: signatureDataFor(s, data, txKey),
        dataDigest: { signatureVersion: s.o.keys.signature.version, digest: orderDataDigest(data) },
        ...(extra.fileName && s.o.version === 'H005' ? { fileName: extra.fileName } : {}),
        ...(s.o.version === 'H005' ? { requestEDS: true } : {}),
      }),
    ),
  );
  const transactionId = init.response.transactionId;
  if (!transactionId) throw new KontorError('ebics.responseMalformed', 'The bank did not return a transaction id for the upload.');
  keepSession(s.journal, transferId, { transactionId, segments: packed.segments, label: order.label });
  return sendSegments(s, transferId, 1, init.response.orderId);
}

/**
 * Sends segments `from`..n of a journalled upload whose session this
 * process holds, then closes the transfer. A refusal by the bank ends the
 * session (the transaction is over at the bank); a lost or unusable answer
 * keeps it, so the upload can be resumed.
 */
async function sendSegments(s: ClientSession, transferId: number, from: number, initOrderId: string | undefined): Promise<UploadResult> {
  const session = uploadSessions.get(sessionKey(s.journal, transferId));
  if (!session)
    throw new KontorError('ebics.noRecoverySession', 'This upload cannot be resumed: its transaction is not known to this Kontor process any more.');
  const { transactionId, segments, label } = session;
  const numSegments = segments.length;
  const progress = (done: number) => s.o.onProgress?.({ direction: 'upload', label, done, total: numSegments });
  for (let i = from; i <= numSegments; i++) {
    try {
      await step(
        s,
        transferId,
        { phase: 'transfer', segmentNumber: i },
        () =>
          exchange(
            s,
            buildUploadTransfer({ version: s.o.version, hostId: s.o.hostId, transactionId, segmentNumber: i, numSegments, orderData: segments[i - 1]! }),
          ),
        () => ({ segmentsDone: i }),
      );
    } catch (e) {
      if (e instanceof KontorError && 'ebicsCode' in e) forgetUploadSession(s.journal, transferId);
      throw e;
    }
    progress(i);
  }
  forgetUploadSession(s.journal, transferId);
  s.journal.closeTransfer(transferId, 'completed', now(s));
  return { orderId: initOrderId ?? s.journal.transfer(transferId)?.orderId ?? undefined, transactionId, transferId };
}

/**
 * EBICS recovery of an interrupted upload: the same transaction, from the
 * first segment the bank has not confirmed, with the identical segments.
 */
async function resumeUpload(s: ClientSession, transferId: number): Promise<UploadResult> {
  requireBankKeys(s);
  const transfer = s.journal.transfer(transferId);
  if (!transfer || transfer.direction !== 'upload') throw new KontorError('ebics.noRecoverySession', `Transfer ${transferId} is not an upload of this ledger.`);
  const confirmed = new Set(
    s.journal
      .steps(transferId)
      .filter((st) => st.phase === 'transfer' && st.state === 'answered' && st.segmentNumber !== null)
      .map((st) => st.segmentNumber!),
  );
  let from = 1;
  while (confirmed.has(from)) from++;
  s.o.onProgress?.({
    direction: 'upload',
    label: uploadSessions.get(sessionKey(s.journal, transferId))?.label ?? transfer.orderType,
    done: from - 1,
    total: transfer.numSegments ?? from,
  });
  return sendSegments(s, transferId, from, transfer.orderId ?? undefined);
}

/** A journalled download: initialisation, segments 2..n, processing, receipt. */
async function downloadOrder(
  s: ClientSession,
  what: { purpose: string; label: string; orderType: string },
  buildInit: (head: ReturnType<typeof secured>, bank: TrustedBankKeys) => string,
  process?: (data: Buffer) => Promise<void> | void,
): Promise<DownloadResult> {
  const bank = requireBankKeys(s);
  const transferId = s.journal.openTransfer(
    {
      bankAccessId: s.o.bankAccessId ?? null,
      ...s.identity,
      ebicsVersion: s.o.version,
      direction: 'download',
      purpose: what.purpose,
      orderType: what.orderType,
    },
    now(s),
  );
  const head = secured(s);
  const init = await step(
    s,
    transferId,
    { phase: 'initialisation', nonce: head.nonce },
    () => exchange(s, buildInit(head, bank), { download: true }),
    (r) => ({ numSegments: r.response.numSegments ?? 1, segmentsDone: r.noData ? 0 : 1 }),
  );
  if (init.noData) {
    s.journal.closeTransfer(transferId, 'completed', now(s));
    return { data: null, orderId: init.response.orderId, transferId };
  }
  const { transactionId, transactionKey, numSegments = 1 } = init.response;
  if (!transactionId || !transactionKey || init.response.orderData === undefined) {
    throw new KontorError('ebics.responseMalformed', 'The bank’s download answer lacks its transaction id, key or data.');
  }
  const segments = [init.response.orderData];
  s.o.onProgress?.({ direction: 'download', label: what.label, done: 1, total: numSegments });
  for (let i = 2; i <= numSegments; i++) {
    const r = await step(
      s,
      transferId,
      { phase: 'transfer', segmentNumber: i },
      () => exchange(s, buildDownloadTransfer({ version: s.o.version, hostId: s.o.hostId, transactionId, segmentNumber: i, numSegments }), { download: true }),
      () => ({ segmentsDone: i }),
    );
    if (r.response.orderData === undefined) throw new KontorError('ebics.responseMalformed', `The bank sent segment ${i} without data.`);
    segments.push(r.response.orderData);
    s.o.onProgress?.({ direction: 'download', label: what.label, done: i, total: numSegments });
  }
  const txKey = decryptTransactionKey(transactionKey, s.o.keys.encryption.privateKey);
  const data = unpackOrderData(segments, txKey);
  let receiptCode: 0 | 1 = 0;
  let processingError: unknown;
  try {
    await process?.(data);
  } catch (e) {
    receiptCode = 1;
    processingError = e;
  }
  await step(s, transferId, { phase: 'receipt' }, () =>
    exchange(s, buildReceipt({ version: s.o.version, hostId: s.o.hostId, transactionId, receiptCode }), { download: true }),
  );
  s.journal.closeTransfer(
    transferId,
    processingError ? 'failed' : 'completed',
    now(s),
    processingError ? String((processingError as Error).message) : undefined,
  );
  if (processingError) throw processingError;
  return { data, orderId: init.response.orderId, transferId };
}

/**
 * HPB: fetches the bank's keys. They are candidates only: the caller shows
 * their hashes beside the bank's letter and trusts them when the user confirms.
 */
async function fetchBankKeys(s: ClientSession): Promise<FetchedBankKeys> {
  const raw = await s.o.transport.post(signRequest(buildHpbRequest(secured(s)), s.o.keys.authentication.privateKey));
  const response = parseEbicsResponse(raw);
  checkResponse(response);
  if (!response.transactionKey || !response.orderData) throw new KontorError('ebics.responseMalformed', 'The bank sent no key data (HPB).');
  const txKey = decryptTransactionKey(response.transactionKey, s.o.keys.encryption.privateKey);
  // Base64, decryption and inflation with typed errors and a 1 MB ceiling: the bank is not trusted yet.
  const xml = unpackOrderData([response.orderData], txKey, { maxBytes: 1024 * 1024 });
  const hpb = parseHpbOrderData(xml);
  if (hpb.hostId !== s.o.hostId) {
    throw new KontorError('ebics.bankKeysInvalid', `The bank keys are for host ${hpb.hostId}, not ${s.o.hostId}.`, { detail: 'host' });
  }
  return { authentication: bankKeyCandidate(hpb.authentication), encryption: bankKeyCandidate(hpb.encryption) };
}

/**
 * HVE (sign) or HVS (cancel) an order waiting in the distributed signature:
 * the signature over the order's data digest, as the bank reported it in
 * HVD/HVZ. Only ever called by the VEU service after the signer confirmed.
 */
async function veuSignature(s: ClientSession, orderType: 'HVE' | 'HVS', ref: VeuOrderRef, digest: Buffer): Promise<{ orderId: string | undefined }> {
  const bank = requireBankKeys(s);
  const sig = s.o.keys.signature;
  const txKey = newTransactionKey();
  const xml = buildUserSignatureData({
    version: s.o.version,
    signatures: [
      { signatureVersion: sig.version, signatureValue: signOrderDigest(digest, sig.privateKey, sig.version), partnerId: s.o.partnerId, userId: s.o.userId },
    ],
  });
  const transferId = s.journal.openTransfer(
    {
      bankAccessId: s.o.bankAccessId ?? null,
      ...s.identity,
      ebicsVersion: s.o.version,
      direction: 'upload',
      purpose: `veu:${orderType}`,
      orderType,
      paymentOrderId: null,
      dataSha256: digest.toString('hex'),
      dataBytes: 0,
      numSegments: 0,
    },
    now(s),
  );
  const head = secured(s);
  const r = await step(s, transferId, { phase: 'initialisation', nonce: head.nonce }, () =>
    exchange(
      s,
      buildVeuSignatureRequest({
        ...head,
        orderType,
        ref,
        bankKeyDigests: digests(bank),
        transactionKey: encryptTransactionKey(txKey, bank.encryption),
        signatureData: aesEncrypt(deflateSync(Buffer.from(xml, 'utf8')), txKey),
        dataDigest: { signatureVersion: sig.version, digest },
      }),
    ),
  );
  s.journal.closeTransfer(transferId, 'completed', now(s));
  return { orderId: r.response.orderId };
}

/** PUB / HCA / HCS: sends new keys, signed with the current signature key. Switch keys only after this succeeds. */
function changeKeys(s: ClientSession, kind: 'PUB' | 'HCA' | 'HCS', next: Partial<SubscriberKeys>): Promise<UploadResult> {
  const base = { version: s.o.version, partnerId: s.o.partnerId, userId: s.o.userId, timestamp: now(s) };
  const sig = next.signature;
  const auth = next.authentication;
  const enc = next.encryption;
  let xml: string;
  if (kind === 'PUB') {
    if (!sig) throw new Error('PUB needs a new signature key');
    xml = buildSignaturePubKeyOrderData({ ...base, signatureVersion: sig.version, key: publicPart(sig) });
  } else if (kind === 'HCA') {
    if (!auth || !enc) throw new Error('HCA needs new authentication and encryption keys');
    xml = buildHcaOrderData({ ...base, authentication: publicPart(auth), encryption: publicPart(enc) });
  } else {
    if (!sig || !auth || !enc) throw new Error('HCS needs all three new keys');
    xml = buildHcsOrderData({
      ...base,
      authentication: publicPart(auth),
      encryption: publicPart(enc),
      signatureVersion: sig.version,
      signature: publicPart(sig),
    });
  }
  return uploadOrder(s, keyManagementOrder(kind, s.o.version), Buffer.from(xml, 'utf8'), { purpose: `keys:${kind}` });
}

/** SPR: suspends this subscriber at the bank. Only the signature travels, no order data. */
async function suspend(s: ClientSession): Promise<void> {
  const bank = requireBankKeys(s);
  const txKey = newTransactionKey();
  const data = Buffer.from(SPR_SIGNED_DATA, 'utf8');
  await exchange(
    s,
    buildSuspensionRequest({
      ...secured(s),
      bankKeyDigests: digests(bank),
      transactionKey: encryptTransactionKey(txKey, bank.encryption),
      signatureData: signatureDataFor(s, data, txKey),
      dataDigest: { signatureVersion: s.o.keys.signature.version, digest: orderDataDigest(data) },
    }),
  );
}

export function createEbicsClient(o: ClientOptions) {
  const s: ClientSession = { o, identity: identityOf(o), segmentSize: o.segmentSize ?? defaultSegmentSize(), journal: o.journal };
  return {
    identity: s.identity,

    /** HEV: which EBICS versions the host speaks (unsigned, works before any key exists). */
    async hostVersions(): Promise<HevResponse> {
      return parseHevResponse(await s.o.transport.post(buildHevRequest({ hostId: s.o.hostId })));
    },

    /** INI: sends the signature key. */
    async sendIni(): Promise<void> {
      const raw = await s.o.transport.post(
        buildIniRequest({ ...s.identity, signatureVersion: s.o.keys.signature.version, key: publicPart(s.o.keys.signature), timestamp: now(s) }),
      );
      checkResponse(parseEbicsResponse(raw));
    },

    /** HIA: sends the authentication and encryption keys. */
    async sendHia(): Promise<void> {
      const raw = await s.o.transport.post(
        buildHiaRequest({ ...s.identity, authentication: publicPart(s.o.keys.authentication), encryption: publicPart(s.o.keys.encryption), timestamp: now(s) }),
      );
      checkResponse(parseEbicsResponse(raw));
    },

    /** Uploads an order (e.g. a pain.001 file) under the subscriber's transport signature. */
    upload(purpose: Purpose, data: Buffer, extra: { paymentOrderId?: number | null; fileName?: string } = {}): Promise<UploadResult> {
      return uploadOrder(s, resolveOrder(purpose, s.o.version, s.o.catalogueOverrides), data, { purpose, ...extra });
    },

    /**
     * Downloads an order's data. `process` stores it; only when it returns is
     * the receipt sent with code 0, so a crash in between makes the bank offer
     * the data again instead of losing it.
     */
    async download(
      purpose: Purpose,
      options: { dateRange?: { start: string; end: string }; process?: (data: Buffer) => Promise<void> | void } = {},
    ): Promise<DownloadResult> {
      const order = resolveOrder(purpose, s.o.version, s.o.catalogueOverrides);
      return downloadOrder(
        s,
        { purpose, label: order.label, orderType: order.version === 'H004' ? order.orderType : order.adminOrderType },
        (head, bank) =>
          buildDownloadInitialisation({ ...head, order, bankKeyDigests: digests(bank), ...(options.dateRange ? { dateRange: options.dateRange } : {}) }),
        options.process,
      );
    },

    /** HVD (state and signatures) or HVT (transactions) of one order waiting in the distributed signature. */
    veuDownload(orderType: 'HVD' | 'HVT', ref: VeuOrderRef, process?: (data: Buffer) => Promise<void> | void): Promise<DownloadResult> {
      return downloadOrder(
        s,
        { purpose: `veu:${orderType}`, label: orderType, orderType },
        (head, bank) => buildVeuDownloadInitialisation({ ...head, orderType, ref, bankKeyDigests: digests(bank) }),
        process,
      );
    },

    /**
     * HPB: fetches the bank's keys. They are candidates only: the caller shows
     * their hashes beside the bank's letter and trusts them when the user confirms.
     */
    fetchBankKeys: () => fetchBankKeys(s),
    /** EBICS recovery: continues an interrupted upload of this process in its own transaction (see `canResumeUpload`). */
    resumeUpload: (transferId: number) => resumeUpload(s, transferId),
    /** HVE (sign) or HVS (cancel) an order waiting in the distributed signature; only ever called by the VEU service after the signer confirmed. */
    veuSignature: (orderType: 'HVE' | 'HVS', ref: VeuOrderRef, digest: Buffer) => veuSignature(s, orderType, ref, digest),
    /** PUB / HCA / HCS: sends new keys, signed with the current signature key. Switch keys only after this succeeds. */
    changeKeys: (kind: 'PUB' | 'HCA' | 'HCS', next: Partial<SubscriberKeys>) => changeKeys(s, kind, next),
    /** SPR: suspends this subscriber at the bank. Only the signature travels, no order data. */
    suspend: () => suspend(s),
  };
}

export type EbicsClient = ReturnType<typeof createEbicsClient>;
