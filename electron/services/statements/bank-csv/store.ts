/**
 * Stores a bank CSV file's rows as ONE statement of our account, in the
 * caller's transaction: the file (by its SHA-256), the statement, its lines
 * with their original text, and the payments the bookings settle or return.
 */
import type { Database } from 'better-sqlite3';
import type { BankCsvLine } from '../../../../shared/bank-csv';
import { insertCsvStatement } from '../../../ledger/repos/csv-statements';
import { recordImportFile } from '../../../ledger/repos/import-files';
import { chargebackReason } from '../../../statements/bank-csv/returns';
import { applyStatementToPayments } from '../payment-lifecycle';

export const BANK_CSV_IMPORT_KIND = 'bank_csv';

export interface StoreCsvArgs {
  sha256: string;
  fileName: string;
  bytes: Uint8Array;
  accountIban: string;
  currency: string;
  messageName: string;
  warnings: readonly string[];
  lines: ReadonlyArray<{ raw: string; parsed: BankCsvLine }>;
  at: string;
}

export interface StoreCsvResult {
  statementId: number;
  chargebacks: number;
  paymentsUpdated: number;
}

export function storeCsvStatement(db: Database, a: StoreCsvArgs): StoreCsvResult {
  const importFileId = recordImportFile(db, { sha256: a.sha256, kind: BANK_CSV_IMPORT_KIND, fileName: a.fileName, content: a.bytes, importedAt: a.at });
  const lines = a.lines.map((l) => ({ ...l, returnReason: l.parsed.chargeback ? chargebackReason(l.parsed) : null }));
  const statementId = insertCsvStatement(db, {
    importFileId,
    sha256: a.sha256,
    accountIban: a.accountIban,
    currency: a.currency,
    messageName: a.messageName,
    warnings: a.warnings,
    lines,
    at: a.at,
  });
  const chargebacks = a.lines.filter((l) => l.parsed.chargeback).length;
  const paymentsUpdated = applyStatementToPayments(db, statementId, a.at);
  return { statementId, chargebacks, paymentsUpdated };
}
