/**
 * The date rules for a SEPA payment file's requested date, one definition
 * for the demo bank (which refuses a file that breaks them) and for Kontor
 * (which reads the bank's refusal and must never build such a file):
 *
 * - **Direct debits** (CORE and B2B alike since the EPC rulebooks of
 *   November 2016): the collection date is a TARGET2 day and at least one
 *   TARGET2 day after the day the file reaches the bank (D-1).
 * - **Credit transfers**: the execution date is not before the bank's today.
 *   A Saturday or a holiday is accepted: the bank executes on the next TARGET2
 *   day, as the EPC SCT rulebook says and Kontor's builder warns
 *   (`sepa.executionNotTarget2Day`).
 * - **Both**: at most 14 calendar days ahead (the earliest an EPC collection
 *   may be presented before its due date); a horizon that ends on a
 *   non-TARGET2 day runs on to the next TARGET2 day, so that the date Kontor
 *   moves a due date on the horizon to is still inside it.
 *
 * Every rule has the ISO 20022 status reason code a bank reports it with in
 * its payment status report (pain.002 / HAC): DT03 InvalidNonProcessingDate
 * (weekend or holiday), DT05 InvalidCutOffDate (received after the cut-off:
 * too late for that date), CH03 RequestedExecutionDateOrRequestedCollection
 * DateTooFarInFuture.
 */
import { addDays, addTarget2Days, compareDates, isTarget2Day, nextTarget2Day, type BusinessDate } from './dates';

export type PaymentDateKind = 'credit_transfer' | 'direct_debit';

export const PAYMENT_DATE_RULES = ['nonBusinessDay', 'tooEarly', 'tooFarAhead'] as const;
export type PaymentDateRule = (typeof PAYMENT_DATE_RULES)[number];

/** How many calendar days ahead a requested date may lie. */
export const PAYMENT_HORIZON_DAYS = 14;

/** TARGET2 days a collection must reach the bank before its date. */
export const COLLECTION_LEAD_TARGET2_DAYS = 1;

/** The ISO 20022 status reason code of each rule. */
export const DATE_RULE_REASON_CODES: Readonly<Record<PaymentDateRule, string>> = {
  nonBusinessDay: 'DT03',
  tooEarly: 'DT05',
  tooFarAhead: 'CH03',
};

export interface PaymentDateWindow {
  earliest: BusinessDate;
  latest: BusinessDate;
}

/** The first and last date a file reaching the bank on `today` may request. */
export function paymentDateWindow(kind: PaymentDateKind, today: BusinessDate): PaymentDateWindow {
  return {
    earliest: kind === 'direct_debit' ? addTarget2Days(today, COLLECTION_LEAD_TARGET2_DAYS) : today,
    latest: nextTarget2Day(addDays(today, PAYMENT_HORIZON_DAYS)),
  };
}

export interface PaymentDateProblem extends PaymentDateWindow {
  rule: PaymentDateRule;
  date: BusinessDate;
  /** nonBusinessDay: the next TARGET2 day. */
  next?: BusinessDate;
}

/**
 * The rule `date` breaks for a file reaching the bank on `today`, or null.
 * A date outside the window is reported as such even on a weekend: moving it
 * to the next business day would not help.
 */
export function paymentDateProblem(kind: PaymentDateKind, date: BusinessDate, today: BusinessDate): PaymentDateProblem | null {
  const window = paymentDateWindow(kind, today);
  if (compareDates(date, window.earliest) < 0) return { rule: 'tooEarly', date, ...window };
  if (compareDates(date, window.latest) > 0) return { rule: 'tooFarAhead', date, ...window };
  if (kind === 'direct_debit' && !isTarget2Day(date)) return { rule: 'nonBusinessDay', date, ...window, next: nextTarget2Day(date) };
  return null;
}
