import type { Database, Statement } from 'better-sqlite3';
import { composeIBAN } from 'ibantools';
import { KontorError } from '../../../shared/errors';
import type { BalancePoint, StatementAccount, StatementSummary } from '../../../shared/statements';

/*
 * What the ledger stores of a statement and its lines: the fields it reads,
 * as plain data. The parsers' statement model (electron/statements/model.ts)
 * has these and more; the ledger does not depend on it.
 */

export interface BalanceToStore {
  amountCents: number;
  currency: string;
  date: string;
}

export interface AccountToStore {
  iban?: string;
  other?: string;
  currency?: string;
  name?: string;
  ownerName?: string;
}

export interface StatementToStore {
  format: string;
  kind: string;
  messageName: string;
  messageId?: string;
  statementId: string;
  sequenceNumber?: string;
  createdAt?: string;
  account: AccountToStore;
  periodFrom: string;
  periodTo: string;
  opening?: BalanceToStore;
  closing?: BalanceToStore;
  /** Kept as JSON. */
  balances: readonly BalanceToStore[];
  balanceCheck: { ok: boolean; differenceCents: number } | null;
  warnings: readonly string[];
  dialect: string;
  encoding: string;
  additionalInfo?: string;
}

export interface PartyToStore {
  name?: string;
  iban?: string;
  accountOther?: string;
  bic?: string;
  bankCode?: string;
  address?: string;
}

/** One transaction of a booking; kept as JSON with every field it has (see transactionsJson). */
export interface TransactionToStore {
  counterparty?: PartyToStore;
}

export interface LineToStore {
  bookingDate: string;
  valueDate?: string;
  amountCents: number;
  currency: string;
  isReversal: boolean;
  status: string;
  entryReference?: string;
  bankReference?: string;
  bankTxCode?: string;
  bookingText?: string;
  counterparty?: PartyToStore;
  remittance?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  returnReason?: string;
  returnReasonText?: string;
  bankTransactionId?: string;
  chargesCents?: number;
  batchCount?: number;
  batchPaymentInfoId?: string;
  transactions: readonly TransactionToStore[];
  rawStart: number;
  rawEnd: number;
}

/**
 * Statements and their lines. Writing happens while a file streams through
 * its parser: the statement row goes in before its first line (the lines
 * need its id) under a placeholder key, and is completed — or removed as a
 * duplicate — when the statement ends. The caller wraps a whole file in one
 * transaction.
 */
export interface StatementWriter {
  begin(index: number, header: StatementToStore): void;
  line(line: LineToStore): void;
  /** Completes the statement; false when the same statement was stored before (it is then removed again). */
  end(statement: StatementToStore): { stored: boolean; id: number };
}

/** A control character no bank's statement id contains; not NUL, which PostgreSQL's text refuses (team ledger). */
const placeholderId = (fileId: number, index: number) => `\u0001pending:${fileId}:${index}`;

const GERMAN_ACCOUNT = /^(\d{8})\/(\d{1,10})$/;

/**
 * The account key: the IBAN, else the bank's other account id. German MT940
 * files name the account as `BLZ/Kontonummer`; that is the IBAN's BBAN, so
 * camt and MT940 statements of one account land on the same key.
 */
export function accountKeyOf(s: Pick<StatementToStore, 'account'>): string {
  if (s.account.iban) return s.account.iban;
  const other = s.account.other?.trim();
  const german = other ? GERMAN_ACCOUNT.exec(other) : null;
  if (german) return composeIBAN({ countryCode: 'DE', bban: `${german[1]}${german[2]!.padStart(10, '0')}` }) ?? other!;
  return other || 'UNKNOWN';
}

/** What a single transaction carries beyond the line's own columns (kept in `transactions`, not dropped). */
const BEYOND_COLUMNS: readonly string[] = [
  'ultimateCounterparty',
  'charges',
  'originalAmountCents',
  'proprietaryRefs',
  'returnOriginator',
  'instructionId',
  'paymentInfoId',
  'uetr',
  'purposeCode',
  'additionalInfo',
];

