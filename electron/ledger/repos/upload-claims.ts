import type { Database } from 'better-sqlite3';
import { isTeamLedger } from '../pg/database';

/**
 * Who sends a payment order to the bank right now, across workstations.
 *
 * On a team ledger the claim is a session-level PostgreSQL advisory lock on
 * the order (`pg_try_advisory_lock`), held by the connection of the Kontor
 * process that uploads or recovers the order for as long as it talks to the
 * bank. Nobody has to clear a claim: when that process dies, its connection
 * closes and the server drops the lock with it, so another workstation can
 * recover the order. A row lock (`FOR UPDATE`) would need a transaction open
 * for the whole upload, which would hold the team's writer lock just as long,
 * and a claim column would outlive a crashed process.
 *
 * A process that loses its connection loses its claim but cannot send
 * another request either: the journal is written before every request, and
 * that write fails. Only a request already on the wire can outlive the
 * claim, which recovery's waits (quiet, settling) cover as before.
 *
 * The SQLite file has no cross-process claim; there the process's own
 * in-flight set and recovery's waits keep the CLI and the window apart.
 */
const KEY = "hashtext('kontor.upload')";

/**
 * A workstation whose machine vanishes (power cut, cable) leaves a half-open
 * connection that the server would notice only after the system's keepalive
 * time (two hours on Linux). Its claims would block recovery that long: the
 * connection that claims asks the server to probe after 30 s and give up
 * after three unanswered probes 10 s apart. Set once per connection.
 */
const probed = new WeakSet<object>();

function probeDeadPeers(db: Database): void {
  if (probed.has(db)) return;
  db.prepare(
    `SELECT set_config('tcp_keepalives_idle', '30', false) AS idle, set_config('tcp_keepalives_interval', '10', false) AS every,
       set_config('tcp_keepalives_count', '3', false) AS probes`,
  ).get();
  probed.add(db);
}

/** Claims the order for this connection; false when another connection holds it. Always true on the SQLite file. */
export function tryClaimUpload(db: Database, orderId: number): boolean {
  if (!isTeamLedger(db)) return true;
  probeDeadPeers(db);
  return (db.prepare(`SELECT pg_try_advisory_lock(${KEY}, ?) AS claimed`).get(orderId) as { claimed: number }).claimed === 1;
}

/** Gives the claim up (a closed connection has given it up already). */
export function releaseUploadClaim(db: Database, orderId: number): void {
  if (!isTeamLedger(db) || !db.open) return;
  db.prepare(`SELECT pg_advisory_unlock(${KEY}, ?) AS released`).get(orderId);
}

/** Whether any connection holds the claim on the order (for tests and diagnostics). */
export function uploadClaimed(db: Database, orderId: number): boolean {
  if (!isTeamLedger(db)) return false;
  return (
    (
      db
        .prepare(
          `SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND classid = ${KEY}::oid AND objid = ?::oid AND objsubid = 2`,
        )
        .get(orderId) as { n: number }
    ).n > 0
  );
}
