/**
 * Settling what a PSP settlement report says without an open entry: its
 * fees are booked as fees, and its payout is linked to the bank line it
 * became (a transfer between the PSP clearing account and the bank
 * account, both lines done). Runs before every matching run, so it does
 * not matter whether the report or the bank statement came first.
 *
 * A payout is linked when exactly one open bank line of its amount and
 * currency, booked from two days before to ten days after it, names its
 * reference (Adyen `TX…XT`, a Stripe payout id, Mollie's `T1234567`); or,
 * failing that, when exactly one such line names the PSP. Never on the
 * amount alone: two payouts of one amount in a week are not rare.
 */
import { addDays } from '../../../shared/dates';
import { appendAudit } from '../../ledger/repos/audit-log';
import { bankLinesFor, openPspLines, type BankCandidate, type PspOpenLine } from '../../ledger/repos/psp-lines';
import { insertAssignment } from '../../ledger/repos/reconcile-assignments';
import { setLineAssigned } from '../../ledger/repos/statement-lines';
import type { ServiceContext } from '../context';
import { actor } from '../bank-access/connection';

const PSP_WORDS = ['ADYEN', 'STRIPE', 'PAYPAL', 'MOLLIE'];

/** Reference tokens of a payout text worth looking for on a bank line: at least six characters, with a digit. */
function referenceTokens(text: string): string[] {
  return text
    .toUpperCase()
    .split(/[\s,;/]+/)
    .filter((t) => t.length >= 6 && /\d/.test(t));
}

function bankLineOf(payout: PspOpenLine, candidates: readonly BankCandidate[]): BankCandidate | null {
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const tokens = referenceTokens(payout.text);
  const named = candidates.filter((c) => tokens.some((t) => squeeze(c.text).includes(t)));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) return null;
  const provider = PSP_WORDS.find((w) => payout.accountIban.toUpperCase().startsWith(w));
  const byProvider = provider ? candidates.filter((c) => c.text.includes(provider)) : [];
  return byProvider.length === 1 ? byProvider[0]! : null;
}

function settle(ctx: ServiceContext, lineId: number, amountCents: number, kind: string): void {
  insertAssignment(ctx.db, { lineId, proposalId: null, paymentId: null, kind, paymentBefore: null, at: ctx.now(), actor: actor(ctx) });
  setLineAssigned(ctx.db, lineId, amountCents, 'matched');
}

export function settlePspReports(ctx: ServiceContext): { fees: number; payouts: number } {
  let fees = 0;
  let payouts = 0;
  ctx.db.transaction(() => {
    for (const fee of openPspLines(ctx.db, ['FEE'])) {
      settle(ctx, fee.id, fee.amountCents, 'psp-fee');
      fees++;
    }
    for (const payout of openPspLines(ctx.db, ['PAYOUT'])) {
      const window = { from: addDays(payout.bookingDate, -2), to: addDays(payout.bookingDate, 10) };
      const bank = bankLineOf(payout, bankLinesFor(ctx.db, { amountCents: -payout.amountCents, currency: payout.currency, ...window }));
      if (!bank) continue;
      settle(ctx, payout.id, payout.amountCents, 'psp-payout');
      settle(ctx, bank.id, -payout.amountCents, 'psp-payout');
      appendAudit(ctx.db, ctx.now(), {
        actor: actor(ctx),
        action: 'statement.pspPayoutLinked',
        subjectType: 'statement_line',
        subjectId: bank.id,
        details: { pspLineId: payout.id, amountCents: -payout.amountCents, currency: payout.currency },
      });
      payouts++;
    }
  })();
  return { fees, payouts };
}
