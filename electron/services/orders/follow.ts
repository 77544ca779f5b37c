/**
 * Following sent orders at the bank without a button: while Kontor runs (the
 * window or the browser host) and in `kontor orders refresh`, the bank's
 * distributed-signature overview (HVU) and protocol (HAC) are read for every
 * bank access with an order the bank has not decided on, when that order's
 * next check is due by the injectable clock. No news: the next check backs
 * off (follow-schedule.ts). The bank decided: the order is released or
 * rejected and no longer followed. An order the bank no longer lists and has
 * not decided on within EXPIRE_AFTER_DAYS is expired: nothing was paid, so
 * its entries can go into a new run.
 */
import { appendAudit } from '../../ledger/repos/audit-log';
import * as repo from '../../ledger/repos/payment-orders';
import { accessesAwaitingBank, accessesDueForCheck, setNextCheck } from '../../ledger/repos/payment-runs';
import type { ServiceContext } from '../context';
import { backoffMs, plusMs } from './follow-schedule';
import { refreshFromProtocol, uploadInFlight } from './queue';

/** After this many days without release, refusal or listing by the bank, an uploaded order is expired. */
export const EXPIRE_AFTER_DAYS = 30;

export interface FollowResult {
  /** The accesses asked, with how many orders changed or the bank's error. */
  accesses: Array<{ bankAccessId: number; updated: number; expired: number; error: { code: string; message: string } | null }>;
}

function errorOf(e: unknown): { code: string; message: string } {
  const code = typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : 'internal';
  return { code, message: e instanceof Error ? e.message : String(e) };
}

/** After asking the bank: decided orders are no longer followed, the others wait longer, old unlisted ones expire. */
function afterCheck(ctx: ServiceContext, bankAccessId: number, checkedAt: string, overviewOffered: boolean): number {
  const now = ctx.now();
  let expired = 0;
  ctx.db.transaction(() => {
    for (const o of repo.ordersOfAccess(ctx.db, bankAccessId, ['released', 'rejected']))
      if (o.nextCheckAt !== null) setNextCheck(ctx.db, o.id, null, o.checkAttempts, now);
    for (const o of repo.ordersOfAccess(ctx.db, bankAccessId, ['uploading', 'uploaded'])) {
      const listed = o.signaturesCheckedAt !== null && o.signaturesCheckedAt >= checkedAt;
      const old = o.uploadedAt !== null && Date.parse(now) - Date.parse(o.uploadedAt) > EXPIRE_AFTER_DAYS * 86_400_000;
      if (o.status === 'uploaded' && overviewOffered && !listed && old) {
        repo.setOrderStatus(ctx.db, o.id, 'expired', now);
        repo.setPaymentsStatus(ctx.db, o.id, 'Canceled', now);
        setNextCheck(ctx.db, o.id, null, o.checkAttempts, now);
        appendAudit(ctx.db, now, {
          actor: ctx.actor(),
          action: 'order.expired',
          subjectType: 'payment_order',
          subjectId: o.id,
          details: { days: EXPIRE_AFTER_DAYS },
        });
        expired++;
        continue;
      }
      setNextCheck(ctx.db, o.id, plusMs(now, backoffMs(o.checkAttempts + 1)), o.checkAttempts + 1, now);
    }
  })();
  return expired;
}

/** Asks the bank about every access's undecided orders; `all` ignores the schedule (the CLI job, a button). */
export async function followOrders(ctx: ServiceContext, o: { all?: boolean; bankAccessId?: number } = {}): Promise<FollowResult> {
  const ids = o.bankAccessId !== undefined ? [o.bankAccessId] : o.all ? accessesAwaitingBank(ctx.db) : accessesDueForCheck(ctx.db, ctx.now());
  const result: FollowResult = { accesses: [] };
  for (const bankAccessId of ids) {
    // An upload this process is sending is not asked about: its own answer is coming.
    if (repo.ordersOfAccess(ctx.db, bankAccessId, ['uploading']).some((order) => uploadInFlight(ctx, order.id))) continue;
    const checkedAt = ctx.now();
    try {
      const { updated, overviewOffered } = await refreshFromProtocol(ctx, bankAccessId);
      const expired = afterCheck(ctx, bankAccessId, checkedAt, overviewOffered);
      result.accesses.push({ bankAccessId, updated: updated + expired, expired, error: null });
    } catch (e) {
      // A bank that is down is asked again later, backing off like a bank without news.
      afterCheck(ctx, bankAccessId, checkedAt, false);
      result.accesses.push({ bankAccessId, updated: 0, expired: 0, error: errorOf(e) });
    }
  }
  return result;
}

/** Checks every `intervalMs` (real time) whether an order's next check is due by the clock; returns the stop function. */
export function startOrderFollowing(ctx: ServiceContext, o: { intervalMs?: number; onError?: (e: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running || !ctx.db.open) return;
    running = true;
    followOrders(ctx)
      .catch((e: unknown) => o.onError?.(e))
      .finally(() => (running = false));
  };
  const timer = setInterval(tick, o.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}
