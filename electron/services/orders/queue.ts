/**
 * The order queue: approve, cancel, export, upload, and the bank's verdict
 * from its protocol. A payment file goes to a bank at most once: the status
 * machine and the file's SHA-256 refuse a second upload, and only an
 * explicit, logged override after a warning can send it again.
 */
import { KontorError } from '../../../shared/errors';
import { appendAudit } from '../../ledger/repos/audit-log';
import { otherEntityPayouts } from '../../ledger/repos/payment-runs';
import { getBankAccess } from '../../ledger/repos/bank-access';
import * as repo from '../../ledger/repos/payment-orders';
import { touchVersion } from '../../ledger/repos/versions';
import { checkVopChoice, explainRefusal, recordVopChoice, uploadPurpose, vopChoice } from '../vop/choice';
import { checkInstantUpload } from './instant';
import { withBankClient } from '../bank-access/lifecycle';
import type { ServiceContext } from '../context';
import { transfersForData } from '../../ledger/repos/ebics-journal';
import { releaseUploadClaim, tryClaimUpload } from '../../ledger/repos/upload-claims';
import { outcomeOf, parseHac } from './hac';
import { parseVeuOverview, type WaitingOrder } from './hvu';
import { scheduleFirstCheck } from './follow-schedule';

function audit(ctx: ServiceContext, orderId: number, action: string, details: Record<string, unknown> = {}): void {
  appendAudit(ctx.db, ctx.now(), { actor: ctx.actor(), action, subjectType: 'payment_order', subjectId: orderId, details });
}

function refuse(order: repo.PaymentOrderRow, doing: string): never {
  throw new KontorError('order.wrongStatus', `Order ${order.id} is ${order.status}; it cannot ${doing}.`, { status: order.status });
}

/**
 * Inside the transaction that changes the order: the status it was checked
 * in is still the status now. Another workstation (or the CLI beside the
 * window) may have approved, canceled, exported or sent it in between; the
 * transactions of a ledger run one at a time, so this read is the last word.
 */
function stillIs(ctx: ServiceContext, checked: repo.PaymentOrderRow, doing: string): void {
  const now = repo.getPaymentOrder(ctx.db, checked.id);
  if (now.status !== checked.status) refuse(now, doing);
}

export function approve(ctx: ServiceContext, id: number, confirmOtherEntityDetails = false): repo.PaymentOrderRow {
  const order = repo.getPaymentOrder(ctx.db, id);
  if (order.status !== 'draft') refuse(order, 'be approved');
  // Four eyes: whoever put the run together does not also release it for the bank.
  if (order.builtBy !== null && order.builtBy === ctx.actor())
    throw new KontorError('order.approverIsBuilder', 'You built this payment run yourself; another person has to approve it (four-eyes principle).', {
      builtBy: order.builtBy,
    });
  // Bank details of another business entity are never used silently: the approver confirms them by name.
  const otherEntity = otherEntityPayouts(ctx.db, id).map((p) => p.paymentId);
  if (otherEntity.length > 0 && !confirmOtherEntityDetails)
    throw new KontorError(
      'order.otherEntityDetails',
      `${otherEntity.length} payment(s) of this run go to bank details registered for another business entity; look at them in the summary and confirm them explicitly.`,
      { count: otherEntity.length },
    );
  ctx.db.transaction(() => {
    stillIs(ctx, order, 'be approved');
    repo.setOrderStatus(ctx.db, id, 'approved', ctx.now(), { approvedBy: ctx.actor(), approvedAt: ctx.now() });
    touchVersion(ctx.db, 'payment_order', id, ctx.actor(), ctx.now());
    audit(ctx, id, 'order.approved', {
      sha256: order.sha256,
      count: order.txCount,
      controlSumCents: order.controlSumCents,
      ...(otherEntity.length > 0 ? { otherEntityDetailsConfirmed: otherEntity.join(',') } : {}),
    });
  })();
  return repo.getPaymentOrder(ctx.db, id);
}

export function cancel(ctx: ServiceContext, id: number): repo.PaymentOrderRow {
  const order = repo.getPaymentOrder(ctx.db, id);
  if (!['draft', 'approved', 'exported'].includes(order.status)) refuse(order, 'be canceled');
  ctx.db.transaction(() => {
    stillIs(ctx, order, 'be canceled');
    repo.setOrderStatus(ctx.db, id, 'canceled', ctx.now());
    repo.setPaymentsStatus(ctx.db, id, 'Canceled', ctx.now());
    touchVersion(ctx.db, 'payment_order', id, ctx.actor(), ctx.now());
    audit(ctx, id, 'order.canceled');
  })();
  return repo.getPaymentOrder(ctx.db, id);
}

