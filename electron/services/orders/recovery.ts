/**
 * Recovery of interrupted uploads: orders left `uploading` because a request
 * got no usable answer (connection reset, timeout, HTTP error, a garbled or
 * wrongly signed answer) or because Kontor itself was stopped mid-upload.
 * A double payment is worse than a late one, so an order is sent again only
 * when the journal proves the bank cannot hold it, or when the bank has had
 * ample time to show it and has not.
 *
 * The rules, per `uploading` order (not one this process is sending now):
 *
 * 1. **The journal shows the bank's OK for the last segment** (Kontor stopped
 *    between that answer and recording it): `uploaded`. No bank request.
 * 2. **Ask the bank** (`refreshFromProtocol`): the VEU overview (HVU) and
 *    the customer protocol (HAC). An order listed under the order id the
 *    journal recorded becomes `uploaded` (or released / rejected). When
 *    either request fails, nothing is sent this round.
 * 3. **EBICS recovery**: while this process still holds the interrupted
 *    transaction (its id and the encrypted segments, kept in memory only), the
 *    same transaction continues from the first segment the bank did not
 *    confirm, with the identical segments. One transaction yields at most one
 *    order, so this can never duplicate: a bank that already has a segment
 *    answers it again. Done at once.
 * 4. **The last segment never left** (the journal, written before every
 *    request, has no step for it in any upload of this order): no
 *    transaction of this order can have completed, since a bank only takes an
 *    upload with its last segment. A fresh upload (new transaction) is sent
 *    once the order's journal has been quiet for `QUIET_MS` (an upload still
 *    running in another Kontor process on this ledger, e.g. the CLI beside
 *    the app, keeps writing it).
 * 5. **The last segment left and its outcome is unknown** (lost, garbled or
 *    unverifiable answer, or Kontor stopped while it was on the way): the bank
 *    may hold the order. A fresh upload is sent only when all of these hold:
 *    the bank offers the VEU overview and it answered in this round, the
 *    customer protocol answered in this round, neither lists the order, and
 *    the last such send is at least `SETTLE_MS` old. A bank lists a received
 *    order within seconds (the demo bank at once); waiting half an hour
 *    covers a slow one. Without the VEU overview the order stays `uploading`
 *    for the user to decide (the logged override).
 *
 * One workstation at a time: rules 3–5 run for an order only under its
 * claim (`claimUpload`; on a team ledger a PostgreSQL advisory lock held by
 * the connection that sends, ledger/repos/upload-claims.ts). An order another
 * workstation is sending right now is left alone (`waiting`, rule
 * `uploadRunning`); the claim of a process that died went with its
 * connection, so another workstation recovers its upload by the same rules.
 *
 * Every send by recovery is in the audit log as `order.recoveryResumed` /
 * `order.recoveryResent` with the rule and the transfers involved, never as
 * the user's override. A wrongly signed answer is never trusted (the client
 * refuses it before reading it), so it counts as an unknown outcome.
 */
import { appendAudit } from '../../ledger/repos/audit-log';
import { closeTransfer, stepsOf, transfersForData, type TransferRow } from '../../ledger/repos/ebics-journal';
import * as repo from '../../ledger/repos/payment-orders';
import { canResumeUpload, forgetUploadSession } from '../../ebics/client';
import { ledgerJournal } from '../bank-access/journal';
import type { ServiceContext } from '../context';
import { confirmUpload, refreshFromProtocol, transmit, tryClaim, uploadInFlight } from './queue';

/** How long an order's journal must be quiet before a new upload of it (rule 4). */
export const QUIET_MS = 5 * 60_000;
/** How long after an unanswered last segment the bank must still not list the order before a new upload (rule 5). */
export const SETTLE_MS = 30 * 60_000;

/** The two safety waits of rules 4 and 5. */
export interface RecoveryWaits {
  quietMs: number;
  settleMs: number;
}
export const RECOVERY_WAITS: Readonly<RecoveryWaits> = { quietMs: QUIET_MS, settleMs: SETTLE_MS };

/**
 * How recovery decides. The product always uses the defaults; the
 * reliability suite injects broken variants (waits at zero, a wrong rule) to
 * prove that it reports the duplicates they cause.
 */
export interface RecoveryPolicy {
  waits: RecoveryWaits;
  decide: (e: UploadEvidence, at: string, bank: { overviewOffered: boolean }, waits: RecoveryWaits) => RecoveryDecision;
}

/** What the journal says about one order's uploads. */
export interface UploadEvidence {
  /** A transfer whose last segment the bank answered OK. */
  confirmed: { transferId: number; ebicsOrderId: string | null } | null;
  /** The newest transfer this process can resume (EBICS recovery). */
  resumable: number | null;
  /** When a last segment left without a known OK, newest first; empty when none ever left. */
  lastSegmentUnknownSince: string | null;
  /** The newest journal activity of the order's uploads. */
  lastActivity: string | null;
  transferIds: number[];
}

