/**
 * Returns (chargebacks) among a bank CSV file's bookings: found by their
 * booking text, and their reason by the ISO code their texts name.
 */
import type { BankCsvLine } from '../../../shared/bank-csv';
import { normalizeHeader } from '../../csv/columns';

/** Return (chargeback) bookings by their German or English booking text; fees for a return are not returns. */
const RETURN_TEXT = /ruecklastschrift|rueckbelastung|lastschriftrueckgabe|rueckgabelastschrift|chargeback|returneddirectdebit|sddreturn/;
const FEE_TEXT = /entgelt|gebuehr|auslagen|fee/;

export function looksLikeReturn(bookingText: string | null): boolean {
  if (!bookingText) return false;
  const t = normalizeHeader(bookingText);
  return RETURN_TEXT.test(t) && !FEE_TEXT.test(t);
}

/** Written as return reason where a chargeback row names no ISO reason code. */
export const CHARGEBACK_REASON = 'CHARGEBACK';

/** ISO 20022 return reason codes that SEPA direct debit returns carry (ExternalReturnReason1Code, the usual ones). */
const RETURN_CODES =
  /\b(AC01|AC04|AC06|AC13|AG01|AG02|AM04|AM05|BE05|CNOR|DNOR|FF01|MD01|MD02|MD06|MD07|MS02|MS03|RC01|RR01|RR02|RR03|RR04|SL01|FOCR|DUPL|TECH|FRAD|CUST)\b/;

/** The reason of a return: an ISO code named in its texts, else CHARGEBACK. */
export function chargebackReason(line: BankCsvLine): string {
  const text = `${line.bookingText ?? ''} ${line.remittance ?? ''}`.toUpperCase();
  return RETURN_CODES.exec(text)?.[1] ?? CHARGEBACK_REASON;
}
