import { afterEach, describe, expect, it } from 'vitest';
import { tempContext } from '../../../test/integration/helpers';
import { applyStatementToPayments } from './payment-lifecycle';

const at = '2026-11-21T09:00:00.000Z';
let ctx: ReturnType<typeof tempContext>;
afterEach(() => ctx.cleanup());

function setup() {
  ctx = tempContext();
  const db = ctx.db;
  const entity = Number(db.prepare(`INSERT INTO business_entity (name, created_at, updated_at) VALUES ('E', ?, ?)`).run(at, at).lastInsertRowid);
  const payment = (e2e: string, status: string, block: string | null = null) =>
    Number(
      db
        .prepare(
          `INSERT INTO payment (entity_id, kind, amount_cents, open_cents, status, end_to_end_id, payment_info_id, created_at, updated_at)
           VALUES (?, 'direct_debit', -5000, -5000, ?, ?, ?, ?, ?)`,
        )
        .run(entity, status, e2e, block, at, at).lastInsertRowid,
    );
  const file = Number(
    db.prepare(`INSERT INTO import_file (sha256, kind, file_name, size, imported_at) VALUES ('x', 'statement', 'f', 0, ?)`).run(at).lastInsertRowid,
  );
  const statement = Number(
    db
      .prepare(
        `INSERT INTO statement (account_iban, currency, source_format, report_kind, message_name, statement_id, period_from, period_to, import_file_id, file_index, imported_at)
         VALUES ('DE1', 'EUR', 'camt', 'camt.053', 'camt.053.001.08', 'S1', '2026-11-20', '2026-11-20', ?, 0, ?)`,
      )
      .run(file, at).lastInsertRowid,
  );
  let n = 0;
  const line = (v: { e2e?: string; reason?: string; reversal?: boolean; block?: string; txs?: object[]; status?: string }) =>
    db
      .prepare(
        `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, amount_cents, currency, status, is_reversal, end_to_end_id, return_reason, batch_payment_info_id, transactions)
         VALUES (?, ?, 'DE1', '2026-11-20', 5000, 'EUR', ?, ?, ?, ?, ?, ?)`,
      )
      .run(statement, ++n, v.status ?? 'BOOK', v.reversal ? 1 : 0, v.e2e ?? null, v.reason ?? null, v.block ?? null, JSON.stringify(v.txs ?? []));
  const status = (id: number) => db.prepare('SELECT status, return_reason AS reason, settled_cents AS settled FROM payment WHERE id = ?').get(id);
  return { payment, line, statement, status };
}

describe('statements drive the payment lifecycle', () => {
  it('marks an issued payment Collected by its end-to-end id and a batch item by the id in its transaction details', () => {
    const s = setup();
    const single = s.payment('E2E-1', 'Issued');
    const inBatch = s.payment('E2E-2', 'Issued');
    const untouched = s.payment('E2E-3', 'Issued');
    s.line({ e2e: 'E2E-1' });
    s.line({ txs: [{ endToEndId: 'E2E-2' }, { endToEndId: 'NOT-OURS' }] });
    expect(applyStatementToPayments(ctx.db, s.statement, at)).toBe(2);
    expect(s.status(single)).toEqual({ status: 'Collected', reason: null, settled: -5000 });
    expect(s.status(inBatch)).toMatchObject({ status: 'Collected' });
    expect(s.status(untouched)).toMatchObject({ status: 'Issued', settled: 0 });
  });

  it('turns a return into Rejected before collection and Reversed after it, with the reason code', () => {
    const s = setup();
    const issued = s.payment('E2E-1', 'Issued');
    const collected = s.payment('E2E-2', 'Collected');
    s.line({ e2e: 'E2E-1', reason: 'AC04' });
    s.line({ txs: [{ endToEndId: 'E2E-2', returnReason: 'MD06' }] });
    expect(applyStatementToPayments(ctx.db, s.statement, at)).toBe(2);
    expect(s.status(issued)).toEqual({ status: 'Rejected', reason: 'AC04', settled: 0 });
    expect(s.status(collected)).toEqual({ status: 'Reversed', reason: 'MD06', settled: 0 });
  });

  it('finds the payments of a batch booking without item details by their block id', () => {
    const s = setup();
    const a = s.payment('E2E-A', 'Issued', 'BLOCK-1');
    const b = s.payment('E2E-B', 'Issued', 'BLOCK-1');
    const other = s.payment('E2E-C', 'Issued', 'BLOCK-2');
    s.line({ block: 'BLOCK-1' });
    expect(applyStatementToPayments(ctx.db, s.statement, at)).toBe(2);
    expect([s.status(a), s.status(b), s.status(other)].map((p) => (p as { status: string }).status)).toEqual(['Collected', 'Collected', 'Issued']);
  });

  it('leaves pending bookings, canceled payments and a booking seen twice alone', () => {
    const s = setup();
    const pending = s.payment('E2E-1', 'Issued');
    const canceled = s.payment('E2E-2', 'Canceled');
    const twice = s.payment('E2E-3', 'Issued');
    s.line({ e2e: 'E2E-1', status: 'PDNG' });
    s.line({ e2e: 'E2E-2' });
    s.line({ e2e: 'E2E-3' });
    s.line({ e2e: 'E2E-3' });
    expect(applyStatementToPayments(ctx.db, s.statement, at)).toBe(1);
    expect([s.status(pending), s.status(canceled), s.status(twice)].map((p) => (p as { status: string }).status)).toEqual(['Issued', 'Canceled', 'Collected']);
  });
});