export type RecoveryDecision =
  | { action: 'confirm'; rule: 'journal'; transferId: number; ebicsOrderId: string | null }
  | { action: 'resume'; rule: 'ebicsRecovery'; transferId: number }
  | { action: 'resend'; rule: 'lastSegmentNeverSent' | 'notListedAfterSettling' }
  | { action: 'wait'; rule: 'quiet' | 'settling' | 'noOverview'; notBefore: string | null };

const later = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);
const before = (a: string, b: string) => Date.parse(a) < Date.parse(b);
const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function uploadsOf(ctx: ServiceContext, order: repo.PaymentOrderRow): TransferRow[] {
  return transfersForData(ctx.db, order.sha256).filter((t) => t.direction === 'upload' && t.paymentOrderId === order.id);
}

export function evidenceFor(ctx: ServiceContext, order: repo.PaymentOrderRow): UploadEvidence {
  const evidence: UploadEvidence = { confirmed: null, resumable: null, lastSegmentUnknownSince: null, lastActivity: null, transferIds: [] };
  for (const t of uploadsOf(ctx, order)) {
    evidence.transferIds.push(t.id);
    evidence.lastActivity = later(evidence.lastActivity, t.updatedAt);
    for (const s of stepsOf(ctx.db, t.id)) {
      evidence.lastActivity = later(evidence.lastActivity, later(s.sentAt, s.answeredAt));
      if (s.phase !== 'transfer' || t.numSegments === null || s.segmentNumber !== t.numSegments) continue;
      if (s.state === 'answered') evidence.confirmed ??= { transferId: t.id, ebicsOrderId: t.orderId };
      // Sending (stopped in mid-air) or failed: either way it may have arrived.
      else evidence.lastSegmentUnknownSince = later(evidence.lastSegmentUnknownSince, s.sentAt);
    }
    // Only an open transfer: one another workstation settled (closed when it sent the order again) stays settled,
    // whatever this process still holds of it in memory.
    const open = t.state === 'in_progress' || t.state === 'uncertain';
    if (open && canResumeUpload(ledgerJournal(ctx.db), t.id)) evidence.resumable = t.id;
  }
  return evidence;
}

/** Rules 3–5, once the bank has been asked (rule 2) and still does not list the order. */
export function decide(e: UploadEvidence, at: string, bank: { overviewOffered: boolean }, waits: RecoveryWaits = RECOVERY_WAITS): RecoveryDecision {
  if (e.confirmed) return { action: 'confirm', rule: 'journal', ...e.confirmed };
  if (e.resumable !== null) return { action: 'resume', rule: 'ebicsRecovery', transferId: e.resumable };
  if (e.lastSegmentUnknownSince === null) {
    const notBefore = e.lastActivity === null ? null : plus(e.lastActivity, waits.quietMs);
    if (notBefore !== null && before(at, notBefore)) return { action: 'wait', rule: 'quiet', notBefore };
    return { action: 'resend', rule: 'lastSegmentNeverSent' };
  }
  if (!bank.overviewOffered) return { action: 'wait', rule: 'noOverview', notBefore: null };
  const notBefore = plus(later(e.lastSegmentUnknownSince, e.lastActivity)!, waits.settleMs);
  if (before(at, notBefore)) return { action: 'wait', rule: 'settling', notBefore };
  return { action: 'resend', rule: 'notListedAfterSettling' };
}

export interface RecoveryOutcome {
  orderId: number;
  action: 'confirmed' | 'resumed' | 'resent' | 'waiting' | 'failed';
  rule: string;
  status: repo.OrderStatus;
  /** When waiting: the earliest time a new upload may go out (null: only the user can decide). */
  notBefore?: string | null;
  error?: { code: string; message: string };
}

export interface RecoveryReport {
  /** Orders whose status or signatures changed, as `orders.refreshStatus` counts them. */
  updated: number;
  /** Whether the bank answered HVU and HAC in this round; false when asking failed (the error is in `bankError`). */
  bankAsked: boolean;
  bankError?: { code: string; message: string };
  orders: RecoveryOutcome[];
}

function recoveryAudit(ctx: ServiceContext, orderId: number, action: string, details: Record<string, unknown>): void {
  appendAudit(ctx.db, ctx.now(), { actor: 'recovery', action, subjectType: 'payment_order', subjectId: orderId, details });
}

const errorOf = (e: unknown) => ({ code: String((e as { code?: unknown }).code ?? 'error'), message: (e as Error).message ?? String(e) });

/**
 * Finds out and finishes what happened to every `uploading` order of a bank
 * access, by the rules above. Throws only when the ledger fails; a bank that
 * cannot be asked is reported (`bankAsked: false`) and nothing is sent.
 */
export async function recoverUploads(ctx: ServiceContext, bankAccessId: number, policy: Partial<RecoveryPolicy> = {}): Promise<RecoveryReport> {
  return (await recover(ctx, bankAccessId, { waits: RECOVERY_WAITS, decide, ...policy })).report;
}

/**
 * `orders.refreshStatus`: recovery first, then the bank's word as before.
 * When the bank cannot be asked, its error is the caller's error.
 */
