/**
 * Reconciliation use cases: run the matcher over the ledger and keep its
 * proposals, accept (as proposed or with another target), reject, assign by
 * hand, undo. Nothing is assigned without a decision except sure (exact-key)
 * proposals when the user asks for exactly that.
 */
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import { parseAmount } from '../../../shared/money';
import type { Allocation, Assignment, EntryRef, EntrySearch, Proposal, ProposalFilter, Reason, RunResult } from '../../../shared/reconcile';
import { matchLines } from '../../reconcile/match';
import type { ServiceContext } from '../context';
import { now } from '../bank-access/connection';
import { LINE_COLUMNS, toLine, type LineRow } from '../statements/view';
import { assignLine, undoAssignmentRows } from './assign';
import { issuedPayments, openEntries, openLines } from './candidates';

function actor(ctx: ServiceContext): string {
  const row = ctx.db.prepare(`SELECT value FROM setting WHERE key = 'userName'`).get() as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as string) : ctx.workstationUser();
}

export function runMatching(ctx: ServiceContext, o: { acceptSure: boolean }): RunResult {
  const at = now(ctx);
  const lines = openLines(ctx.db);
  const proposals = matchLines(lines, openEntries(ctx.db), issuedPayments(ctx.db));
  const insert = ctx.db.prepare(
    `INSERT INTO reconcile_proposal (statement_line_id, kind, sure, confidence, reason, notes, allocations, rest_cents, payment_id, alternatives, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?)`,
  );
  const ids: { id: number; sure: boolean }[] = [];
  ctx.db.transaction(() => {
    // A new run replaces what is still undecided; decisions stay.
    ctx.db.prepare(`UPDATE reconcile_proposal SET state = 'superseded' WHERE state = 'proposed'`).run();
    ctx.db.prepare(`UPDATE statement_line SET match_state = 'unmatched' WHERE match_state = 'proposed'`).run();
    const proposed = ctx.db.prepare(`UPDATE statement_line SET match_state = 'proposed' WHERE id = ? AND match_state = 'unmatched'`);
    for (const p of proposals) {
      const { lastInsertRowid } = insert.run(
        p.lineId,
        p.kind,
        p.sure ? 1 : 0,
        p.confidence,
        JSON.stringify(p.reason),
        JSON.stringify(p.notes),
        JSON.stringify(p.allocations),
        p.restCents,
        p.paymentId ?? null,
        JSON.stringify(p.alternatives),
        at,
      );
      proposed.run(p.lineId);
      ids.push({ id: Number(lastInsertRowid), sure: p.sure });
    }
  })();
  let accepted = 0;
  if (o.acceptSure) accepted = acceptSure(ctx).accepted;
  return { lines: lines.length, proposals: proposals.length, sure: ids.filter((i) => i.sure).length, accepted };
}

interface ProposalRow {
  id: number;
  lineId: number;
  kind: Proposal['kind'];
  sure: number;
  confidence: number;
  reason: string;
  notes: string;
  allocations: string;
  restCents: number;
  paymentId: number | null;
  alternatives: string;
  state: Proposal['state'];
  createdAt: string;
}

const PROPOSAL_COLUMNS = `p.id, p.statement_line_id AS lineId, p.kind, p.sure, p.confidence, p.reason, p.notes, p.allocations, p.rest_cents AS restCents,
  p.payment_id AS paymentId, p.alternatives, p.state, p.created_at AS createdAt`;

function entryRefs(ctx: ServiceContext, ids: readonly number[]): Map<number, EntryRef> {
  if (ids.length === 0) return new Map();
  const rows = ctx.db
    .prepare(
      `SELECT e.id AS entryId, e.number, a.name AS accountName, e.type, e.open_amount_cents AS openAmountCents, e.currency, e.due_date AS dueDate,
              e.payment_reference AS paymentReference, e.status
       FROM entry e JOIN account a ON a.id = e.account_id WHERE e.id IN (${ids.map(() => '?').join(',')})`,
    )
    .all(...ids) as EntryRef[];
  return new Map(rows.map((r) => [r.entryId, r]));
}

