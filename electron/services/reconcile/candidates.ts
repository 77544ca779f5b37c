/**
 * What the matcher sees, read from the ledger: bank lines with something
 * left to assign, open entries with the IBANs their accounts are known by,
 * and the payments Kontor issued with the entries they pay.
 */
import type { Database } from 'better-sqlite3';
import type { BankLine, IssuedPayment, OpenEntry, PaymentStatus } from '../../reconcile/match';

/**
 * Intraday reports (camt.052, MT942) are provisional: their bookings come
 * again on the end-of-day statement, which is the one to settle entries with.
 */
const SETTLING_KINDS = `('camt.053', 'camt.054', 'mt940', 'csv')`;

export function openLines(db: Database): BankLine[] {
  const rows = db
    .prepare(
      `SELECT l.id, l.account_iban AS accountIban, l.booking_date AS bookingDate, l.value_date AS valueDate, l.amount_cents AS amountCents,
              l.currency, l.counterparty_name AS counterpartyName, l.counterparty_iban AS counterpartyIban,
              TRIM(COALESCE(l.remittance, '') || ' ' || COALESCE(l.booking_text, '')) AS remittance,
              l.end_to_end_id AS endToEndId, l.mandate_id AS mandateId, l.return_reason AS returnReason, l.is_reversal AS isReversal,
              l.is_chargeback AS isChargeback, l.assigned_cents AS alreadyAssignedCents, l.transactions
       FROM statement_line l JOIN statement s ON s.id = l.statement_id
       WHERE l.status = 'BOOK' AND l.match_state NOT IN ('matched', 'ignored') AND l.amount_cents <> l.assigned_cents
         AND s.report_kind IN ${SETTLING_KINDS}
       ORDER BY l.booking_date, l.id`,
    )
    .all() as (Omit<BankLine, 'isReversal' | 'isChargeback'> & { isReversal: number; isChargeback: number; transactions: string })[];
  return rows.map(({ transactions, ...r }) => {
    const line: BankLine = { ...r, isReversal: r.isReversal === 1, isChargeback: r.isChargeback === 1 };
    // A booking of one transaction carries its end-to-end id in the transaction; a batch is matched by its items elsewhere.
    if (!line.endToEndId && transactions !== '[]') {
      const txs = JSON.parse(transactions) as { endToEndId?: string; mandateId?: string; returnReason?: string }[];
      if (txs.length === 1) {
        line.endToEndId = txs[0]!.endToEndId ?? null;
        line.mandateId ??= txs[0]!.mandateId ?? null;
        line.returnReason ??= txs[0]!.returnReason ?? null;
      }
    }
    return line;
  });
}

export function openEntries(db: Database): OpenEntry[] {
  const ibans = new Map<number, string[]>();
  for (const r of db.prepare(`SELECT account_id AS accountId, iban FROM payment_instrument WHERE iban IS NOT NULL`).all() as { accountId: number; iban: string }[]) {
    const list = ibans.get(r.accountId) ?? [];
    list.push(r.iban);
    ibans.set(r.accountId, list);
  }
  const rows = db
    .prepare(
      `SELECT e.id, e.number, e.payment_reference AS paymentReference, e.account_id AS accountId, a.name AS accountName, e.type,
              e.open_amount_cents AS openAmountCents, e.currency, e.statement_date AS statementDate, e.due_date AS dueDate
       FROM entry e JOIN account a ON a.id = e.account_id
       WHERE e.status = 'Open' AND e.open_amount_cents <> 0
       ORDER BY e.id`,
    )
    .all() as Omit<OpenEntry, 'accountIbans'>[];
  return rows.map((r) => ({ ...r, accountIbans: ibans.get(r.accountId) ?? [] }));
}

export function issuedPayments(db: Database): IssuedPayment[] {
  const entries = new Map<number, { entryId: number; expectedCents: number }[]>();
  for (const r of db
    .prepare(`SELECT payment_id AS paymentId, entry_id AS entryId, expected_amount_cents AS expectedCents FROM entry_item WHERE payment_id IS NOT NULL AND expected_amount_cents IS NOT NULL`)
    .all() as { paymentId: number; entryId: number; expectedCents: number }[]) {
    const list = entries.get(r.paymentId) ?? [];
    list.push({ entryId: r.entryId, expectedCents: r.expectedCents });
    entries.set(r.paymentId, list);
  }
  const rows = db
    .prepare(
      `SELECT id, end_to_end_id AS endToEndId, mandate_id AS mandateId, execution_date AS executionDate, amount_cents AS amountCents, currency, status
       FROM payment WHERE end_to_end_id IS NOT NULL AND status IN ('Issued', 'Collected', 'Reversed', 'Final')`,
    )
    .all() as { id: number; endToEndId: string; mandateId: string | null; executionDate: string | null; amountCents: number; currency: string; status: PaymentStatus }[];
  return rows.map((r) => ({ ...r, executionDate: r.executionDate ?? '', entries: entries.get(r.id) ?? [] }));
}
