/** The demo accounts of a partner (customer). */
import type { Database } from 'better-sqlite3';

export interface AccountRow {
  id: number;
  partnerId: string;
  subscriberId: number | null;
  iban: string;
  bic: string;
  currency: string;
  ownerName: string;
  createdAt: string;
}

export function insertAccount(
  db: Database,
  a: { partnerId: string; subscriberId: number | null; iban: string; bic: string; currency: string; ownerName: string },
  at: string,
): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO account (partner_id, subscriber_id, iban, bic, currency, owner_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(a.partnerId, a.subscriberId, a.iban, a.bic, a.currency, a.ownerName, at);
  return Number(lastInsertRowid);
}

export function accountsOfPartner(db: Database, partnerId: string): AccountRow[] {
  return db
    .prepare(
      `SELECT id, partner_id AS partnerId, subscriber_id AS subscriberId, iban, bic, currency, owner_name AS ownerName, created_at AS createdAt
       FROM account WHERE partner_id = ? ORDER BY id`,
    )
    .all(partnerId) as AccountRow[];
}

export function findAccountByIban(db: Database, iban: string): AccountRow | undefined {
  return db
    .prepare(
      `SELECT id, partner_id AS partnerId, subscriber_id AS subscriberId, iban, bic, currency, owner_name AS ownerName, created_at AS createdAt
       FROM account WHERE iban = ?`,
    )
    .get(iban) as AccountRow | undefined;
}
