import type { Database } from 'better-sqlite3';

/**
 * What settling PSP settlement reports reads: the payout and fee bookings
 * of PSP clearing accounts still open, and the bank lines a payout may have
 * become. PSP bookings are the lines whose `bank_tx_code` starts `PSP:`
 * (electron/statements/psp/batch.ts).
 */

export interface PspOpenLine {
  id: number;
  accountIban: string;
  bookingDate: string;
  amountCents: number;
  currency: string;
  kind: string;
  /** The payout's reference (remittance) or the fee's booking text. */
  text: string;
}

export function openPspLines(db: Database, kinds: readonly string[]): PspOpenLine[] {
  return db
    .prepare(
      `SELECT l.id, l.account_iban AS accountIban, l.booking_date AS bookingDate, l.amount_cents AS amountCents, l.currency,
              SUBSTR(l.bank_tx_code, 5) AS kind, TRIM(COALESCE(l.remittance, '') || ' ' || COALESCE(l.booking_text, '')) AS text
       FROM statement_line l JOIN statement s ON s.id = l.statement_id
       WHERE s.report_kind = 'psp' AND l.status = 'BOOK' AND l.match_state NOT IN ('matched', 'ignored') AND l.assigned_cents = 0
         AND l.bank_tx_code IN (SELECT 'PSP:' || value FROM json_each(?))
       ORDER BY l.booking_date, l.id`,
    )
    .all(JSON.stringify(kinds)) as PspOpenLine[];
}

export interface BankCandidate {
  id: number;
  bookingDate: string;
  text: string;
}

/** Open bank lines (not PSP bookings) of one amount and currency booked between two days: where a payout may have arrived. */
export function bankLinesFor(db: Database, o: { amountCents: number; currency: string; from: string; to: string }): BankCandidate[] {
  return db
    .prepare(
      `SELECT l.id, l.booking_date AS bookingDate,
              UPPER(COALESCE(l.remittance, '') || ' ' || COALESCE(l.booking_text, '') || ' ' || COALESCE(l.counterparty_name, '') || ' ' || COALESCE(l.entry_reference, '')) AS text
       FROM statement_line l JOIN statement s ON s.id = l.statement_id
       WHERE s.report_kind IN ('camt.053', 'camt.054', 'mt940', 'csv') AND l.status = 'BOOK'
         AND l.match_state NOT IN ('matched', 'ignored') AND l.assigned_cents = 0
         AND l.amount_cents = ? AND l.currency = ? AND l.booking_date BETWEEN ? AND ?
       ORDER BY l.booking_date, l.id`,
    )
    .all(o.amountCents, o.currency, o.from, o.to) as BankCandidate[];
}