function toProposal(ctx: ServiceContext, r: ProposalRow): Proposal {
  const allocations = JSON.parse(r.allocations) as Allocation[];
  const alternatives = JSON.parse(r.alternatives) as number[];
  const refs = entryRefs(ctx, [...allocations.map((a) => a.entryId), ...alternatives]);
  const line = ctx.db.prepare(`SELECT ${LINE_COLUMNS}, l.assigned_cents AS assignedCents FROM statement_line l WHERE l.id = ?`).get(r.lineId) as LineRow & { assignedCents: number };
  const { assignedCents, ...lineRow } = line;
  return {
    id: r.id,
    line: toLine(lineRow),
    lineAvailableCents: lineRow.amountCents - assignedCents,
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

function proposalRow(ctx: ServiceContext, id: number): ProposalRow {
  const row = ctx.db.prepare(`SELECT ${PROPOSAL_COLUMNS} FROM reconcile_proposal p WHERE p.id = ?`).get(id) as ProposalRow | undefined;
  if (!row) throw new KontorError('notFound', 'This proposal does not exist (any more).', { id });
  return row;
}

export function listProposals(ctx: ServiceContext, f: z.output<typeof ProposalFilter>): { rows: Proposal[]; total: number } {
  const where = ['p.state = ?'];
  if (f.sure === 'sure') where.push('p.sure = 1');
  if (f.sure === 'unsure') where.push('p.sure = 0');
  const sql = `FROM reconcile_proposal p JOIN statement_line l ON l.id = p.statement_line_id WHERE ${where.join(' AND ')}`;
  const total = (ctx.db.prepare(`SELECT COUNT(*) AS n ${sql}`).get(f.state) as { n: number }).n;
  const rows = ctx.db.prepare(`SELECT ${PROPOSAL_COLUMNS} ${sql} ORDER BY p.sure DESC, l.booking_date, p.id LIMIT ? OFFSET ?`).all(f.state, f.limit, f.offset) as ProposalRow[];
  return { rows: rows.map((r) => toProposal(ctx, r)), total };
}

export function assignmentView(ctx: ServiceContext, id: number): Assignment {
  const a = ctx.db
    .prepare(
      `SELECT id, statement_line_id AS lineId, proposal_id AS proposalId, created_at AS createdAt, created_by AS createdBy, undone_at AS undoneAt
       FROM reconcile_assignment WHERE id = ?`,
    )
    .get(id) as Omit<Assignment, 'items'> | undefined;
  if (!a) throw new KontorError('notFound', 'This assignment does not exist.', { id });
  // Undone assignments have no items left; their audit record keeps what they were.
  const items = ctx.db
    .prepare(`SELECT i.entry_id AS entryId, e.number, i.amount_cents AS amountCents FROM entry_item i JOIN entry e ON e.id = i.entry_id WHERE i.assignment_id = ? ORDER BY i.id`)
    .all(id) as Assignment['items'];
  return { ...a, items };
}

export function acceptProposal(ctx: ServiceContext, id: number, allocations?: Allocation[]): Assignment {
  const at = now(ctx);
  const who = actor(ctx);
  const assignmentId = ctx.db.transaction(() => {
    const p = proposalRow(ctx, id);
    if (p.state !== 'proposed') throw new KontorError('reconcile.alreadyDecided', 'This proposal was decided already or replaced by a newer run.', { id });
    const chosen = allocations ?? (JSON.parse(p.allocations) as Allocation[]);
    if (chosen.length === 0) throw new KontorError('reconcile.nothingToAssign', 'This proposal assigns nothing; choose the entries by hand.', { id });
    // Another target than proposed is the reviewer's own match: it settles, it does not reopen.
    const kind = allocations ? (p.kind === 'return' ? 'return' : 'manual') : p.kind;
    const assignment = assignLine(ctx.db, p.lineId, chosen, { proposalId: id, paymentId: allocations ? null : p.paymentId, kind, at, actor: who });
    ctx.db.prepare(`UPDATE reconcile_proposal SET state = 'accepted', decided_at = ?, decided_by = ? WHERE id = ?`).run(at, who, id);
    return assignment;
  })();
  return assignmentView(ctx, assignmentId);
}

export function rejectProposal(ctx: ServiceContext, id: number): Proposal {
  const at = now(ctx);
  ctx.db.transaction(() => {
    const p = proposalRow(ctx, id);
    if (p.state !== 'proposed') throw new KontorError('reconcile.alreadyDecided', 'This proposal was decided already or replaced by a newer run.', { id });
    ctx.db.prepare(`UPDATE reconcile_proposal SET state = 'rejected', decided_at = ?, decided_by = ? WHERE id = ?`).run(at, actor(ctx), id);
    ctx.db.prepare(`UPDATE statement_line SET match_state = 'unmatched' WHERE id = ? AND match_state = 'proposed'`).run(p.lineId);
  })();
  return toProposal(ctx, proposalRow(ctx, id));
}

/** Every open sure proposal, each in its own transaction: one that no longer fits (the entry was settled meanwhile) is skipped, not fatal. */
export function acceptSure(ctx: ServiceContext): { accepted: number } {
  const ids = (ctx.db.prepare(`SELECT id FROM reconcile_proposal WHERE state = 'proposed' AND sure = 1 ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
  let accepted = 0;
  for (const id of ids) {
    try {
      acceptProposal(ctx, id);
      accepted += 1;
    } catch (e) {
      if (!(e instanceof KontorError)) throw e;
    }
  }
  return { accepted };
}

export function assignByHand(ctx: ServiceContext, lineId: number, allocations: Allocation[]): Assignment {
  const at = now(ctx);
  const who = actor(ctx);
  const id = ctx.db.transaction(() => {
    const assignment = assignLine(ctx.db, lineId, allocations, { proposalId: null, paymentId: null, kind: 'manual', at, actor: who });
    // Whatever was proposed for the line is moot now.
    ctx.db.prepare(`UPDATE reconcile_proposal SET state = 'superseded' WHERE statement_line_id = ? AND state = 'proposed'`).run(lineId);
    return assignment;
  })();
  return assignmentView(ctx, id);
}

export function undoAssignment(ctx: ServiceContext, id: number): Assignment {
  ctx.db.transaction(() => undoAssignmentRows(ctx.db, id, now(ctx), actor(ctx)))();
  return assignmentView(ctx, id);
}

export function assignmentsOfLine(ctx: ServiceContext, lineId: number): Assignment[] {
  const ids = ctx.db.prepare('SELECT id FROM reconcile_assignment WHERE statement_line_id = ? ORDER BY id').all(lineId) as { id: number }[];
  return ids.map((r) => assignmentView(ctx, r.id));
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function searchEntries(ctx: ServiceContext, s: z.output<typeof EntrySearch>): EntryRef[] {
  let amount: number | null = null;
  try {
    if (/\d/.test(s.text)) amount = Math.abs(parseAmount(s.text));
  } catch {
    amount = null;
  }
  const text = like(s.text);
  return ctx.db
    .prepare(
      `SELECT e.id AS entryId, e.number, a.name AS accountName, e.type, e.open_amount_cents AS openAmountCents, e.currency, e.due_date AS dueDate,
              e.payment_reference AS paymentReference, e.status
       FROM entry e JOIN account a ON a.id = e.account_id
       WHERE e.status = 'Open' AND e.open_amount_cents <> 0
         AND (? = '' OR e.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' OR a.number LIKE ? ESCAPE '\\' OR e.payment_reference LIKE ? ESCAPE '\\'
              OR ABS(e.open_amount_cents) = ?)
       ORDER BY COALESCE(e.due_date, e.statement_date), e.id LIMIT ?`,
    )
    .all(s.text, text, text, text, text, amount ?? -1, s.limit) as EntryRef[];
}
