import type { Database } from 'better-sqlite3';
import type { BankCsvLine } from '../../../shared/bank-csv';

/**
 * A bank CSV file's rows as ONE statement of our account, in the caller's
 * transaction: the statement and its lines with their original text. The
 * file itself is recorded before (import-files.ts), the payments the
 * bookings settle or return are updated after, by the service.
 */
export interface CsvStatementRow {
  importFileId: number;
  sha256: string;
  accountIban: string;
  currency: string;
  messageName: string;
  warnings: readonly string[];
  /** Each line with its text as in the file and, for a return, its reason code. */
  lines: ReadonlyArray<{ raw: string; parsed: BankCsvLine; returnReason: string | null }>;
  at: string;
}

/** Inserts the statement and its lines; returns the statement's id. */
export function insertCsvStatement(db: Database, s: CsvStatementRow): number {
  const dates = s.lines.map((l) => l.parsed.bookingDate).sort();
  const sum = s.lines.reduce((total, l) => total + l.parsed.amountCents, 0);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO statement (bank_account_id, account_iban, currency, source_format, report_kind, message_name, statement_id,
         period_from, period_to, opening_cents, closing_cents, balanced, line_count, sum_cents, warnings, import_file_id, file_index, imported_at)
       VALUES ((SELECT id FROM bank_account WHERE iban = @iban), @iban, @currency, 'csv', 'csv', @messageName, @statementId,
         @from, @to, NULL, NULL, NULL, @count, @sum, @warnings, @fileId, 0, @at)`,
    )
    .run({
      iban: s.accountIban,
      currency: s.currency,
      messageName: s.messageName,
      statementId: `CSV-${s.sha256.slice(0, 12)}`,
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      count: s.lines.length,
      sum,
      warnings: JSON.stringify(s.warnings),
      fileId: s.importFileId,
      at: s.at,
    });
  const statementId = Number(lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, value_date, amount_cents, currency, status, is_reversal,
       counterparty_name, counterparty_iban, counterparty_bic, remittance, booking_text, end_to_end_id, mandate_id, creditor_id, bank_reference,
       return_reason, transactions, raw_start, raw_end, raw, match_state, is_chargeback)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'BOOK', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', NULL, NULL, ?, 'unmatched', ?)`,
  );
  s.lines.forEach(({ raw, parsed: l, returnReason }, k) => {
    insert.run(
      statementId,
      k + 1,
      s.accountIban,
      l.bookingDate,
      l.valueDate,
      l.amountCents,
      l.currency,
      l.counterpartyName,
      l.counterpartyIban,
      l.counterpartyBic,
      l.remittance,
      l.bookingText,
      l.endToEndId,
      l.mandateId,
      l.creditorId,
      l.reference,
      returnReason,
      raw,
      l.chargeback ? 1 : 0,
    );
  });
  return statementId;
}
