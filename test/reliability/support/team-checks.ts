/**
 * What the team-concurrency suite counts: what the desks reported, round by
 * round, and at the end the ledger (read as the test's superuser) against
 * the bank's own store.
 */
import { withSuperuser } from '../../support/pg-ledger';
import { tally } from './mode';
import type { RoundAnswer, Team } from './team-desks';

export interface TeamSummary {
  seed: number;
  rounds: number;
  settleRounds: number;
  entries: number;
  orders: number;
  faults: Record<string, number>;
  /** The upload transfers in the journal by their number of segments. */
  uploadSegments: Record<string, number>;
  builds: Record<string, number>;
  approvals: Record<string, number>;
  uploads: Record<string, number>;
  recovery: Record<string, number>;
  /** The two desks at the same thing at once, refused by the ledger: a build over taken entries, a second approval, a second upload. */
  meetings: { build: number; approve: number; upload: number; recover: number };
  kills: Record<string, number> & { total: number };
  /** What the other login's recovery did with the upload of a killed desk. */
  crossRecovery: Record<string, number>;
  ordersAtBank: number;
  inTwoRuns: number;
  duplicates: number;
  lostUpdates: number;
  lostPayments: number;
  deskErrors: number;
  /** Seconds the desks spent in each step, both desks added up. */
  deskSeconds: Record<string, number>;
}

/** What the desks said they did, kept for the final comparison (not printed). */
const reported = {
  approved: new Map<number, string[]>(),
  uploaded: new Set<number>(),
  errors: [] as string[],
};

export function emptyTeamSummary(seed: number, rounds: number): TeamSummary {
  reported.approved.clear();
  reported.uploaded.clear();
  reported.errors.length = 0;
  return {
    seed,
    rounds,
    settleRounds: 0,
    entries: 0,
    orders: 0,
    faults: {},
    uploadSegments: {},
    builds: {},
    approvals: {},
    uploads: {},
    recovery: {},
    meetings: { build: 0, approve: 0, upload: 0, recover: 0 },
    kills: { total: 0 },
    crossRecovery: {},
    ordersAtBank: 0,
    inTwoRuns: 0,
    duplicates: 0,
    lostUpdates: 0,
    lostPayments: 0,
    deskErrors: 0,
    deskSeconds: {},
  };
}

const MET = new Set(['order.alreadySent', 'order.uploadRunning', 'order.wrongStatus', 'order.entryNotEligible']);

export function record(summary: TeamSummary, login: string, a: RoundAnswer): void {
  if (a.error) {
    summary.deskErrors += 1;
    reported.errors.push(`${login} round ${a.round}: ${a.error}`);
  }
  for (const [step, ms] of Object.entries(a.ms ?? {})) summary.deskSeconds[step] = Math.round(((summary.deskSeconds[step] ?? 0) + ms / 1000) * 10) / 10;
  if (a.build) {
    const key = a.build.refused ?? (a.build.orders!.length > 0 ? 'built' : 'nothing');
    tally(summary.builds, key);
    if (MET.has(key)) summary.meetings.build += 1;
  }
  for (const x of a.approve ?? []) {
    tally(summary.approvals, x.result);
    if (x.result === 'approved') reported.approved.set(x.id, [...(reported.approved.get(x.id) ?? []), login]);
    if (MET.has(x.result)) summary.meetings.approve += 1;
  }
  for (const x of a.upload ?? []) {
    tally(summary.uploads, x.result);
    if (x.result === 'uploaded' || x.result === 'released') reported.uploaded.add(x.id);
    if (MET.has(x.result)) summary.meetings.upload += 1;
  }
  if (a.recover) {
    if (a.recover.bankError) tally(summary.recovery, `bank not asked: ${a.recover.bankError}`);
    for (const o of a.recover.orders) {
      tally(summary.recovery, `${o.action}:${o.rule}`);
      if (o.rule === 'uploadRunning') summary.meetings.recover += 1;
      if (o.action === 'resent' || o.action === 'resumed' || o.action === 'confirmed') reported.uploaded.add(o.id);
    }
  }
}

interface OrderRow {
  id: number;
  status: string;
  sha256: string;
  ebicsOrderId: string | null;
  builtBy: string | null;
  approvedBy: string | null;
}

const AT_BANK = new Set(['uploaded', 'released']);

