import { z } from 'zod';
import { IdSchema } from '../domain';
import {
  Allocation,
  Assignment,
  DifferenceChoice,
  EntryRef,
  EntrySearch,
  MatchSettings,
  PaymentFilter,
  PaymentView,
  Proposal,
  ProposalFilter,
  ProposalTotals,
  RunResult,
  SetMatchSettingsInput,
  TotalsFilter,
} from '../reconcile';
import { byId, call, none, type CallSpec } from './call';

export const reconcileApi = {
  /** Proposes matches for every line with something left to assign; `acceptSure` assigns the exact-key ones right away. */
  'reconcile.run': call(z.object({ acceptSure: z.boolean().default(false) }).strict(), RunResult),
  'reconcile.proposals': call(ProposalFilter, z.object({ rows: z.array(Proposal), total: z.number().int() })),
  /** Accepts a proposal as it is, or with other allocations (another target, other amounts); `difference` books what is left as a fee or difference. */
  'reconcile.accept': call(
    z.object({ id: IdSchema, allocations: z.array(Allocation).min(1).max(100).optional(), difference: DifferenceChoice.optional() }).strict(),
    Assignment,
  ),
  /** What the proposals take from their lines, per direction (money in, money out) and currency. */
  'reconcile.totals': call(TotalsFilter, ProposalTotals),
  'reconcile.reject': call(byId, Proposal),
  /** Accepts every open proposal that is sure (exact keys). */
  'reconcile.acceptSure': call(none, z.object({ accepted: z.number().int() })),
  /** Assigns a line to entries by hand. */
  'reconcile.assign': call(
    z.object({ lineId: IdSchema, allocations: z.array(Allocation).min(1).max(100), difference: DifferenceChoice.optional() }).strict(),
    Assignment,
  ),
  /** Takes an assignment back: its entry items go, amounts and statuses return to what they were. */
  'reconcile.undo': call(byId, Assignment),
  'reconcile.assignments': call(z.object({ lineId: IdSchema }).strict(), z.array(Assignment)),
  /** Open entries by number, name, reference or amount, for assigning by hand. */
  'reconcile.searchEntries': call(EntrySearch, z.array(EntryRef)),
  /** Payments with their Open, Settled, Assigned and Available (= Settled − Assigned) amounts; settled ones past their return window become Final. */
  'payments.list': call(PaymentFilter, z.object({ rows: z.array(PaymentView), total: z.number().int() })),
  /** Marks a transfer to a customer as the refund of an earlier payment: once it is booked, that payment is Refunded. */
  /** The matcher's keys and date window, for all own accounts and per account. */
  'reconcile.matchSettings': call(none, MatchSettings),
  /** Sets them for all accounts (`iban` null) or one own account; `profile` null goes back to the defaults. */
  'reconcile.setMatchSettings': call(SetMatchSettingsInput, MatchSettings),
  'payments.linkRefund': call(z.object({ refundId: IdSchema, originalId: IdSchema }).strict(), PaymentView),
} as const satisfies Record<string, CallSpec>;
