/**
 * An edit a person made on what they loaded: it names the version they saw
 * and runs only when the record is still at it (docs/teams.md, "Lost
 * updates"). The claim is the transaction's first write, so a refused edit
 * writes nothing — no partial change, no audit record.
 */
import { claimVersion, rowVersion, type VersionedTable } from '../ledger/repos/versions';
import type { ServiceContext } from './context';

export function versionedEdit<T>(ctx: ServiceContext, table: VersionedTable, id: number, version: number, write: () => T): T {
  return ctx.db.transaction(() => {
    claimVersion(ctx.db, table, id, version, ctx.actor(), ctx.now());
    return write();
  })();
}

/** The version a record is at now: what the CLI edits on when no `--expect-version` is given. */
export function currentVersion(ctx: ServiceContext, table: VersionedTable, id: number): number {
  return rowVersion(ctx.db, table, id).version;
}
