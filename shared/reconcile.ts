/**
 * Reconciliation (docs/sepa.md): proposals the matcher makes for bank
 * lines, with their reasons; accepting, rejecting, changing the target,
 * assigning by hand and undoing. Every assignment is one transaction that
 * creates entry items and updates entry and payment amounts and statuses.
 *
 * Allocation sign: like an entry item, open amount + allocation = the
 * entry's new open amount. Money in paying a receivable of 100.00 is −10000;
 * a return reopening it is +10000.
 */
import { z } from 'zod';
import { BusinessDateSchema, CentsSchema, IbanSchema, IdSchema } from './domain';
import { StatementLine } from './statements';

export const ProposalKind = z.enum(['endToEnd', 'mandate', 'reference', 'consolidated', 'amountIban', 'amountName', 'return', 'partial', 'overpayment']);
export type ProposalKind = z.infer<typeof ProposalKind>;
export const ProposalState = z.enum(['proposed', 'accepted', 'rejected', 'superseded']);
export type ProposalState = z.infer<typeof ProposalState>;

const Params = z.record(z.string(), z.union([z.string(), z.number()]));
export const Reason = z.object({ code: z.string(), params: Params, text: z.string() });
export type Reason = z.infer<typeof Reason>;

export const EntryRef = z.object({
  entryId: IdSchema,
  number: z.string(),
  accountName: z.string(),
  type: z.enum(['Debit', 'Credit']),
  openAmountCents: CentsSchema,
  currency: z.string(),
  dueDate: z.string().nullable(),
  paymentReference: z.string().nullable(),
  status: z.string(),
});
export type EntryRef = z.infer<typeof EntryRef>;

export const Allocation = z.object({ entryId: IdSchema, amountCents: CentsSchema.refine((c) => c !== 0, 'amount.zero') });
export type Allocation = z.infer<typeof Allocation>;

export const Proposal = z.object({
  id: IdSchema,
  line: StatementLine,
  /** What of the line is still free to assign (in the line's sign). */
  lineAvailableCents: CentsSchema,
  kind: ProposalKind,
  sure: z.boolean(),
  confidence: z.number(),
  reason: Reason,
  notes: z.array(Reason),
  allocations: z.array(EntryRef.extend({ amountCents: CentsSchema })),
  restCents: CentsSchema,
  /** Other entries that would fit as well, for "change the target". */
  alternatives: z.array(EntryRef),
  state: ProposalState,
  createdAt: z.string(),
});
export type Proposal = z.infer<typeof Proposal>;

