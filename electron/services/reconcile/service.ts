/**
 * Reconciliation use cases: run the matcher over the ledger and keep its
 * proposals, accept (as proposed or with another target), reject, assign by
 * hand, undo. Nothing is assigned without a decision except sure (exact-key)
 * proposals when the user asks for exactly that.
 */
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { parseAmount } from '../../../shared/money';
import type {
  Allocation,
  Assignment,
  DifferenceChoice,
  EntryRef,
  EntrySearch,
  Proposal,
  ProposalFilter,
  ProposalTotals,
  Reason,
  RunResult,
  TotalsFilter,
} from '../../../shared/reconcile';
import { matchLines } from '../../reconcile/match';
import { entryRefs, searchOpenEntries } from '../../ledger/repos/entries';
import * as proposals from '../../ledger/repos/reconcile-proposals';
import { assignmentIdsOfLine, getAssignment } from '../../ledger/repos/reconcile-assignments';
import { clearProposedLines, lineWithAssigned, markLinesProposed, unmarkProposedLine } from '../../ledger/repos/statement-lines';
import type { ServiceContext } from '../context';
import { matchOptions } from './match-settings';
import { settlePspReports } from '../statements/psp-settlement';
import { assignLine, undoAssignmentRows, type PaymentAllocation } from './assign';
import { issuedPayments, openEntries, openLines } from './candidates';

export function runMatching(ctx: ServiceContext, o: { acceptSure: boolean }): RunResult {
  // PSP fees and payouts settle without an entry; what is left of a settlement report is matched like bank lines.
  settlePspReports(ctx);
  const at = ctx.now();
  const lines = openLines(ctx.db);
  const found = matchLines(lines, openEntries(ctx.db), issuedPayments(ctx.db), matchOptions(ctx));
  ctx.db.transaction(() => {
    // A new run replaces what is still undecided; decisions stay.
    proposals.supersedeUndecided(ctx.db);
    clearProposedLines(ctx.db);
    proposals.insertProposals(ctx.db, found, at);
    markLinesProposed(
      ctx.db,
      found.map((p) => p.lineId),
    );
  })();
  let accepted = 0;
  if (o.acceptSure) accepted = acceptSure(ctx).accepted;
  return { lines: lines.length, proposals: found.length, sure: found.filter((p) => p.sure).length, accepted };
}

function entryRefsById(ctx: ServiceContext, ids: readonly number[]): Map<number, EntryRef> {
  return new Map(entryRefs(ctx.db, ids).map((r) => [r.entryId, r]));
}

function toProposal(ctx: ServiceContext, r: proposals.ProposalRow): Proposal {
  const allocations = JSON.parse(r.allocations) as Allocation[];
  const alternatives = JSON.parse(r.alternatives) as number[];
  const refs = entryRefsById(ctx, [...allocations.map((a) => a.entryId), ...alternatives]);
  const { line, assignedCents } = lineWithAssigned(ctx.db, r.lineId);
  return {
    id: r.id,
    line,
    lineAvailableCents: line.amountCents - assignedCents,
    kind: r.kind,
    sure: r.sure === 1,
    confidence: r.confidence,
    reason: JSON.parse(r.reason) as Reason,
    notes: JSON.parse(r.notes) as Reason[],
    allocations: allocations.flatMap((a) => {
      const ref = refs.get(a.entryId);
      return ref ? [{ ...ref, amountCents: a.amountCents }] : [];
    }),
    restCents: r.restCents,
    alternatives: alternatives.flatMap((id) => refs.get(id) ?? []),
    state: r.state,
    createdAt: r.createdAt,
  };
}

export function listProposals(ctx: ServiceContext, f: z.output<typeof ProposalFilter>): { rows: Proposal[]; total: number } {
  const { rows, total } = proposals.listProposalRows(ctx.db, f);
  return { rows: rows.map((r) => toProposal(ctx, r)), total };
}

export function assignmentView(ctx: ServiceContext, id: number): Assignment {
  return getAssignment(ctx.db, id);
}

