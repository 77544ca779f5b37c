import type { Database } from 'better-sqlite3';

export type TransferDirection = 'upload' | 'download';
export type TransferPhase = 'initialisation' | 'transfer' | 'receipt';
/**
 * in_progress: steps still to send; completed / failed: the bank's answer is
 * known; uncertain: a request left the machine and no answer came back, so
 * the bank may or may not have the order — never resend blindly.
 */
export type TransferState = 'in_progress' | 'completed' | 'failed' | 'uncertain';

export interface TransferStart {
  bankAccessId?: number | null;
  hostId: string;
  partnerId: string;
  userId: string;
  ebicsVersion: 'H004' | 'H005';
  direction: TransferDirection;
  purpose: string;
  orderType: string;
  paymentOrderId?: number | null;
  dataSha256?: string | null;
  dataBytes?: number | null;
  numSegments?: number | null;
}

export interface TransferRow {
  id: number;
  bankAccessId: number | null;
  hostId: string;
  partnerId: string;
  userId: string;
  ebicsVersion: string;
  direction: TransferDirection;
  purpose: string;
  orderType: string;
  paymentOrderId: number | null;
  dataSha256: string | null;
  transactionId: string | null;
  orderId: string | null;
  numSegments: number | null;
  segmentsDone: number;
  phase: TransferPhase;
  state: TransferState;
  technicalCode: string | null;
  businessCode: string | null;
  error: string | null;
  startedAt: string;
  updatedAt: string;
}

export interface StepRow {
  id: number;
  transferId: number;
  phase: TransferPhase;
  segmentNumber: number | null;
  nonce: string | null;
  state: 'sending' | 'answered' | 'failed';
  technicalCode: string | null;
  businessCode: string | null;
  error: string | null;
  sentAt: string;
  answeredAt: string | null;
}

export function openTransfer(db: Database, t: TransferStart, at: string): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO ebics_transfer (bank_access_id, host_id, partner_id, user_id, ebics_version, direction, purpose, order_type,
         payment_order_id, data_sha256, data_bytes, num_segments, phase, state, started_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'initialisation', 'in_progress', ?, ?)`,
    )
    .run(
      t.bankAccessId ?? null,
      t.hostId,
      t.partnerId,
      t.userId,
      t.ebicsVersion,
      t.direction,
      t.purpose,
      t.orderType,
      t.paymentOrderId ?? null,
      t.dataSha256 ?? null,
      t.dataBytes ?? null,
      t.numSegments ?? null,
      at,
      at,
    );
  return Number(lastInsertRowid);
}

/** Written and committed before the request is sent: the record survives a crash in mid-air. */
export function stepSending(
  db: Database,
  transferId: number,
  s: { phase: TransferPhase; segmentNumber?: number | null; nonce?: string | null },
  at: string,
): number {
  return db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(`INSERT INTO ebics_transfer_step (transfer_id, phase, segment_number, nonce, state, sent_at) VALUES (?, ?, ?, ?, 'sending', ?)`)
      .run(transferId, s.phase, s.segmentNumber ?? null, s.nonce ?? null, at);
    db.prepare('UPDATE ebics_transfer SET phase = ?, updated_at = ? WHERE id = ?').run(s.phase, at, transferId);
    return Number(lastInsertRowid);
  })();
}

export function stepAnswered(
  db: Database,
  stepId: number,
  a: {
    technicalCode: string;
    businessCode?: string | null;
    transactionId?: string | null;
    orderId?: string | null;
    numSegments?: number | null;
    segmentsDone?: number | null;
  },
  at: string,
): void {
  db.transaction(() => {
    const step = db.prepare('SELECT transfer_id AS transferId FROM ebics_transfer_step WHERE id = ?').get(stepId) as { transferId: number };
    db.prepare(`UPDATE ebics_transfer_step SET state = 'answered', technical_code = ?, business_code = ?, answered_at = ? WHERE id = ?`).run(
      a.technicalCode,
      a.businessCode ?? null,
      at,
      stepId,
    );
    db.prepare(
      `UPDATE ebics_transfer SET transaction_id = COALESCE(?, transaction_id), order_id = COALESCE(?, order_id),
         num_segments = COALESCE(?, num_segments), segments_done = COALESCE(?, segments_done),
         technical_code = ?, business_code = ?, updated_at = ? WHERE id = ?`,
    ).run(
      a.transactionId ?? null,
      a.orderId ?? null,
      a.numSegments ?? null,
      a.segmentsDone ?? null,
      a.technicalCode,
      a.businessCode ?? null,
      at,
      step.transferId,
    );
  })();
}

/** A step that got no usable answer. `uncertain` when the request may have reached the bank. */
export function stepFailed(db: Database, stepId: number, error: string, transferState: 'failed' | 'uncertain', at: string): void {
  db.transaction(() => {
    const step = db.prepare('SELECT transfer_id AS transferId FROM ebics_transfer_step WHERE id = ?').get(stepId) as { transferId: number };
    db.prepare(`UPDATE ebics_transfer_step SET state = 'failed', error = ?, answered_at = ? WHERE id = ?`).run(error, at, stepId);
    db.prepare('UPDATE ebics_transfer SET state = ?, error = ?, updated_at = ? WHERE id = ?').run(transferState, error, at, step.transferId);
  })();
}

export function closeTransfer(db: Database, transferId: number, state: 'completed' | 'failed', at: string, error?: string): void {
  db.prepare('UPDATE ebics_transfer SET state = ?, error = COALESCE(?, error), updated_at = ? WHERE id = ?').run(state, error ?? null, at, transferId);
}

const TRANSFER_SELECT = `SELECT id, bank_access_id AS bankAccessId, host_id AS hostId, partner_id AS partnerId, user_id AS userId,
  ebics_version AS ebicsVersion, direction, purpose, order_type AS orderType, payment_order_id AS paymentOrderId,
  data_sha256 AS dataSha256, transaction_id AS transactionId, order_id AS orderId, num_segments AS numSegments,
  segments_done AS segmentsDone, phase, state, technical_code AS technicalCode, business_code AS businessCode, error,
  started_at AS startedAt, updated_at AS updatedAt FROM ebics_transfer`;

export function getTransfer(db: Database, id: number): TransferRow | undefined {
  return db.prepare(`${TRANSFER_SELECT} WHERE id = ?`).get(id) as TransferRow | undefined;
}

/** Transfers whose outcome Kontor does not know yet: the work list for recovery. */
export function unfinishedTransfers(db: Database): TransferRow[] {
  return db.prepare(`${TRANSFER_SELECT} WHERE state IN ('in_progress', 'uncertain') ORDER BY id`).all() as TransferRow[];
}

export function transfersForData(db: Database, dataSha256: string): TransferRow[] {
  return db.prepare(`${TRANSFER_SELECT} WHERE data_sha256 = ? ORDER BY id`).all(dataSha256) as TransferRow[];
}

export function stepsOf(db: Database, transferId: number): StepRow[] {
  return db
    .prepare(
      `SELECT id, transfer_id AS transferId, phase, segment_number AS segmentNumber, nonce, state, technical_code AS technicalCode,
         business_code AS businessCode, error, sent_at AS sentAt, answered_at AS answeredAt
       FROM ebics_transfer_step WHERE transfer_id = ? ORDER BY id`,
    )
    .all(transferId) as StepRow[];
}
