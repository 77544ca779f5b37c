import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { PaymentInstrument, PaymentInstrumentInput } from '../../../shared/domain';
import { explainConstraint, one } from './rows';

type Input = z.output<typeof PaymentInstrumentInput>;
type Row = Omit<PaymentInstrument, 'active'> & { active: number };

const SELECT = `SELECT id, account_id AS accountId, entity_id AS entityId, kind, holder_name AS holderName, iban, bic,
  mandate_id AS mandateId, mandate_signed_on AS mandateSignedOn, scheme, mandate_type AS mandateType,
  first_used_on AS firstUsedOn, last_used_on AS lastUsedOn, direction, active, version,
  created_at AS createdAt, updated_at AS updatedAt FROM payment_instrument`;

const fromRow = (r: Row): PaymentInstrument => ({ ...r, active: r.active === 1 });

export function listInstruments(db: Database, accountId: number): PaymentInstrument[] {
  return (db.prepare(`${SELECT} WHERE account_id = ? ORDER BY active DESC, id`).all(accountId) as Row[]).map(fromRow);
}

export function getInstrument(db: Database, id: number): PaymentInstrument {
  return fromRow(one<Row>(db, `${SELECT} WHERE id = ?`, [id], 'Payment instrument', id));
}

const unique = { code: 'mandate.duplicateId', message: 'This mandate reference is already used for this business entity.' };

export function createInstrument(db: Database, v: Input, at: string): PaymentInstrument {
  try {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO payment_instrument (account_id, entity_id, kind, holder_name, iban, bic, mandate_id, mandate_signed_on, scheme,
           mandate_type, direction, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        v.accountId,
        v.entityId,
        v.kind,
        v.holderName,
        v.iban,
        v.bic,
        v.mandateId,
        v.mandateSignedOn,
        v.scheme,
        v.mandateType,
        v.direction,
        v.active ? 1 : 0,
        at,
        at,
      );
    return getInstrument(db, Number(lastInsertRowid));
  } catch (e) {
    explainConstraint(e, unique);
  }
}

export function updateInstrument(db: Database, id: number, v: Input, at: string): PaymentInstrument {
  getInstrument(db, id);
  try {
    db.prepare(
      `UPDATE payment_instrument SET account_id = ?, entity_id = ?, kind = ?, holder_name = ?, iban = ?, bic = ?, mandate_id = ?,
         mandate_signed_on = ?, scheme = ?, mandate_type = ?, direction = ?, active = ?, updated_at = ? WHERE id = ?`,
    ).run(
      v.accountId,
      v.entityId,
      v.kind,
      v.holderName,
      v.iban,
      v.bic,
      v.mandateId,
      v.mandateSignedOn,
      v.scheme,
      v.mandateType,
      v.direction,
      v.active ? 1 : 0,
      at,
      id,
    );
  } catch (e) {
    explainConstraint(e, unique);
  }
  return getInstrument(db, id);
}

/** Every instrument (active or not) of the given accounts. */
export function instrumentsOfAccounts(db: Database, accountIds: ReadonlySet<number>): PaymentInstrument[] {
  if (accountIds.size === 0) return [];
  return (db.prepare(`${SELECT} WHERE account_id IN (${[...accountIds].map(() => '?').join(',')})`).all(...accountIds) as Row[]).map(fromRow);
}

/** The IBANs each account is known by (from its instruments), by account id. */
export function ibansByAccount(db: Database): Map<number, string[]> {
  const ibans = new Map<number, string[]>();
  for (const r of db.prepare(`SELECT account_id AS accountId, iban FROM payment_instrument WHERE iban IS NOT NULL`).all() as {
    accountId: number;
    iban: string;
  }[]) {
    const list = ibans.get(r.accountId) ?? [];
    list.push(r.iban);
    ibans.set(r.accountId, list);
  }
  return ibans;
}