export const Assignment = z.object({
  id: IdSchema,
  lineId: IdSchema,
  proposalId: IdSchema.nullable(),
  items: z.array(z.object({ entryId: IdSchema, number: z.string(), amountCents: CentsSchema })),
  createdAt: z.string(),
  createdBy: z.string(),
  undoneAt: z.string().nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const RunResult = z.object({
  /** Lines looked at (with something left to assign). */
  lines: z.number().int(),
  proposals: z.number().int(),
  sure: z.number().int(),
  /** With `acceptSure`: how many sure proposals were assigned right away. */
  accepted: z.number().int(),
});
export type RunResult = z.infer<typeof RunResult>;

export const ProposalFilter = z
  .object({
    state: ProposalState.default('proposed'),
    sure: z.enum(['all', 'sure', 'unsure']).default('all'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

export const EntrySearch = z
  .object({
    /** Entry number, account name or number, payment reference, or an amount ("1.234,56"). */
    text: z.string().trim().max(100).default(''),
    limit: z.number().int().min(1).max(100).default(20),
  })
  .strict();

// ---- totals per direction --------------------------------------------------

/** What proposals take from their lines, per direction and currency: money in and money out are never added up. */
export const DirectionTotal = z.object({
  direction: z.enum(['in', 'out']),
  currency: z.string(),
  count: z.number().int(),
  /** Always positive: the direction says which way the money goes. */
  cents: CentsSchema,
});
export type DirectionTotal = z.infer<typeof DirectionTotal>;
export const ProposalTotals = z.object({ count: z.number().int(), totals: z.array(DirectionTotal) });
export type ProposalTotals = z.infer<typeof ProposalTotals>;
export const TotalsFilter = z.object({ state: ProposalState.default('proposed'), sure: z.enum(['all', 'sure', 'unsure']).default('all') }).strict();

// ---- settling without a bank line, fees and differences --------------------

/** Why an entry is settled without a bank line. */
export const SettleReason = z.enum(['cash', 'offset', 'writeoff']);
export type SettleReason = z.infer<typeof SettleReason>;
export const SettlementKind = z.enum(['cash', 'offset', 'writeoff', 'fee', 'difference']);
export type SettlementKind = z.infer<typeof SettlementKind>;

export const SettleInput = z
  .object({
    id: IdSchema,
    reason: SettleReason,
    /** The entry of the other side for an offset (a payable against a receivable). */
    withId: IdSchema.optional(),
    /** Required for a write-off: why the rest will not be paid. */
    note: z.string().trim().max(200, 'text.tooLong').optional(),
    /** How much to settle (positive, at most what is open); default: everything open. */
    amountCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive').optional(),
    /** The business date of the settlement; default today. */
    date: BusinessDateSchema.optional(),
  })
  .strict();
export type SettleInput = z.input<typeof SettleInput>;

export const Settlement = z.object({
  id: IdSchema,
  entryId: IdSchema,
  entryNumber: z.string(),
  kind: SettlementKind,
  /** Like an entry item: open amount + entryCents = the entry's new open amount. */
  entryCents: CentsSchema,
  /** For a fee or difference booked with a bank line: the part of the line it took, in the line's sign. */
  lineCents: CentsSchema,
  otherEntryId: IdSchema.nullable(),
  otherEntryNumber: z.string().nullable(),
  lineId: IdSchema.nullable(),
  assignmentId: IdSchema.nullable(),
  note: z.string().nullable(),
  settledOn: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  undoneAt: z.string().nullable(),
});
export type Settlement = z.infer<typeof Settlement>;

/**
 * Accepting a match that leaves a difference: what the line has left over,
 * or what the one entry still has open, is booked as a bank fee or a
 * difference. `amountCents` is the difference the reviewer saw (positive);
 * a different one (the data moved meanwhile) is refused.
 */
export const DifferenceChoice = z
  .object({
    kind: z.enum(['fee', 'difference']),
    amountCents: CentsSchema.refine((c) => c > 0, 'amount.mustBePositive'),
    note: z.string().trim().max(200, 'text.tooLong').optional(),
  })
  .strict();
export type DifferenceChoice = z.infer<typeof DifferenceChoice>;

// ---- payments and their amounts -------------------------------------------

export const PaymentStatus = z.enum(['Open', 'Canceled', 'Issued', 'Rejected', 'Collected', 'Reversed', 'Refunded', 'Final']);
export type PaymentStatus = z.infer<typeof PaymentStatus>;

export const PaymentView = z.object({
  id: IdSchema,
  kind: z.string(),
  scheme: z.string().nullable(),
  status: PaymentStatus,
  currency: z.string(),
  /** Signed as the ledger keeps it: a collection negative, a payout positive. */
  amountCents: CentsSchema,
  openCents: CentsSchema,
  settledCents: CentsSchema,
  assignedCents: CentsSchema,
  /** Settled − Assigned: what a booking brought that no entry has taken yet. */
  availableCents: CentsSchema,
  endToEndId: z.string().nullable(),
  counterpartyName: z.string().nullable(),
  executionDate: z.string().nullable(),
  /** The booking date of the line that settled it. */
  settledOn: z.string().nullable(),
  /** When no change is expected any more (the end of the scheme's return window); null while not settled. */
  finalFrom: z.string().nullable(),
  refundOfPaymentId: IdSchema.nullable(),
  orderId: IdSchema.nullable(),
});
export type PaymentView = z.infer<typeof PaymentView>;

export const PaymentFilter = z
  .object({
    status: PaymentStatus.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

/**
 * What accepting a proposal as it is would leave (positive, 0 for none): the
 * rest of the line, or what its one entry would still have open. A return
 * leaves no difference; nor do several entries left open (a partial match).
 */
export function differenceOfProposal(p: Pick<Proposal, 'kind' | 'restCents' | 'allocations'>): number {
  if (p.kind === 'return' || p.allocations.length === 0) return 0;
  const open = p.allocations.map((a) => a.openAmountCents + a.amountCents).filter((c) => c !== 0);
  if (p.restCents !== 0) return open.length === 0 ? Math.abs(p.restCents) : 0;
  return open.length === 1 ? Math.abs(open[0]!) : 0;
}

// ---- matching settings ------------------------------------------------------

/** Which weaker keys may find a match; exact keys (end-to-end id, mandate) always do. */
export const MatchFields = z.object({ reference: z.boolean(), iban: z.boolean(), name: z.boolean() }).strict();
const Days = z.number().int().min(0).max(366);

/** The fields and date window of the amount + counterparty matches: for all accounts, or for one own account. */
export const MatchProfile = z.object({ daysBeforeStatement: Days, daysAfterDue: Days, fields: MatchFields }).strict();
export type MatchProfile = z.infer<typeof MatchProfile>;

export const DEFAULT_MATCH_PROFILE: MatchProfile = { daysBeforeStatement: 10, daysAfterDue: 60, fields: { reference: true, iban: true, name: true } };

export const MatchSettings = z.object({
  defaults: MatchProfile,
  /** Own accounts (by IBAN) with settings of their own. */
  accounts: z.array(MatchProfile.extend({ iban: z.string() })),
});
export type MatchSettings = z.infer<typeof MatchSettings>;

/** Sets the settings for all accounts (`iban` null) or one own account; `profile` null: back to the defaults. */
export const SetMatchSettingsInput = z.object({ iban: IbanSchema.nullable(), profile: MatchProfile.nullable() }).strict();
