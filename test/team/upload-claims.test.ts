/**
 * The claim on an order that is being sent (ledger/repos/upload-claims.ts):
 * on a team ledger one connection at a time holds it, and a connection that
 * ends — a Kontor process that exits or is killed — gives it up without
 * anyone clearing it. On the SQLite file there is no cross-process claim.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLedger } from '../../electron/ledger/database';
import { PgDatabase } from '../../electron/ledger/pg/database';
import { releaseUploadClaim, tryClaimUpload, uploadClaimed } from '../../electron/ledger/repos/upload-claims';
import { freshTeamLedger, onTeamLedger } from '../support/pg-ledger';
import { waitFor } from '../support/wait';

const open: PgDatabase[] = [];
function connect(url: string) {
  const db = new PgDatabase({ connectionString: url });
  open.push(db);
  return db.asDatabase();
}
afterAll(() => {
  for (const db of open) db.close();
});

describe.skipIf(!onTeamLedger)('upload claims on a team ledger (PostgreSQL)', () => {
  it('lets one connection at a time claim an order, and frees the claim of a connection that ended', async () => {
    const url = freshTeamLedger();
    const [anna, bernd, carla] = [connect(url), connect(url), connect(url)];
    expect(tryClaimUpload(anna, 7)).toBe(true);
    expect(tryClaimUpload(bernd, 7)).toBe(false);
    expect(uploadClaimed(carla, 7)).toBe(true);
    // Another order is free.
    expect(tryClaimUpload(bernd, 8)).toBe(true);
    releaseUploadClaim(anna, 7);
    expect(uploadClaimed(carla, 7)).toBe(false);
    expect(tryClaimUpload(bernd, 7)).toBe(true);
    expect(tryClaimUpload(carla, 7)).toBe(false);
    // Bernd's Kontor ends without giving anything up: the server drops his claims with the connection.
    open[1]!.close();
    // The server ends the session a moment after the connection closes.
    await waitFor('the closed connection’s claims to go', () => (uploadClaimed(carla, 7) ? undefined : true));
    expect(tryClaimUpload(carla, 7)).toBe(true);
    expect(tryClaimUpload(carla, 8)).toBe(true);
  });

  it('asks the server to notice a vanished workstation within about a minute, not the system default of hours', () => {
    const db = connect(freshTeamLedger());
    tryClaimUpload(db, 1);
    const setting = (name: string) => (db.prepare(`SELECT current_setting('${name}') AS v`).get() as { v: string }).v;
    // Over TCP (the test cluster listens on 127.0.0.1); on a Unix socket the server ignores these.
    expect([setting('tcp_keepalives_idle'), setting('tcp_keepalives_interval'), setting('tcp_keepalives_count')]).toEqual(['30', '10', '3']);
  });
});

describe('upload claims on the SQLite file', () => {
  it('always grants the claim: one process’s in-flight set and recovery’s waits do the work there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kontor-claims-'));
    const db = openLedger(join(dir, 'kontor.sqlite'));
    try {
      expect(tryClaimUpload(db, 7)).toBe(true);
      expect(tryClaimUpload(db, 7)).toBe(true);
      expect(uploadClaimed(db, 7)).toBe(false);
      releaseUploadClaim(db, 7);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
