import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { BankAccount, BankAccountInput } from '../../../shared/domain';
import { explainConstraint, one } from './rows';

type Input = z.output<typeof BankAccountInput>;

const SELECT = `SELECT b.id, b.entity_id AS entityId, b.bank_access_id AS bankAccessId, b.name, b.iban, b.bic, b.currency,
  e.name AS entityName, b.created_at AS createdAt, b.updated_at AS updatedAt
  FROM bank_account b JOIN business_entity e ON e.id = b.entity_id`;

export function listBankAccounts(db: Database, filter: { entityId?: number | undefined } = {}): BankAccount[] {
  if (filter.entityId !== undefined) {
    return db.prepare(`${SELECT} WHERE b.entity_id = ? ORDER BY b.name, b.id`).all(filter.entityId) as BankAccount[];
  }
  return db.prepare(`${SELECT} ORDER BY e.name, b.name, b.id`).all() as BankAccount[];
}

export function getBankAccount(db: Database, id: number): BankAccount {
  return one<BankAccount>(db, `${SELECT} WHERE b.id = ?`, [id], 'Bank account', id);
}

const unique = { code: 'bankAccount.duplicateIban', message: 'This IBAN is already registered as one of your bank accounts.' };

export function createBankAccount(db: Database, v: Input, at: string): BankAccount {
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO bank_account (entity_id, bank_access_id, name, iban, bic, currency, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.entityId, v.bankAccessId, v.name, v.iban, v.bic, v.currency, at, at);
    return getBankAccount(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

export function updateBankAccount(db: Database, id: number, v: Input, at: string): BankAccount {
  getBankAccount(db, id);
  try {
    db.prepare(`UPDATE bank_account SET entity_id = ?, bank_access_id = ?, name = ?, iban = ?, bic = ?, currency = ?, updated_at = ? WHERE id = ?`).run(
      v.entityId,
      v.bankAccessId,
      v.name,
      v.iban,
      v.bic,
      v.currency,
      at,
      id,
    );
  } catch (e) {
    explainConstraint(e, unique);
  }
  return getBankAccount(db, id);
}

/** Links an own account to a bank access (or unlinks it with `null`). */
export function setBankAccountAccess(db: Database, id: number, bankAccessId: number | null, at: string): BankAccount {
  getBankAccount(db, id);
  db.prepare('UPDATE bank_account SET bank_access_id = ?, updated_at = ? WHERE id = ?').run(bankAccessId, at, id);
  return getBankAccount(db, id);
}

/**
 * Orders of this account that have not gone to any bank yet (draft or
 * approved) go through `bankAccessId` from now on; sent ones keep the access
 * they went through. Returns the ids of the orders that moved.
 */
export function moveUnsentOrders(db: Database, bankAccountId: number, bankAccessId: number | null, at: string): number[] {
  const rows = db
    .prepare(`SELECT id FROM payment_order WHERE bank_account_id = ? AND status IN ('draft', 'approved') AND bank_access_id IS NOT ? ORDER BY id`)
    .all(bankAccountId, bankAccessId) as Array<{ id: number }>;
  const move = db.prepare('UPDATE payment_order SET bank_access_id = ?, updated_at = ? WHERE id = ?');
  for (const r of rows) move.run(bankAccessId, at, r.id);
  return rows.map((r) => r.id);
}
