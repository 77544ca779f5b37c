/**
 * Bookings the bank made on its demo accounts for released orders and
 * returns, stored column by column in the DemoBooking shape the statement
 * generators render (batch details as JSON).
 */
import type { Database } from 'better-sqlite3';
import type { BusinessDate } from '../../../shared/dates';
import type { DemoBatch, DemoBooking } from '../statements/model';

export interface BookingOrigin {
  orderId: string | null;
  paymentBlockId: number | null;
}

interface BookingRecord {
  bookingId: string;
  accountIban: string;
  bookingDate: string;
  valueDate: string;
  amountCents: number;
  currency: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  counterpartyBic: string | null;
  remittance: string | null;
  endToEndId: string | null;
  mandateId: string | null;
  creditorId: string | null;
  bankReference: string;
  txDomain: string;
  txFamily: string;
  txSubFamily: string;
  gvc: string;
  returnReason: string | null;
  reversal: number;
  batch: string | null;
}

export function insertBooking(db: Database, b: DemoBooking, origin: BookingOrigin, at: string): void {
  db.prepare(
    `INSERT INTO booking (booking_id, account_iban, booking_date, value_date, amount_cents, currency, counterparty_name, counterparty_iban,
       counterparty_bic, remittance, end_to_end_id, mandate_id, creditor_id, bank_reference, tx_domain, tx_family, tx_sub_family, gvc,
       return_reason, reversal, batch, order_id, payment_block_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    b.id,
    b.accountIban,
    b.bookingDate,
    b.valueDate,
    b.amountCents,
    b.currency,
    b.counterpartyName ?? null,
    b.counterpartyIban ?? null,
    b.counterpartyBic ?? null,
    b.remittance ?? null,
    b.endToEndId ?? null,
    b.mandateId ?? null,
    b.creditorId ?? null,
    b.bankReference,
    b.bankTxCode.domain,
    b.bankTxCode.family,
    b.bankTxCode.subFamily,
    b.bankTxCode.gvc,
    b.returnReason ?? null,
    b.reversal === true ? 1 : 0,
    b.batch ? JSON.stringify(b.batch) : null,
    origin.orderId,
    origin.paymentBlockId,
    at,
  );
}

const SELECT = `SELECT booking_id AS bookingId, account_iban AS accountIban, booking_date AS bookingDate, value_date AS valueDate,
  amount_cents AS amountCents, currency, counterparty_name AS counterpartyName, counterparty_iban AS counterpartyIban,
  counterparty_bic AS counterpartyBic, remittance, end_to_end_id AS endToEndId, mandate_id AS mandateId, creditor_id AS creditorId,
  bank_reference AS bankReference, tx_domain AS txDomain, tx_family AS txFamily, tx_sub_family AS txSubFamily, gvc,
  return_reason AS returnReason, reversal, batch FROM booking`;

function toBooking(r: BookingRecord): DemoBooking {
  const b: DemoBooking = {
    id: r.bookingId,
    accountIban: r.accountIban,
    bookingDate: r.bookingDate,
    valueDate: r.valueDate,
    amountCents: r.amountCents,
    currency: r.currency,
    bankReference: r.bankReference,
    bankTxCode: { domain: r.txDomain, family: r.txFamily, subFamily: r.txSubFamily, gvc: r.gvc },
  };
  if (r.counterpartyName !== null) b.counterpartyName = r.counterpartyName;
  if (r.counterpartyIban !== null) b.counterpartyIban = r.counterpartyIban;
  if (r.counterpartyBic !== null) b.counterpartyBic = r.counterpartyBic;
  if (r.remittance !== null) b.remittance = r.remittance;
  if (r.endToEndId !== null) b.endToEndId = r.endToEndId;
  if (r.mandateId !== null) b.mandateId = r.mandateId;
  if (r.creditorId !== null) b.creditorId = r.creditorId;
  if (r.returnReason !== null) b.returnReason = r.returnReason;
  if (r.reversal === 1) b.reversal = true;
  if (r.batch !== null) b.batch = JSON.parse(r.batch) as DemoBatch;
  return b;
}

/** The account's stored bookings up to `upTo` (inclusive), by booking date and then in the order they were made. */
export function bookingsOfAccount(db: Database, accountIban: string, upTo?: BusinessDate): DemoBooking[] {
  const rows =
    upTo === undefined
      ? db.prepare(`${SELECT} WHERE account_iban = ? ORDER BY booking_date, id`).all(accountIban)
      : db.prepare(`${SELECT} WHERE account_iban = ? AND booking_date <= ? ORDER BY booking_date, id`).all(accountIban, upTo);
  return (rows as BookingRecord[]).map(toBooking);
}

export function bookingsOfOrder(db: Database, orderId: string): DemoBooking[] {
  return (db.prepare(`${SELECT} WHERE order_id = ? ORDER BY booking_date, id`).all(orderId) as BookingRecord[]).map(toBooking);
}
