import type { Database } from 'better-sqlite3';

/** What the first-run checklist counts, in one read. */
export interface SetupCounts {
  entities: number;
  bankAccounts: number;
  readyAccesses: number;
  /** Own accounts linked to a bank access that is ready. */
  linkedAccounts: number;
  parties: number;
  entries: number;
}

export function setupCounts(db: Database): SetupCounts {
  return db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM business_entity) AS entities,
         (SELECT COUNT(*) FROM bank_account) AS bankAccounts,
         (SELECT COUNT(*) FROM bank_access WHERE state = 'ready') AS readyAccesses,
         (SELECT COUNT(*) FROM bank_account b JOIN bank_access a ON a.id = b.bank_access_id WHERE a.state = 'ready') AS linkedAccounts,
         (SELECT COUNT(*) FROM account) AS parties,
         (SELECT COUNT(*) FROM entry) AS entries`,
    )
    .get() as SetupCounts;
}