function undecided(ctx: ServiceContext, id: number): proposals.ProposalRow {
  const p = proposals.getProposalRow(ctx.db, id);
  if (p.state !== 'proposed') throw new KontorError('reconcile.alreadyDecided', 'This proposal was decided already or replaced by a newer run.', { id });
  return p;
}

export function acceptProposal(ctx: ServiceContext, id: number, allocations?: Allocation[], difference?: DifferenceChoice): Assignment {
  const at = ctx.now();
  const who = ctx.actor();
  const assignmentId = ctx.db.transaction(() => {
    const p = undecided(ctx, id);
    const chosen = allocations ?? (JSON.parse(p.allocations) as PaymentAllocation[]);
    if (chosen.length === 0) throw new KontorError('reconcile.nothingToAssign', 'This proposal assigns nothing; choose the entries by hand.', { id });
    // Another target than proposed is the reviewer's own match: it settles, it does not reopen.
    const kind = allocations ? (p.kind === 'return' ? 'return' : 'manual') : p.kind;
    const meta = { proposalId: id, paymentId: allocations ? null : p.paymentId, kind, at, actor: who, difference };
    const assignment = assignLine(ctx.db, p.lineId, chosen, meta);
    proposals.decideProposal(ctx.db, id, 'accepted', who, at);
    return assignment;
  })();
  return assignmentView(ctx, assignmentId);
}

export function rejectProposal(ctx: ServiceContext, id: number): Proposal {
  const at = ctx.now();
  ctx.db.transaction(() => {
    const p = undecided(ctx, id);
    proposals.decideProposal(ctx.db, id, 'rejected', ctx.actor(), at);
    unmarkProposedLine(ctx.db, p.lineId);
  })();
  return toProposal(ctx, proposals.getProposalRow(ctx.db, id));
}

/** Every open sure proposal, each in its own transaction: one that no longer fits (the entry was settled meanwhile) is skipped, not fatal. */
export function acceptSure(ctx: ServiceContext): { accepted: number } {
  let accepted = 0;
  for (const id of proposals.sureUndecidedIds(ctx.db)) {
    try {
      acceptProposal(ctx, id);
      accepted += 1;
    } catch (e) {
      if (!(e instanceof KontorError)) throw e;
    }
  }
  return { accepted };
}

export function assignByHand(ctx: ServiceContext, lineId: number, allocations: Allocation[], difference?: DifferenceChoice): Assignment {
  const at = ctx.now();
  const who = ctx.actor();
  const id = ctx.db.transaction(() => {
    const assignment = assignLine(ctx.db, lineId, allocations, { proposalId: null, paymentId: null, kind: 'manual', at, actor: who, difference });
    // Whatever was proposed for the line is moot now.
    proposals.supersedeUndecidedOfLine(ctx.db, lineId);
    return assignment;
  })();
  return assignmentView(ctx, id);
}

export function undoAssignment(ctx: ServiceContext, id: number): Assignment {
  ctx.db.transaction(() => undoAssignmentRows(ctx.db, id, ctx.now(), ctx.actor()))();
  return assignmentView(ctx, id);
}

export function assignmentsOfLine(ctx: ServiceContext, lineId: number): Assignment[] {
  return assignmentIdsOfLine(ctx.db, lineId).map((id) => assignmentView(ctx, id));
}

export function searchEntries(ctx: ServiceContext, s: z.output<typeof EntrySearch>): EntryRef[] {
  let amount: number | null = null;
  try {
    if (/\d/.test(s.text)) amount = Math.abs(parseAmount(s.text));
  } catch {
    amount = null;
  }
  return searchOpenEntries(ctx.db, s.text, amount, s.limit);
}

/** What the proposals take from their lines, per direction and currency. */
export function proposalTotals(ctx: ServiceContext, f: z.output<typeof TotalsFilter>): ProposalTotals {
  return proposals.totalsByDirection(ctx.db, f);
}
