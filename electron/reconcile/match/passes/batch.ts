/**
 * Pass 1b: a batch booking of one of Kontor's payment blocks. Kontor sends
 * its runs with batch booking, so the bank books a block of several
 * transfers or collections as one line; the line names the block's items by
 * their end-to-end ids (camt `TxDtls`) or the block by its payment
 * information id (`PmtInfId`, also in MT940). Every item must be a payment
 * Kontor issued, moving money the way the line does; the line then settles
 * all their entries, sure when the amounts add up. The payments themselves
 * were marked collected when the statement came in (payment-lifecycle.ts):
 * the proposal names no single payment; each allocation names its own, so
 * accepting it moves every payment's assigned amount.
 */
import { BOOKABLE, done, type RunState } from '../run-state';
import { reason, sign } from '../proposal';
import type { IssuedPayment } from '../types';
import { bookPayment } from './book-payment';

function blocksOf(run: RunState): Map<string, IssuedPayment[]> {
  const blocks = new Map<string, IssuedPayment[]>();
  for (const list of run.byE2e.values()) {
    for (const p of list) {
      const block = p.paymentInfoId?.trim();
      if (!block) continue;
      const members = blocks.get(block) ?? [];
      if (!members.includes(p)) members.push(p);
      blocks.set(block, members);
    }
  }
  return blocks;
}

/** The block's payments by the items' end-to-end ids (each must be known, once), else by the block's id. */
function paymentsOfBatch(run: RunState, i: number, blocks: () => Map<string, IssuedPayment[]>): IssuedPayment[] {
  const line = run.lines[i]!;
  const ids = line.batchEndToEndIds ?? [];
  if (ids.length > 1) {
    const found = ids.map((id) => run.byE2e.get(id.trim().toUpperCase()));
    return found.every((list) => list?.length === 1) ? found.map((list) => list![0]!) : [];
  }
  const block = line.batchPaymentInfoId?.trim();
  return block ? (blocks().get(block) ?? []) : [];
}

export function batchPass(run: RunState): void {
  let blocks: Map<string, IssuedPayment[]> | null = null;
  const lazyBlocks = () => (blocks ??= blocksOf(run));
  for (let i = 0; i < run.lines.length; i++) {
    if (done(run, i) || run.isReturn[i] || run.lines[i]!.isReversal) continue;
    const payments = paymentsOfBatch(run, i, lazyBlocks);
    if (payments.length < 2) continue;
    const s = -sign(run.available[i]!);
    if (!payments.every((p) => sign(p.amountCents) === s && BOOKABLE.has(p.status) && !run.usedPayments.has(p.id))) continue;
    for (const p of payments) run.usedPayments.add(p.id);
    const block = payments[0]!.paymentInfoId ?? '';
    const combined: IssuedPayment = {
      ...payments[0]!,
      amountCents: payments.reduce((sum, p) => sum + p.amountCents, 0),
      entries: payments.flatMap((p) => p.entries),
    };
    const why = reason('match.batch', { count: payments.length, id: block }, `batch booking of ${payments.length} payments Kontor issued (${block})`);
    bookPayment(run, i, combined, 'consolidated', why, [combined], null);
    // Each allocation names its own payment: accepting the booking settles every payment of the block, not one.
    const owner = new Map(payments.flatMap((p) => p.entries.map((e) => [e.entryId, p.id] as const)));
    for (const a of run.result[i]?.allocations ?? []) {
      const paymentId = owner.get(a.entryId);
      if (paymentId !== undefined) a.paymentId = paymentId;
    }
  }
}
