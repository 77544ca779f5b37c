/**
 * What a ledger must look like after any crash: SQLite's own check, and no
 * half-done work of Kontor's — every statement whole, every assignment whole,
 * every order with its payments. Returns the problems found (empty: sound).
 */
import type { Database } from 'better-sqlite3';

export function ledgerProblems(db: Database): string[] {
  const problems: string[] = [];
  const all = <T>(sql: string) => db.prepare(sql).all() as T[];
  const integrity = all<{ integrity_check: string }>('PRAGMA integrity_check').map((r) => r.integrity_check);
  if (integrity.join() !== 'ok') problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
  const fk = all<Record<string, unknown>>('PRAGMA foreign_key_check');
  if (fk.length > 0) problems.push(`foreign_key_check: ${fk.length} rows, e.g. ${JSON.stringify(fk[0])}`);

  // Statements: whole, with their file.
  for (const s of all<{ id: number; lineCount: number; sumCents: number; lines: number; sum: number | null; file: number | null }>(
    `SELECT s.id, s.line_count AS lineCount, s.sum_cents AS sumCents, count(l.id) AS lines, sum(l.amount_cents) AS sum,
       (SELECT f.id FROM import_file f WHERE f.id = s.import_file_id) AS file
     FROM statement s LEFT JOIN statement_line l ON l.statement_id = s.id GROUP BY s.id`,
  )) {
    if (s.lineCount !== s.lines || s.sumCents !== (s.sum ?? 0))
      problems.push(`statement ${s.id}: says ${s.lineCount} lines / ${s.sumCents} cents, holds ${s.lines} / ${s.sum ?? 0}`);
    if (s.file === null) problems.push(`statement ${s.id} without its import file`);
  }
  const orphanLines = all<{ n: number }>('SELECT count(*) AS n FROM statement_line WHERE statement_id NOT IN (SELECT id FROM statement)')[0]!.n;
  if (orphanLines > 0) problems.push(`${orphanLines} statement lines without a statement`);
  const emptyFiles = all<{ n: number }>(
    "SELECT count(*) AS n FROM import_file f WHERE f.kind = 'statement' AND NOT EXISTS (SELECT 1 FROM statement s WHERE s.import_file_id = f.id)",
  )[0]!.n;
  if (emptyFiles > 0) problems.push(`${emptyFiles} statement files stored without their statements`);

  // Assignments: a line's assigned amount is what its entry items say; every live assignment has items.
  for (const l of all<{ id: number; assigned: number; items: number | null }>(
    `SELECT l.id, l.assigned_cents AS assigned, (SELECT -sum(i.amount_cents) FROM entry_item i WHERE i.statement_line_id = l.id AND i.assignment_id IS NOT NULL) AS items
     FROM statement_line l`,
  )) {
    if (l.assigned !== (l.items ?? 0)) problems.push(`line ${l.id}: assigned ${l.assigned}, its entry items ${l.items ?? 0}`);
  }
  const hollow = all<{ n: number }>(
    'SELECT count(*) AS n FROM reconcile_assignment a WHERE a.undone_at IS NULL AND NOT EXISTS (SELECT 1 FROM entry_item i WHERE i.assignment_id = a.id)',
  )[0]!.n;
  if (hollow > 0) problems.push(`${hollow} assignments without entry items`);
  const undecided = all<{ n: number }>(
    "SELECT count(*) AS n FROM reconcile_proposal p WHERE p.state = 'accepted' AND NOT EXISTS (SELECT 1 FROM reconcile_assignment a WHERE a.proposal_id = p.id AND a.undone_at IS NULL)",
  )[0]!.n;
  if (undecided > 0) problems.push(`${undecided} accepted proposals without their assignment`);
  // Entries: open amount = the signed amount plus everything booked against it.
  for (const e of all<{ id: number; open: number; amount: number; type: string; items: number | null; status: string }>(
    `SELECT e.id, e.open_amount_cents AS open, e.amount_cents AS amount, e.type, e.status, (SELECT sum(i.amount_cents) FROM entry_item i WHERE i.entry_id = e.id) AS items FROM entry e`,
  )) {
    const signed = e.type === 'Credit' ? -Math.abs(e.amount) : Math.abs(e.amount);
    if (e.open !== signed + (e.items ?? 0)) problems.push(`entry ${e.id}: open ${e.open}, amount ${signed} + items ${e.items ?? 0}`);
    if ((e.open === 0) !== (e.status === 'Balanced')) problems.push(`entry ${e.id}: open ${e.open} but ${e.status}`);
  }

  // Orders: every order with all its payments, adding up; no payment without its order.
  for (const o of all<{ id: number; txCount: number; controlSum: number; payments: number; sum: number | null }>(
    `SELECT o.id, o.tx_count AS txCount, o.control_sum_cents AS controlSum, count(p.id) AS payments, sum(p.amount_cents) AS sum
     FROM payment_order o LEFT JOIN payment p ON p.payment_order_id = o.id GROUP BY o.id`,
  )) {
    if (o.payments === 0 || o.payments !== o.txCount || o.controlSum !== (o.sum ?? 0))
      problems.push(`order ${o.id}: ${o.txCount} tx / ${o.controlSum} cents, holds ${o.payments} payments / ${o.sum ?? 0}`);
  }
  const strayPayments = all<{ n: number }>(
    'SELECT count(*) AS n FROM payment WHERE payment_order_id IS NOT NULL AND payment_order_id NOT IN (SELECT id FROM payment_order)',
  )[0]!.n;
  if (strayPayments > 0) problems.push(`${strayPayments} payments without their order`);
  return problems;
}
