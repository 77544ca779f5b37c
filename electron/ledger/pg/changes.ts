import type { LedgerArea } from '../../../shared/ledger-changes';

/**
 * Which kinds of data a write touches, so that other workstations can reload
 * what they show (PostgreSQL NOTIFY, ./listen.ts). The tracker collects the
 * tables a transaction writes; the notification goes out inside the
 * transaction and PostgreSQL delivers it at commit, and not at all when the
 * transaction rolls back.
 */

/** The PostgreSQL channel every Kontor process listens on. */
export const CHANGES_CHANNEL = 'kontor_changes';

const TABLE_AREAS: Record<string, LedgerArea> = {
  entry: 'entries',
  entry_item: 'entries',
  entry_settlement: 'entries',
  payment: 'entries',
  payment_order: 'orders',
  ebics_transfer: 'orders',
  ebics_transfer_step: 'orders',
  vop_report: 'orders',
  statement: 'statements',
  statement_line: 'statements',
  reconcile_assignment: 'statements',
  reconcile_proposal: 'statements',
  import_file: 'statements',
  account: 'parties',
  payment_instrument: 'parties',
  business_entity: 'entities',
  bank_access: 'banks',
  bank_account: 'banks',
  person: 'people',
  person_role: 'people',
  setting: 'settings',
  audit_log: 'audit',
};

// INSERT [OR …] INTO t, UPDATE [OR …] t, DELETE FROM t; `DO UPDATE SET` of an upsert names no table and is skipped below.
const WRITE = /\b(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)\s+"?([A-Za-z_][A-Za-z0-9_]*)"?/gi;
const seen = new Map<string, LedgerArea[]>();

/** The areas a statement writes (none for a read); cached per statement text, as the translation is. */
export function areasWritten(sql: string): LedgerArea[] {
  let areas = seen.get(sql);
  if (!areas) {
    const found = new Set<LedgerArea>();
    for (const m of sql.matchAll(WRITE)) {
      const area = TABLE_AREAS[m[1]!.toLowerCase()];
      if (area) found.add(area);
    }
    areas = [...found];
    seen.set(sql, areas);
  }
  return areas;
}

/**
 * The notification for some areas: sent inside the writing transaction, it
 * reaches the listeners when the transaction commits. The payload names the
 * areas and the login (`session_user`, what the ledger's triggers compare
 * with), nothing of the data.
 */
export function notifyStatement(areas: readonly LedgerArea[]): { sql: string; params: unknown[] } {
  return {
    sql: `SELECT pg_notify('${CHANGES_CHANNEL}', json_build_object('areas', $1::json, 'by', session_user)::text)`,
    params: [JSON.stringify([...areas].sort())],
  };
}

/** The areas written since the last `take`: one transaction's, or one statement's outside a transaction. */
export class ChangeTracker {
  private readonly areas = new Set<LedgerArea>();

  note(sql: string): void {
    for (const a of areasWritten(sql)) this.areas.add(a);
  }

  take(): LedgerArea[] {
    const taken = [...this.areas];
    this.areas.clear();
    return taken;
  }
}
