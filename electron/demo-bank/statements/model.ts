/**
 * What the demo bank books: accounts and bookings, the one model every
 * statement format (camt.052/053/054, MT940/942) is written from.
 *
 * Sign convention as in docs/architecture.md: `amountCents` is positive when money
 * arrives in the account. Amounts are integer cents, dates `YYYY-MM-DD`.
 */
import type { Cents } from '../../../shared/money';
import type { BusinessDate } from '../../../shared/dates';

export interface DemoAccount {
  iban: string;
  /** The demo bank's BIC (account servicer). */
  bic: string;
  currency: string;
  ownerName: string;
}

/** A customer or supplier the generator invents bookings with. */
export interface DemoParty {
  name: string;
  iban: string;
  bic?: string;
}

export interface BankTransactionCode {
  /** ISO 20022 domain, e.g. `PMNT`, `ACMT`. */
  domain: string;
  /** ISO 20022 family, e.g. `RCDT`, `IDDT`, `MDOP`. */
  family: string;
  /** ISO 20022 sub-family, e.g. `ESCT`, `ESDD`, `UPDD`, `CHRG`. */
  subFamily: string;
  /**
   * German 3-digit Geschäftsvorfallcode: 166 credit transfer in, 116/191
   * credit transfer out (single/batch), 105 direct debit (CORE) debited,
   * 171/192 CORE and 174/195 B2B direct debit collected (single/batch), 109
   * direct-debit return, 159 credit-transfer return, 808 charges.
   */
  gvc: string;
}

/** One payment inside a batch-booked entry (SEPA `BtchBookg=true`). */
export interface DemoBatchItem {
  /** Signed like the booking that holds it; the items sum to the booking's amount. */
  amountCents: Cents;
  endToEndId?: string;
  mandateId?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  counterpartyBic?: string;
  remittance?: string;
}

export interface DemoBatch {
  /** Number of payments; equals `items.length` unless the details are not reported. */
  count: number;
  /** `MsgId` of the customer's payment file. */
  messageId?: string;
  /** `PmtInfId` of the payment block: the key that ties the batch to Kontor's order. */
  paymentInfoId?: string;
  items: DemoBatchItem[];
}

export interface DemoBooking {
  /** Unique within the demo bank. */
  id: string;
  accountIban: string;
  bookingDate: BusinessDate;
  valueDate: BusinessDate;
  /** Signed: + money in, − money out. Never 0. */
  amountCents: Cents;
  currency: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  counterpartyBic?: string;
  /** Unstructured remittance; may exceed 140 characters (batch details). */
  remittance?: string;
  endToEndId?: string;
  mandateId?: string;
  /** SEPA creditor identifier of the direct debit's creditor (ours for collections). */
  creditorId?: string;
  /** The bank's reference (camt `AcctSvcrRef`, MT940 `//` reference; 16 characters fit both). */
  bankReference: string;
  bankTxCode: BankTransactionCode;
  /** ISO return reason, e.g. MS03, AC04, MD06: the booking returns an earlier payment. */
  returnReason?: string;
  /** A reversal (Storno) of an earlier booking. */
  reversal?: boolean;
  batch?: DemoBatch;
}
