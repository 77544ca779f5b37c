/**
 * One request in, one answer out. Dispatch by root element (HEV, key
 * management, ebicsRequest) and transaction phase; each request runs in one
 * SQLite transaction, so a refusal leaves the bank exactly as it was. The
 * single exception is replay protection: once a request has been
 * authenticated (X002 verified, timestamp fresh) its nonce stays used even
 * when the request is then refused, as a replayed message must never get a
 * second chance.
 *
 * Check order for signed requests: host (091011) → subscriber known (091003)
 * or transaction known (091101) → subscriber ready (091002) → X002
 * (061001) → timestamp and nonce (091103) → bank key digests (091008) →
 * order type (091005/091006/090003/091121) → the order itself.
 */
import { recordNonce } from '../store/nonces';
import { addProtocolEntry, hasProtocolEntry } from '../store/protocol-log';
import { getSubscriber } from '../store/subscribers';
import { getTransaction } from '../store/transactions';
import { authenticate, checkBankDigests, checkHost, requireReady, verifyAuthentication, type AuthState } from './auth';
import { Refusal, type ReturnCode } from './codes';
import { nowIso, type BankContext } from './context';
import { initDownload, receipt, transferDownload } from './download';
import { handleHpb, handleUnsecured } from './key-management';
import { recogniseOrder } from './order-types';
import type { InitRequest, ParseResult, ParsedRequest, ReceiptRequest, ResponseFrame, TransferRequest } from './request';
import { HEV_VERSIONS, buildEbicsResponse, buildHevResponse, buildKeyManagementResponse, type EbicsResponseSpec } from './response';
import { initUpload, transferUpload } from './upload';

/** Request kinds, as the fault switches name them. */
export const REQUEST_KINDS = [
  'hev',
  'ini',
  'hia',
  'hpb',
  'upload-init',
  'upload-transfer',
  'upload-last-transfer',
  'download-init',
  'download-transfer',
  'receipt',
  'invalid',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export function requestKind(parsed: ParseResult): RequestKind {
  if (!parsed.ok) return 'invalid';
  const r = parsed.request;
  switch (r.kind) {
    case 'hev':
      return 'hev';
    case 'unsecured':
      return r.orderType === 'HIA' ? 'hia' : r.orderType === 'INI' ? 'ini' : 'invalid';
    case 'hpb':
      return 'hpb';
    case 'init':
      return r.upload ? 'upload-init' : 'download-init';
    case 'transfer':
      return r.orderData === undefined ? 'download-transfer' : r.lastSegment ? 'upload-last-transfer' : 'upload-transfer';
    case 'receipt':
      return 'receipt';
  }
}

export interface Handled {
  kind: RequestKind;
  /** The answer; an `ebicsResponse` still has to be signed (`sign`). */
  xml: string;
  sign: boolean;
  /** The code reported (header or body). */
  code: ReturnCode;
}

function refusalAnswer(frame: ResponseFrame, refusal: Refusal, request?: ParsedRequest): { xml: string; sign: boolean } {
  if (frame.root === 'ebicsHEVResponse') return { xml: buildHevResponse(refusal.code, []), sign: false };
  if (frame.root === 'ebicsKeyManagementResponse') {
    return { xml: buildKeyManagementResponse({ version: frame.version, code: refusal.code, detail: refusal.detail }), sign: false };
  }
  const transactionId = request && (request.kind === 'transfer' || request.kind === 'receipt') ? request.transactionId : undefined;
  const recovery = refusal.recoveryPoint;
  const spec: EbicsResponseSpec = {
    version: frame.version,
    phase: frame.phase,
    transactionId,
    ...(recovery !== undefined && recovery > 0 ? { segment: { number: recovery, last: false } } : {}),
    code: refusal.code,
    detail: refusal.detail,
  };
  return { xml: buildEbicsResponse(spec), sign: true };
}

function handleInit(ctx: BankContext, req: InitRequest, auth: AuthState): EbicsResponseSpec {
  checkHost(ctx, req.hostId);
  const s = authenticate(ctx, req, auth);
  checkBankDigests(ctx, req.version, req.bankPubKeyDigests, req.upload?.encryptionPubKeyDigest);
  const offered = recogniseOrder(req.version, req.order);
  return offered.purpose.direction === 'upload' ? initUpload(ctx, req, s, offered) : initDownload(ctx, req, s, offered);
}

function handleFollowUp(ctx: BankContext, req: TransferRequest | ReceiptRequest): EbicsResponseSpec {
  checkHost(ctx, req.hostId);
  const tx = getTransaction(ctx.db, req.transactionId);
  if (!tx || tx.ebicsVersion !== req.version) throw new Refusal('091101', req.transactionId);
  const s = getSubscriber(ctx.db, tx.subscriberId);
  if (!s) throw new Refusal('091101', req.transactionId);
  requireReady(s);
  verifyAuthentication(s, req.document);
  if (req.kind === 'receipt') return receipt(ctx, req, tx);
  return tx.direction === 'upload' ? transferUpload(ctx, req, tx, s) : transferDownload(ctx, req, tx);
}

function reportedCode(spec: { code: ReturnCode }): ReturnCode {
  return spec.code;
}

/** Handles one parsed request against the bank's state. Never throws for anything a client can send. */
export function handleRequest(ctx: BankContext, parsed: ParseResult): Handled {
  const kind = requestKind(parsed);
  if (!parsed.ok) return { kind, ...refusalAnswer(parsed.frame, parsed.refusal), code: parsed.refusal.code };
  const req = parsed.request;
  const frame = parsed.frame;

  if (req.kind === 'hev') {
    const code: ReturnCode = req.hostId === ctx.hostId ? '000000' : '091011';
    return { kind, xml: buildHevResponse(code, code === '000000' ? HEV_VERSIONS : []), sign: false, code };
  }

  const auth: AuthState = {};
  try {
    // IMMEDIATE: the bank's clerk (`kontor demo-bank …`, a test) writes the same file from another process; a
    // deferred transaction that read first and then writes gets SQLITE_BUSY at once instead of waiting its turn.
    return ctx.db
      .transaction((): Handled => {
        if (req.kind === 'unsecured') return { kind, xml: handleUnsecured(ctx, req), sign: false, code: '000000' };
        if (req.kind === 'hpb') return { kind, xml: handleHpb(ctx, req, auth), sign: false, code: '000000' };
        const spec = req.kind === 'init' ? handleInit(ctx, req, auth) : handleFollowUp(ctx, req);
        return { kind, xml: buildEbicsResponse(spec), sign: true, code: reportedCode(spec) };
      })
      .immediate();
  } catch (e) {
    let refusal: Refusal;
    if (e instanceof Refusal) {
      refusal = e;
    } else {
      ctx.log(`demo bank: internal error handling ${kind}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      refusal = new Refusal('061099');
    }
    // The request was rolled back; an authenticated request's nonce stays used.
    const used = auth.nonce;
    if (used) recordNonce(ctx.db, used.subscriberId, used.nonce, used.timestamp, nowIso(ctx));
    // A refused payment file is still reported in HAC/PTK with its reason (once, also when the last segment comes again).
    const rejected = refusal.rejection;
    if (rejected) {
      const entry = { ...rejected, status: 'RJCT' as const };
      if (!hasProtocolEntry(ctx.db, entry)) addProtocolEntry(ctx.db, { ...entry, at: nowIso(ctx) });
    }
    return { kind, ...refusalAnswer(frame, refusal, req), code: refusal.code };
  }
}
