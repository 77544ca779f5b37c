import { z } from 'zod';
import { FileDownload } from '../domain';
import {
  BalancePoint,
  LineFilter,
  LinePage,
  LinePageResult,
  StatementAccount,
  StatementFetchInput,
  StatementFetchResult,
  StatementImportInput,
  StatementImportResult,
  StatementLineDetail,
  StatementSummary,
} from '../statements';
import { byId, call, none, type CallSpec } from './call';

export const statementsApi = {
  /** Accounts that have statements, with their latest closing balance. */
  'statements.accounts': call(none, z.array(StatementAccount)),
  /** Closing balance per day for the chart. */
  'statements.balanceHistory': call(z.object({ iban: z.string().trim().min(1).max(64) }).strict(), z.array(BalancePoint)),
  'statements.list': call(
    z.object({ iban: z.string().trim().max(64).optional(), from: LinePage.shape.from, to: LinePage.shape.to }).strict(),
    z.array(StatementSummary),
  ),
  /** One page of lines for the virtualised table, with the filter's total count and sum. */
  'statements.lines': call(LinePage, LinePageResult),
  'statements.line': call(byId, StatementLineDetail),
  'statements.exportCsv': call(LineFilter, FileDownload),
  /** A camt or MT940 file (or a ZIP of them) chosen or dropped by the user, stored like a download. */
  'statements.import': call(StatementImportInput, StatementImportResult),
  /** Retrieves statements (end of day up to yesterday, intraday, notifications) from one or every ready access. Progress events. */
  'statements.fetch': call(StatementFetchInput, StatementFetchResult),
} as const satisfies Record<string, CallSpec>;
