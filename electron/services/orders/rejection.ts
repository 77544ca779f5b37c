/**
 * The bank's reason for rejecting an order, as codes the renderer
 * translates. What Kontor stored: the code (`bank_business_code`: a
 * six-digit EBICS return code when the upload was refused, else the ISO
 * 20022 status reason code of the customer protocol) and the bank's words
 * (`bank_message`).
 *
 * For the date codes the rule follows from the code; the refused date and
 * the limit come from the bank's words where it names them (the demo bank:
 * `ReqdColltnDt 2026-04-04 … (next 2026-04-07)`, `earliest …`, `latest …`;
 * ISO or German `dd.mm.yyyy` dates), else the date is the order's own.
 */
import type { BankRejection, RejectedDateRule } from '../../../shared/domain';
import { parseBusinessDate } from '../../../shared/dates';
import { describeReturnCode } from '../../ebics/messages/return-codes';

/** ISO 20022 ExternalStatusReason1Code values that reject a requested date. */
const DATE_REASONS: Readonly<Record<string, RejectedDateRule>> = {
  DT01: 'invalidDate', // InvalidDate
  DT03: 'nonBusinessDay', // InvalidNonProcessingDate: weekend or holiday
  DT04: 'tooFarAhead', // FutureDateNotSupported
  DT05: 'tooEarly', // InvalidCutOffDate: received after the cut-off
  CH03: 'tooFarAhead', // RequestedExecutionDateOrRequestedCollectionDateTooFarInFuture
  CH04: 'tooEarly', // RequestedExecutionDateOrRequestedCollectionDateTooFarInPast
};

const DATE = String.raw`(\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4})`;

function dateAfter(text: string, words: string): string | null {
  const match = new RegExp(String.raw`(?:${words})\s*:?\s*${DATE}`, 'i').exec(text);
  if (!match?.[1]) return null;
  try {
    return parseBusinessDate(match[1]);
  } catch {
    return null;
  }
}

export interface StoredRejection {
  kind: 'credit_transfer' | 'direct_debit';
  executionDate: string;
  bankBusinessCode: string | null;
  bankMessage: string | null;
}

/** The typed reason of a rejected order; null when the bank gave no code. */
export function bankRejectionOf(o: StoredRejection): BankRejection | null {
  const code = o.bankBusinessCode?.trim() ?? '';
  if (code === '') return null;
  if (/^\d{6}$/.test(code)) return { source: 'ebics', ebicsCode: code, name: describeReturnCode(code)?.name ?? null };
  const reasonCode = code.toUpperCase();
  const dateRule = DATE_REASONS[reasonCode] ?? null;
  const text = o.bankMessage ?? '';
  const none = { date: null, earliest: null, latest: null, next: null };
  if (dateRule === null) return { source: 'protocol', reasonCode, dateRule, ...none };
  return {
    source: 'protocol',
    reasonCode,
    dateRule,
    date: dateAfter(text, 'ReqdColltnDt|ReqdExctnDt|collection date|execution date|Fälligkeitsdatum|Ausführungsdatum') ?? o.executionDate,
    earliest: dateAfter(text, 'earliest|frühestens'),
    latest: dateAfter(text, 'latest|spätestens'),
    next: dateAfter(text, 'next|nächster'),
  };
}
