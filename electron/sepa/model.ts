/**
 * What a SEPA payment file is made of, before it becomes XML: the file
 * (message id, creation instant, initiating party), its payment blocks
 * (`PmtInf`: one date, one of our accounts, one batch-booking choice, and for
 * direct debits one scheme and one sequence type) and their transactions.
 *
 * Money is integer cents, business dates are `YYYY-MM-DD`, instants UTC ISO
 * strings (docs/architecture.md, Conventions). Free text is given as the user typed it; the
 * builder transliterates it into the SEPA character set.
 */
import type { BusinessDate } from '../../shared/dates';
import type { Cents } from '../../shared/money';

export type CreditTransferFormat = 'pain.001.001.09' | 'pain.001.001.03';
export type DirectDebitFormat = 'pain.008.001.08' | 'pain.008.001.02';
export type PainFormat = CreditTransferFormat | DirectDebitFormat;

export const PAIN_FORMATS: readonly PainFormat[] = ['pain.001.001.09', 'pain.001.001.03', 'pain.008.001.08', 'pain.008.001.02'];

export type DirectDebitScheme = 'CORE' | 'B2B';
export type SequenceType = 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';

export const SEQUENCE_TYPES: readonly SequenceType[] = ['FRST', 'RCUR', 'OOFF', 'FNAL'];

export interface Party {
  name: string;
  iban: string;
  /** Optional inside SEPA since 2016: a missing BIC is written the way the format allows. */
  bic?: string | null;
}

export interface CreditTransferTx {
  endToEndId: string;
  /** 1 to 99,999,999,999 (0.01 to 999,999,999.99 EUR). */
  amountCents: Cents;
  creditor: Party;
  remittance?: string | null;
  /** ISO 20022 external purpose code (`SALA`, `SUPP`, …), written as `Purp/Cd`. */
  purposeCode?: string;
}

export interface DirectDebitTx {
  endToEndId: string;
  amountCents: Cents;
  debtor: Party;
  mandateId: string;
  mandateSignedOn: BusinessDate;
  /** Must equal the block's sequence type (grouping puts it there). */
  sequenceType: SequenceType;
  remittance?: string | null;
}

export interface CreditTransferBlock {
  paymentInfoId: string;
  /** `ReqdExctnDt`; that it is today or later is the caller's rule. */
  executionDate: BusinessDate;
  batchBooking: boolean;
  /** SEPA Instant: `PmtTpInf/LclInstrm/Cd` INST beside the service level SEPA (uploaded with CIP/CIV, BTF SCI). */
  instant?: boolean;
  /** Our account. */
  debtor: Party;
  transactions: CreditTransferTx[];
}

export interface DirectDebitBlock {
  paymentInfoId: string;
  /** `ReqdColltnDt`: must be a TARGET2 day. */
  collectionDate: BusinessDate;
  batchBooking: boolean;
  scheme: DirectDebitScheme;
  sequenceType: SequenceType;
  /** Our account. */
  creditor: Party;
  /** SEPA creditor identifier, e.g. `DE98ZZZ09999999999`. */
  creditorId: string;
  transactions: DirectDebitTx[];
}

interface FileCommon {
  messageId: string;
  /** UTC ISO instant, e.g. `2026-11-21T09:30:00.000Z`. */
  createdAt: string;
  /** `GrpHdr/InitgPty/Nm`. */
  initiatingParty: string;
}

export interface CreditTransferFileInput extends FileCommon {
  format: CreditTransferFormat;
  blocks: CreditTransferBlock[];
}

export interface DirectDebitFileInput extends FileCommon {
  format: DirectDebitFormat;
  /** All of one scheme: CORE and B2B never share a file (EBICS orders CDD / CDB). */
  blocks: DirectDebitBlock[];
}

export type PaymentFileInput = CreditTransferFileInput | DirectDebitFileInput;

/** Field lengths SEPA allows (EPC implementation guidelines). */
export const MAX_NAME_LENGTH = 70;
export const MAX_REMITTANCE_LENGTH = 140;
export const MAX_ID_LENGTH = 35;

/** 0.01 to 999,999,999.99 EUR. */
export const MIN_AMOUNT_CENTS = 1;
export const MAX_AMOUNT_CENTS = 99_999_999_999;

export function isCreditTransferFormat(format: string): format is CreditTransferFormat {
  return format === 'pain.001.001.09' || format === 'pain.001.001.03';
}

export function isDirectDebitFormat(format: string): format is DirectDebitFormat {
  return format === 'pain.008.001.08' || format === 'pain.008.001.02';
}
