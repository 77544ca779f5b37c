import type { Database, Statement } from 'better-sqlite3';
import { composeIBAN } from 'ibantools';

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

const placeholderId = (fileId: number, index: number) => `\u0000pending:${fileId}:${index}`;

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
  'ultimateCounterparty', 'charges', 'originalAmountCents', 'proprietaryRefs', 'returnOriginator', 'instructionId', 'paymentInfoId',
  'uetr', 'purposeCode', 'additionalInfo',
];

/** The transactions as JSON: always for a batch; for one transaction only when it holds more than the line's columns. */
function transactionsJson(l: LineToStore): string {
  if (l.transactions.length > 1 || l.batchCount) return JSON.stringify(l.transactions);
  const tx = l.transactions[0];
  const cp = tx?.counterparty;
  const more = tx !== undefined && (BEYOND_COLUMNS.some((k) => k in tx) || (cp !== undefined && (cp.bankCode !== undefined || cp.address !== undefined || (cp.iban !== undefined && cp.accountOther !== undefined))));
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
