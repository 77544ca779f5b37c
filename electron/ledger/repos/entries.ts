import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Entry, EntryFilter, EntryInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import type { EntryRef } from '../../../shared/reconcile';
import { explainConstraint, likePattern, one } from './rows';

type Input = z.output<typeof EntryInput>;
type Filter = z.output<typeof EntryFilter>;

const SELECT = `SELECT e.id, e.entity_id AS entityId, e.account_id AS accountId, a.name AS accountName, a.number AS accountNumber,
  e.type, e.number, e.statement_date AS statementDate, e.due_date AS dueDate, e.currency, e.amount_cents AS amountCents,
  e.open_amount_cents AS openAmountCents, e.payment_reference AS paymentReference, e.requested_method AS requestedMethod,
  e.requested_instrument_id AS requestedInstrumentId, e.requested_bank_account_id AS requestedBankAccountId,
  e.credit_approval AS creditApproval, e.approved_by AS approvedBy, e.prepared_by AS preparedBy, e.status,
  e.version, e.created_at AS createdAt, e.updated_at AS updatedAt
  FROM entry e JOIN account a ON a.id = e.account_id`;

/** A receivable's amount is positive, a payable's negative (docs/architecture.md, Conventions). */
export function signedAmount(type: Input['type'], magnitude: number): number {
  return type === 'Debit' ? magnitude : -magnitude;
}

export function getEntry(db: Database, id: number): Entry {
  return one<Entry>(db, `${SELECT} WHERE e.id = ?`, [id], 'Entry', id);
}

