import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { KontorError } from '../../../shared/errors';
import type { Proposal, ProposalFilter } from '../../../shared/reconcile';

/**
 * The matcher's proposals as stored: reason, notes, allocations and
 * alternatives as JSON, decided (accepted, rejected) by a person or replaced
 * by a newer run.
 */

/** A proposal as the matcher made it; its structured parts are stored as JSON. */
export interface NewProposal {
  lineId: number;
  kind: string;
  sure: boolean;
  confidence: number;
  reason: unknown;
  notes: readonly unknown[];
  allocations: readonly unknown[];
  restCents: number;
  paymentId?: number | null | undefined;
  alternatives: readonly number[];
}

export interface ProposalRow {
  id: number;
  lineId: number;
  kind: Proposal['kind'];
  sure: number;
  confidence: number;
  /** JSON of each. */
  reason: string;
  notes: string;
  allocations: string;
  restCents: number;
  paymentId: number | null;
  alternatives: string;
  state: Proposal['state'];
  createdAt: string;
}

const COLUMNS = `p.id, p.statement_line_id AS lineId, p.kind, p.sure, p.confidence, p.reason, p.notes, p.allocations, p.rest_cents AS restCents,
  p.payment_id AS paymentId, p.alternatives, p.state, p.created_at AS createdAt`;

/** A new run replaces what is still undecided; decisions stay. */
export function supersedeUndecided(db: Database): void {
  db.prepare(`UPDATE reconcile_proposal SET state = 'superseded' WHERE state = 'proposed'`).run();
}

/** Whatever was proposed for the line is moot: it was assigned by hand. */
export function supersedeUndecidedOfLine(db: Database, lineId: number): void {
  db.prepare(`UPDATE reconcile_proposal SET state = 'superseded' WHERE statement_line_id = ? AND state = 'proposed'`).run(lineId);
}

/** Stores the proposals of one run; their ids in the same order. */
export function insertProposals(db: Database, proposals: readonly NewProposal[], at: string): number[] {
  const insert = db.prepare(
    `INSERT INTO reconcile_proposal (statement_line_id, kind, sure, confidence, reason, notes, allocations, rest_cents, payment_id, alternatives, state, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', ?)`,
  );
  return proposals.map((p) => {
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
    return Number(lastInsertRowid);
  });
}

export function getProposalRow(db: Database, id: number): ProposalRow {
  const row = db.prepare(`SELECT ${COLUMNS} FROM reconcile_proposal p WHERE p.id = ?`).get(id) as ProposalRow | undefined;
  if (!row) throw new KontorError('notFound', 'This proposal does not exist (any more).', { id });
  return row;
}

/** One page of proposals in a state, sure ones first, then by booking date. */
export function listProposalRows(db: Database, f: z.output<typeof ProposalFilter>): { rows: ProposalRow[]; total: number } {
  const where = ['p.state = ?'];
  if (f.sure === 'sure') where.push('p.sure = 1');
  if (f.sure === 'unsure') where.push('p.sure = 0');
  const from = `FROM reconcile_proposal p JOIN statement_line l ON l.id = p.statement_line_id WHERE ${where.join(' AND ')}`;
  const total = (db.prepare(`SELECT COUNT(*) AS n ${from}`).get(f.state) as { n: number }).n;
  const rows = db
    .prepare(`SELECT ${COLUMNS} ${from} ORDER BY p.sure DESC, l.booking_date, p.id LIMIT ? OFFSET ?`)
    .all(f.state, f.limit, f.offset) as ProposalRow[];
  return { rows, total };
}

export function decideProposal(db: Database, id: number, state: 'accepted' | 'rejected', by: string, at: string): void {
  db.prepare(`UPDATE reconcile_proposal SET state = ?, decided_at = ?, decided_by = ? WHERE id = ?`).run(state, at, by, id);
}

/** The assignment made from the proposal was taken back: it waits for a decision again. */
export function reopenProposal(db: Database, id: number): void {
  db.prepare(`UPDATE reconcile_proposal SET state = 'proposed', decided_at = NULL, decided_by = NULL WHERE id = ?`).run(id);
}

/** Undecided proposals on exact keys, oldest first. */
export function sureUndecidedIds(db: Database): number[] {
  return (db.prepare(`SELECT id FROM reconcile_proposal WHERE state = 'proposed' AND sure = 1 ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
}

/**
 * What the proposals take from their lines (the line's available amount less
 * the rest), summed per direction of the line and currency: money in and
 * money out are separate totals, never netted or added.
 */
export function totalsByDirection(
  db: Database,
  f: { state: string; sure: 'all' | 'sure' | 'unsure' },
): { count: number; totals: { direction: 'in' | 'out'; currency: string; count: number; cents: number }[] } {
  const where = ['p.state = ?'];
  if (f.sure === 'sure') where.push('p.sure = 1');
  if (f.sure === 'unsure') where.push('p.sure = 0');
  const totals = db
    .prepare(
      `SELECT CASE WHEN l.amount_cents < 0 THEN 'out' ELSE 'in' END AS direction, l.currency, COUNT(*) AS count,
         SUM(ABS(l.amount_cents - l.assigned_cents - p.rest_cents)) AS cents
       FROM reconcile_proposal p JOIN statement_line l ON l.id = p.statement_line_id WHERE ${where.join(' AND ')}
       GROUP BY direction, l.currency ORDER BY direction, l.currency`,
    )
    .all(f.state) as { direction: 'in' | 'out'; currency: string; count: number; cents: number }[];
  return { count: totals.reduce((s, t) => s + t.count, 0), totals };
}
