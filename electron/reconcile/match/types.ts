/**
 * The matching engine's inputs and outputs (docs/sepa.md). Pure data:
 * the lead's ledger code maps statement lines, open entries and payments onto
 * these shapes and turns accepted proposals into entry items.
 *
 * Money is an integer number of minor units, dates are `YYYY-MM-DD`, ids are
 * the ledger's row ids.
 *
 * ## Sign convention (docs/architecture.md: an entry and the payments that settle it sum to zero)
 *
 * - `OpenEntry.openAmountCents`: a receivable (type Debit) is positive, a
 *   payable (type Credit) negative.
 * - `BankLine.amountCents`: positive when money arrives in our account.
 * - `IssuedPayment.amountCents`: a collection (direct debit) is negative, a
 *   payout (credit transfer) positive, as the ledger stores it.
 * - `Allocation.amountCents` is signed like an entry item (and like a
 *   payment): **entry open amount + allocation = the entry's new open amount**,
 *   so a full settlement gives 0. Money in of 100.00 settling a receivable of
 *   100.00 is the allocation −10000; money out settling a payable of −50.00 is
 *   +5000. The line pays the opposite of its allocations:
 *   `available = −Σ allocations + restCents`, where
 *   `available = amountCents − alreadyAssignedCents`.
 * - A return (chargeback) reopens: its allocation has the sign of the entry's
 *   open amount (+10000 reopens a collected receivable of 100.00) and the
 *   line, money out, is −10000.
 */

export type Cents = number;
/** `YYYY-MM-DD`. */
export type BusinessDate = string;

export interface BankLine {
  id: number;
  /** Our account the line was booked on. */
  accountIban: string;
  bookingDate: BusinessDate;
  valueDate?: BusinessDate | null;
  /** Signed: positive = money in. */
  amountCents: Cents;
  currency: string;
  counterpartyName?: string | null;
  counterpartyIban?: string | null;
  /** Unstructured remittance text, may be long and noisy. */
  remittance?: string | null;
  endToEndId?: string | null;
  /** A batch booking of several payments: the end-to-end ids of its items (camt `TxDtls`), when the bank gave them. */
  batchEndToEndIds?: readonly string[] | null;
  /** A batch booking: the payment information id (`PmtInfId`) of the block it books. */
  batchPaymentInfoId?: string | null;
  mandateId?: string | null;
  /** ISO return reason code (MD06, AC04, MS03…) when the bank returned a payment. */
  returnReason?: string | null;
  /** camt `RvslInd=true` or MT940 `RC`/`RD`. */
  isReversal: boolean;
  /** From a CSV file imported "as chargeback". */
  isChargeback: boolean;
  /**
   * What earlier assignments already used of this line, in the line's sign
   * (0 normally). `amountCents − alreadyAssignedCents` is still available.
   */
  alreadyAssignedCents: Cents;
}

export type EntryType = 'Debit' | 'Credit';

export interface OpenEntry {
  id: number;
  /** Invoice number as the customer sees it: "2019/00023", "INV001", "RE-1". */
  number: string;
  paymentReference?: string | null;
  accountId: number;
  accountName: string;
  /** IBANs of the customer/supplier from its payment instruments. */
  accountIbans: readonly string[];
  /** Debit = receivable (open amount > 0), Credit = payable (open amount < 0). */
  type: EntryType;
  /** Signed: receivable positive, payable negative. */
  openAmountCents: Cents;
  currency: string;
  statementDate: BusinessDate;
  dueDate?: BusinessDate | null;
}

export type PaymentStatus = 'Open' | 'Canceled' | 'Issued' | 'Rejected' | 'Collected' | 'Reversed' | 'Refunded' | 'Final';

export interface PaymentEntryRef {
  entryId: number;
  /** What the payment settles of the entry, signed like the payment (= like an allocation). */
  expectedCents: Cents;
}

/** A payment Kontor issued (credit transfer or direct debit) with the entries it pays. */
export interface IssuedPayment {
  id: number;
  endToEndId: string;
  /** The payment information id (`PmtInfId`) of the block the payment went out in. */
  paymentInfoId?: string | null;
  mandateId?: string | null;
  /** Requested execution (credit transfer) or collection (direct debit) date. */
  executionDate: BusinessDate;
  /** Signed: a collection is negative, a payout positive. */
  amountCents: Cents;
  /** When given it must equal the line's currency. */
  currency?: string | null;
  status: PaymentStatus;
  entries: readonly PaymentEntryRef[];
}