/** Files the bank has (or had): exported again as a copy for the records or other software, the status stays. */
const COPY_STATUSES: readonly repo.OrderStatus[] = ['uploaded', 'released'];

export function exportFile(ctx: ServiceContext, id: number): { fileName: string; mimeType: string; base64: string } {
  const order = repo.getPaymentOrder(ctx.db, id);
  const bytes = repo.orderFile(ctx.db, id);
  if (COPY_STATUSES.includes(order.status)) {
    audit(ctx, id, 'order.exportedCopy', { sha256: order.sha256, status: order.status });
    return { fileName: `${order.messageId}.xml`, mimeType: 'application/xml', base64: bytes.toString('base64') };
  }
  if (!['draft', 'approved', 'exported'].includes(order.status)) refuse(order, 'be exported');
  ctx.db.transaction(() => {
    stillIs(ctx, order, 'be exported');
    repo.setOrderStatus(ctx.db, id, 'exported', ctx.now(), { exportedAt: ctx.now() });
    // Other software sends it from here on; Kontor treats the payments as issued.
    repo.setPaymentsStatus(ctx.db, id, 'Issued', ctx.now());
    audit(ctx, id, 'order.exported', { sha256: order.sha256 });
  })();
  return { fileName: `${order.messageId}.xml`, mimeType: 'application/xml', base64: bytes.toString('base64') };
}

