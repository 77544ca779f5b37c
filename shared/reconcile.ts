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
import { CentsSchema, IdSchema } from './domain';
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
