/**
 * What the statement browser reads: accounts with their latest balance, the
 * balance history, statements, and lines paged and filtered in SQL so the
 * table stays quick at 100,000 lines.
 */
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../../shared/errors';
import { formatAmount } from '../../../shared/money';
import type { FileDownload } from '../../../shared/domain';
import { csvNumber, writeCsv, type CsvValue } from '../../csv/write';
import {
  LineFilter,
  LinePage,
  type BalancePoint,
  type LinePageResult,
  type StatementAccount,
  type StatementLine,
  type StatementLineDetail,
  type StatementSummary,
} from '../../../shared/statements';
import type { z } from 'zod';
import { decodeStatementText } from '../../statements/encoding';

type Filter = z.output<typeof LineFilter>;
type Page = z.output<typeof LinePage>;

/** End-of-day reports carry the booked balance; intraday and notifications do not move the chart. */
const EOD_KINDS = `('camt.053', 'mt940')`;

const SUMMARY_COLUMNS = `s.id, s.account_iban AS iban, s.currency, s.source_format AS sourceFormat, s.report_kind AS reportKind,
  s.message_name AS messageName, s.statement_id AS statementId, s.sequence_number AS sequenceNumber, s.period_from AS periodFrom,
  s.period_to AS periodTo, s.opening_cents AS openingCents, s.closing_cents AS closingCents, s.balanced, s.difference_cents AS differenceCents,
  s.line_count AS lineCount, s.sum_cents AS sumCents, f.file_name AS fileName, s.imported_at AS importedAt, s.warnings, s.dialect, s.encoding`;

interface SummaryRow extends Omit<StatementSummary, 'balanced' | 'warnings'> {
  balanced: number | null;
  warnings: string;
}

const toSummary = (r: SummaryRow): StatementSummary => ({
  ...r,
  balanced: r.balanced === null ? null : r.balanced === 1,
  warnings: JSON.parse(r.warnings) as string[],
});

export function statementAccounts(db: Database): StatementAccount[] {
  const rows = db
    .prepare(
      `SELECT s.account_iban AS iban, MAX(s.currency) AS currency, b.id AS bankAccountId, COALESCE(b.name, MAX(s.account_name)) AS name,
              COUNT(*) AS statementCount, SUM(s.line_count) AS lineCount
       FROM statement s LEFT JOIN bank_account b ON b.iban = s.account_iban
       GROUP BY s.account_iban ORDER BY s.account_iban`,
    )
    .all() as Omit<StatementAccount, 'latestBalance' | 'unmatchedCount' | 'lastBookingDate'>[];
  const latest = db.prepare(
    `SELECT closing_cents AS amountCents, COALESCE(closing_date, period_to) AS date FROM statement
     WHERE account_iban = ? AND closing_cents IS NOT NULL AND report_kind IN ${EOD_KINDS}
     ORDER BY COALESCE(closing_date, period_to) DESC, id DESC LIMIT 1`,
  );
  const lines = db.prepare(
    `SELECT SUM(match_state = 'unmatched') AS unmatched, MAX(booking_date) AS last FROM statement_line WHERE account_iban = ?`,
  );
  return rows.map((r) => {
    const l = lines.get(r.iban) as { unmatched: number | null; last: string | null };
    return {
      ...r,
      latestBalance: (latest.get(r.iban) as StatementAccount['latestBalance'] | undefined) ?? null,
      unmatchedCount: l.unmatched ?? 0,
      lastBookingDate: l.last,
    };
  });
}

export function balanceHistory(db: Database, iban: string): BalancePoint[] {
  // One point per day: the last end-of-day statement of that day wins.
  return db
    .prepare(
      `SELECT date, amountCents FROM (
         SELECT COALESCE(closing_date, period_to) AS date, closing_cents AS amountCents,
                ROW_NUMBER() OVER (PARTITION BY COALESCE(closing_date, period_to) ORDER BY id DESC) AS n
         FROM statement WHERE account_iban = ? AND closing_cents IS NOT NULL AND report_kind IN ${EOD_KINDS})
       WHERE n = 1 ORDER BY date`,
    )
    .all(iban) as BalancePoint[];
}

