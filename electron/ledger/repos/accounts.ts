import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { Account, AccountFilter, AccountInput } from '../../../shared/domain';
import { explainConstraint, likePattern, one } from './rows';

type Input = z.output<typeof AccountInput>;
type Filter = z.output<typeof AccountFilter>;

const SELECT = `SELECT id, kind, number, name, email, street, postal_code AS postalCode, city, country, notes, payment_method AS paymentMethod, version,
  created_at AS createdAt, updated_at AS updatedAt FROM account`;

export function listAccounts(db: Database, filter: Filter = {}): Account[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.kind) {
    where.push('kind = ?');
    params.push(filter.kind);
  }
  if (filter.search) {
    where.push(`(name LIKE ? ESCAPE '\\' OR number LIKE ? ESCAPE '\\')`);
    params.push(likePattern(filter.search), likePattern(filter.search));
  }
  const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
  return db.prepare(`${SELECT}${clause} ORDER BY name COLLATE NOCASE, id LIMIT 1000`).all(...params) as Account[];
}

export function getAccount(db: Database, id: number): Account {
  return one<Account>(db, `${SELECT} WHERE id = ?`, [id], 'Account', id);
}

const unique = { code: 'account.duplicateNumber', message: 'Another customer or supplier already has this number.' };

export function createAccount(db: Database, v: Input, at: string): Account {
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO account (kind, number, name, email, street, postal_code, city, country, notes, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.kind, v.number, v.name, v.email, v.street, v.postalCode, v.city, v.country, v.notes, at, at);
    return getAccount(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

export function updateAccount(db: Database, id: number, v: Input, at: string): Account {
  getAccount(db, id);
  try {
    db.prepare(
      `UPDATE account SET kind = ?, number = ?, name = ?, email = ?, street = ?, postal_code = ?, city = ?, country = ?, notes = ?, updated_at = ?
       WHERE id = ?`,
    ).run(v.kind, v.number, v.name, v.email, v.street, v.postalCode, v.city, v.country, v.notes, at, id);
  } catch (e) {
    explainConstraint(e, unique);
  }
  return getAccount(db, id);
}

/** Sets the usual payment method of a party (null: not said); the other fields stay. */
export function setAccountPaymentMethod(db: Database, id: number, method: Account['paymentMethod'], at: string): void {
  db.prepare('UPDATE account SET payment_method = ?, updated_at = ? WHERE id = ?').run(method, at, id);
}

/** The parties with these ids, in the order asked; an unknown id is refused (Account not found). */
export function accountsByIds(db: Database, ids: readonly number[]): Account[] {
  return ids.map((id) => getAccount(db, id));
}
