/**
 * When Kontor asks the bank next about an order it sent: soon after the
 * upload (a signer often releases within minutes), then less and less often,
 * so a bank that takes days is not asked every few seconds.
 */
import { setNextCheck } from '../../ledger/repos/payment-runs';
import type { ServiceContext } from '../context';

/** Waits after the upload and after each check without news; the last one repeats. */
export const FOLLOW_BACKOFF_MS: readonly number[] = [15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000];

/** The wait after `attempts` checks without news. */
export function backoffMs(attempts: number): number {
  return FOLLOW_BACKOFF_MS[Math.min(Math.max(attempts, 0), FOLLOW_BACKOFF_MS.length - 1)]!;
}

export function plusMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** The order just went to the bank: the first check comes after the first wait. */
export function scheduleFirstCheck(ctx: ServiceContext, orderId: number): void {
  const now = ctx.now();
  setNextCheck(ctx.db, orderId, plusMs(now, backoffMs(0)), 0, now);
}
