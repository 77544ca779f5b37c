/**
 * One statement model for camt.052/053/054 (.02 to .08) and MT940/MT942
 * (docs/statements.md). Parsers produce it; the ledger stores it; the browser shows
 * it. Amounts are signed integer minor units: positive when money arrives in
 * our account. Dates are `YYYY-MM-DD`.
 */

import type { StatementWarning } from '../../shared/statements';
import type { TextEncoding } from './encoding';

/** `psp`: a payment service provider's settlement report (electron/statements/psp). */
export type StatementFormat = 'camt' | 'mt940' | 'psp';
/**
 * The bank layout an MT940 file was recognised as (per file, from its header
 * and account): it decides how `:86:` is read. `swift` is the plain SWIFT
 * layout with free-text `:86:`; camt files are `iso20022`.
 */
export type StatementDialect =
  | 'ing-nl'
  | 'rabobank'
  | 'abn-amro'
  | 'triodos'
  | 'knab'
  | 'sns'
  | 'asn'
  | 'citibank'
  | 'mbank'
  | 'postfinance'
  | 'raiffeisen'
  | 'sberbank'
  | 'de-dk'
  | 'swift'
  | 'iso20022'
  | 'adyen'
  | 'stripe'
  | 'paypal'
  | 'mollie';
/** What the bank meant the report to be. */
export type ReportKind = 'camt.052' | 'camt.053' | 'camt.054' | 'mt940' | 'mt942' | 'psp';

export interface ParsedBalance {
  /** ISO balance type as the file names it: OPBD, CLBD, PRCD, ITBD, CLAV, FWAV, … (MT940: :60F:→OPBD, :60M:→OPBD/intermediate, :62F:→CLBD, :64:→CLAV, :65:→FWAV). */
  type: string;
  amountCents: number;
  currency: string;
  date: string;
}

export interface ParsedParty {
  name?: string;
  iban?: string;
  /** Account id that is not an IBAN (`Othr/Id`, an MT940 account number). */
  accountOther?: string;
  bic?: string;
  /** National bank code without BIC (camt `ClrSysMmbId/MmbId`, MT940 `?30` BLZ), also when no account number comes with it. */
  bankCode?: string;
  /** Town or address line as the bank gives it (ING `/CNTP/` city, camt `PstlAdr`). */
  address?: string;
}

/** One charge record of a transaction (camt `Chrgs`, MT940 `/CHGS/`). */
export interface ParsedCharge {
  /** Absolute minor units. */
  amountCents: number;
  currency?: string;
  /** True when the charge is already included in the booked amount (`ChrgInclInd`). */
  included?: boolean;
  /** Charge type code or proprietary id as written. */
  type?: string;
}

/** One transaction inside a booking (camt `TxDtls`); a single booking has one, a batch many. */
export interface ParsedTransaction {
  amountCents?: number;
  currency?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  paymentInfoId?: string;
  instructionId?: string;
  accountServicerRef?: string;
  uetr?: string;
  counterparty?: ParsedParty;
  ultimateCounterparty?: ParsedParty;
  remittance?: string;
  returnReason?: string;
  purposeCode?: string;
  /** Structured creditor reference (camt `Strd/CdtrRefInf/Ref`, e.g. an RF or QR reference). */
  creditorReference?: string;
  /** The bank's unique id of the booking: camt `Refs/Prtry` of type `FI-UMSATZ-ID`/`UMSATZ` (German banks). */
  bankTransactionId?: string;
  /** Every `Refs/Prtry` as written: `{ type, ref }`. */
  proprietaryRefs?: { type: string; ref: string }[];
  /** The return reason in words (`RtrInf/AddtlInf`). */
  returnReasonText?: string;
  /** Who returned it (`RtrInf/Orgtr`). */
  returnOriginator?: string;
  /** Sum of the charges of this transaction, absolute minor units. */
  chargesCents?: number;
  charges?: ParsedCharge[];
  /** The instructed (original) amount when it differs from the booked one (`AmtDtls/InstdAmt`, MT940 `/OCMT/`). */
  originalAmountCents?: number;
  originalCurrency?: string;
  /** `AddtlTxInf`: the bank's text for this transaction. */
  additionalInfo?: string;
}

