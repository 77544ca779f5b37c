import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import type { LineFilter, LinePage, LinePageResult, StatementLine } from '../../../shared/statements';
import { likePattern } from './rows';

/**
 * Statement lines as the browser, the matcher and the payment lifecycle read
 * them, and the two amounts reconciliation moves on them (assigned cents and
 * match state). Lines are written with their statement (statements.ts).
 */

type Filter = z.output<typeof LineFilter>;
type Page = z.output<typeof LinePage>;

const LINE_COLUMNS = `l.id, l.statement_id AS statementDbId, l.line_no AS lineNo, l.account_iban AS accountIban, l.booking_date AS bookingDate,
  l.value_date AS valueDate, l.amount_cents AS amountCents, l.currency, l.counterparty_name AS counterpartyName,
  l.counterparty_iban AS counterpartyIban, l.counterparty_bic AS counterpartyBic, l.remittance, l.booking_text AS bookingText,
  l.end_to_end_id AS endToEndId, l.mandate_id AS mandateId, l.bank_reference AS bankReference, l.bank_tx_code AS bankTxCode,
  l.return_reason AS returnReason, l.is_reversal AS isReversal, l.batch_count AS batchCount, l.match_state AS matchState`;

type LineRow = Omit<StatementLine, 'isReversal'> & { isReversal: number };
const toLine = (r: LineRow): StatementLine => ({ ...r, isReversal: r.isReversal === 1 });