export function listStatements(db: Database, o: { iban?: string | undefined; from?: string | undefined; to?: string | undefined }): StatementSummary[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (o.iban) {
    where.push('s.account_iban = ?');
    params.push(o.iban);
  }
  if (o.from) {
    where.push('s.period_to >= ?');
    params.push(o.from);
  }
  if (o.to) {
    where.push('s.period_from <= ?');
    params.push(o.to);
  }
  return (
    db
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM statement s JOIN import_file f ON f.id = s.import_file_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY s.period_to DESC, s.id DESC LIMIT 5000`,
      )
      .all(...params) as SummaryRow[]
  ).map(toSummary);
}

export function getStatementSummary(db: Database, id: number): StatementSummary {
  const row = db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM statement s JOIN import_file f ON f.id = s.import_file_id WHERE s.id = ?`).get(id) as
    | SummaryRow
    | undefined;
  if (!row) throw new KontorError('statement.notFound', 'This statement does not exist (any more).', { id });
  return toSummary(row);
}

export const LINE_COLUMNS = `l.id, l.statement_id AS statementDbId, l.line_no AS lineNo, l.account_iban AS accountIban, l.booking_date AS bookingDate,
  l.value_date AS valueDate, l.amount_cents AS amountCents, l.currency, l.counterparty_name AS counterpartyName,
  l.counterparty_iban AS counterpartyIban, l.counterparty_bic AS counterpartyBic, l.remittance, l.booking_text AS bookingText,
  l.end_to_end_id AS endToEndId, l.mandate_id AS mandateId, l.bank_reference AS bankReference, l.bank_tx_code AS bankTxCode,
  l.return_reason AS returnReason, l.is_reversal AS isReversal, l.batch_count AS batchCount, l.match_state AS matchState`;

export type LineRow = Omit<StatementLine, 'isReversal'> & { isReversal: number };
export const toLine = (r: LineRow): StatementLine => ({ ...r, isReversal: r.isReversal === 1 });

