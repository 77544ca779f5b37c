/**
 * Retrieval from the bank: end-of-day statements up to yesterday (C53/STA for
 * EBICS 2.5, BTD for 3.0; the access chooses camt or MT940), intraday reports
 * and notifications on request. Each download is stored before the receipt
 * goes back, so a failure makes the bank offer the data again. "No data
 * available" is a normal answer. One access failing does not stop the others.
 */
import { addDays, compareDates } from '../../../shared/dates';
import { isKontorError } from '../../../shared/errors';
import type { FetchKind, StatementFetchResult } from '../../../shared/statements';
import type { Purpose } from '../../ebics/messages/catalogue';
import { getBankAccess, listBankAccesses, type BankAccessRow } from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { withBankClient } from '../bank-access/lifecycle';
import { writeSetting } from '../../ledger/repos/settings';
import { lastEndOfDayOfAccess } from '../../ledger/repos/statements';

/** The setting that holds the day of the last end-of-day fetch (the schedule's and the user's). */
export const LAST_AUTO_FETCH = 'statements.lastAutoFetch';
import { storeStatementFile } from './store-file';

/** How far back the first fetch of an access reaches. */
export const FIRST_FETCH_DAYS = 30;

export interface FetchOptions {
  bankAccessId?: number | undefined;
  kind: FetchKind;
  from?: string | undefined;
  to?: string | undefined;
  onProgress?: (p: { label: string; done: number; total: number }) => void;
}

function purposeOf(kind: FetchKind, access: BankAccessRow): Purpose {
  const mt = access.statementFormat === 'mt940';
  if (kind === 'eod') return mt ? 'statement_eod_mt940' : 'statement_eod_camt';
  if (kind === 'intraday') return mt ? 'intraday_mt942' : 'intraday_camt';
  return 'notification_camt';
}

/** The day after the newest end-of-day statement of the access's accounts, or the first-fetch horizon. */
function defaultFrom(ctx: ServiceContext, access: BankAccessRow, yesterday: string): string {
  const last = lastEndOfDayOfAccess(ctx.db, access.id);
  const horizon = addDays(yesterday, -(FIRST_FETCH_DAYS - 1));
  if (!last || compareDates(last, horizon) < 0) return horizon;
  return compareDates(last, yesterday) >= 0 ? yesterday : addDays(last, 1);
}

type AccessResult = StatementFetchResult['accesses'][number];

async function fetchOne(ctx: ServiceContext, access: BankAccessRow, o: FetchOptions): Promise<AccessResult> {
  const result: AccessResult = {
    bankAccessId: access.id,
    name: access.name,
    noData: false,
    files: 0,
    stored: 0,
    duplicates: 0,
    paymentsUpdated: 0,
    error: null,
  };
  const yesterday = addDays(ctx.today(), -1);
  let dateRange: { start: string; end: string } | undefined;
  if (o.kind === 'eod') {
    const end = o.to && compareDates(o.to, yesterday) < 0 ? o.to : yesterday;
    const start = o.from ?? defaultFrom(ctx, access, yesterday);
    dateRange = { start: compareDates(start, end) > 0 ? end : start, end };
  } else if (o.from || o.to) {
    dateRange = { start: o.from ?? o.to!, end: o.to ?? ctx.today() };
  }
  try {
    const download = await withBankClient(
      ctx,
      access.id,
      (client) =>
        client.download(purposeOf(o.kind, access), {
          ...(dateRange ? { dateRange } : {}),
          process: (data) => {
            const stored = storeStatementFile(ctx, { fileName: `${access.name} ${o.kind} ${ctx.today()}`, bytes: data, bankAccessId: access.id });
            result.files += stored.files;
            result.stored += stored.stored.length;
            result.duplicates += stored.duplicates + stored.duplicateFiles;
            result.paymentsUpdated += stored.paymentsUpdated;
          },
        }),
      { onProgress: (p) => o.onProgress?.({ label: `statements.fetch:${access.id}`, done: p.done, total: p.total }) },
    );
    result.noData = download.data === null;
  } catch (e) {
    if (!isKontorError(e)) throw e;
    result.error = { code: e.code, message: e.message };
  }
  return result;
}

/** Contexts with a fetch under way: the daily automatic fetch waits for the user's (and never runs beside it). */
const running = new WeakMap<ServiceContext, number>();

export function fetchRunning(ctx: ServiceContext): boolean {
  return (running.get(ctx) ?? 0) > 0;
}

export async function fetchStatements(ctx: ServiceContext, o: FetchOptions): Promise<StatementFetchResult> {
  const accesses = o.bankAccessId !== undefined ? [getBankAccess(ctx.db, o.bankAccessId)] : listBankAccesses(ctx.db).filter((a) => a.state === 'ready');
  const results: AccessResult[] = [];
  running.set(ctx, (running.get(ctx) ?? 0) + 1);
  try {
    for (const access of accesses) results.push(await fetchOne(ctx, access, o));
  } finally {
    running.set(ctx, (running.get(ctx) ?? 1) - 1);
  }
  // End-of-day statements fetched today, by hand or by the schedule: the day's automatic fetch is done.
  if (o.kind === 'eod' && results.some((r) => r.error === null)) writeSetting(ctx.db, LAST_AUTO_FETCH, ctx.today());
  return { accesses: results };
}
