/**
 * From payment file to statement line, through Kontor's real client over
 * HTTP, once per EBICS version: a credit transfer file (one batch-booked
 * block) and a direct debit file (single bookings) are uploaded and released,
 * the bank clock moves past the execution and collection dates, and the
 * statements (camt.053 in its ZIP, MT940) show the bookings: the batch line
 * with count and sum, each collection with its end-to-end and mandate ID,
 * and the returns with their reasons a few TARGET2 days later. Every camt
 * file served is valid against the ISO schemas and balances; fetching again
 * gives the same statement IDs; a period without bookings gives 090005.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { addDays, addTarget2Days, compareDates, daysBetween, type BusinessDate } from '../../../shared/dates';
import type { EbicsClient } from '../../ebics/client';
import type { EbicsVersion } from '../../ebics/messages/versions';
import { xsdSkipReason } from '../../../test/support/ebics-xsd';
import { RETURN_REASONS } from '../orders/booking';
import { buildPain001, buildPain008, PARTIES, TEST_CREDITOR_ID, type TestDebit, type TestTransfer } from '../../../test/support/pain-files';
import { startDemoBank, type DemoBank, type ExchangeRecord } from '../server';
import { accountsOfPartner } from '../store/accounts';
import { schemaAvailability } from '../../../test/support/iso-xsd';
import { exchangeSchemaErrors, readySubscriber, tempDir, tempLedger } from '../../../test/support/demo-bank';
import { readCamt, readMt, unzipText, validateAllAgainstSchema, type CamtEntry, type CamtReport } from '../../../test/support/served-statements';
import { movingTestClock } from '../../../test/support/clock';

const availability = schemaAvailability();
const party = (i: number) => PARTIES[i % PARTIES.length] ?? { name: 'X', iban: 'DE44500105175407324931' };

describe.each(['H004', 'H005'] as const)('released orders on the statements, EBICS %s through Kontor’s client', (version: EbicsVersion) => {
  const dir = tempDir(`kontor-demo-released-${version}-`);
  // The clock Kontor and the bank share (as real clocks agree); the test moves it forward by whole days.
  const clock = movingTestClock();
  const records: ExchangeRecord[] = [];
  const served: Array<{ name: string; xml: string }> = [];
  let bank: DemoBank;
  let ledger: Database;
  let client: EbicsClient;
  let own: string;
  let start: BusinessDate;
  let execution: BusinessDate;
  let collection: BusinessDate;
  const transfers: TestTransfer[] = [1, 2, 3].map((i) => ({
    endToEndId: `RUN-${version}-CT-${i}`,
    amountCents: 100_000 * i + 17,
    creditor: party(i),
    remittance: `Rechnung 2026-${i}`,
  }));
  const debits: TestDebit[] = [1, 2, 3, 4].map((i) => ({
    endToEndId: `RUN-${version}-DD-${i}`,
    amountCents: 4_990 * i,
    debtor: party(i + 1),
    mandateId: `MANDATE-${i}`,
    signedOn: '2025-02-01',
    remittance: `Abo ${i}`,
  }));

  beforeAll(async () => {
    // Half of the direct debits come back, so a file of four shows both outcomes.
    bank = await startDemoBank({
      dataDir: `${dir.path}/bank`,
      clock,
      segmentSize: 8 * 1024,
      directDebitReturnPercent: 50,
      onExchange: (r) => records.push(r),
      log: () => undefined,
    });
    ledger = tempLedger(dir.path);
    ({ client } = await readySubscriber(bank, version, ledger, {}, { clock }));
    own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]?.iban ?? '';
    start = clock.today();
    execution = addTarget2Days(start, 1);
    collection = addTarget2Days(start, 2);
  });
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  /** A camt.053 download: every file checked for balance, collected for the schema check. */
  async function eod(range: { start: BusinessDate; end: BusinessDate }): Promise<CamtReport[] | null> {
    const { data } = await client.download('statement_eod_camt', { dateRange: range });
    if (data === null) return null;
    const files = unzipText(data);
    const reports: CamtReport[] = [];
    for (const [name, xml] of files) {
      served.push({ name, xml });
      const doc = readCamt(xml);
      expect(doc.namespace).toBe(`urn:iso:std:iso:20022:tech:xsd:camt.053.001.${version === 'H004' ? '02' : '08'}`);
      for (const r of doc.reports) {
        expect(r.closingCents, r.id).toBe((r.openingCents ?? NaN) + r.entries.reduce((t, e) => t + e.amountCents, 0));
        reports.push(r);
      }
    }
    return reports.sort((a, b) => a.iban.localeCompare(b.iban) || a.from.localeCompare(b.from));
  }

  it('books the released transfer block and collections on their dates and shows them, and the returns, on the statements', async () => {
    const cct = await client.upload(
      'credit_transfer',
      Buffer.from(
        buildPain001({
          version: version === 'H004' ? '03' : '09',
          messageId: `MSG-${version}-CT`,
          paymentInfoId: `PMT-${version}-CT`,
          debtor: { name: 'Kontor Demo GmbH', iban: own },
          executionDate: execution,
          transactions: transfers,
        }),
      ),
    );
    const cdd = await client.upload(
      'direct_debit_core',
      Buffer.from(
        buildPain008({
          version: version === 'H004' ? '02' : '08',
          scheme: 'CORE',
          batchBooking: false,
          paymentInfoId: `PMT-${version}-DD`,
          creditor: { name: 'Kontor Demo GmbH', iban: own },
          creditorId: TEST_CREDITOR_ID,
          collectionDate: collection,
          transactions: debits,
        }),
      ),
    );
    bank.release(cct.orderId ?? '');
    bank.release(cdd.orderId ?? '');
    // Released, but their dates have not come: nothing is booked yet.
    expect(bank.bookDueOrders().booked).toEqual([]);

    // Past the latest possible return (5 TARGET2 days after the collection), then on to the next TARGET2 day:
    // the return's end-of-day statement is out, and "today" has bookings for camt.052 whatever weekday the test starts on.
    const lastReturn = addTarget2Days(collection, 5);
    clock.advanceDays(daysBetween(start, addTarget2Days(lastReturn, 1)));
    const yesterday = addDays(clock.today(), -1);

    const reports = await eod({ start, end: clock.today() });
    expect(reports).not.toBeNull();
    const mine = (reports ?? []).filter((r) => r.iban === own);
    // End-of-day data only up to yesterday, although the range asked for today too.
    expect(mine.length).toBeGreaterThan(2);
    expect(mine.every((r) => compareDates(r.from.slice(0, 10), yesterday) <= 0)).toBe(true);
    mine.forEach((r, i) => {
      if (i > 0) expect(r.openingCents, r.id).toBe(mine[i - 1]?.closingCents);
    });
    const entries = mine.flatMap((r) => r.entries);
    const byE2e = (id: string): CamtEntry[] => entries.filter((e) => e.transactions.some((t) => t.endToEndId === id));

    // The transfer block: one debit line with batch details, on the execution date.
    const batch = entries.find((e) => e.batch?.paymentInfoId === `PMT-${version}-CT`);
    expect(batch).toBeDefined();
    expect(batch?.batch).toMatchObject({ count: 3, totalCents: -(100_017 + 200_017 + 300_017), messageId: `MSG-${version}-CT` });
    expect(batch?.amountCents).toBe(-(100_017 + 200_017 + 300_017));
    expect(batch?.bookingDate).toBe(execution);
    expect(batch?.proprietaryCode).toMatch(/^NTRF\+191\+\d{4}$/);
    expect(batch?.transactions.map((t) => [t.endToEndId, t.amountCents, t.counterpartyIban])).toEqual(
      transfers.map((t) => [t.endToEndId, -t.amountCents, t.creditor.iban]),
    );

    // The collections: one credit line each, with end-to-end and mandate ID, on the collection date.
    for (const d of debits) {
      const [collected, ...returned] = byE2e(d.endToEndId);
      expect(collected).toMatchObject({ amountCents: d.amountCents, bookingDate: collection, valueDate: collection });
      expect(collected?.proprietaryCode).toMatch(/^NDDT\+171\+\d{4}$/);
      expect(collected?.transactions[0]).toMatchObject({ endToEndId: d.endToEndId, mandateId: d.mandateId, counterpartyIban: d.debtor.iban });
      // A return, if any: a separate debit a few TARGET2 days later, value-dated on the collection, with its reason.
      for (const r of returned) {
        expect(r.amountCents).toBe(-d.amountCents);
        expect(r.subFamily).toBe('UPDD');
        expect(r.valueDate).toBe(collection);
        expect(compareDates(r.bookingDate, addTarget2Days(collection, 2))).toBeGreaterThanOrEqual(0);
        expect(compareDates(r.bookingDate, lastReturn)).toBeLessThanOrEqual(0);
        expect(RETURN_REASONS.CORE).toContain(r.transactions[0]?.returnReason);
        expect(r.transactions[0]?.mandateId).toBe(d.mandateId);
      }
    }
    const returns = entries.filter((e) => e.transactions.some((t) => t.returnReason !== undefined && t.endToEndId?.startsWith(`RUN-${version}-DD`)));
    expect(returns).toHaveLength(2);

    // MT940 for the same period balances and names the same payments.
    const mt = await client.download('statement_eod_mt940', { dateRange: { start, end: clock.today() } });
    const text = mt.data?.toString('latin1') ?? '';
    const messages = readMt(text).filter((m) => m.account === `${own.slice(4, 12)}/${own.slice(12)}`);
    expect(messages.length).toBe(mine.length);
    messages.forEach((m, i) => {
      expect(m.closingCents).toBe((m.openingCents ?? NaN) + m.lines.reduce((t, l) => t + l.amountCents, 0));
      expect(m.closingCents).toBe(mine[i]?.closingCents);
    });
    const infos = messages.flatMap((m) => m.lines.map((l) => l.information.replace(/\?(2[0-9]|6[0-3])/g, '')));
    expect(infos.some((s) => s.startsWith('191') && s.includes(`KREF+PMT-${version}-CT`))).toBe(true);
    for (const d of debits)
      expect(infos.some((s) => s.startsWith('171') && s.includes(`EREF+${d.endToEndId}`) && s.includes(`MREF+${d.mandateId}`))).toBe(true);
    const mtReturns = infos.filter((s) => s.startsWith('109') && s.includes(`EREF+RUN-${version}-DD`));
    expect(mtReturns).toHaveLength(2);
    for (const s of mtReturns) expect(s).toMatch(/\?34(MS03|AC04|MD06|AM04|MS02)/);
  });

  it('gives the same statement IDs when the period is fetched again, and 090005 for a period without bookings', async () => {
    const range = { start, end: clock.today() };
    const first = await eod(range);
    const again = await eod(range);
    expect(again?.map((r) => r.id)).toEqual(first?.map((r) => r.id));
    expect(again?.map((r) => [r.sequence, r.closingCents])).toEqual(first?.map((r) => [r.sequence, r.closingCents]));
    expect(new Set(first?.map((r) => r.id)).size).toBe(first?.length);

    // A Saturday and Sunday have no bookings: the bank answers 090005, the client returns no data.
    let saturday = addDays(start, -7);
    while (new Date(`${saturday}T12:00:00Z`).getUTCDay() !== 6) saturday = addDays(saturday, 1);
    expect((await client.download('statement_eod_camt', { dateRange: { start: saturday, end: addDays(saturday, 1) } })).data).toBeNull();
    expect((await client.download('statement_eod_mt940', { dateRange: { start: '2001-01-01', end: '2001-12-31' } })).data).toBeNull();
    expect(records.some((r) => r.code === '090005')).toBe(true);
  });

  it('notifies the returns in camt.054 and reports today’s bookings in camt.052', async () => {
    const { data } = await client.download('notification_camt', { dateRange: { start, end: clock.today() } });
    const notes = [...unzipText(data ?? new Uint8Array())].map(([name, xml]) => {
      served.push({ name, xml });
      return readCamt(xml);
    });
    const returned = notes
      .flatMap((n) => n.reports.flatMap((r) => r.entries))
      .filter((e) => e.transactions.some((t) => t.returnReason !== undefined && t.endToEndId?.startsWith(`RUN-${version}-DD`)));
    expect(returned).toHaveLength(2);
    const intraday = await client.download('intraday_camt');
    for (const [name, xml] of unzipText(intraday.data ?? new Uint8Array())) {
      served.push({ name, xml });
      for (const r of readCamt(xml).reports) {
        expect(r.entries.every((e) => e.bookingDate === clock.today())).toBe(true);
        expect(r.closingCents).toBe((r.openingCents ?? NaN) + r.entries.reduce((t, e) => t + e.amountCents, 0));
      }
    }
  });

  it.skipIf(!availability.available)('served only camt files valid against the ISO 20022 schemas', () => {
    const v = version === 'H004' ? '02' : '08';
    for (const kind of ['053', '054', '052']) {
      const files = new Map(served.filter((f) => f.name.includes(`camt.${kind}.`)).map((f, i) => [`${i}-${f.name}`, f.xml]));
      if (kind !== '052') expect(files.size).toBeGreaterThan(0);
      if (files.size === 0) continue;
      const result = validateAllAgainstSchema(files, `camt.${kind}.001.${v}.xsd`);
      expect(result.valid, result.output).toBe(true);
    }
  });

  it.skipIf(xsdSkipReason !== undefined)('sent and answered only messages valid against the EBICS schemas', () => {
    expect(exchangeSchemaErrors(records, version)).toEqual([]);
  });
});