/** `%`, `_` and `\` typed by the user are literal characters, not patterns. */
const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function whereOf(f: Filter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (f.iban) {
    where.push('l.account_iban = ?');
    params.push(f.iban);
  }
  if (f.statementDbId) {
    where.push('l.statement_id = ?');
    params.push(f.statementDbId);
  }
  if (f.from) {
    where.push('l.booking_date >= ?');
    params.push(f.from);
  }
  if (f.to) {
    where.push('l.booking_date <= ?');
    params.push(f.to);
  }
  if (f.minCents !== undefined) {
    where.push('l.amount_cents >= ?');
    params.push(f.minCents);
  }
  if (f.maxCents !== undefined) {
    where.push('l.amount_cents <= ?');
    params.push(f.maxCents);
  }
  if (f.direction === 'in') where.push('l.amount_cents > 0');
  if (f.direction === 'out') where.push('l.amount_cents < 0');
  if (f.matched === 'matched') where.push(`l.match_state = 'matched'`);
  if (f.matched === 'unmatched') where.push(`l.match_state <> 'matched'`);
  if (f.counterparty) {
    where.push(`(l.counterparty_name LIKE ? ESCAPE '\\' OR l.counterparty_iban LIKE ? ESCAPE '\\')`);
    params.push(like(f.counterparty), like(f.counterparty.replace(/\s+/g, '').toUpperCase()));
  }
  if (f.text) {
    // `transactions` holds the items of a batch booking: their end-to-end ids and names are found too.
    const fields = ['remittance', 'booking_text', 'end_to_end_id', 'mandate_id', 'bank_reference', 'entry_reference', 'counterparty_name', 'counterparty_iban', 'transactions'];
    where.push(`(${fields.map((c) => `l.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`);
    for (let i = 0; i < fields.length; i++) params.push(like(f.text));
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function pageLines(db: Database, p: Page): LinePageResult {
  const { sql, params } = whereOf(p);
  const totals = db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(l.amount_cents), 0) AS sumCents FROM statement_line l ${sql}`).get(...params) as {
    total: number;
    sumCents: number;
  };
  const dir = p.descending ? 'DESC' : 'ASC';
  const order = p.sort === 'amount' ? `l.amount_cents ${dir}, l.id ${dir}` : `l.booking_date ${dir}, l.id ${dir}`;
  const rows = db.prepare(`SELECT ${LINE_COLUMNS} FROM statement_line l ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`).all(...params, p.limit, p.offset) as LineRow[];
  return { rows: rows.map(toLine), total: totals.total, sumCents: totals.sumCents };
}

/** A line's raw bytes in the encoding its statement was read in (UTF-8 lines stay UTF-8). */
export function decodeBankText(bytes: Uint8Array, encoding?: string | null): string {
  return decodeStatementText(bytes, encoding);
}

export function lineDetail(db: Database, id: number): StatementLineDetail {
  const row = db
    .prepare(
      `SELECT ${LINE_COLUMNS}, l.creditor_id AS creditorId, l.charges_cents AS chargesCents, l.transactions, l.raw,
              l.bank_transaction_id AS bankTransactionId, l.return_reason_text AS returnReasonText, s.encoding,
              CASE WHEN l.raw_start IS NULL THEN NULL ELSE substr(f.content, l.raw_start + 1, l.raw_end - l.raw_start) END AS rawBytes
       FROM statement_line l JOIN statement s ON s.id = l.statement_id JOIN import_file f ON f.id = s.import_file_id WHERE l.id = ?`,
    )
    .get(id) as
    | (LineRow & {
        creditorId: string | null;
        chargesCents: number | null;
        transactions: string;
        raw: string | null;
        rawBytes: Buffer | null;
        bankTransactionId: string | null;
        returnReasonText: string | null;
        encoding: string | null;
      })
    | undefined;
  if (!row) throw new KontorError('statement.lineNotFound', 'This statement line does not exist (any more).', { id });
  const { transactions, raw, rawBytes, creditorId, chargesCents, bankTransactionId, returnReasonText, encoding, ...line } = row;
  return {
    ...toLine(line),
    statement: getStatementSummary(db, line.statementDbId),
    creditorId,
    chargesCents,
    bankTransactionId,
    returnReasonText,
    transactions: JSON.parse(transactions) as Record<string, unknown>[],
    raw: rawBytes ? decodeBankText(rawBytes, encoding) : (raw ?? ''),
  };
}

/** The filtered lines as CSV the way the user's spreadsheet reads it: `;` and decimal comma in German, `,` and point in English. */
export function exportLinesCsv(db: Database, f: Filter, locale: 'de' | 'en', today: string): FileDownload {
  const { sql, params } = whereOf(f);
  const sep = locale === 'de' ? ';' : ',';
  const header =
    locale === 'de'
      ? ['Konto', 'Buchungstag', 'Valuta', 'Betrag', 'Währung', 'Name', 'IBAN', 'BIC', 'Verwendungszweck', 'Buchungstext', 'End-to-End-ID', 'Mandat', 'Bankreferenz', 'GVC', 'Rückgabegrund', 'Status']
      : ['Account', 'Booking date', 'Value date', 'Amount', 'Currency', 'Name', 'IBAN', 'BIC', 'Remittance', 'Booking text', 'End-to-end id', 'Mandate', 'Bank reference', 'Transaction code', 'Return reason', 'Match'];
  const rows = db.prepare(`SELECT ${LINE_COLUMNS} FROM statement_line l ${sql} ORDER BY l.booking_date, l.id`).iterate(...params) as IterableIterator<LineRow>;
  function* cells(): Generator<CsvValue[]> {
    yield header;
    for (const r of rows) {
      yield [
        r.accountIban,
        r.bookingDate,
        r.valueDate,
        csvNumber(formatAmount(r.amountCents, locale, { grouping: false })),
        r.currency,
        r.counterpartyName,
        r.counterpartyIban,
        r.counterpartyBic,
        r.remittance,
        r.bookingText,
        r.endToEndId,
        r.mandateId,
        r.bankReference,
        r.bankTxCode,
        r.returnReason,
        r.matchState,
      ];
    }
  }
  // Every text goes through the one CSV writer: quoted as needed, formulas neutralised (OWASP), a BOM for Excel.
  const text = writeCsv(cells(), { separator: sep });
  return { fileName: `statement-lines-${today}.csv`, mimeType: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64') };
}