export function listEntries(db: Database, f: Filter): { rows: Entry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (f.type) add('e.type = ?', f.type);
  if (f.status) add('e.status = ?', f.status);
  if (f.accountId) add('e.account_id = ?', f.accountId);
  if (f.entityId) add('e.entity_id = ?', f.entityId);
  if (f.dueFrom) add('e.due_date >= ?', f.dueFrom);
  if (f.dueTo) add('e.due_date <= ?', f.dueTo);
  if (f.search) {
    const p = likePattern(f.search);
    add(`(e.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' OR a.number LIKE ? ESCAPE '\\' OR e.payment_reference LIKE ? ESCAPE '\\')`, p, p, p, p);
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM entry e JOIN account a ON a.id = e.account_id${clause}`).get(...params) as { n: number }).n;
  const rows = db.prepare(`${SELECT}${clause} ORDER BY e.due_date IS NULL, e.due_date, e.number LIMIT ? OFFSET ?`).all(...params, f.limit, f.offset) as Entry[];
  return { rows, total };
}

const unique = { code: 'entry.duplicateNumber', message: 'This business entity already has an entry with this number.' };

/** Approval applies to payables only: a receivable never waits for an approver. */
function approvalFor(v: Input): string | null {
  return v.type === 'Credit' && v.needsApproval ? 'pending' : null;
}

export function createEntry(db: Database, v: Input, at: string, preparedBy: string): Entry {
  const amount = signedAmount(v.type, v.amountCents);
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO entry (entity_id, account_id, type, number, statement_date, due_date, currency, amount_cents, open_amount_cents,
           payment_reference, requested_method, requested_instrument_id, requested_bank_account_id, credit_approval, prepared_by,
           status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Open', ?, ?)`,
      )
      .run(
        v.entityId,
        v.accountId,
        v.type,
        v.number,
        v.statementDate,
        v.dueDate,
        v.currency,
        amount,
        amount,
        v.paymentReference,
        v.requestedMethod,
        v.requestedInstrumentId,
        v.requestedBankAccountId,
        approvalFor(v),
        preparedBy,
        at,
        at,
      );
    return getEntry(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

/**
 * Edits keep what was already settled: the open amount moves by the change of
 * the amount, and an edit that would leave less than has been settled is
 * refused rather than flipping the entry's sign.
 */
export function updateEntry(db: Database, id: number, v: Input, at: string): Entry {
  return db.transaction(() => {
    const before = getEntry(db, id);
    const amount = signedAmount(v.type, v.amountCents);
    const settled = before.amountCents - before.openAmountCents;
    const open = amount - settled;
    if (settled !== 0 && (v.type !== before.type || Math.sign(open) === -Math.sign(amount))) {
      throw new KontorError(
        'entry.settledTooMuch',
        'This entry is already partly settled; its new amount would be less than what was settled. Undo the assignment first.',
      );
    }
    let approval = before.creditApproval;
    if (v.type === 'Debit') approval = null;
    else if (v.needsApproval && approval === null) approval = 'pending';
    else if (!v.needsApproval && approval === 'pending') approval = null;
    // Changing what is to be paid invalidates an approval given for the old amount.
    else if (approval === 'approved' && amount !== before.amountCents) approval = 'pending';
    try {
      db.prepare(
        `UPDATE entry SET entity_id = ?, account_id = ?, type = ?, number = ?, statement_date = ?, due_date = ?, currency = ?,
           amount_cents = ?, open_amount_cents = ?, payment_reference = ?, requested_method = ?, requested_instrument_id = ?,
           requested_bank_account_id = ?, credit_approval = ?, approved_by = CASE WHEN ? = 'approved' THEN approved_by END,
           status = CASE WHEN ? = 0 THEN 'Balanced' ELSE 'Open' END, updated_at = ?
         WHERE id = ?`,
      ).run(
        v.entityId,
        v.accountId,
        v.type,
        v.number,
        v.statementDate,
        v.dueDate,
        v.currency,
        amount,
        open,
        v.paymentReference,
        v.requestedMethod,
        v.requestedInstrumentId,
        v.requestedBankAccountId,
        approval,
        approval,
        open,
        at,
        id,
      );
    } catch (e) {
      explainConstraint(e, unique);
    }
    return getEntry(db, id);
  })();
}

/** The approver's decision on a payable, recorded with who decided. */
export function setApproval(db: Database, id: number, decision: 'approved' | 'rejected', by: string, at: string): void {
  try {
    db.prepare('UPDATE entry SET credit_approval = ?, approved_by = ?, updated_at = ? WHERE id = ?').run(decision, by, at, id);
  } catch (e) {
    // The ledger's own four-eyes triggers (migration 11): reached only when another workstation changed the entry meanwhile.
    if (/four eyes/.test((e as Error).message)) {
      throw new KontorError('approval.refusedByLedger', 'The ledger refused this approval: the preparer cannot approve, and only an approver can.');
    }
    throw e;
  }
}

// ---- what reconciliation reads and moves ----------------------------------

/** What an assignment checks and moves on an entry. */
export interface EntryBalance {
  id: number;
  number: string;
  amountCents: number;
  openAmountCents: number;
  currency: string;
  status: string;
  type: 'Debit' | 'Credit';
}

export function entryBalance(db: Database, id: number): EntryBalance {
  const row = db
    .prepare('SELECT id, number, amount_cents AS amountCents, open_amount_cents AS openAmountCents, currency, status, type FROM entry WHERE id = ?')
    .get(id) as EntryBalance | undefined;
  if (!row) throw new KontorError('notFound', 'This entry does not exist (any more).', { id });
  return row;
}

/** Moves the open amount by `deltaCents`; the entry is Balanced exactly when nothing is left open. */
export function moveOpenAmount(db: Database, id: number, deltaCents: number, at: string): void {
  db.prepare(
    `UPDATE entry SET open_amount_cents = open_amount_cents + ?, status = CASE WHEN open_amount_cents + ? = 0 THEN 'Balanced' ELSE 'Open' END, updated_at = ? WHERE id = ?`,
  ).run(deltaCents, deltaCents, at, id);
}

export interface OpenEntryRow {
  id: number;
  number: string;
  paymentReference: string | null;
  accountId: number;
  accountName: string;
  type: 'Debit' | 'Credit';
  openAmountCents: number;
  currency: string;
  statementDate: string;
  dueDate: string | null;
}

/** Open entries with something left to settle, as the matcher compares them. */
export function openEntryRows(db: Database): OpenEntryRow[] {
  return db
    .prepare(
      `SELECT e.id, e.number, e.payment_reference AS paymentReference, e.account_id AS accountId, a.name AS accountName, e.type,
              e.open_amount_cents AS openAmountCents, e.currency, e.statement_date AS statementDate, e.due_date AS dueDate
       FROM entry e JOIN account a ON a.id = e.account_id
       WHERE e.status = 'Open' AND e.open_amount_cents <> 0
       ORDER BY e.id`,
    )
    .all() as OpenEntryRow[];
}

const REF_COLUMNS = `e.id AS entryId, e.number, a.name AS accountName, e.type, e.open_amount_cents AS openAmountCents, e.currency, e.due_date AS dueDate,
  e.payment_reference AS paymentReference, e.status`;

/** Entries as a reconciliation proposal or search names them. */
export function entryRefs(db: Database, ids: readonly number[]): EntryRef[] {
  if (ids.length === 0) return [];
  return db
    .prepare(`SELECT ${REF_COLUMNS} FROM entry e JOIN account a ON a.id = e.account_id WHERE e.id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as EntryRef[];
}

/** Open entries whose number, account name or number, or reference contains `text`, or whose open amount is `amountCents`. */
export function searchOpenEntries(db: Database, text: string, amountCents: number | null, limit: number): EntryRef[] {
  const pattern = likePattern(text);
  return db
    .prepare(
      `SELECT ${REF_COLUMNS}
       FROM entry e JOIN account a ON a.id = e.account_id
       WHERE e.status = 'Open' AND e.open_amount_cents <> 0
         AND (? = '' OR e.number LIKE ? ESCAPE '\\' OR a.name LIKE ? ESCAPE '\\' OR a.number LIKE ? ESCAPE '\\' OR e.payment_reference LIKE ? ESCAPE '\\'
              OR ABS(e.open_amount_cents) = ?)
       ORDER BY COALESCE(e.due_date, e.statement_date), e.id LIMIT ?`,
    )
    .all(text, pattern, pattern, pattern, pattern, amountCents ?? -1, limit) as EntryRef[];
}
