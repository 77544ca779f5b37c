/**
 * Executing released payment orders: each payment block (`PmtInf`) is booked
 * on the customer's demo account on its execution or collection date, and a
 * share of direct debits comes back as returns a few TARGET2 days later.
 *
 * - Booking date: the block's date, moved to the next TARGET2 day, but never
 *   before the day the order was released (a late release executes on the
 *   release day). A block is booked once that date has come (`today` of the
 *   bank's clock); the booking run may happen later (the bank was not running,
 *   the clock jumped), the bookings still carry that date. Since every request
 *   runs the booking first, a statement the bank has served never changes.
 * - Transfers: one debit line per transaction (GVC 116), or with
 *   `BtchBookg` (default true) one line for the block (GVC 191) with batch
 *   details listing each transaction. Direct debits likewise as credits:
 *   CORE 171 / 192, B2B 174 / 195 (ISO sub-families ESDD / BBDD).
 * - Returns: of a block of n collections, n × percent / 100 come back (the
 *   fraction decided by a seeded draw), chosen and dated by a generator
 *   seeded with the order ID and block position: the same order always gives
 *   the same returns. Each is a separate debit (GVC 109, PMNT/IDDT/UPDD) with
 *   the return reason and the original end-to-end ID, value-dated on the
 *   collection day, booked 2 to 5 TARGET2 days later. Returns are stored with
 *   their collection; nothing dated after the bank's today is ever reported.
 */
import type { Database } from 'better-sqlite3';
import { addTarget2Days, compareDates, nextTarget2Day, type BusinessDate, type Clock } from '../../../shared/dates';
import { formatAmount } from '../../../shared/money';
import { createRandom, seedOf, type Random } from '../statements/random';
import type { BankTransactionCode, DemoBatchItem, DemoBooking } from '../statements/model';
import { findAccountByIban, type AccountRow } from '../store/accounts';
import { insertBooking } from '../store/bookings';
import { nextValue } from '../store/counters';
import { getOrder, type OrderRow } from '../store/orders';
import { insertPaymentBlock, markBlockBooked, releasedUnbookedBlocks, type PaymentBlockRow } from '../store/payment-blocks';
import { readPaymentFile, type PaymentBlock, type PaymentFile, type PaymentTransaction } from './pain';

/** Share of direct debits returned when nothing else is configured. */
export const DEFAULT_RETURN_PERCENT = 10;

/** Return reasons drawn for returned collections; MD06 (refund on the debtor's request) exists for CORE only. */
export const RETURN_REASONS = { CORE: ['MS03', 'AC04', 'MD06', 'AM04', 'MS02'], B2B: ['MS03', 'AC04', 'AM04', 'MS02'] } as const;

/** Transaction codes the bank books payments with, as data. */
export const PAYMENT_CODES = {
  transfer: { domain: 'PMNT', family: 'ICDT', subFamily: 'ESCT', gvc: '116' },
  transferBatch: { domain: 'PMNT', family: 'ICDT', subFamily: 'ESCT', gvc: '191' },
  collectionCore: { domain: 'PMNT', family: 'IDDT', subFamily: 'ESDD', gvc: '171' },
  collectionCoreBatch: { domain: 'PMNT', family: 'IDDT', subFamily: 'ESDD', gvc: '192' },
  collectionB2b: { domain: 'PMNT', family: 'IDDT', subFamily: 'BBDD', gvc: '174' },
  collectionB2bBatch: { domain: 'PMNT', family: 'IDDT', subFamily: 'BBDD', gvc: '195' },
  collectionReturn: { domain: 'PMNT', family: 'IDDT', subFamily: 'UPDD', gvc: '109' },
} as const satisfies Record<string, BankTransactionCode>;

export interface BookingOptions {
  /** The bank's business date; default the clock's today. */
  today?: BusinessDate;
  /** Share of direct debits that come back, 0 to 100; default 10. */
  returnPercent?: number;
}

export interface BookedBlock {
  orderId: string;
  paymentInfoId: string;
  bookingDate: BusinessDate;
  /** Lines booked for the block itself (1 for a batch booking). */
  lines: number;
  /** Returns booked for it (dated later). */
  returns: number;
}

export interface BookingRun {
  today: BusinessDate;
  booked: BookedBlock[];
}

export function checkReturnPercent(percent: number): number {
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) throw new RangeError(`returnPercent must be a whole number from 0 to 100, got ${percent}`);
  return percent;
}