export interface UploadOptions {
  /** Sends a file that may have gone to a bank before. Needs a reason; it is logged. */
  override?: { confirm: true; reason: string };
  /** Verification of payee for a credit transfer: true with, false waived, absent the access's default (services/vop). */
  vop?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export async function upload(ctx: ServiceContext, id: number, o: UploadOptions = {}): Promise<repo.PaymentOrderRow> {
  const order = repo.getPaymentOrder(ctx.db, id);
  if (order.bankAccessId === null)
    throw new KontorError('order.noBankAccess', 'The bank account of this order is not reachable through a bank access. Export the file instead.');
  const access = getBankAccess(ctx.db, order.bankAccessId);
  if (access.amountLimitCents !== null && order.controlSumCents > access.amountLimitCents) {
    throw new KontorError('order.overLimit', 'The order exceeds the amount limit of this bank access. Split it or ask the bank to raise the limit.', {
      controlSumCents: order.controlSumCents,
      limitCents: access.amountLimitCents,
    });
  }
  const sentBefore = repo.ordersWithFileSent(ctx.db, order.sha256, id);
  const resend = isResend(order, sentBefore);
  if (resend && !o.override) throw alreadySent(order, sentBefore);
  if (!resend && order.status !== 'approved') refuse(order, 'be uploaded before it is approved');
  const choice = vopChoice(ctx, order, access.id, o.vop);
  checkVopChoice(order, choice);
  checkInstantUpload(ctx, order, () => largestPayment(ctx, id));

  const release = claimUpload(ctx, id);
  try {
    ctx.db.transaction(() => {
      // Checked again where it counts: another workstation may have sent or canceled it since the read above.
      const now = repo.getPaymentOrder(ctx.db, id);
      const sentNow = repo.ordersWithFileSent(ctx.db, now.sha256, id);
      if (now.status !== order.status || sentNow.length !== sentBefore.length) {
        if (isResend(now, sentNow)) throw alreadySent(now, sentNow);
        refuse(now, 'be uploaded');
      }
      if (o.override) audit(ctx, id, 'order.resendOverride', { reason: o.override.reason, previousStatus: order.status, sha256: order.sha256 });
      recordVopChoice(ctx, order, choice);
      repo.setOrderStatus(ctx.db, id, 'uploading', ctx.now());
      scheduleFirstCheck(ctx, id);
      audit(ctx, id, 'order.uploading', { sha256: order.sha256 });
    })();
    return await transmit(ctx, repo.getPaymentOrder(ctx.db, id), { ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  } finally {
    release();
  }
}

function isResend(order: repo.PaymentOrderRow, sentBefore: readonly unknown[]): boolean {
  return ['uploaded', 'released', 'exported', 'uploading'].includes(order.status) || sentBefore.length > 0;
}

function alreadySent(order: repo.PaymentOrderRow, sentBefore: ReadonlyArray<{ id: number }>): KontorError {
  return new KontorError(
    'order.alreadySent',
    order.status === 'uploading'
      ? 'An upload of this order was interrupted. Check the bank’s protocol before sending it again: it may already be at the bank.'
      : 'This payment file has already been sent to a bank or exported. Sending it again can pay twice.',
    { status: order.status, others: sentBefore.map((s) => s.id).join(',') },
  );
}

function largestPayment(ctx: ServiceContext, id: number): number {
  return repo.paymentsOfOrder(ctx.db, id).reduce((max, p) => Math.max(max, p.amountCents), 0);
}

/** Uploads running in this process, by ledger and order: recovery leaves them alone. */
const inFlight = new Set<string>();
const flightKey = (ctx: ServiceContext, orderId: number) => `${ctx.db.name}#${orderId}`;

/** Whether this process is sending the order right now. */
export function uploadInFlight(ctx: ServiceContext, orderId: number): boolean {
  return inFlight.has(flightKey(ctx, orderId));
}

/**
 * Claims the order for sending: in this process and, on a team ledger, for
 * every workstation (ledger/repos/upload-claims.ts). Returns the release;
 * throws `order.uploadRunning` when someone else is sending it.
 */
export function claimUpload(ctx: ServiceContext, orderId: number): () => void {
  const release = tryClaim(ctx, orderId);
  if (!release) throw new KontorError('order.uploadRunning', `Order ${orderId} is being sent right now, here or at another workstation.`);
  return release;
}

/** As `claimUpload`, null instead of the error. */
export function tryClaim(ctx: ServiceContext, orderId: number): (() => void) | null {
  const key = flightKey(ctx, orderId);
  if (inFlight.has(key) || !tryClaimUpload(ctx.db, orderId)) return null;
  inFlight.add(key);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    inFlight.delete(key);
    releaseUploadClaim(ctx.db, orderId);
  };
}

/**
 * EBICS codes that end one transaction without saying anything about the
 * order: sent while resuming, the bank may hold the order from the original
 * last segment all the same.
 */
const TRANSACTION_CODES = new Set(['061101', '091101', '091102', '091104']);

export interface TransmitOptions {
  onProgress?: (done: number, total: number) => void;
  /** EBICS recovery: continue this interrupted journal transfer in its own transaction instead of starting a new one. */
  resumeTransferId?: number;
  /** Set by recovery, for the audit log. */
  recovery?: boolean;
}

/**
 * Sends an `uploading` order's file and records the bank's answer: uploaded,
 * rejected on a refusal, or left `uploading` when the outcome is unknown
 * (then `recoverUploads` finds out later). The callers decide whether it may
 * be sent: `upload` for the user, `recoverUploads` for an interrupted upload.
 */
export async function transmit(ctx: ServiceContext, order: repo.PaymentOrderRow, o: TransmitOptions = {}): Promise<repo.PaymentOrderRow> {
  const id = order.id;
  if (order.status !== 'uploading' || order.bankAccessId === null) refuse(order, 'be sent');
  // The caller holds the claim (claimUpload): nobody else sends this order meanwhile.
  if (!inFlight.has(flightKey(ctx, id))) throw new Error(`transmit of order ${id} without its claim`);
  const bytes = repo.orderFile(ctx.db, id);
  let result;
  try {
    result = await withBankClient(
      ctx,
      order.bankAccessId,
      (client) =>
        o.resumeTransferId !== undefined
          ? client.resumeUpload(o.resumeTransferId)
          : client.upload(uploadPurpose(ctx, order), bytes, { paymentOrderId: id, fileName: `${order.messageId}.xml` }),
      { onProgress: (p) => o.onProgress?.(p.done, p.total) },
    );
  } catch (e) {
    // A refusal by the bank is final; anything else leaves the order "uploading" until the protocol tells.
    const code = e instanceof KontorError && 'ebicsCode' in e ? String((e as { ebicsCode: string }).ebicsCode) : null;
    if (code !== null && !(o.resumeTransferId !== undefined && TRANSACTION_CODES.has(code))) {
      ctx.db.transaction(() => {
        if (!stillUploading(ctx, id)) return;
        repo.setOrderStatus(ctx.db, id, 'rejected', ctx.now(), { bankBusinessCode: code, bankMessage: (e as Error).message });
        repo.setPaymentsStatus(ctx.db, id, 'Rejected', ctx.now());
        audit(ctx, id, 'order.refusedByBank', { code, ...(o.recovery ? { recovery: true } : {}) });
      })();
      throw explainRefusal(ctx, order, code, e as Error);
    }
    throw e;
  }
  ctx.db.transaction(() => {
    if (!stillUploading(ctx, id)) {
      // Another workstation's recovery heard of it from the bank meanwhile (HVU, HAC): what it recorded stands.
      audit(ctx, id, 'order.uploaded', { ebicsOrderId: result.orderId ?? null, sha256: order.sha256, transferId: result.transferId, statusKept: true });
      return;
    }
    repo.setOrderStatus(ctx.db, id, 'uploaded', ctx.now(), {
      uploadedAt: ctx.now(),
      ebicsOrderId: result.orderId ?? null,
      ebicsTransactionId: result.transactionId,
    });
    repo.setPaymentsStatus(ctx.db, id, 'Issued', ctx.now());
    repo.markMandatesUsed(ctx.db, id, order.executionDate, ctx.now());
    scheduleFirstCheck(ctx, id);
    audit(ctx, id, 'order.uploaded', {
      ebicsOrderId: result.orderId ?? null,
      sha256: order.sha256,
      transferId: result.transferId,
      ...(o.recovery ? { recovery: true } : {}),
    });
  })();
  return repo.getPaymentOrder(ctx.db, id);
}

/** Inside a transaction: the order is still `uploading`, so the bank's answer may be recorded over it. */
function stillUploading(ctx: ServiceContext, id: number): boolean {
  return repo.getPaymentOrder(ctx.db, id).status === 'uploading';
}

/** EBICS codes meaning the bank does not offer the VEU overview to this subscriber: the protocol (HAC) alone then. */
const OVERVIEW_NOT_OFFERED = new Set(['091005', '091006', '090003']);

/**
 * The EBICS order id the bank gave an upload whose outcome Kontor does not
 * know (`uploading`): the journal keeps the initialisation's answer even when
 * a later segment's answer was lost.
 */
function journalOrderIds(ctx: ServiceContext, order: repo.PaymentOrderRow): Set<string> {
  return new Set(
    transfersForData(ctx.db, order.sha256)
      .filter((t) => t.direction === 'upload' && t.paymentOrderId === order.id && t.orderId !== null)
      .map((t) => t.orderId!),
  );
}

/**
 * The order the bank means by `ebicsOrderId`: an uploaded one with that id,
 * or one still `uploading` whose journal names it.
 */
function orderForBankId(ctx: ServiceContext, bankAccessId: number, ebicsOrderId: string): repo.PaymentOrderRow | undefined {
  const known = repo.orderByEbicsId(ctx.db, bankAccessId, ebicsOrderId);
  if (known) return known;
  return repo.ordersOfAccess(ctx.db, bankAccessId, ['uploading']).find((o) => journalOrderIds(ctx, o).has(ebicsOrderId));
}

/** The bank has the order: what a completed upload records, found out afterwards. */
export function confirmUpload(ctx: ServiceContext, order: repo.PaymentOrderRow, ebicsOrderId: string | null, source: 'HVU' | 'HAC' | 'journal'): void {
  repo.setOrderStatus(ctx.db, order.id, 'uploaded', ctx.now(), { uploadedAt: ctx.now(), ...(ebicsOrderId !== null ? { ebicsOrderId } : {}) });
  repo.setPaymentsStatus(ctx.db, order.id, 'Issued', ctx.now());
  repo.markMandatesUsed(ctx.db, order.id, order.executionDate, ctx.now());
  scheduleFirstCheck(ctx, order.id);
  audit(ctx, order.id, 'order.uploadConfirmed', { ebicsOrderId, source, sha256: order.sha256 });
}

/**
 * HVU, the distributed signature overview: an uploaded order the bank lists
 * stays `uploaded` and gets its signatures (done of required); an order
 * Kontor left `uploading` (the upload's outcome unknown) that the bank lists
 * under the order id the journal recorded was received: it becomes
 * `uploaded`, so it is never sent twice. An order the bank does not list is
 * left as it is: released, rejected or not received, only the protocol says
 * which. Returns how many orders changed.
 */
export async function refreshFromOverview(ctx: ServiceContext, bankAccessId: number): Promise<{ updated: number; offered: boolean }> {
  let updated = 0;
  // Nothing at the bank that could wait for a signature: no need to ask.
  if (repo.ordersOfAccess(ctx.db, bankAccessId, ['uploaded', 'uploading']).length === 0) return { updated, offered: true };
  const apply = (waiting: readonly WaitingOrder[]) =>
    ctx.db.transaction(() => {
      for (const w of waiting) {
        const order = orderForBankId(ctx, bankAccessId, w.orderId);
        if (!order || (order.status !== 'uploaded' && order.status !== 'uploading')) continue;
        let changed = false;
        if (order.status === 'uploading') {
          confirmUpload(ctx, order, w.orderId, 'HVU');
          changed = true;
        }
        if (order.signaturesDone !== w.signatures.done || order.signaturesRequired !== w.signatures.required) changed = true;
        repo.setOrderSignatures(ctx.db, order.id, w.signatures, ctx.now());
        if (changed) updated++;
      }
    })();
  try {
    // 090005 (no data): nothing waits for a signature. That says nothing certain about any one order, so nothing changes.
    await withBankClient(ctx, bankAccessId, (client) => client.download('veu_overview', { process: (data) => apply(parseVeuOverview(data.toString('utf8'))) }));
  } catch (e) {
    if (e instanceof KontorError && 'ebicsCode' in e && OVERVIEW_NOT_OFFERED.has(String((e as { ebicsCode: string }).ebicsCode)))
      return { updated, offered: false };
    throw e;
  }
  return { updated, offered: true };
}

/**
 * The bank's word on uploaded orders: first the distributed signature
 * overview (HVU: still waiting, with signatures; uploads of unknown outcome
 * found), then the customer protocol (HAC: released or rejected).
 */
export async function refreshFromProtocol(ctx: ServiceContext, bankAccessId: number): Promise<{ updated: number; overviewOffered: boolean }> {
  const overview = await refreshFromOverview(ctx, bankAccessId);
  let { updated } = overview;
  await withBankClient(ctx, bankAccessId, (client) =>
    client.download('customer_protocol_xml', {
      process: (data) => {
        ctx.db.transaction(() => {
          for (const event of parseHac(data.toString('utf8'))) {
            const outcome = outcomeOf(event);
            if (!outcome) {
              // Received, signature checked, waiting in the VEU: an upload of unknown outcome did arrive.
              if (!RECEIPT_CODES.has(event.reasonCode)) continue;
              const received = orderForBankId(ctx, bankAccessId, event.orderId);
              if (received?.status !== 'uploading') continue;
              confirmUpload(ctx, received, event.orderId, 'HAC');
              updated++;
              continue;
            }
            const order = orderForBankId(ctx, bankAccessId, event.orderId);
            if (!order || (order.status !== 'uploaded' && order.status !== 'uploading')) continue;
            // The bank decided on it, so it has it: an upload of unknown outcome did arrive.
            if (order.status === 'uploading') confirmUpload(ctx, order, event.orderId, 'HAC');
            // The reason code is kept with the bank's words: the order view turns both into a typed reason.
            repo.setOrderStatus(ctx.db, order.id, outcome, ctx.now(), {
              bankMessage: event.text,
              ...(outcome === 'rejected' ? { bankBusinessCode: event.reasonCode || null } : {}),
            });
            if (outcome === 'rejected') repo.setPaymentsStatus(ctx.db, order.id, 'Rejected', ctx.now());
            if (outcome === 'released' && order.signaturesRequired !== null) {
              repo.setOrderSignatures(ctx.db, order.id, { done: order.signaturesRequired, required: order.signaturesRequired }, ctx.now());
            }
            audit(ctx, order.id, `order.${outcome}`, { reasonCode: event.reasonCode });
            updated++;
          }
        })();
      },
    }),
  );
  return { updated, overviewOffered: overview.offered };
}

/** HAC reason codes (DK) that say the bank received the order: TS01 upload received, DS01 signature verified, DS06 waiting in the VEU. */
const RECEIPT_CODES = new Set(['TS01', 'DS01', 'DS06']);
