import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { BusinessEntity, BusinessEntityInput } from '../../../shared/domain';
import { explainConstraint, one } from './rows';

type Input = z.output<typeof BusinessEntityInput>;

const SELECT = `SELECT id, name, creditor_id AS creditorId, street, postal_code AS postalCode, city, country,
  preferred_bank_account_id AS preferredBankAccountId, created_at AS createdAt, updated_at AS updatedAt
  FROM business_entity`;

export function listEntities(db: Database): BusinessEntity[] {
  return db.prepare(`${SELECT} ORDER BY name, id`).all() as BusinessEntity[];
}

export function getEntity(db: Database, id: number): BusinessEntity {
  return one<BusinessEntity>(db, `${SELECT} WHERE id = ?`, [id], 'Business entity', id);
}

const unique = { code: 'entity.duplicate', message: 'A business entity with these details exists already.' };

export function createEntity(db: Database, v: Input, at: string): BusinessEntity {
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO business_entity (name, creditor_id, street, postal_code, city, country, preferred_bank_account_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(v.name, v.creditorId, v.street, v.postalCode, v.city, v.country, v.preferredBankAccountId, at, at);
    return getEntity(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

export function updateEntity(db: Database, id: number, v: Input, at: string): BusinessEntity {
  getEntity(db, id);
  try {
    db.prepare(
      `UPDATE business_entity SET name = ?, creditor_id = ?, street = ?, postal_code = ?, city = ?, country = ?,
         preferred_bank_account_id = ?, updated_at = ? WHERE id = ?`,
    ).run(v.name, v.creditorId, v.street, v.postalCode, v.city, v.country, v.preferredBankAccountId, at, id);
  } catch (e) {
    explainConstraint(e, unique);
  }
  return getEntity(db, id);
}

/** Makes the account the entity's preferred one if it has none yet; true when it did. */
export function preferAccountIfNone(db: Database, entityId: number, bankAccountId: number, at: string): boolean {
  return (
    db
      .prepare('UPDATE business_entity SET preferred_bank_account_id = ?, updated_at = ? WHERE id = ? AND preferred_bank_account_id IS NULL')
      .run(bankAccountId, at, entityId).changes === 1
  );
}