export type MatchKind = 'endToEnd' | 'mandate' | 'reference' | 'consolidated' | 'amountIban' | 'amountName' | 'return' | 'partial' | 'overpayment';

export type ReasonCode =
  | 'match.endToEnd'
  | 'match.batch'
  | 'match.mandate'
  | 'match.reference'
  | 'match.consolidated'
  | 'match.partial'
  | 'match.overpayment'
  | 'match.amountIban'
  | 'match.amountName'
  | 'match.return'
  | 'match.returnMandate';

export type NoteCode =
  /** Several open entries fit equally; the oldest is proposed, the others are alternatives. */
  | 'note.ambiguous'
  /** The line's amount differs from what the payment or entries expect. */
  | 'note.amountDiffers'
  /** The line's IBAN is not one the entry's account is known by. */
  | 'note.otherIban'
  /** The entry number is short (e.g. "23"): easily found by chance. */
  | 'note.weakReference'
  /** Part of the line stays available. */
  | 'note.rest'
  /** An entry of the payment is not open (already settled or unknown): skipped. */
  | 'note.entryNotOpen'
  /** The returned payment was never booked as collected: nothing to reopen. */
  | 'note.notCollected'
  /** The payment's status does not fit (e.g. Rejected or Canceled). */
  | 'note.paymentStatus';

export type Params = Record<string, string | number>;

/** A translatable code with its parameters, plus the English sentence. */
export interface Reason<C extends string = ReasonCode> {
  code: C;
  params: Params;
  /** English, e.g. "end-to-end id KONTOR-42" or "amount and IBAN". */
  text: string;
}

export interface Allocation {
  entryId: number;
  /** Signed like an entry item: entry open + allocation = new open amount (see the file comment). */
  amountCents: Cents;
  /** The issued payment this part belongs to where one line books several (a batch); accepting it settles each of them. */
  paymentId?: number;
}

/**
 * One per matched line (a line without any candidate gets none), in the order
 * of the input lines.
 */
export interface Proposal {
  lineId: number;
  kind: MatchKind;
  allocations: Allocation[];
  /** What stays available on the line after these allocations, in the line's sign. */
  restCents: Cents;
  /** The issued payment the line books or returns (end-to-end id, mandate, return). */
  paymentId?: number;
  reason: Reason;
  /** Why the proposal is not sure, or what the reviewer should know. */
  notes: Reason<NoteCode>[];
  /** Other entries that would fit as well (ambiguous matches), oldest first. */
  alternatives: number[];
  /** 0..1. */
  confidence: number;
  /**
   * True only for exact-key matches that may be assigned without review
   * (`--accept-exact`): end-to-end id of a payment Kontor issued with the
   * expected amount, mandate + collection date with the expected amount, the
   * return of a collected payment by end-to-end id, and one entry found
   * unambiguously by number or reference with exactly its open amount.
   */
  sure: boolean;
}

/**
 * The date window applies to the amount + counterparty passes only: exact keys
 * and references name their target and need none.
 */
export interface MatchOptions {
  /** A line may pay an entry this many days before its statement date (default 10). */
  daysBeforeStatement?: number;
  /** …and this many days after its due date, or its statement date when it has none (default 60). */
  daysAfterDue?: number;
  /** Mandate matches: collection date within ± this many TARGET2 days of booking or value date (default 1). */
  mandateTarget2Days?: number;
  /** Which weaker keys may find a match (default all): references in the text, amount + IBAN, amount + name. Exact keys always. */
  fields?: MatchFields;
  /** Per own account (its IBAN): the window and fields for its lines, instead of the ones above. */
  byAccount?: Readonly<Record<string, AccountMatchOptions>>;
}

export interface MatchFields {
  reference: boolean;
  iban: boolean;
  name: boolean;
}

export type AccountMatchOptions = Pick<MatchOptions, 'daysBeforeStatement' | 'daysAfterDue' | 'fields'>;
