/**
 * What every `:86:` reader produces (Info86) and the small helpers they
 * share: joining wrapped lines, return reasons, account and BIC shapes.
 */
import { isValidIBAN } from 'ibantools';
import type { ParsedParty } from './model';

export interface Info86 {
  /** German GVC (3 digits) or the bank's own transaction code at the start of the field. */
  gvc?: string;
  bookingText?: string;
  primanota?: string;
  remittance?: string;
  endToEndId?: string;
  mandateId?: string;
  creditorId?: string;
  paymentInfoId?: string;
  instructionId?: string;
  counterparty?: ParsedParty;
  ultimateCounterparty?: ParsedParty;
  returnReason?: string;
  creditorReference?: string;
  purposeCode?: string;
  /** The bank's unique id of the booking (mBank `TNR:`). */
  bankTransactionId?: string;
  /** A code word met twice or a split that could not be made safely: the values concerned were left out. */
  ambiguous?: boolean;
}

/** The full width of an MT940 text line; a line this long was wrapped by the bank, not ended by the writer. */
export const LINE_WIDTH = 65;

/**
 * Joins wrapped lines: straight on after a full line (the bank cut it),
 * with one space after a shorter one; a line's own trailing space is kept
 * as the word boundary it is.
 */
export function joinWrapped(lines: readonly string[], width: number): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const text = raw.trim();
    if (text === '') continue;
    if (out === '') out = text;
    else {
      const prev = lines[i - 1] as string;
      const wrapped = prev.length >= width && prev.charCodeAt(prev.length - 1) !== 32;
      out = wrapped ? out + raw.trimEnd() : `${out} ${text}`;
    }
  }
  return out;
}

export const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/;
export const BIC_SHAPE = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;

/** ISO 20022 return / reject reason codes as they appear in return bookings. */
export const ISO_REASONS = new Set([
  'AC01',
  'AC02',
  'AC03',
  'AC04',
  'AC06',
  'AC13',
  'AG01',
  'AG02',
  'AM01',
  'AM02',
  'AM04',
  'AM05',
  'AM09',
  'BE01',
  'BE04',
  'BE05',
  'CNOR',
  'CURR',
  'CUST',
  'DNOR',
  'DUPL',
  'ED05',
  'ERIN',
  'FF01',
  'FOCR',
  'FRAD',
  'MD01',
  'MD02',
  'MD06',
  'MD07',
  'MS02',
  'MS03',
  'RC01',
  'RR01',
  'RR02',
  'RR03',
  'RR04',
  'SL01',
  'TECH',
  'UPAY',
]);
export const RETURN_WORDS = /R(?:UE|Ü|U)CK(?:GABE|LASTSCHRIFT|UEBERWEISUNG|BELASTUNG)|RETOURE|RETURN|RTRN|ZURUECK|STORNO|TERUGBOEKING|STORNERING/i;
const REASON_TOKEN = /\b([A-Z]{2}\d{2}|[A-Z]{4})\b/g;

export function findReason(text: string): string | undefined {
  const m = /RTRN\+?\s*([A-Z]{2}\d{2}|[A-Z]{4})/.exec(text);
  if (m !== null && ISO_REASONS.has(m[1] as string)) return m[1];
  REASON_TOKEN.lastIndex = 0;
  for (let t = REASON_TOKEN.exec(text); t !== null; t = REASON_TOKEN.exec(text)) {
    if (ISO_REASONS.has(t[1] as string)) return t[1];
  }
  return undefined;
}

/** A reason code when the text speaks of a return. */
export function reasonIfReturn(text: string, out: Info86): void {
  if (out.returnReason === undefined && RETURN_WORDS.test(text)) {
    const r = findReason(text);
    if (r !== undefined) out.returnReason = r;
  }
}

/** An account id as IBAN (spaces removed) when it has the shape, else as another account id. */
export function accountInto(party: ParsedParty, account: string | undefined): void {
  if (account === undefined) return;
  const compact = account.replace(/\s+/g, '');
  if (compact === '' || /^0+$/.test(compact)) return;
  if (IBAN_SHAPE.test(compact)) party.iban = compact;
  else party.accountOther = account.trim();
}

/** A Polish NRB (26 digits) is the IBAN without its country code. */
export function polishIban(account: string): string | undefined {
  const d = account.replace(/\s+/g, '');
  if (/^\d{26}$/.test(d) && isValidIBAN(`PL${d}`)) return `PL${d}`;
  return undefined;
}

export function isEmptyParty(p: ParsedParty): boolean {
  return (
    p.name === undefined && p.iban === undefined && p.accountOther === undefined && p.bic === undefined && p.bankCode === undefined && p.address === undefined
  );
}

export function nonEmpty(s: string | undefined): string | undefined {
  if (s === undefined) return undefined;
  const t = s.trim();
  return t === '' ? undefined : t;
}

/** `NOTPROVIDED` and `NONREF` mean "none". */
export function reference(s: string | undefined): string | undefined {
  const t = nonEmpty(s);
  return t === undefined || /^(NOTPROVIDED|NONREF)$/i.test(t) ? undefined : t;
}
