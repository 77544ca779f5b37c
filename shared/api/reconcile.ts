import { z } from 'zod';
import { IdSchema } from '../domain';
import { Allocation, Assignment, EntryRef, EntrySearch, Proposal, ProposalFilter, RunResult } from '../reconcile';
import { byId, call, none, type CallSpec } from './call';

export const reconcileApi = {
  /** Proposes matches for every line with something left to assign; `acceptSure` assigns the exact-key ones right away. */
  'reconcile.run': call(z.object({ acceptSure: z.boolean().default(false) }).strict(), RunResult),
  'reconcile.proposals': call(ProposalFilter, z.object({ rows: z.array(Proposal), total: z.number().int() })),
  /** Accepts a proposal as it is, or with other allocations (another target, other amounts). */
  'reconcile.accept': call(z.object({ id: IdSchema, allocations: z.array(Allocation).min(1).max(100).optional() }).strict(), Assignment),
  'reconcile.reject': call(byId, Proposal),
  /** Accepts every open proposal that is sure (exact keys). */
  'reconcile.acceptSure': call(none, z.object({ accepted: z.number().int() })),
  /** Assigns a line to entries by hand. */
  'reconcile.assign': call(z.object({ lineId: IdSchema, allocations: z.array(Allocation).min(1).max(100) }).strict(), Assignment),
  /** Takes an assignment back: its entry items go, amounts and statuses return to what they were. */
  'reconcile.undo': call(byId, Assignment),
  'reconcile.assignments': call(z.object({ lineId: IdSchema }).strict(), z.array(Assignment)),
  /** Open entries by number, name, reference or amount, for assigning by hand. */
  'reconcile.searchEntries': call(EntrySearch, z.array(EntryRef)),
} as const satisfies Record<string, CallSpec>;
