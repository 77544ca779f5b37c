/**
 * Writes a bank CSV file's rows as ONE statement of our account, in the
 * caller's transaction: the file (by its SHA-256), the statement, its lines
 * with their original text, and the payments the bookings settle or return.
 */
import type { Database } from 'better-sqlite3';
import type { BankCsvLine } from '../../../shared/bank-csv';
import { applyStatementToPayments } from '../statements/payment-lifecycle';
import { recordImportFile } from '../../ledger/repos/import-files';

export const BANK_CSV_IMPORT_KIND = 'bank_csv';
/** Written as return reason where a chargeback row names no ISO reason code. */
export const CHARGEBACK_REASON = 'CHARGEBACK';

/** ISO 20022 return reason codes that SEPA direct debit returns carry (ExternalReturnReason1Code, the usual ones). */
const RETURN_CODES =
  /\b(AC01|AC04|AC06|AC13|AG01|AG02|AM04|AM05|BE05|CNOR|DNOR|FF01|MD01|MD02|MD06|MD07|MS02|MS03|RC01|RR01|RR02|RR03|RR04|SL01|FOCR|DUPL|TECH|FRAD|CUST)\b/;

/** The reason of a return: an ISO code named in its texts, else CHARGEBACK. */
export function chargebackReason(line: BankCsvLine): string {
  const text = `${line.bookingText ?? ''} ${line.remittance ?? ''}`.toUpperCase();
  return RETURN_CODES.exec(text)?.[1] ?? CHARGEBACK_REASON;
}

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
  const dates = a.lines.map((l) => l.parsed.bookingDate).sort();
  const sum = a.lines.reduce((s, l) => s + l.parsed.amountCents, 0);
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO statement (bank_account_id, account_iban, currency, source_format, report_kind, message_name, statement_id,
         period_from, period_to, opening_cents, closing_cents, balanced, line_count, sum_cents, warnings, import_file_id, file_index, imported_at)
       VALUES ((SELECT id FROM bank_account WHERE iban = @iban), @iban, @currency, 'csv', 'csv', @messageName, @statementId,
         @from, @to, NULL, NULL, NULL, @count, @sum, @warnings, @fileId, 0, @at)`,
    )
    .run({
      iban: a.accountIban,
      currency: a.currency,
      messageName: a.messageName,
      statementId: `CSV-${a.sha256.slice(0, 12)}`,
      from: dates[0]!,
      to: dates[dates.length - 1]!,
      count: a.lines.length,
      sum,
      warnings: JSON.stringify(a.warnings),
      fileId: importFileId,
      at: a.at,
    });
  const statementId = Number(lastInsertRowid);
  const insert = db.prepare(
    `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, value_date, amount_cents, currency, status, is_reversal,
       counterparty_name, counterparty_iban, counterparty_bic, remittance, booking_text, end_to_end_id, mandate_id, creditor_id, bank_reference,
       return_reason, transactions, raw_start, raw_end, raw, match_state, is_chargeback)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'BOOK', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', NULL, NULL, ?, 'unmatched', ?)`,
  );
  let chargebacks = 0;
  a.lines.forEach(({ raw, parsed: l }, k) => {
    if (l.chargeback) chargebacks++;
    insert.run(
      statementId,
      k + 1,
      a.accountIban,
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
      l.chargeback ? chargebackReason(l) : null,
      raw,
      l.chargeback ? 1 : 0,
    );
  });
  const paymentsUpdated = applyStatementToPayments(db, statementId, a.at);
  return { statementId, chargebacks, paymentsUpdated };
}