/** An accepted payment order's blocks, waiting for the VEU. */
export function queuePaymentBlocks(db: Database, orderId: string, file: PaymentFile): void {
  for (const block of file.blocks) {
    insertPaymentBlock(db, {
      orderId,
      position: block.position,
      paymentInfoId: block.paymentInfoId,
      kind: file.message === 'pain.001' ? 'credit_transfer' : 'direct_debit',
      scheme: block.scheme ?? null,
      accountIban: block.account.iban,
      dueDate: block.dueDate,
      batchBooking: block.batchBooking,
      transactions: block.transactions.length,
      amountCents: block.totalCents,
    });
  }
}

/** SEPA Instant orders: CIP / CIV (H004), BTF service SCI (H005). */
function isInstantOrder(order: Pick<OrderRow, 'orderType' | 'serviceName'> | undefined): boolean {
  return order !== undefined && (order.orderType === 'CIP' || order.orderType === 'CIV' || order.serviceName === 'SCI');
}

/**
 * The day a released block is booked: its date on a TARGET2 day, not before
 * the release. SEPA Instant runs every day of the year: the day it is
 * released, or its date if that is later.
 */
export function bookingDateOf(block: Pick<PaymentBlockRow, 'dueDate' | 'releasedOn'>, instant = false): BusinessDate {
  const shift = instant ? (d: BusinessDate) => d : nextTarget2Day;
  const due = shift(block.dueDate);
  if (block.releasedOn === null) return due;
  const released = shift(block.releasedOn);
  return compareDates(released, due) > 0 ? released : due;
}

function compact(d: BusinessDate): string {
  return d.replace(/-/g, '');
}

