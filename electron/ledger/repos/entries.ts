import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Entry, EntryFilter, EntryInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import { explainConstraint, likePattern, one } from './rows';

type Input = z.output<typeof EntryInput>;
type Filter = z.output<typeof EntryFilter>;

const SELECT = `SELECT e.id, e.entity_id AS entityId, e.account_id AS accountId, a.name AS accountName, a.number AS accountNumber,
  e.type, e.number, e.statement_date AS statementDate, e.due_date AS dueDate, e.currency, e.amount_cents AS amountCents,
  e.open_amount_cents AS openAmountCents, e.payment_reference AS paymentReference, e.requested_method AS requestedMethod,
  e.requested_instrument_id AS requestedInstrumentId, e.requested_bank_account_id AS requestedBankAccountId,
  e.credit_approval AS creditApproval, e.approved_by AS approvedBy, e.prepared_by AS preparedBy, e.status,
  e.created_at AS createdAt, e.updated_at AS updatedAt
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
  const rows = db
    .prepare(`${SELECT}${clause} ORDER BY e.due_date IS NULL, e.due_date, e.number LIMIT ? OFFSET ?`)
    .all(...params, f.limit, f.offset) as Entry[];
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
        v.entityId, v.accountId, v.type, v.number, v.statementDate, v.dueDate, v.currency, amount, amount, v.paymentReference,
        v.requestedMethod, v.requestedInstrumentId, v.requestedBankAccountId, approvalFor(v), preparedBy, at, at,
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
        v.entityId, v.accountId, v.type, v.number, v.statementDate, v.dueDate, v.currency, amount, open, v.paymentReference,
        v.requestedMethod, v.requestedInstrumentId, v.requestedBankAccountId, approval, approval, open, at, id,
      );
    } catch (e) {
      explainConstraint(e, unique);
    }
    return getEntry(db, id);
  })();
}
