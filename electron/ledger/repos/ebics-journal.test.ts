import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger } from '../database';
import { closeTransfer, getTransfer, openTransfer, stepAnswered, stepFailed, stepSending, stepsOf, unfinishedTransfers } from './ebics-journal';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-journal-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const start = {
  hostId: 'KONTORDEMO',
  partnerId: 'P1',
  userId: 'U1',
  ebicsVersion: 'H004' as const,
  direction: 'upload' as const,
  purpose: 'credit_transfer',
  orderType: 'CCT',
  dataSha256: 'ab'.repeat(32),
  dataBytes: 2_000_000,
  numSegments: 2,
};

describe('EBICS transaction journal', () => {
  it('has the step on disk, visible to another connection, before the request is sent', () => {
    const file = join(dir, 'ledger.sqlite');
    const db = openLedger(file);
    const id = openTransfer(db, start, '2026-11-21T10:00:00Z');
    stepSending(db, id, { phase: 'initialisation', nonce: 'N1' }, '2026-11-21T10:00:00Z');
    // A second connection stands in for the next process after a crash: it sees only committed data.
    const other = new BetterSqlite3(file, { readonly: true });
    const steps = other.prepare('SELECT phase, state, nonce FROM ebics_transfer_step').all();
    expect(steps).toEqual([{ phase: 'initialisation', state: 'sending', nonce: 'N1' }]);
    other.close();
    db.close();
  });

  it('follows a transfer through its phases and lists it as unfinished until closed', () => {
    const db = openLedger(join(dir, 'ledger.sqlite'));
    const id = openTransfer(db, start, 't0');
    const init = stepSending(db, id, { phase: 'initialisation' }, 't1');
    stepAnswered(db, init, { technicalCode: '000000', businessCode: '000000', transactionId: 'TX1', orderId: 'A001' }, 't2');
    const seg1 = stepSending(db, id, { phase: 'transfer', segmentNumber: 1 }, 't3');
    stepAnswered(db, seg1, { technicalCode: '000000', segmentsDone: 1 }, 't4');
    expect(unfinishedTransfers(db).map((t) => t.id)).toEqual([id]);
    expect(getTransfer(db, id)).toMatchObject({ phase: 'transfer', transactionId: 'TX1', orderId: 'A001', segmentsDone: 1, state: 'in_progress' });

    const seg2 = stepSending(db, id, { phase: 'transfer', segmentNumber: 2 }, 't5');
    stepFailed(db, seg2, 'connection reset after sending', 'uncertain', 't6');
    expect(getTransfer(db, id)).toMatchObject({ state: 'uncertain', error: 'connection reset after sending' });
    expect(unfinishedTransfers(db)).toHaveLength(1);

    closeTransfer(db, id, 'completed', 't7');
    expect(unfinishedTransfers(db)).toHaveLength(0);
    expect(stepsOf(db, id).map((s) => [s.phase, s.segmentNumber, s.state])).toEqual([
      ['initialisation', null, 'answered'],
      ['transfer', 1, 'answered'],
      ['transfer', 2, 'failed'],
    ]);
    db.close();
  });
});