/** 16 characters, unique in the bank: `yymmdd` + `K` + a 9-digit counter (seeded history references have a digit there). */
function bankReference(db: Database, day: BusinessDate): string {
  return `${compact(day).slice(2)}K${String(nextValue(db, 'booking')).padStart(9, '0')}`;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function party(t: PaymentTransaction): Pick<DemoBooking, 'counterpartyName' | 'counterpartyIban' | 'counterpartyBic'> {
  return withoutUndefined({ counterpartyName: t.counterparty.name, counterpartyIban: t.counterparty.iban, counterpartyBic: t.counterparty.bic });
}

function item(t: PaymentTransaction, sign: 1 | -1): DemoBatchItem {
  return withoutUndefined({
    amountCents: sign * t.amountCents,
    endToEndId: t.endToEndId,
    mandateId: t.mandate?.id,
    ...party(t),
    remittance: t.remittance,
  });
}

interface Booker {
  db: Database;
  account: AccountRow;
  orderId: string;
  at: string;
  blockId: number;
}

function book(
  k: Booker,
  day: BusinessDate,
  fields: Omit<DemoBooking, 'id' | 'accountIban' | 'bookingDate' | 'valueDate' | 'currency' | 'bankReference'> & { valueDate?: BusinessDate },
): DemoBooking {
  const reference = bankReference(k.db, day);
  const booking: DemoBooking = withoutUndefined({
    ...fields,
    id: `${k.orderId}-${reference}`,
    accountIban: k.account.iban,
    bookingDate: day,
    valueDate: fields.valueDate ?? day,
    currency: k.account.currency,
    bankReference: reference,
  });
  insertBooking(k.db, booking, { orderId: k.orderId, paymentBlockId: k.blockId }, k.at);
  return booking;
}

function listing(items: readonly DemoBatchItem[]): string {
  return items.map((i) => `${i.counterpartyName ?? ''} ${i.endToEndId ?? ''} ${formatAmount(Math.abs(i.amountCents), 'de')} EUR`).join('; ');
}

function bookTransfers(k: Booker, file: PaymentFile, block: PaymentBlock, day: BusinessDate): number {
  if (block.batchBooking) {
    const items = block.transactions.map((t) => item(t, -1));
    book(k, day, {
      amountCents: -block.totalCents,
      remittance: `SEPA-Sammelüberweisung, ${items.length} Posten, Einreichung ${block.paymentInfoId}: ${listing(items)}`,
      bankTxCode: PAYMENT_CODES.transferBatch,
      batch: { count: items.length, messageId: file.messageId, paymentInfoId: block.paymentInfoId, items },
    });
    return 1;
  }
  for (const t of block.transactions) {
    book(k, day, { amountCents: -t.amountCents, ...party(t), remittance: t.remittance, endToEndId: t.endToEndId, bankTxCode: PAYMENT_CODES.transfer });
  }
  return block.transactions.length;
}

function bookCollections(k: Booker, file: PaymentFile, block: PaymentBlock, day: BusinessDate): number {
  const b2b = block.scheme === 'B2B';
  if (block.batchBooking) {
    const items = block.transactions.map((t) => item(t, 1));
    book(k, day, {
      amountCents: block.totalCents,
      remittance: `SEPA-Sammlereinzug ${b2b ? 'B2B' : 'CORE'}, ${items.length} Posten, Einreichung ${block.paymentInfoId}: ${listing(items)}`,
      creditorId: block.creditorId ?? block.transactions[0]?.creditorId,
      bankTxCode: b2b ? PAYMENT_CODES.collectionB2bBatch : PAYMENT_CODES.collectionCoreBatch,
      batch: { count: items.length, messageId: file.messageId, paymentInfoId: block.paymentInfoId, items },
    });
    return 1;
  }
  for (const t of block.transactions) {
    book(k, day, {
      amountCents: t.amountCents,
      ...party(t),
      remittance: t.remittance,
      endToEndId: t.endToEndId,
      mandateId: t.mandate?.id,
      creditorId: t.creditorId,
      bankTxCode: b2b ? PAYMENT_CODES.collectionB2b : PAYMENT_CODES.collectionCore,
    });
  }
  return block.transactions.length;
}

/** Which transactions of a block come back: ⌊n·p/100⌋, plus one more with the probability of the remainder. */
function chooseReturns(rng: Random, n: number, percent: number): number[] {
  const scaled = n * percent;
  const count = Math.min(n, Math.floor(scaled / 100) + (rng.int(0, 99) < scaled % 100 ? 1 : 0));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return order.slice(0, count).sort((a, b) => a - b);
}

function bookReturns(k: Booker, block: PaymentBlock, day: BusinessDate, percent: number): number {
  const rng = createRandom(seedOf(`${k.orderId}/${block.position}`));
  const chosen = chooseReturns(rng, block.transactions.length, percent);
  const reasons = RETURN_REASONS[block.scheme === 'B2B' ? 'B2B' : 'CORE'];
  for (const index of chosen) {
    const t = block.transactions[index];
    if (t === undefined) continue;
    book(k, addTarget2Days(day, rng.int(2, 5)), {
      amountCents: -t.amountCents,
      valueDate: day,
      ...party(t),
      remittance: t.remittance,
      endToEndId: t.endToEndId,
      mandateId: t.mandate?.id,
      creditorId: t.creditorId,
      returnReason: rng.pick(reasons),
      bankTxCode: PAYMENT_CODES.collectionReturn,
    });
  }
  return chosen.length;
}

/**
 * Books every released block whose booking date has come. Runs in one
 * SQLite transaction; safe to call on every request (it does nothing and
 * writes nothing when nothing is due).
 */
export function bookDueOrders(db: Database, clock: Clock, options: BookingOptions = {}): BookingRun {
  const today = options.today ?? clock.today();
  const percent = checkReturnPercent(options.returnPercent ?? DEFAULT_RETURN_PERCENT);
  return db
    .transaction((): BookingRun => {
      const booked: BookedBlock[] = [];
      const instantOrders = new Map<string, boolean>();
      const instant = (orderId: string) => {
        if (!instantOrders.has(orderId)) instantOrders.set(orderId, isInstantOrder(getOrder(db, orderId)));
        return instantOrders.get(orderId) === true;
      };
      const due = releasedUnbookedBlocks(db).filter((b) => compareDates(bookingDateOf(b, b.kind === 'credit_transfer' && instant(b.orderId)), today) <= 0);
      if (due.length === 0) return { today, booked };
      const at = clock.now().toISOString();
      const files = new Map<string, PaymentFile>();
      for (const row of due) {
        const order = getOrder(db, row.orderId);
        const account = findAccountByIban(db, row.accountIban);
        if (!order || !account) continue;
        let file = files.get(row.orderId);
        if (!file) {
          // Accepted on upload within the limit of that day: read it whatever its size.
          file = readPaymentFile(order.data, order.data.length);
          files.set(row.orderId, file);
        }
        const block = file.blocks.find((b) => b.position === row.position);
        if (!block) continue;
        const day = bookingDateOf(row, row.kind === 'credit_transfer' && isInstantOrder(order));
        const k: Booker = { db, account, orderId: row.orderId, at, blockId: row.id };
        const lines = row.kind === 'credit_transfer' ? bookTransfers(k, file, block, day) : bookCollections(k, file, block, day);
        const returns = row.kind === 'direct_debit' ? bookReturns(k, block, day, percent) : 0;
        markBlockBooked(db, row.id, day, at);
        booked.push({ orderId: row.orderId, paymentInfoId: row.paymentInfoId, bookingDate: day, lines, returns });
      }
      return { today, booked };
    })
    .immediate();
}