function whereOf(f: Filter): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.iban) add('l.account_iban = ?', f.iban);
  if (f.statementDbId) add('l.statement_id = ?', f.statementDbId);
  if (f.from) add('l.booking_date >= ?', f.from);
  if (f.to) add('l.booking_date <= ?', f.to);
  if (f.minCents !== undefined) add('l.amount_cents >= ?', f.minCents);
  if (f.maxCents !== undefined) add('l.amount_cents <= ?', f.maxCents);
  if (f.direction === 'in') add('l.amount_cents > 0');
  if (f.direction === 'out') add('l.amount_cents < 0');
  if (f.matched === 'matched') add(`l.match_state = 'matched'`);
  if (f.matched === 'unmatched') add(`l.match_state <> 'matched'`);
  if (f.counterparty) {
    add(
      `(l.counterparty_name LIKE ? ESCAPE '\\' OR l.counterparty_iban LIKE ? ESCAPE '\\')`,
      likePattern(f.counterparty),
      likePattern(f.counterparty.replace(/\s+/g, '').toUpperCase()),
    );
  }
  if (f.text) {
    // `transactions` holds the items of a batch booking: their end-to-end ids and names are found too.
    const fields = [
      'remittance',
      'booking_text',
      'end_to_end_id',
      'mandate_id',
      'bank_reference',
      'entry_reference',
      'counterparty_name',
      'counterparty_iban',
      'transactions',
    ];
    const pattern = likePattern(f.text);
    add(`(${fields.map((c) => `l.${c} LIKE ? ESCAPE '\\'`).join(' OR ')})`, ...fields.map(() => pattern));
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

interface Totals {
  total: number;
  sumCents: number;
}

/** The last filter's count and sum per ledger connection, with the ledger's state it was taken at. */
const lastTotals = new WeakMap<Database, { key: string; totals: Totals }>();

/**
 * The filter's count and sum. Counting and summing a million lines takes about a second, and the table asks for
 * them with every page while it scrolls: they are kept until the filter or anything in the ledger changes
 * (`total_changes()` counts this connection's writes, `data_version` another connection's).
 */
function totalsOf(db: Database, sql: string, params: unknown[]): Totals {
  const count = () =>
    db.prepare(`SELECT COUNT(*) AS total, COALESCE(SUM(l.amount_cents), 0) AS sumCents FROM statement_line l ${sql}`).get(...params) as Totals;
  // A team ledger has no cheap "has anything changed" counter across workstations: it counts every time.
  if ((db as { engine?: string }).engine === 'postgres') return count();
  const state = db.prepare('SELECT total_changes() AS mine').get() as { mine: number };
  const key = JSON.stringify([sql, params, state.mine, db.pragma('data_version', { simple: true })]);
  const cached = lastTotals.get(db);
  if (cached?.key === key) return cached.totals;
  const totals = count();
  lastTotals.set(db, { key, totals });
  return totals;
}

/** One page of the filtered lines, with the filter's count and sum; paged in SQL so 100,000 lines stay quick. */
export function pageLines(db: Database, p: Page): LinePageResult {
  const { sql, params } = whereOf(p);
  const totals = totalsOf(db, sql, params);
  const dir = p.descending ? 'DESC' : 'ASC';
  const order = p.sort === 'amount' ? `l.amount_cents ${dir}, l.id ${dir}` : `l.booking_date ${dir}, l.id ${dir}`;
  const rows = db
    .prepare(`SELECT ${LINE_COLUMNS} FROM statement_line l ${sql} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, p.limit, p.offset) as LineRow[];
  return { rows: rows.map(toLine), total: totals.total, sumCents: totals.sumCents };
}

/** Every line of the filter by booking date, one at a time (an export of any size). */
export function* eachLine(db: Database, f: Filter): Generator<StatementLine> {
  const { sql, params } = whereOf(f);
  const rows = db.prepare(`SELECT ${LINE_COLUMNS} FROM statement_line l ${sql} ORDER BY l.booking_date, l.id`).iterate(...params) as IterableIterator<LineRow>;
  for (const r of rows) yield toLine(r);
}

/** A line with what the list leaves out: the raw text (bytes of the file, in its statement's encoding) and its transactions (JSON). */
export interface LineDetailRow {
  line: StatementLine;
  creditorId: string | null;
  chargesCents: number | null;
  bankTransactionId: string | null;
  returnReasonText: string | null;
  transactions: string;
  raw: string | null;
  rawBytes: Buffer | null;
  /** Where the raw bytes are when the file is in the archive beside the ledger (then `rawBytes` is null). */
  archivedRaw: { sha256: string; start: number; end: number } | null;
  encoding: string | null;
}

export function lineDetailRow(db: Database, id: number): LineDetailRow {
  const row = db
    .prepare(
      `SELECT ${LINE_COLUMNS}, l.creditor_id AS creditorId, l.charges_cents AS chargesCents, l.transactions, l.raw,
              l.bank_transaction_id AS bankTransactionId, l.return_reason_text AS returnReasonText, s.encoding,
              CASE WHEN l.raw_start IS NULL OR f.content_store = 'archive' THEN NULL ELSE substr(f.content, l.raw_start + 1, l.raw_end - l.raw_start) END AS rawBytes,
              f.content_store AS contentStore, f.sha256 AS fileSha256, l.raw_start AS rawStart, l.raw_end AS rawEnd
       FROM statement_line l JOIN statement s ON s.id = l.statement_id JOIN import_file f ON f.id = s.import_file_id WHERE l.id = ?`,
    )
    .get(id) as
    | (LineRow & Omit<LineDetailRow, 'line' | 'archivedRaw'> & { contentStore: string; fileSha256: string; rawStart: number | null; rawEnd: number | null })
    | undefined;
  if (!row) throw new KontorError('statement.lineNotFound', 'This statement line does not exist (any more).', { id });
  const {
    transactions,
    raw,
    rawBytes,
    creditorId,
    chargesCents,
    bankTransactionId,
    returnReasonText,
    encoding,
    contentStore,
    fileSha256,
    rawStart,
    rawEnd,
    ...line
  } = row;
  const archivedRaw = contentStore === 'archive' && rawStart !== null && rawEnd !== null ? { sha256: fileSha256, start: rawStart, end: rawEnd } : null;
  return { line: toLine(line), creditorId, chargesCents, bankTransactionId, returnReasonText, transactions, raw, rawBytes, archivedRaw, encoding };
}

/** A line with the amount reconciliation has assigned of it so far. */
export function lineWithAssigned(db: Database, id: number): { line: StatementLine; assignedCents: number } {
  const row = db.prepare(`SELECT ${LINE_COLUMNS}, l.assigned_cents AS assignedCents FROM statement_line l WHERE l.id = ?`).get(id) as LineRow & {
    assignedCents: number;
  };
  const { assignedCents, ...line } = row;
  return { line: toLine(line), assignedCents };
}

// ---- what the matcher reads ------------------------------------------------

/**
 * Intraday reports (camt.052, MT942) are provisional: their bookings come
 * again on the end-of-day statement, which is the one to settle entries with.
 */
const SETTLING_KINDS = `('camt.053', 'camt.054', 'mt940', 'csv', 'psp')`;

export interface OpenLineRow {
  id: number;
  accountIban: string;
  bookingDate: string;
  valueDate: string | null;
  amountCents: number;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  /** Remittance and booking text joined. */
  remittance: string;
  endToEndId: string | null;
  mandateId: string | null;
  returnReason: string | null;
  isReversal: number;
  isChargeback: number;
  alreadyAssignedCents: number;
  /** JSON: the booking's transactions; `[]` when the line's own columns hold all of it. */
  transactions: string;
  /** A batch booking: the `PmtInfId` of the block it books. */
  batchPaymentInfoId: string | null;
}

/** Booked lines of settling statements with something left to assign, by booking date. */
export function openLineRows(db: Database): OpenLineRow[] {
  return db
    .prepare(
      `SELECT l.id, l.account_iban AS accountIban, l.booking_date AS bookingDate, l.value_date AS valueDate, l.amount_cents AS amountCents,
              l.currency, l.counterparty_name AS counterpartyName, l.counterparty_iban AS counterpartyIban,
              TRIM(COALESCE(l.remittance, '') || ' ' || COALESCE(l.booking_text, '')) AS remittance,
              l.end_to_end_id AS endToEndId, l.mandate_id AS mandateId, l.return_reason AS returnReason, l.is_reversal AS isReversal,
              l.is_chargeback AS isChargeback, l.assigned_cents AS alreadyAssignedCents, l.transactions, l.batch_payment_info_id AS batchPaymentInfoId
       FROM statement_line l JOIN statement s ON s.id = l.statement_id
       WHERE l.status = 'BOOK' AND l.match_state NOT IN ('matched', 'ignored') AND l.amount_cents <> l.assigned_cents
         AND s.report_kind IN ${SETTLING_KINDS}
       ORDER BY l.booking_date, l.id`,
    )
    .all() as OpenLineRow[];
}

// ---- what the payment lifecycle reads --------------------------------------

export interface BookingRow {
  id: number;
  endToEndId: string | null;
  returnReason: string | null;
  isReversal: number;
  batchPaymentInfoId: string | null;
  transactions: string;
  bookingDate: string;
}

/** Booked lines of one statement that name a payment at all (an end-to-end id, a block, or transactions). */
export function bookingsWithReferences(db: Database, statementDbId: number): BookingRow[] {
  return db
    .prepare(
      `SELECT id, end_to_end_id AS endToEndId, return_reason AS returnReason, is_reversal AS isReversal,
              batch_payment_info_id AS batchPaymentInfoId, transactions, booking_date AS bookingDate
       FROM statement_line
       WHERE statement_id = ? AND status = 'BOOK' AND (end_to_end_id IS NOT NULL OR batch_payment_info_id IS NOT NULL OR transactions <> '[]')`,
    )
    .all(statementDbId) as BookingRow[];
}

// ---- reconciliation's marks ------------------------------------------------

export interface LineBalance {
  id: number;
  amountCents: number;
  assignedCents: number;
  currency: string;
  bookingDate: string;
}

export function lineBalance(db: Database, id: number): LineBalance {
  const row = db
    .prepare('SELECT id, amount_cents AS amountCents, assigned_cents AS assignedCents, currency, booking_date AS bookingDate FROM statement_line WHERE id = ?')
    .get(id) as LineBalance | undefined;
  if (!row) throw new KontorError('statement.lineNotFound', 'This statement line does not exist (any more).', { id });
  return row;
}

export function setLineAssigned(db: Database, id: number, assignedCents: number, matchState: 'matched' | 'unmatched'): void {
  db.prepare(`UPDATE statement_line SET assigned_cents = ?, match_state = ? WHERE id = ?`).run(assignedCents, matchState, id);
}

/** An assignment taken back: the line gives back what it paid and is unmatched again. */
export function releaseLineAmount(db: Database, id: number, cents: number): void {
  db.prepare(`UPDATE statement_line SET assigned_cents = assigned_cents - ?, match_state = 'unmatched' WHERE id = ?`).run(cents, id);
}

/** Lines that only had a proposal are unmatched again (a new run proposes afresh). */
export function clearProposedLines(db: Database): void {
  db.prepare(`UPDATE statement_line SET match_state = 'unmatched' WHERE match_state = 'proposed'`).run();
}

export function markLinesProposed(db: Database, ids: readonly number[]): void {
  const proposed = db.prepare(`UPDATE statement_line SET match_state = 'proposed' WHERE id = ? AND match_state = 'unmatched'`);
  for (const id of ids) proposed.run(id);
}

/** The line's proposal was rejected: it is unmatched again, unless something was assigned meanwhile. */
export function unmarkProposedLine(db: Database, id: number): void {
  db.prepare(`UPDATE statement_line SET match_state = 'unmatched' WHERE id = ? AND match_state = 'proposed'`).run(id);
}