/** The transactions as JSON: always for a batch; for one transaction only when it holds more than the line's columns. */
function transactionsJson(l: LineToStore): string {
  if (l.transactions.length > 1 || l.batchCount) return JSON.stringify(l.transactions);
  const tx = l.transactions[0];
  const cp = tx?.counterparty;
  const more =
    tx !== undefined &&
    (BEYOND_COLUMNS.some((k) => k in tx) ||
      (cp !== undefined && (cp.bankCode !== undefined || cp.address !== undefined || (cp.iban !== undefined && cp.accountOther !== undefined))));
  return more ? JSON.stringify(l.transactions) : '[]';
}

export function statementWriter(db: Database, o: { importFileId: number; importedAt: string; bankAccessId: number | null }): StatementWriter {
  const insertHeader = db.prepare(
    `INSERT INTO statement (bank_account_id, bank_access_id, account_iban, currency, source_format, report_kind, message_name, statement_id,
       period_from, period_to, import_file_id, file_index, imported_at)
     VALUES ((SELECT id FROM bank_account WHERE iban = @iban), @bankAccessId, @iban, @currency, @format, @kind, @messageName, @placeholder,
       '0000-00-00', '0000-00-00', @fileId, @index, @importedAt)`,
  );
  const insertLine: Statement = db.prepare(
    `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, value_date, amount_cents, currency, status, is_reversal,
       counterparty_name, counterparty_iban, counterparty_bic, remittance, booking_text, end_to_end_id, mandate_id, creditor_id,
       entry_reference, bank_reference, bank_tx_code, return_reason, charges_cents, batch_count, batch_payment_info_id, transactions, raw_start, raw_end,
       bank_transaction_id, return_reason_text)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const findSame = db.prepare(
    `SELECT id FROM statement WHERE account_iban = ? AND report_kind = ? AND statement_id = ? AND period_from = ? AND period_to = ? AND id <> ?`,
  );
  const complete = db.prepare(
    `UPDATE statement SET account_name = @accountName, currency = @currency, message_id = @messageId, statement_id = @statementId,
       sequence_number = @sequenceNumber, created_at_bank = @createdAt, period_from = @periodFrom, period_to = @periodTo,
       opening_cents = @openingCents, opening_date = @openingDate, closing_cents = @closingCents, closing_date = @closingDate,
       balances = @balances, balanced = @balanced, difference_cents = @difference, line_count = @lineCount, sum_cents = @sumCents,
       warnings = @warnings, additional_info = @additionalInfo, dialect = @dialect, encoding = @encoding
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM statement WHERE id = ?');

  let current: { id: number; iban: string; currency: string; lineNo: number; sum: number } | null = null;

  return {
    begin(index, header) {
      const iban = accountKeyOf(header);
      const currency = header.account.currency ?? header.opening?.currency ?? 'EUR';
      const { lastInsertRowid } = insertHeader.run({
        iban,
        bankAccessId: o.bankAccessId,
        currency,
        format: header.format,
        kind: header.kind,
        messageName: header.messageName,
        placeholder: placeholderId(o.importFileId, index),
        fileId: o.importFileId,
        index,
        importedAt: o.importedAt,
      });
      current = { id: Number(lastInsertRowid), iban, currency, lineNo: 0, sum: 0 };
    },
    line(l) {
      if (!current) throw new Error('statement line before its statement');
      current.lineNo += 1;
      if (l.status === 'BOOK') current.sum += l.amountCents;
      const cp = l.counterparty;
      insertLine.run(
        current.id,
        current.lineNo,
        current.iban,
        l.bookingDate,
        l.valueDate ?? null,
        l.amountCents,
        l.currency,
        l.status,
        l.isReversal ? 1 : 0,
        cp?.name ?? null,
        cp?.iban ?? cp?.accountOther ?? null,
        cp?.bic ?? null,
        l.remittance ?? null,
        l.bookingText ?? null,
        l.endToEndId ?? null,
        l.mandateId ?? null,
        l.creditorId ?? null,
        l.entryReference ?? null,
        l.bankReference ?? null,
        l.bankTxCode ?? null,
        l.returnReason ?? null,
        l.chargesCents ?? null,
        l.batchCount ?? null,
        l.batchPaymentInfoId ?? null,
        transactionsJson(l),
        l.rawStart,
        l.rawEnd,
        l.bankTransactionId ?? null,
        l.returnReasonText ?? null,
      );
    },
    end(s) {
      if (!current) throw new Error('statement end before its start');
      const { id, lineNo, sum } = current;
      current = null;
      const iban = accountKeyOf(s);
      if (findSame.get(iban, s.kind, s.statementId, s.periodFrom, s.periodTo, id)) {
        remove.run(id);
        return { stored: false, id };
      }
      complete.run({
        id,
        accountName: s.account.name ?? s.account.ownerName ?? null,
        currency: s.account.currency ?? s.opening?.currency ?? s.closing?.currency ?? 'EUR',
        messageId: s.messageId ?? null,
        statementId: s.statementId,
        sequenceNumber: s.sequenceNumber ?? null,
        createdAt: s.createdAt ?? null,
        periodFrom: s.periodFrom,
        periodTo: s.periodTo,
        openingCents: s.opening?.amountCents ?? null,
        openingDate: s.opening?.date ?? null,
        closingCents: s.closing?.amountCents ?? null,
        closingDate: s.closing?.date ?? null,
        balances: JSON.stringify(s.balances),
        balanced: s.balanceCheck === null ? null : s.balanceCheck.ok ? 1 : 0,
        difference: s.balanceCheck?.differenceCents ?? null,
        lineCount: lineNo,
        sumCents: sum,
        warnings: JSON.stringify(s.warnings),
        additionalInfo: s.additionalInfo ?? null,
        dialect: s.dialect,
        encoding: s.encoding,
      });
      return { stored: true, id };
    },
  };
}

// ---- what the statement browser and the fetch read -------------------------

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

/** Accounts that have statements, with their latest end-of-day balance, unmatched lines and last booking day. */
export function statementAccounts(db: Database): StatementAccount[] {
  const rows = db
    .prepare(
      `SELECT s.account_iban AS iban, MAX(s.currency) AS currency, b.id AS bankAccountId, COALESCE(b.name, MAX(s.account_name)) AS name,
              COUNT(*) AS statementCount, SUM(s.line_count) AS lineCount
       FROM statement s LEFT JOIN bank_account b ON b.iban = s.account_iban
       GROUP BY s.account_iban, b.id, b.name ORDER BY s.account_iban`,
    )
    .all() as Omit<StatementAccount, 'latestBalance' | 'unmatchedCount' | 'lastBookingDate'>[];
  const latest = db.prepare(
    `SELECT closing_cents AS amountCents, COALESCE(closing_date, period_to) AS date FROM statement
     WHERE account_iban = ? AND closing_cents IS NOT NULL AND report_kind IN ${EOD_KINDS}
     ORDER BY COALESCE(closing_date, period_to) DESC, id DESC LIMIT 1`,
  );
  const lines = db.prepare(
    `SELECT SUM(CASE WHEN match_state = 'unmatched' THEN 1 ELSE 0 END) AS unmatched, MAX(booking_date) AS last FROM statement_line WHERE account_iban = ?`,
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
      `SELECT date, closing_cents AS amountCents FROM (
         SELECT COALESCE(closing_date, period_to) AS date, closing_cents,
                ROW_NUMBER() OVER (PARTITION BY COALESCE(closing_date, period_to) ORDER BY id DESC) AS n
         FROM statement WHERE account_iban = ? AND closing_cents IS NOT NULL AND report_kind IN ${EOD_KINDS}) AS latest
       WHERE n = 1 ORDER BY date`,
    )
    .all(iban) as BalancePoint[];
}

export function listStatementSummaries(db: Database, o: { iban?: string | undefined; from?: string | undefined; to?: string | undefined }): StatementSummary[] {
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
    SummaryRow | undefined;
  if (!row) throw new KontorError('statement.notFound', 'This statement does not exist (any more).', { id });
  return toSummary(row);
}

/** The last day covered by an end-of-day statement of the access or of its accounts; null before the first. */
export function lastEndOfDayOfAccess(db: Database, bankAccessId: number): string | null {
  const row = db
    .prepare(
      `SELECT MAX(s.period_to) AS last FROM statement s
       WHERE s.report_kind IN ${EOD_KINDS}
         AND (s.bank_access_id = ? OR s.account_iban IN (SELECT iban FROM bank_account WHERE bank_access_id = ?))`,
    )
    .get(bankAccessId, bankAccessId) as { last: string | null };
  return row.last;
}
