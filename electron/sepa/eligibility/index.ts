/**
 * SEPA eligibility: which open receivables and payables become payments, and
 * why the others cannot (docs/sepa.md). Pure functions, no I/O.
 */
export {
  checkEligibility,
  type EligibilityBankAccount,
  type EligibilityEntity,
  type EligibilityEntry,
  type EligibilityInput,
  type EligibilityInstrument,
  type EligibilityResult,
  type EligiblePayment,
  type NotEligibleEntry,
  type PaymentKind,
} from './check';
export { DEFAULT_HORIZON_DAYS, NOT_ELIGIBLE_REASONS, describeReason, type NotEligibleReason, type ReasonLocale } from './reasons';
export { sequenceTypeFor, type SequenceType } from './sequence-type';
