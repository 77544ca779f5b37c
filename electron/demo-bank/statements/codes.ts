/**
 * Transaction codes and texts that camt and MT940 must agree on: the SWIFT
 * transaction type (`NTRF`, `NDDT`, …), the German booking text per
 * Geschäftsvorfallcode, the primanota and the DK proprietary code
 * `NTRF+166+9310` that German banks put into camt `BkTxCd/Prtry`.
 */
import type { DemoBooking } from './model';

/** Booking texts (`:86:?00`, camt `AddtlNtryInf`), at most 27 characters. */
const BOOKING_TEXT: Record<string, string> = {
  '105': 'SEPA-BASISLASTSCHRIFT',
  '109': 'SEPA-RUECKLASTSCHRIFT',
  '116': 'SEPA-UEBERWEISUNG',
  '159': 'SEPA-UEBERWEISUNG RETOURE',
  '166': 'SEPA-GUTSCHRIFT',
  '171': 'SEPA-LASTSCHRIFT EINZUG',
  '174': 'SEPA-FIRMENLASTSCHR. EINZUG',
  '191': 'SEPA-SAMMLER-UEBERWEISUNG',
  '192': 'SEPA-SAMMLER-EINZUG CORE',
  '195': 'SEPA-SAMMLER-EINZUG B2B',
  '805': 'ABSCHLUSS',
  '808': 'ENTGELT',
};

export function bookingText(gvc: string): string {
  return BOOKING_TEXT[gvc] ?? 'UMSATZ';
}

/** German SEPA bookings have GVCs 1xx; charges and the like (8xx) carry plain text, no SEPA keywords. */
export function isSepaBooking(b: DemoBooking): boolean {
  return b.bankTxCode.gvc.startsWith('1');
}

/** A return (R-transaction) or a reversal (Storno): MT940 marks both RC/RD. */
export function isReturnOrReversal(b: DemoBooking): boolean {
  return b.returnReason !== undefined || b.reversal === true;
}

/**
 * The SWIFT transaction type after `N` in MT940 `:61:` (and in the DK
 * proprietary code): returns are `RTI`, charges `CHG`, direct debits `DDT`,
 * transfers `TRF`, anything else `MSC`.
 */
export function swiftTransactionType(b: DemoBooking): string {
  const { family, subFamily } = b.bankTxCode;
  if (b.returnReason !== undefined) return 'RTI';
  if (subFamily === 'CHRG') return 'CHG';
  if (family === 'IDDT' || family === 'RDDT') return 'DDT';
  if (family === 'RCDT' || family === 'ICDT') return 'TRF';
  return 'MSC';
}

/** Four digits taken from the bank reference: stands in for the bank's posting batch number. */
export function primanota(b: DemoBooking): string {
  const digits = b.bankReference.replace(/[^0-9]/g, '');
  return digits.slice(-4).padStart(4, '0');
}

/** `NTRF+166+9310`: Buchungsschlüssel + GVC + primanota, issuer DK. */
export function dkProprietaryCode(b: DemoBooking): string {
  return `N${swiftTransactionType(b)}+${b.bankTxCode.gvc}+${primanota(b)}`;
}

/**
 * Splits text into pieces of at most `size` characters (code points, so a
 * surrogate pair is never cut). Joining the pieces without separator gives
 * the text back.
 */
export function chunks(text: string, size: number): string[] {
  const chars = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < chars.length; i += size) out.push(chars.slice(i, i + size).join(''));
  return out;
}
