/**
 * SEPA Instant as a run's choice: only credit transfers, only through a bank
 * access that says the bank offers it, and no single payment above the
 * access's instant limit (the EPC dropped the scheme's maximum in 2025; each
 * bank sets its own). An instant payment is executed at once, so the run
 * asks for today, whatever the entries' due dates.
 */
import { KontorError } from '../../../shared/errors';
import { formatAmount } from '../../../shared/money';
import { getBankAccess } from '../../ledger/repos/bank-access';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import type { PaymentOrderRow } from '../../ledger/repos/payment-orders';
import { accessSettings } from '../bank-access/access-settings';
import type { ServiceContext } from '../context';

interface InstantLine {
  payment: { kind: string; bankAccountId: number; amountCents: number; entryId: number };
  entry: { number: string };
}

/** The instant settings of the access an own account goes through; null when the account has none. */
function instantOf(ctx: ServiceContext, bankAccountId: number): { offered: boolean; limitCents: number | null; accountName: string } {
  const account = getBankAccount(ctx.db, bankAccountId);
  if (account.bankAccessId === null) return { offered: false, limitCents: null, accountName: account.name };
  const s = accessSettings(getBankAccess(ctx.db, account.bankAccessId));
  return { offered: s.instantOffered, limitCents: s.instantLimitCents, accountName: account.name };
}

/**
 * The lines an instant run takes: its credit transfers, each checked against
 * its access. A direct debit named by the clerk is refused (it cannot be
 * instant); with no entries named, direct debits simply stay for a normal run.
 */
export function instantLines<T extends InstantLine>(ctx: ServiceContext, lines: readonly T[], named: boolean): T[] {
  const debits = lines.filter((l) => l.payment.kind !== 'credit_transfer');
  if (named && debits.length)
    throw new KontorError('order.instantOnlyTransfers', 'Only credit transfers can be sent as SEPA Instant; take the direct debits out of the instant run.', {
      entries: debits.map((l) => l.entry.number).join(', '),
    });
  const transfers = lines.filter((l) => l.payment.kind === 'credit_transfer');
  const seen = new Map<number, ReturnType<typeof instantOf>>();
  for (const l of transfers) {
    const id = l.payment.bankAccountId;
    const s = seen.get(id) ?? instantOf(ctx, id);
    seen.set(id, s);
    if (!s.offered)
      throw new KontorError(
        'order.instantNotOffered',
        `The bank access of account ${s.accountName} does not offer SEPA Instant. Turn it on in the bank access settings if the bank offers it, or build a normal run.`,
        { account: s.accountName },
      );
  }
  const over = transfers.filter((l) => {
    const limit = seen.get(l.payment.bankAccountId)?.limitCents ?? null;
    return limit !== null && l.payment.amountCents > limit;
  });
  if (over.length) {
    const limit = seen.get(over[0]!.payment.bankAccountId)!.limitCents!;
    throw instantOverLimit(over.map((l) => l.entry.number).join(', '), limit);
  }
  return transfers;
}

function instantOverLimit(entries: string, limitCents: number): KontorError {
  return new KontorError(
    'order.instantOverLimit',
    `A payment is above the bank's limit for SEPA Instant (${formatAmount(limitCents, 'en', { currency: 'EUR' })} per payment). Send it as a normal transfer.`,
    { entries, limitCents },
  );
}

/** Before an instant order goes out: the access may have changed since the run was built. */
export function checkInstantUpload(ctx: ServiceContext, order: PaymentOrderRow, largestPaymentCents: () => number): void {
  if (order.instant !== 1) return;
  const s = instantOf(ctx, order.bankAccountId);
  if (!s.offered)
    throw new KontorError(
      'order.instantNotOffered',
      `The bank access of account ${s.accountName} does not offer SEPA Instant (any more). Build a normal run.`,
      {
        account: s.accountName,
      },
    );
  if (s.limitCents !== null && largestPaymentCents() > s.limitCents) throw instantOverLimit(`order ${order.id}`, s.limitCents);
}
