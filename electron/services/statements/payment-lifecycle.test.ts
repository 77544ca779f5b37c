import { afterEach, describe, expect, it } from 'vitest';
import { movableClock, ok, tempContext } from '../../../test/integration/helpers';
import { dispatch } from '../dispatch';
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

/** Payments as orders leave them, booked by statement lines of a given date, for entries of given customers. */
async function ledgerWithPayments(clock: ReturnType<typeof movableClock>) {
  ctx = tempContext(clock);
  const db = ctx.db;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
  const customer = async (name: string) => (await ok(ctx, 'accounts.create', { kind: 'customer', number: name, name })).id;
  const entry = async (accountId: number, number: string, type: 'Debit' | 'Credit') =>
    (await ok(ctx, 'entries.create', { entityId: entity.id, accountId, type, number, statementDate: '2026-09-01', amountCents: 5000 })).id;
  let seq = 0;
  const order = (kind: string, scheme: string | null) =>
    Number(
      db
        .prepare(
          `INSERT INTO payment_order (bank_account_id, kind, format, scheme, file_bytes, sha256, message_id, tx_count, control_sum_cents, execution_date, status, created_at, updated_at)
           VALUES (?, ?, 'pain', ?, x'00', 'h', ?, 1, 5000, '2026-10-01', 'uploaded', ?, ?)`,
        )
        .run(
          Number(
            db
              .prepare(`INSERT INTO bank_account (entity_id, name, iban, currency, created_at, updated_at) VALUES (?, 'A', ?, 'EUR', ?, ?)`)
              .run(entity.id, `DE${++seq}`, at, at).lastInsertRowid,
          ),
          kind,
          scheme,
          `MSG-${seq}`,
          at,
          at,
        ).lastInsertRowid,
    );
  const payment = (o: { kind: 'direct_debit' | 'credit_transfer'; scheme?: 'CORE' | 'B2B'; cents: number; e2e: string; status: string; entryId: number }) => {
    const id = Number(
      db
        .prepare(
          `INSERT INTO payment (entity_id, payment_order_id, kind, amount_cents, open_cents, status, end_to_end_id, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(entity.id, order(o.kind, o.scheme ?? null), o.kind, o.cents, o.cents, o.status, o.e2e, at, at).lastInsertRowid,
    );
    db.prepare('INSERT INTO entry_item (entry_id, payment_id, amount_cents, expected_amount_cents, created_at) VALUES (?, ?, 0, ?, ?)').run(
      o.entryId,
      id,
      o.cents,
      at,
    );
    return id;
  };
  const file = Number(
    db.prepare(`INSERT INTO import_file (sha256, kind, file_name, size, imported_at) VALUES ('y', 'statement', 'f', 0, ?)`).run(at).lastInsertRowid,
  );
  const statement = Number(
    db
      .prepare(
        `INSERT INTO statement (account_iban, currency, source_format, report_kind, message_name, statement_id, period_from, period_to, import_file_id, file_index, imported_at)
         VALUES ('DE1', 'EUR', 'camt', 'camt.053', 'camt.053.001.08', 'S2', '2026-10-02', '2026-10-02', ?, 0, ?)`,
      )
      .run(file, at).lastInsertRowid,
  );
  let n = 0;
  const booking = (e2e: string, cents: number) =>
    db
      .prepare(
        `INSERT INTO statement_line (statement_id, line_no, account_iban, booking_date, amount_cents, currency, status, end_to_end_id, transactions)
         VALUES (?, ?, 'DE1', '2026-10-02', ?, 'EUR', 'BOOK', ?, '[]')`,
      )
      .run(statement, ++n, cents, e2e);
  const payments = async () => Object.fromEntries((await ok(ctx, 'payments.list', {})).rows.map((p) => [p.endToEndId, p]));
  return { customer, entry, payment, booking, statement, payments };
}

describe('payments become Final after their return window, Refunded by a refund', () => {
  it('keeps a Core direct debit Collected for 8 weeks after booking and makes it Final after; a credit transfer is Final when booked', async () => {
    const clock = movableClock('2026-10-05T09:00:00Z');
    const s = await ledgerWithPayments(clock);
    const k = await s.customer('Müller');
    s.payment({ kind: 'direct_debit', scheme: 'CORE', cents: -5000, e2e: 'DD-CORE', status: 'Issued', entryId: await s.entry(k, 'RE-1', 'Debit') });
    s.payment({ kind: 'direct_debit', scheme: 'B2B', cents: -5000, e2e: 'DD-B2B', status: 'Issued', entryId: await s.entry(k, 'RE-2', 'Debit') });
    s.payment({ kind: 'credit_transfer', cents: 5000, e2e: 'CT-1', status: 'Issued', entryId: await s.entry(k, 'ER-1', 'Credit') });
    s.booking('DD-CORE', 5000);
    s.booking('DD-B2B', 5000);
    s.booking('CT-1', -5000);
    expect(applyStatementToPayments(ctx.db, s.statement, at)).toBe(3);

    let p = await s.payments();
    expect(p['CT-1']).toMatchObject({ status: 'Final', settledOn: '2026-10-02', finalFrom: '2026-10-02' });
    expect(p['DD-CORE']).toMatchObject({ status: 'Collected', finalFrom: '2026-11-28' });
    // B2B: returns until two TARGET2 days after settlement (Fri 2 Oct → Tue 6 Oct), final from the day after.
    expect(p['DD-B2B']).toMatchObject({ status: 'Collected', finalFrom: '2026-10-07' });

    clock.advanceDays(2); // 7 October
    p = await s.payments();
    expect(p['DD-B2B']!.status).toBe('Final');
    expect(p['DD-CORE']!.status).toBe('Collected');

    clock.advanceDays(51); // 27 November: the 56th day after the booking, the refund right still runs
    expect((await s.payments())['DD-CORE']!.status).toBe('Collected');
    clock.advanceDays(1); // 28 November
    expect((await s.payments())['DD-CORE']!.status).toBe('Final');
  });

  it('does not make a payment Final when its entries are fully assigned, only when the return window has ended', async () => {
    const clock = movableClock('2026-10-05T09:00:00Z');
    const s = await ledgerWithPayments(clock);
    const k = await s.customer('Müller');
    const entryId = await s.entry(k, 'RE-1', 'Debit');
    s.payment({ kind: 'direct_debit', scheme: 'CORE', cents: -5000, e2e: 'DD-FULL', status: 'Issued', entryId });
    s.booking('DD-FULL', 5000);
    applyStatementToPayments(ctx.db, s.statement, at);
    await ok(ctx, 'reconcile.run', {});
    const [proposal] = (await ok(ctx, 'reconcile.proposals', {})).rows;
    expect(proposal).toMatchObject({ kind: 'endToEnd', allocations: [{ entryId, amountCents: -5000 }] });
    await ok(ctx, 'reconcile.accept', { id: proposal!.id });
    expect((await ok(ctx, 'entries.get', { id: entryId })).status).toBe('Balanced');
    expect((await s.payments())['DD-FULL']).toMatchObject({ status: 'Collected', settledCents: -5000, assignedCents: -5000, availableCents: 0 });
    clock.advanceDays(54); // 28 November, 57 days after the booking on 2 October
    expect((await s.payments())['DD-FULL']!.status).toBe('Final');
  });

  it('marks a collected payment Refunded once the refund transfer to the same customer is booked', async () => {
    const clock = movableClock('2026-10-05T09:00:00Z');
    const s = await ledgerWithPayments(clock);
    const k = await s.customer('Müller');
    const other = await s.customer('Schmidt');
    const original = s.payment({
      kind: 'direct_debit',
      scheme: 'CORE',
      cents: -5000,
      e2e: 'DD-1',
      status: 'Collected',
      entryId: await s.entry(k, 'RE-1', 'Debit'),
    });
    const refund = s.payment({ kind: 'credit_transfer', cents: 5000, e2e: 'REFUND-1', status: 'Issued', entryId: await s.entry(k, 'GS-1', 'Credit') });
    const elsewhere = s.payment({ kind: 'credit_transfer', cents: 5000, e2e: 'CT-X', status: 'Issued', entryId: await s.entry(other, 'GS-2', 'Credit') });

    const wrong = await dispatch(ctx, 'payments.linkRefund', { refundId: elsewhere, originalId: original });
    expect(!wrong.ok && wrong.error.code).toBe('refund.otherCustomer');
    const backwards = await dispatch(ctx, 'payments.linkRefund', { refundId: original, originalId: refund });
    expect(!backwards.ok && backwards.error.code).toBe('refund.notATransfer');

    expect(await ok(ctx, 'payments.linkRefund', { refundId: refund, originalId: original })).toMatchObject({ refundOfPaymentId: original, status: 'Issued' });
    expect((await s.payments())['DD-1']!.status).toBe('Collected');
    s.booking('REFUND-1', -5000);
    applyStatementToPayments(ctx.db, s.statement, at);
    const p = await s.payments();
    expect(p['DD-1']!.status).toBe('Refunded');
    expect(p['REFUND-1']!.status).toBe('Final');
    const audit = ctx.db.prepare(`SELECT subject_id AS subject FROM audit_log WHERE action = 'payment.refundLinked'`).all();
    expect(audit).toEqual([{ subject: String(original) }]);
  });

  it('shows each payment’s Open, Settled, Assigned and Available (= Settled − Assigned) amounts', async () => {
    const clock = movableClock('2026-10-05T09:00:00Z');
    const s = await ledgerWithPayments(clock);
    const k = await s.customer('Müller');
    const issued = s.payment({
      kind: 'direct_debit',
      scheme: 'CORE',
      cents: -5000,
      e2e: 'DD-OPEN',
      status: 'Issued',
      entryId: await s.entry(k, 'RE-1', 'Debit'),
    });
    const booked = s.payment({
      kind: 'direct_debit',
      scheme: 'CORE',
      cents: -5000,
      e2e: 'DD-PART',
      status: 'Issued',
      entryId: await s.entry(k, 'RE-2', 'Debit'),
    });
    s.booking('DD-PART', 5000);
    applyStatementToPayments(ctx.db, s.statement, at);
    ctx.db.prepare('UPDATE payment SET assigned_cents = -3000 WHERE id = ?').run(booked);
    const p = await s.payments();
    expect(p['DD-OPEN']).toMatchObject({ id: issued, openCents: -5000, settledCents: 0, assignedCents: 0, availableCents: 0 });
    expect(p['DD-PART']).toMatchObject({ openCents: 0, settledCents: -5000, assignedCents: -3000, availableCents: -2000 });
  });
});