/** Reads the ledger and the bank at the end and fills in the counts; returns every problem found (empty: all well). */
export function countTeam(team: Team, summary: TeamSummary): string[] {
  const problems = reported.errors.map((e) => `desk error: ${e.slice(0, 500)}`);
  const ledger = withSuperuser(team.url, (db) => ({
    inTwoRuns: db
      .prepare(
        `SELECT ei.entry_id AS entry FROM entry_item ei JOIN payment p ON p.id = ei.payment_id JOIN payment_order o ON o.id = p.payment_order_id
         WHERE o.status NOT IN ('canceled', 'rejected') GROUP BY ei.entry_id HAVING count(DISTINCT p.payment_order_id) > 1`,
      )
      .all() as Array<{ entry: number }>,
    orders: db
      .prepare('SELECT id, status, sha256, ebics_order_id AS ebicsOrderId, built_by AS builtBy, approved_by AS approvedBy FROM payment_order ORDER BY id')
      .all() as OrderRow[],
    entries: db.prepare("SELECT id FROM entry WHERE type = 'Credit' ORDER BY id").all() as Array<{ id: number }>,
    paidIn: db
      .prepare(
        `SELECT ei.entry_id AS entry, o.id AS orderId FROM entry_item ei JOIN payment p ON p.id = ei.payment_id
         JOIN payment_order o ON o.id = p.payment_order_id WHERE o.status IN ('uploaded', 'released')`,
      )
      .all() as Array<{ entry: number; orderId: number }>,
    wrongPayments: db
      .prepare(
        `SELECT p.id, p.status, o.id AS orderId, o.status AS orderStatus FROM payment p JOIN payment_order o ON o.id = p.payment_order_id
         WHERE (o.status IN ('uploaded', 'released') AND p.status <> 'Issued') OR (o.status = 'rejected' AND p.status <> 'Rejected')`,
      )
      .all() as Array<Record<string, unknown>>,
    segments: db.prepare("SELECT num_segments AS segments, count(*) AS n FROM ebics_transfer WHERE direction = 'upload' GROUP BY num_segments").all() as Array<{
      segments: number | null;
      n: number;
    }>,
    audit: db
      .prepare(
        `SELECT subject_id AS id, action, count(*) AS n FROM audit_log WHERE subject_type = 'payment_order' AND action IN ('order.approved', 'order.uploading')
         GROUP BY subject_id, action`,
      )
      .all() as Array<{ id: number; action: string; n: number }>,
  }));
  for (const g of ledger.segments) tally(summary.uploadSegments, String(g.segments ?? 'unknown'), g.n);
  summary.entries = ledger.entries.length;
  summary.orders = ledger.orders.length;

  // Payments in two runs.
  summary.inTwoRuns = ledger.inTwoRuns.length;
  for (const e of ledger.inTwoRuns) problems.push(`entry ${e.entry} in two live runs`);

  // The bank's orders, by the file's SHA-256.
  const atBank = new Map<string, string[]>();
  for (const b of team.bank.store.db.prepare('SELECT order_id AS orderId, data_sha256 AS sha FROM bank_order').all() as Array<{ orderId: string; sha: string }>)
    atBank.set(b.sha, [...(atBank.get(b.sha) ?? []), b.orderId]);
  const known = new Set(ledger.orders.map((o) => o.sha256));
  for (const [sha, ids] of atBank) if (!known.has(sha)) problems.push(`the bank holds ${ids.join(',')}, a file Kontor never built`);
  for (const o of ledger.orders) {
    const ids = atBank.get(o.sha256) ?? [];
    summary.ordersAtBank += ids.length;
    if (ids.length > 1) {
      summary.duplicates += ids.length - 1;
      problems.push(`order ${o.id} at the bank ${ids.length} times: ${ids.join(',')}`);
    }
    lostUpdatesOf(o, ids, summary, problems);
  }

  // Reported by a desk, then gone: an approval by someone else on record, a run approved or started twice.
  for (const [id, by] of reported.approved) {
    const o = ledger.orders.find((x) => x.id === id);
    if (by.length > 1 || o?.approvedBy !== by[0]) lost(summary, problems, `order ${id}: approved by ${by.join(' and ')}, the ledger says ${o?.approvedBy}`);
  }
  for (const id of reported.uploaded) {
    const o = ledger.orders.find((x) => x.id === id);
    if (!o || !AT_BANK.has(o.status)) lost(summary, problems, `order ${id}: reported at the bank, the ledger says ${o?.status}`);
  }
  for (const a of ledger.audit) if (a.n > 1) lost(summary, problems, `order ${a.id}: ${a.action} ${a.n} times`);
  for (const p of ledger.wrongPayments)
    lost(summary, problems, `payment ${String(p.id)} is ${String(p.status)} in order ${String(p.orderId)} (${String(p.orderStatus)})`);

  // Lost payments: every payable in exactly one run the bank holds.
  const runsOf = new Map<number, Set<number>>();
  for (const r of ledger.paidIn) runsOf.set(r.entry, (runsOf.get(r.entry) ?? new Set()).add(r.orderId));
  for (const e of ledger.entries) {
    const n = runsOf.get(e.id)?.size ?? 0;
    if (n !== 1) {
      summary.lostPayments += n === 0 ? 1 : 0;
      problems.push(`entry ${e.id} in ${n} runs at the bank`);
    }
  }
  return problems;
}

function lost(summary: TeamSummary, problems: string[], what: string): void {
  summary.lostUpdates += 1;
  problems.push(`lost update: ${what}`);
}

/** The ledger's word on one order against the bank's: the same, four eyes kept. */
function lostUpdatesOf(o: OrderRow, idsAtBank: string[], summary: TeamSummary, problems: string[]): void {
  if (o.status !== 'draft' && o.status !== 'canceled' && (o.approvedBy === null || o.approvedBy === o.builtBy))
    lost(summary, problems, `order ${o.id} (${o.status}) built by ${o.builtBy}, approved by ${o.approvedBy}`);
  if (AT_BANK.has(o.status) !== idsAtBank.length > 0)
    lost(summary, problems, `order ${o.id}: the ledger says ${o.status}, the bank holds it ${idsAtBank.length} times`);
  if (idsAtBank.length === 1 && AT_BANK.has(o.status) && o.ebicsOrderId !== idsAtBank[0])
    lost(summary, problems, `order ${o.id}: EBICS order ${o.ebicsOrderId} in the ledger, ${idsAtBank[0]} at the bank`);
}
