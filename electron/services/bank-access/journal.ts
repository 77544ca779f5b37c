/**
 * The EBICS client's transaction journal, kept in the ledger: the same file
 * as the payment orders it belongs to, so a transfer and the order it
 * uploads are committed side by side and recovery reads both.
 */
import type { Database } from 'better-sqlite3';
import type { EbicsJournal } from '../../ebics/journal';
import * as repo from '../../ledger/repos/ebics-journal';

export function ledgerJournal(db: Database): EbicsJournal {
  return {
    // One ledger file, one journal: sessions of two ledgers never mix.
    id: db.name,
    openTransfer: (transfer, at) => repo.openTransfer(db, transfer, at),
    stepSending: (transferId, step, at) => repo.stepSending(db, transferId, step, at),
    stepAnswered: (stepId, answer, at) => repo.stepAnswered(db, stepId, answer, at),
    stepFailed: (stepId, error, transferState, at) => repo.stepFailed(db, stepId, error, transferState, at),
    closeTransfer: (transferId, state, at, error) => repo.closeTransfer(db, transferId, state, at, error),
    transfer: (transferId) => repo.getTransfer(db, transferId),
    steps: (transferId) => repo.stepsOf(db, transferId),
  };
}
