/**
 * The demo bank's release rules for the distributed signature: an order is
 * released by one E signature, or an A and a B, or two A; B alone or B+B
 * never suffice, T (transport) never counts. How many signatures an order
 * needs (`NumSigRequired`) follows from who may sign for the partner: one
 * when the partner has an E signer — or nobody who may sign over EBICS,
 * the bank's own clerk then being the authorised signer —, else two.
 */
import type { CountingClass, SignatureClass } from '../store/veu-signatures';

export function isReleased(classes: readonly CountingClass[]): boolean {
  const n = (c: CountingClass) => classes.filter((x) => x === c).length;
  return n('E') >= 1 || (n('A') >= 1 && n('B') >= 1) || n('A') >= 2;
}

export function signaturesRequired(partner: readonly SignatureClass[]): number {
  const signers = partner.filter((c) => c !== 'T');
  return signers.length === 0 || signers.includes('E') ? 1 : 2;
}

/** Whether a signature of class `c` added to `done` can still matter (B+B never releases, so a second B is of no use). */
export function canContribute(c: SignatureClass, done: readonly CountingClass[]): c is CountingClass {
  if (c === 'T') return false;
  if (c === 'B') return done.includes('A') || done.includes('E') || !done.includes('B');
  return true;
}