export async function refreshStatus(ctx: ServiceContext, bankAccessId: number): Promise<{ updated: number }> {
  const { report, bankFailure } = await recover(ctx, bankAccessId, { waits: RECOVERY_WAITS, decide });
  if (bankFailure !== undefined) throw bankFailure;
  return { updated: report.updated };
}

/**
 * Rules 3–5 for one order this process has claimed. Read again under the
 * claim: the workstation that held it before may have finished the upload.
 */
async function settle(ctx: ServiceContext, orderId: number, policy: RecoveryPolicy, overviewOffered: boolean): Promise<RecoveryOutcome | null> {
  const order = repo.getPaymentOrder(ctx.db, orderId);
  if (order.status !== 'uploading') return null;
  const e = evidenceFor(ctx, order);
  const d = policy.decide(e, ctx.now(), { overviewOffered }, policy.waits);
  if (d.action === 'wait') return { orderId, action: 'waiting', rule: d.rule, status: order.status, notBefore: d.notBefore };
  if (d.action === 'confirm') return null; // handled by rule 1 (a transfer confirmed meanwhile is picked up next round)
  const resume = d.action === 'resume';
  ctx.db.transaction(() => {
    if (!resume) {
      // The earlier transfers are settled: not at the bank, never to be continued.
      for (const t of uploadsOf(ctx, order)) {
        forgetUploadSession(ledgerJournal(ctx.db), t.id);
        if (t.state === 'in_progress' || t.state === 'uncertain')
          closeTransfer(ctx.db, t.id, 'failed', ctx.now(), `recovery: not received by the bank (${d.rule}); sent again`);
      }
    }
    recoveryAudit(ctx, orderId, resume ? 'order.recoveryResumed' : 'order.recoveryResent', {
      rule: d.rule,
      transfers: e.transferIds,
      sha256: order.sha256,
      ...(e.lastSegmentUnknownSince ? { lastSegmentUnknownSince: e.lastSegmentUnknownSince } : {}),
    });
  })();
  try {
    const done = await transmit(ctx, repo.getPaymentOrder(ctx.db, orderId), { recovery: true, ...(resume ? { resumeTransferId: d.transferId } : {}) });
    return { orderId, action: resume ? 'resumed' : 'resent', rule: d.rule, status: done.status };
  } catch (err) {
    return { orderId, action: 'failed', rule: d.rule, status: repo.getPaymentOrder(ctx.db, orderId).status, error: errorOf(err) };
  }
}

async function recover(ctx: ServiceContext, bankAccessId: number, policy: RecoveryPolicy): Promise<{ report: RecoveryReport; bankFailure?: unknown }> {
  const report: RecoveryReport = { updated: 0, bankAsked: false, orders: [] };
  const pending = () => repo.ordersOfAccess(ctx.db, bankAccessId, ['uploading']).filter((o) => !uploadInFlight(ctx, o.id));

  // Rule 1: the journal already has the bank's OK.
  for (const order of pending()) {
    const e = evidenceFor(ctx, order);
    if (!e.confirmed) continue;
    const confirmed = ctx.db.transaction(() => {
      // Another workstation may have recorded it meanwhile; its word stands.
      if (repo.getPaymentOrder(ctx.db, order.id).status !== 'uploading') return false;
      confirmUpload(ctx, order, e.confirmed!.ebicsOrderId, 'journal');
      recoveryAudit(ctx, order.id, 'order.recoveryConfirmed', { rule: 'journal', transferId: e.confirmed!.transferId });
      return true;
    })();
    if (!confirmed) continue;
    report.updated++;
    report.orders.push({ orderId: order.id, action: 'confirmed', rule: 'journal', status: 'uploaded' });
  }

  // Rule 2: the bank's word. Asked even with nothing pending, as `orders.refreshStatus` always did.
  let overviewOffered: boolean;
  const askedAbout = new Set(pending().map((o) => o.id));
  try {
    const asked = await refreshFromProtocol(ctx, bankAccessId);
    report.updated += asked.updated;
    overviewOffered = asked.overviewOffered;
    report.bankAsked = true;
  } catch (e) {
    report.bankError = errorOf(e);
    return { report, bankFailure: e };
  }
  for (const id of askedAbout) {
    const order = repo.getPaymentOrder(ctx.db, id);
    if (order.status !== 'uploading') report.orders.push({ orderId: id, action: 'confirmed', rule: 'bank', status: order.status });
  }

  // Rules 3–5, each order under its claim: one workstation at a time decides and sends.
  for (const pendingOrder of pending()) {
    const release = tryClaim(ctx, pendingOrder.id);
    if (!release) {
      report.orders.push({ orderId: pendingOrder.id, action: 'waiting', rule: 'uploadRunning', status: pendingOrder.status, notBefore: null });
      continue;
    }
    try {
      const outcome = await settle(ctx, pendingOrder.id, policy, overviewOffered);
      if (outcome === null) continue;
      if (outcome.action === 'resumed' || outcome.action === 'resent') report.updated++;
      report.orders.push(outcome);
    } finally {
      release();
    }
  }
  return { report };
}
