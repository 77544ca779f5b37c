/**
 * Released payment orders become bookings on the customer's demo account
 * on their date: transfers as debits, collections as credits, one line per
 * payment or one batch line per block, and a seeded share of direct debits
 * coming back as returns a few TARGET2 days later.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addTarget2Days, compareDates, type Clock } from '../../../shared/dates';
import { sha256Hex } from '../protocol/auth';
import { startDemoBank, type DemoBank } from '../server';
import { orderIdFor } from '../ids';
import { accountsOfPartner } from '../store/accounts';
import { bookingsOfAccount, bookingsOfOrder } from '../store/bookings';
import { nextValue } from '../store/counters';
import { insertOrder } from '../store/orders';
import { blocksOfOrder } from '../store/payment-blocks';
import { tempDir } from '../../../test/support/demo-bank';
import { queuePaymentBlocks, RETURN_REASONS } from './booking';
import { readPaymentFile } from './pain';
import { buildPain001, buildPain008, PARTIES, TEST_CREDITOR_ID, type TestDebit, type TestTransfer } from '../../../test/support/pain-files';

/** A bank clock the test sets: at 09:00 UTC of the day. */
function settableClock(day: string): Clock & { set(day: string): void } {
  let current = day;
  return { now: () => new Date(`${current}T09:00:00Z`), today: () => current, set: (d) => (current = d) };
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function bank(o: { day?: string; returnPercent?: number } = {}): Promise<{ bank: DemoBank; clock: ReturnType<typeof settableClock>; own: string }> {
  const dir = tempDir('kontor-demo-booking-');
  const clock = settableClock(o.day ?? '2026-03-02');
  const b = await startDemoBank({
    dataDir: dir.path,
    clock,
    log: () => undefined,
    ...(o.returnPercent !== undefined ? { directDebitReturnPercent: o.returnPercent } : {}),
  });
  cleanups.push(async () => {
    await b.close();
    dir.remove();
  });
  return { bank: b, clock, own: accountsOfPartner(b.store.db, 'KONTOR01')[0]?.iban ?? '' };
}

/** Stores an accepted order as the upload does (the HTTP path is tested elsewhere). */
function queue(b: DemoBank, xml: string, orderType: string): string {
  const db = b.store.db;
  const data = Buffer.from(xml, 'utf8');
  const file = readPaymentFile(data);
  return db.transaction(() => {
    const orderId = orderIdFor(nextValue(db, 'order'));
    insertOrder(db, {
      orderId,
      subscriberId: 1,
      transactionId: null,
      ebicsVersion: 'H004',
      orderType,
      serviceName: null,
      serviceScope: null,
      serviceOption: null,
      serviceContainer: null,
      msgName: null,
      msgVersion: null,
      fileName: null,
      data,
      dataSha256: sha256Hex(data),
      signatureVersion: 'A006',
      signerPartnerId: 'KONTOR01',
      signerUserId: 'USER01',
      signatureCheck: 'verified',
      state: 'awaiting_signature',
      receivedAt: '2026-03-02T09:00:00.000Z',
    });
    queuePaymentBlocks(db, orderId, file);
    return orderId;
  })();
}

const party = (i: number) => PARTIES[i % PARTIES.length] ?? { name: 'X', iban: 'DE44500105175407324931' };
const transfers = (n: number): TestTransfer[] =>
  Array.from({ length: n }, (_, i) => ({
    endToEndId: `CT-${i + 1}`,
    amountCents: 10_000 * (i + 1) + 1,
    creditor: party(i),
    remittance: `Rechnung ${4711 + i}`,
  }));
const debits = (n: number): TestDebit[] =>
  Array.from({ length: n }, (_, i) => ({
    endToEndId: `DD-${i + 1}`,
    amountCents: 5_000 + i * 100,
    debtor: party(i),
    mandateId: `M-${100 + i}`,
    signedOn: '2025-01-02',
    remittance: `Beitrag ${i + 1}`,
  }));

describe('booking released orders', () => {
  it('books a transfer block on its execution date as one debit listing each transfer, and only once', async () => {
    const { bank: b, clock, own } = await bank();
    const id = queue(
      b,
      buildPain001({
        version: '09',
        messageId: 'MSG-1',
        paymentInfoId: 'PMT-1',
        debtor: { name: 'Us', iban: own },
        executionDate: '2026-03-04',
        transactions: transfers(3),
      }),
      'CCT',
    );
    expect(b.bookDueOrders('2026-03-04').booked).toEqual([]); // not released yet
    b.release(id);
    expect(b.bookDueOrders('2026-03-03').booked).toEqual([]);
    clock.set('2026-03-04');
    expect(b.bookDueOrders().booked).toEqual([{ orderId: id, paymentInfoId: 'PMT-1', bookingDate: '2026-03-04', lines: 1, returns: 0 }]);
    expect(b.bookDueOrders().booked).toEqual([]);
    const [line, ...rest] = bookingsOfOrder(b.store.db, id);
    expect(rest).toEqual([]);
    expect(line).toMatchObject({
      accountIban: own,
      bookingDate: '2026-03-04',
      valueDate: '2026-03-04',
      amountCents: -(10_001 + 20_001 + 30_001),
      bankTxCode: { family: 'ICDT', subFamily: 'ESCT', gvc: '191' },
    });
    expect(line?.batch).toMatchObject({ count: 3, messageId: 'MSG-1', paymentInfoId: 'PMT-1' });
    expect(line?.batch?.items.map((i) => [i.endToEndId, i.amountCents, i.counterpartyIban, i.remittance])).toEqual([
      ['CT-1', -10_001, party(0).iban, 'Rechnung 4711'],
      ['CT-2', -20_001, party(1).iban, 'Rechnung 4712'],
      ['CT-3', -30_001, party(2).iban, 'Rechnung 4713'],
    ]);
    expect(line?.bankReference).toMatch(/^260304K\d{9}$/);
    expect(blocksOfOrder(b.store.db, id)[0]).toMatchObject({ bookedOn: '2026-03-04', releasedOn: '2026-03-02' });
  });

  it('books each transfer on its own line with end-to-end ID, counterparty and remittance when BtchBookg is false', async () => {
    const { bank: b, own } = await bank();
    const id = queue(
      b,
      buildPain001({ version: '03', batchBooking: false, debtor: { name: 'Us', iban: own }, executionDate: '2026-03-02', transactions: transfers(2) }),
      'CCT',
    );
    b.release(id);
    expect(b.bookDueOrders().booked[0]).toMatchObject({ lines: 2 });
    expect(
      bookingsOfOrder(b.store.db, id).map((x) => [
        x.amountCents,
        x.endToEndId,
        x.counterpartyName,
        x.counterpartyIban,
        x.counterpartyBic,
        x.remittance,
        x.bankTxCode.gvc,
      ]),
    ).toEqual([
      [-10_001, 'CT-1', party(0).name, party(0).iban, party(0).bic, 'Rechnung 4711', '116'],
      [-20_001, 'CT-2', party(1).name, party(1).iban, party(1).bic, 'Rechnung 4712', '116'],
    ]);
  });

  it('books on the next TARGET2 day after a weekend or holiday date, and on the release day after a late release', async () => {
    const { bank: b, clock, own } = await bank({ day: '2026-04-01' });
    // Good Friday 3 April, Easter Monday 6 April 2026.
    const easter = queue(b, buildPain001({ version: '09', debtor: { name: 'Us', iban: own }, executionDate: '2026-04-03', transactions: transfers(1) }), 'CCT');
    const late = queue(b, buildPain001({ version: '09', debtor: { name: 'Us', iban: own }, executionDate: '2026-04-01', transactions: transfers(1) }), 'CCT');
    b.release(easter);
    expect(b.bookDueOrders('2026-04-06').booked).toEqual([]);
    clock.set('2026-04-08');
    b.release(late);
    expect(b.bookDueOrders().booked.map((x) => [x.orderId, x.bookingDate])).toEqual([
      [easter, '2026-04-07'],
      [late, '2026-04-08'],
    ]);
  });

  it('never books an order waiting for its signature or rejected in the VEU', async () => {
    const { bank: b, own } = await bank();
    const waiting = queue(
      b,
      buildPain001({ version: '09', debtor: { name: 'Us', iban: own }, executionDate: '2026-03-02', transactions: transfers(1) }),
      'CCT',
    );
    const rejected = queue(
      b,
      buildPain001({ version: '09', debtor: { name: 'Us', iban: own }, executionDate: '2026-03-02', transactions: transfers(1) }),
      'CCT',
    );
    b.reject(rejected);
    expect(b.bookDueOrders('2026-12-31').booked).toEqual([]);
    expect([...bookingsOfOrder(b.store.db, waiting), ...bookingsOfOrder(b.store.db, rejected)]).toEqual([]);
  });

  it('books collections as credits: CORE 171 single and 192 batch, B2B 174 and 195 with sub-family BBDD', async () => {
    const { bank: b, own } = await bank({ returnPercent: 0 });
    const creditor = { name: 'Us', iban: own };
    const common = { creditor, creditorId: TEST_CREDITOR_ID, collectionDate: '2026-03-04', transactions: debits(2) };
    const single = queue(b, buildPain008({ ...common, version: '08', scheme: 'CORE', batchBooking: false }), 'CDD');
    const batch = queue(b, buildPain008({ ...common, version: '02', scheme: 'CORE', paymentInfoId: 'DD-CORE' }), 'CDD');
    const b2bSingle = queue(b, buildPain008({ ...common, version: '08', scheme: 'B2B', batchBooking: false }), 'CDB');
    const b2bBatch = queue(b, buildPain008({ ...common, version: '08', scheme: 'B2B' }), 'CDB');
    for (const id of [single, batch, b2bSingle, b2bBatch]) b.release(id);
    b.bookDueOrders('2026-03-04');
    const lines = (id: string) =>
      bookingsOfOrder(b.store.db, id).map((x) => [x.amountCents, x.bankTxCode.subFamily, x.bankTxCode.gvc, x.endToEndId, x.mandateId, x.creditorId]);
    expect(lines(single)).toEqual([
      [5_000, 'ESDD', '171', 'DD-1', 'M-100', TEST_CREDITOR_ID],
      [5_100, 'ESDD', '171', 'DD-2', 'M-101', TEST_CREDITOR_ID],
    ]);
    expect(lines(batch)).toEqual([[10_100, 'ESDD', '192', undefined, undefined, TEST_CREDITOR_ID]]);
    expect(bookingsOfOrder(b.store.db, batch)[0]?.batch?.items.map((i) => [i.endToEndId, i.mandateId, i.amountCents, i.counterpartyName])).toEqual([
      ['DD-1', 'M-100', 5_000, party(0).name],
      ['DD-2', 'M-101', 5_100, party(1).name],
    ]);
    expect(bookingsOfOrder(b.store.db, batch)[0]?.remittance).toMatch(/^SEPA-Sammlereinzug CORE, 2 Posten, Einreichung DD-CORE: /);
    expect(lines(b2bSingle).map((l) => l.slice(1, 3))).toEqual([
      ['BBDD', '174'],
      ['BBDD', '174'],
    ]);
    expect(lines(b2bBatch).map((l) => l.slice(1, 3))).toEqual([['BBDD', '195']]);
  });

  it('returns the configured share of direct debits 2 to 5 TARGET2 days later with reason and original end-to-end ID, the same way in every bank', async () => {
    const run = async () => {
      const { bank: b, own } = await bank({ returnPercent: 10 });
      const id = queue(
        b,
        buildPain008({
          version: '08',
          scheme: 'CORE',
          creditor: { name: 'Us', iban: own },
          creditorId: TEST_CREDITOR_ID,
          collectionDate: '2026-03-04',
          transactions: debits(20),
        }),
        'CDD',
      );
      b.release(id);
      expect(b.bookDueOrders('2026-03-04').booked[0]).toMatchObject({ lines: 1, returns: 2 });
      return bookingsOfOrder(b.store.db, id).filter((x) => x.returnReason !== undefined);
    };
    const returns = await run();
    expect(returns).toHaveLength(2);
    const originals = debits(20);
    for (const r of returns) {
      const original = originals.find((d) => d.endToEndId === r.endToEndId);
      expect(original).toBeDefined();
      expect(r.amountCents).toBe(-(original?.amountCents ?? 0));
      expect(r.mandateId).toBe(original?.mandateId);
      expect(RETURN_REASONS.CORE).toContain(r.returnReason);
      expect(r.valueDate).toBe('2026-03-04');
      expect(compareDates(r.bookingDate, addTarget2Days('2026-03-04', 2))).toBeGreaterThanOrEqual(0);
      expect(compareDates(r.bookingDate, addTarget2Days('2026-03-04', 5))).toBeLessThanOrEqual(0);
      expect(r.bankTxCode).toEqual({ domain: 'PMNT', family: 'IDDT', subFamily: 'UPDD', gvc: '109' });
    }
    const strip = (xs: typeof returns) => xs.map((x) => [x.endToEndId, x.returnReason, x.bookingDate]);
    expect(strip(await run())).toEqual(strip(returns));
  });

  it('returns none at 0 %, all at 100 %, and never MD06 (a CORE refund) for B2B', async () => {
    for (const [percent, expected] of [
      [0, 0],
      [100, 12],
    ] as const) {
      const { bank: b, own } = await bank({ returnPercent: percent });
      const id = queue(
        b,
        buildPain008({
          version: '08',
          scheme: 'B2B',
          creditor: { name: 'Us', iban: own },
          creditorId: TEST_CREDITOR_ID,
          collectionDate: '2026-03-04',
          transactions: debits(12),
        }),
        'CDB',
      );
      b.release(id);
      b.bookDueOrders('2026-03-04');
      const returns = bookingsOfOrder(b.store.db, id).filter((x) => x.returnReason !== undefined);
      expect(returns).toHaveLength(expected);
      expect(returns.every((r) => r.returnReason !== 'MD06')).toBe(true);
      // Returns are stored with the collection but belong to their own day.
      expect(bookingsOfAccount(b.store.db, own, '2026-03-05').filter((x) => x.returnReason !== undefined)).toHaveLength(0);
    }
    const dir = tempDir('kontor-demo-booking-bad-');
    await expect(startDemoBank({ dataDir: dir.path, directDebitReturnPercent: 101 })).rejects.toThrow(RangeError);
    dir.remove();
  });
});
