import type { PaymentInstrument } from '../../../shared/domain';

export type SequenceType = 'FRST' | 'RCUR' | 'OOFF' | 'FNAL';

/**
 * The direct debit sequence type from the mandate's history (docs/sepa.md):
 * a one-off mandate is always OOFF; otherwise the last collection
 * the user marks as final is FNAL, a mandate never used is FRST and one used
 * before is RCUR.
 *
 * `firstUsedOn` is the ledger's state: when one run collects several entries
 * on a mandate that was never used, the caller decides which of them is the
 * first (and marks the mandate used once the order is issued).
 */
export function sequenceTypeFor(instrument: Pick<PaymentInstrument, 'mandateType' | 'firstUsedOn'>, options: { final?: boolean } = {}): SequenceType {
  if (instrument.mandateType === 'one_off') return 'OOFF';
  if (options.final === true) return 'FNAL';
  return instrument.firstUsedOn === null ? 'FRST' : 'RCUR';
}
