/**
 * The daily automatic fetch while Kontor is open: once per calendar day (the
 * injectable clock's), end-of-day statements of every ready access. Checked
 * at start and then every `intervalMs`, so a workstation left running over
 * night fetches the next morning. Off with the setting `statements.autoFetch`.
 */
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import { listBankAccesses } from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { fetchRunning, fetchStatements, LAST_AUTO_FETCH } from './fetch';
import type { StatementFetchResult } from '../../../shared/statements';

export const AUTO_FETCH = 'statements.autoFetch';

/** Runs the day's fetch if it is due; null when it was not. */
export async function autoFetchIfDue(ctx: ServiceContext): Promise<StatementFetchResult | null> {
  if (!readSetting(ctx.db, AUTO_FETCH, true)) return null;
  const today = ctx.today();
  if (readSetting<string | null>(ctx.db, LAST_AUTO_FETCH, null) === today) return null;
  if (fetchRunning(ctx) || !listBankAccesses(ctx.db).some((a) => a.state === 'ready')) return null;
  // Marked before the work: a bank that is down is tried again tomorrow or by hand, not every few minutes.
  writeSetting(ctx.db, LAST_AUTO_FETCH, today);
  return fetchStatements(ctx, { kind: 'eod' });
}

export function startDailyFetch(ctx: ServiceContext, o: { intervalMs?: number; onError?: (e: unknown) => void } = {}): () => void {
  let running = false;
  const tick = () => {
    if (running || !ctx.db.open) return;
    running = true;
    autoFetchIfDue(ctx)
      .catch((e: unknown) => o.onError?.(e))
      .finally(() => (running = false));
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, o.intervalMs ?? 15 * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