export interface ParsedLine {
  bookingDate: string;
  valueDate?: string;
  /** Signed: + credit (money in), − debit. A reversal keeps the sign of its booking direction. */
  amountCents: number;
  currency: string;
  /** camt `RvslInd=true`, MT940 `RC`/`RD`. */
  isReversal: boolean;
  /** camt `Sts` (BOOK, PDNG, INFO); MT940 lines are BOOK. */
  status: string;
  /** camt `NtryRef` / MT940 customer reference (`:61:` before `//`). */
  entryReference?: string;
  /** camt `AcctSvcrRef` / MT940 bank reference (after `//`). */
  bankReference?: string;
  /** ISO `Domn/Fmly/SubFmly` as `PMNT/RCDT/ESCT`, or proprietary as `issuer:code` e.g. `DK:NTRF+166+00931`; MT940: `:61:` type code and the `:86:` GVC, e.g. `NTRF` / `166`. */
  bankTxCode?: string;
  /** The proprietary code as `issuer:code` (`DK:NTRF+166+00931`) when the file carries one, also beside an ISO code in bankTxCode. */
  bankTxCodeProprietary?: string;
  /** Booking text (camt `AddtlNtryInf`, MT940 `?00`). */
  bookingText?: string;
  /** Merged from the single transaction for a non-batch booking; for a batch the fields common to all. */
  counterparty?: ParsedParty;
  remittance?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  returnReason?: string;
  returnReasonText?: string;
  /** The bank's unique id of the booking (see ParsedTransaction.bankTransactionId). */
  bankTransactionId?: string;
  /** Structured creditor reference, merged like remittance. */
  creditorReference?: string;
  /** MT940 `:61:` supplementary details (second line / text after the reference), as written. */
  supplementaryDetails?: string;
  /** Charges in the booking (camt `Chrgs`), absolute minor units. */
  chargesCents?: number;
  /** Number of transactions when the booking is a batch (camt `NbOfTxs` or >1 `TxDtls`). */
  batchCount?: number;
  batchPaymentInfoId?: string;
  transactions: ParsedTransaction[];
  /**
   * The booking's own text in the file (camt `<Ntry>…</Ntry>`, MT940 the `:61:`
   * and its `:86:`), as byte offsets into the file so the raw text is kept
   * without a second copy of it.
   */
  rawStart: number;
  rawEnd: number;
}

export interface ParsedAccount {
  iban?: string;
  /** Account id that is not an IBAN (camt `Othr/Id`, MT940 `BLZ/account`). */
  other?: string;
  currency?: string;
  bic?: string;
  name?: string;
  ownerName?: string;
  /** The account field as written, kept when it could not be read beyond doubt (warning `statement.accountUnclear`). */
  raw?: string;
}

export interface BalanceCheck {
  /** True when opening + Σ lines = closing. */
  ok: boolean;
  openingCents: number;
  sumCents: number;
  closingCents: number;
  /** closing − (opening + sum). */
  differenceCents: number;
}

export interface ParsedStatement {
  format: StatementFormat;
  kind: ReportKind;
  /** e.g. `camt.053.001.08`, `MT940`. */
  messageName: string;
  /** camt `GrpHdr/MsgId`, MT940 `:20:`. */
  messageId?: string;
  /** camt `Stmt/Id` (`Rpt/Id`, `Ntfctn/Id`); MT940 `:20:` + `:28C:`. Always present. */
  statementId: string;
  /** camt `ElctrncSeqNb`/`LglSeqNb`, MT940 `:28C:`. */
  sequenceNumber?: string;
  /** Instant, UTC ISO, when the file says. */
  createdAt?: string;
  account: ParsedAccount;
  /** From `FrToDt` or, failing that, the balance and booking dates. */
  periodFrom: string;
  periodTo: string;
  opening?: ParsedBalance;
  closing?: ParsedBalance;
  balances: ParsedBalance[];
  lines: ParsedLine[];
  /** null when the file carries no opening or no closing balance (camt.052/054, MT942). */
  balanceCheck: BalanceCheck | null;
  /** Codes (`statement.balanceMismatch`, …) for what the parser tolerated; see tolerance.ts. */
  warnings: StatementWarning[];
  /** The layout the file was read as (MT940: per file from header and account; camt: `iso20022`). */
  dialect: StatementDialect;
  /** The character encoding the statement's text was read in. */
  encoding: TextEncoding;
  /** Additional statement text (camt `AddtlStmtInf`, MT940 statement-level `:86:`). */
  additionalInfo?: string;
}

export interface ParsedFile {
  format: StatementFormat;
  statements: ParsedStatement[];
}

/** Limits a parser enforces before any work; a file beyond them is refused with a clear error. */
export interface ParseLimits {
  /** Bytes of one file (after unzipping). */
  maxBytes: number;
  /** Nesting depth of XML elements. */
  maxDepth: number;
  /** Characters of one text node or attribute value. */
  maxTextLength: number;
}

/**
 * 256 MiB for one file: a camt.053 with 100,000 bookings (the treasury scale
 * `npm run bench` imports, about 2.6 KB per booking) is 247 MiB; a daily
 * statement is a small fraction of that. Importing holds the file about three
 * times over (the bytes, SQLite's copy of them, the stored record), so this
 * also caps an import's memory near 1 GB.
 */
export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxBytes: 256 * 1024 * 1024,
  maxDepth: 64,
  maxTextLength: 1024 * 1024,
};
