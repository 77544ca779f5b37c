/**
 * A requested date the bank does not execute, uploaded through Kontor's own
 * client over HTTP on a clock the test sets: the upload is technically fine
 * (000000, an order ID), the order is received and then rejected in
 * processing. The customer protocol says why: HAC (pain.002) RJCT with the
 * rule's ISO reason code (DT03 not a business day, DT05 too early, CH03 too
 * far ahead) and a text naming the block, the date, the rule and the limit;
 * PTK the same line. Nothing is queued, so nothing is ever booked. Also: every
 * date Kontor's eligibility picks passes the bank's rules, on any day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { addDays, compareDates, isTarget2Day, toInstantIso, type BusinessDate, type Clock } from '../../../shared/dates';
import { paymentDateProblem } from '../../../shared/payment-dates';
import type { EbicsClient } from '../../ebics/client';
import type { Purpose } from '../../ebics/messages/catalogue';
import type { EbicsVersion } from '../../ebics/messages/versions';
import { xsdSkipReason } from '../../../test/support/ebics-xsd';
import { parseHac } from '../../services/orders/hac';
import { checkEligibility, type EligibilityEntry, type EligibilityInstrument } from '../../sepa/eligibility/check';
import { DEFAULT_HORIZON_DAYS } from '../../sepa/eligibility/reasons';
import { startDemoBank, type DemoBank, type ExchangeRecord } from '../server';
import { accountsOfPartner } from '../store/accounts';
import { bookingsOfOrder } from '../store/bookings';
import { getOrder } from '../store/orders';
import { blocksOfOrder } from '../store/payment-blocks';
import { clientFor, exchangeSchemaErrors, makeSubscriberKeys, tempDir, tempLedger, trust } from '../../../test/support/demo-bank';
import { buildPain001, buildPain008, PARTIES, TEST_CREDITOR_ID } from '../../../test/support/pain-files';

/** The clock Kontor's client and the bank share; the test sets the instant. */
function settableClock(start: string): Clock & { set(instant: string): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), today: () => toInstantIso(new Date(t)).slice(0, 10), set: (instant) => (t = Date.parse(instant)) };
}

// Monday 30 March 2026: Good Friday is 3 April, Easter Monday 6 April; the horizon ends Monday 13 April.
const MONDAY = '2026-03-30T08:00:00Z';
// Monday 21 December 2026: 25 December is a Friday.
const CHRISTMAS_WEEK = '2026-12-21T08:00:00Z';

interface Case {
  what: string;
  purpose: Purpose;
  date: BusinessDate;
  reasonCode: string;
  text: string;
}

const CASES: Case[] = [
  {
    what: 'a collection on a Saturday',
    purpose: 'direct_debit_core',
    date: '2026-04-04',
    reasonCode: 'DT03',
    text: 'ReqdColltnDt 2026-04-04 is not a TARGET2 business day (next 2026-04-07)',
  },
  {
    what: 'a collection on a Sunday',
    purpose: 'direct_debit_core',
    date: '2026-04-05',
    reasonCode: 'DT03',
    text: 'ReqdColltnDt 2026-04-05 is not a TARGET2 business day (next 2026-04-07)',
  },
  {
    what: 'a B2B collection on Good Friday',
    purpose: 'direct_debit_b2b',
    date: '2026-04-03',
    reasonCode: 'DT03',
    text: 'ReqdColltnDt 2026-04-03 is not a TARGET2 business day (next 2026-04-07)',
  },
  {
    what: 'a collection without one TARGET2 day of lead time',
    purpose: 'direct_debit_core',
    date: '2026-03-30',
    reasonCode: 'DT05',
    text: 'ReqdColltnDt 2026-03-30 is too early: a collection must reach the bank 1 TARGET2 day before it (earliest 2026-03-31)',
  },
  {
    what: 'a collection beyond the 14-day horizon',
    purpose: 'direct_debit_core',
    date: '2026-04-14',
    reasonCode: 'CH03',
    text: 'ReqdColltnDt 2026-04-14 is too far ahead: at most 14 calendar days (latest 2026-04-13)',
  },
  {
    what: 'a transfer dated in the past',
    purpose: 'credit_transfer',
    date: '2026-03-27',
    reasonCode: 'DT05',
    text: 'ReqdExctnDt 2026-03-27 is in the past (earliest 2026-03-30)',
  },
  {
    what: 'a transfer beyond the 14-day horizon',
    purpose: 'credit_transfer',
    date: '2026-04-20',
    reasonCode: 'CH03',
    text: 'ReqdExctnDt 2026-04-20 is too far ahead: at most 14 calendar days (latest 2026-04-13)',
  },
];

describe.each(['H004', 'H005'] as const)('requested dates the bank does not execute, EBICS %s', (version: EbicsVersion) => {
  const dir = tempDir(`kontor-demo-date-rules-${version}-`);
  const clock = settableClock(MONDAY);
  const records: ExchangeRecord[] = [];
  const rejected: string[] = [];
  const accepted: string[] = [];
  let bank: DemoBank;
  let ledger: Database;
  let client: EbicsClient;
  let own: string;
  let n = 0;

  function file(purpose: Purpose, date: BusinessDate, paymentInfoId: string): Buffer {
    n++;
    if (purpose === 'credit_transfer') {
      const transactions = [{ endToEndId: `CT-${version}-${n}`, amountCents: 12_345, creditor: PARTIES[0] ?? { name: '', iban: '' } }];
      return Buffer.from(
        buildPain001({
          version: version === 'H005' ? '09' : '03',
          messageId: `MSG-${version}-${n}`,
          paymentInfoId,
          debtor: { name: 'Kontor Demo GmbH', iban: own },
          executionDate: date,
          transactions,
        }),
      );
    }
    const transactions = [
      { endToEndId: `DD-${version}-${n}`, amountCents: 4_990, debtor: PARTIES[1] ?? { name: '', iban: '' }, mandateId: 'M-0001', signedOn: '2025-01-15' },
    ];
    return Buffer.from(
      buildPain008({
        version: version === 'H005' ? '08' : '02',
        scheme: purpose === 'direct_debit_b2b' ? 'B2B' : 'CORE',
        messageId: `MSG-${version}-${n}`,
        paymentInfoId,
        creditor: { name: 'Kontor Demo GmbH', iban: own },
        creditorId: TEST_CREDITOR_ID,
        collectionDate: date,
        transactions,
      }),
    );
  }

  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock, directDebitReturnPercent: 0, onExchange: (r) => records.push(r), log: () => undefined });
    ledger = tempLedger(dir.path);
    const keys = await makeSubscriberKeys(version);
    const first = clientFor({ bank, version, keys, ledger, clock });
    await first.sendIni();
    await first.sendHia();
    bank.activate('KONTOR01', 'USER01');
    const bankKeys = trust(await first.fetchBankKeys(), version === 'H005' ? 'certificate' : 'publicKey');
    client = clientFor({ bank, version, keys, ledger, bankKeys, clock });
    own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]?.iban ?? '';
  });
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  /** Uploads the file; the bank must take it (no EBICS refusal) and then reject the order for its date. */
  async function expectRejected(c: Case, paymentInfoId: string): Promise<void> {
    const upload = await client.upload(c.purpose, file(c.purpose, c.date, paymentInfoId));
    const orderId = upload.orderId ?? '';
    expect(orderId).not.toBe('');
    rejected.push(orderId);
    expect(getOrder(bank.store.db, orderId)?.state).toBe('rejected');
    expect(blocksOfOrder(bank.store.db, orderId)).toEqual([]);

    const hac = (await client.download('customer_protocol_xml')).data?.toString('utf8') ?? '';
    const events = parseHac(hac).filter((e) => e.orderId === orderId);
    expect(events.map((e) => [e.reasonCode, e.status])).toEqual([
      ['TS01', 'ACCP'],
      ['DS01', 'ACCP'],
      [c.reasonCode, 'RJCT'],
    ]);
    const label = version === 'H004' ? '' : 'BTU ';
    expect(events[2]?.text).toMatch(new RegExp(`^${label}.* rejected: PmtInf ${paymentInfoId}: `));
    expect(events[2]?.text.endsWith(c.text)).toBe(true);
    // Each AddtlInf is a Max105Text.
    for (const piece of hac.match(/<AddtlInf>[^<]*<\/AddtlInf>/g) ?? []) expect(piece.length - '<AddtlInf></AddtlInf>'.length).toBeLessThanOrEqual(105);

    const ptk = (await client.download('customer_protocol_text')).data?.toString('utf8') ?? '';
    const line = ptk.split('\r\n').find((l) => l.includes(`  ${orderId}  `) && l.includes('  RJCT  '));
    expect(line).toContain(`  ${c.reasonCode}  RJCT  `);
    expect(line?.endsWith(c.text)).toBe(true);
  }

  it.each(CASES)('takes the upload of $what and rejects the order in processing with $reasonCode, queueing nothing', async (c) => {
    await expectRejected(c, `PMT-${c.reasonCode}-${c.date}`);
  });

  it('rejects a collection on 25 December', async () => {
    clock.set(CHRISTMAS_WEEK);
    await expectRejected(
      {
        what: '25 December',
        purpose: 'direct_debit_core',
        date: '2026-12-25',
        reasonCode: 'DT03',
        text: 'ReqdColltnDt 2026-12-25 is not a TARGET2 business day (next 2026-12-28)',
      },
      'PMT-XMAS',
    );
  });

  it('takes dates on the rules’ edges into the VEU: a transfer on a Saturday, collections one TARGET2 day ahead and on the horizon', async () => {
    clock.set(MONDAY);
    const uploads = [
      await client.upload('credit_transfer', file('credit_transfer', '2026-04-04', 'PMT-SAT')),
      await client.upload('direct_debit_core', file('direct_debit_core', '2026-03-31', 'PMT-EARLIEST')),
      await client.upload('direct_debit_core', file('direct_debit_core', '2026-04-13', 'PMT-LATEST')),
    ];
    accepted.push(...uploads.map((u) => u.orderId ?? ''));
    expect(accepted.map((id) => getOrder(bank.store.db, id)?.state)).toEqual(['awaiting_signature', 'awaiting_signature', 'awaiting_signature']);
    for (const id of accepted) bank.release(id);
  });

  it('never books a rejected order, while the released ones are booked', () => {
    clock.set('2027-01-15T08:00:00Z');
    bank.bookDueOrders();
    expect(rejected).toHaveLength(CASES.length + 1);
    for (const orderId of rejected) expect(bookingsOfOrder(bank.store.db, orderId)).toEqual([]);
    for (const orderId of accepted) expect(bookingsOfOrder(bank.store.db, orderId).length).toBeGreaterThan(0);
  });

  it.skipIf(xsdSkipReason !== undefined)('answers with messages valid against the EBICS schemas', () => {
    expect(records.length).toBeGreaterThan(0);
    expect(exchangeSchemaErrors(records, version)).toEqual([]);
  });
});

describe('the dates Kontor picks and the bank’s rules', () => {
  it('every collection and execution date eligibility picks passes the bank’s rules on the day it is picked, for two years of days', () => {
    const instruments: EligibilityInstrument[] = [
      {
        id: 1,
        accountId: 1,
        entityId: 1,
        kind: 'sepa_mandate',
        mandateId: 'M-1',
        mandateSignedOn: '2020-01-01',
        scheme: 'CORE',
        direction: 'in',
        active: true,
      },
      { id: 2, accountId: 2, entityId: 1, kind: 'bank_details', mandateId: null, mandateSignedOn: null, scheme: null, direction: 'out', active: true },
    ];
    const entry = (id: number, type: 'Debit' | 'Credit', dueDate: BusinessDate): EligibilityEntry => ({
      id,
      entityId: 1,
      accountId: type === 'Debit' ? 1 : 2,
      type,
      dueDate,
      currency: 'EUR',
      openAmountCents: type === 'Debit' ? 100 : -100,
      requestedMethod: 'sepa',
      requestedInstrumentId: null,
      requestedBankAccountId: null,
      creditApproval: null,
      status: 'Open',
    });
    let checked = 0;
    for (let today = '2026-01-01'; compareDates(today, '2027-12-31') <= 0; today = addDays(today, 1)) {
      const entries: EligibilityEntry[] = [];
      for (let offset = -5; offset <= DEFAULT_HORIZON_DAYS; offset++) {
        entries.push(entry(entries.length + 1, 'Debit', addDays(today, offset)), entry(entries.length + 2, 'Credit', addDays(today, offset)));
      }
      const result = checkEligibility({
        today,
        entries,
        instruments,
        bankAccounts: [{ id: 1, entityId: 1, currency: 'EUR' }],
        entities: [{ id: 1, preferredBankAccountId: 1 }],
      });
      expect(result.notEligible).toEqual([]);
      for (const p of result.eligible) {
        expect(paymentDateProblem(p.kind, p.requestedDate, today), `${today} ${p.kind} ${p.requestedDate}`).toBeNull();
        checked++;
      }
      // The rules are not vacuous: a weekend day of the coming week is refused for collections.
      const weekend = [1, 2, 3, 4, 5, 6, 7].map((d) => addDays(today, d)).find((d) => !isTarget2Day(d)) ?? today;
      expect(paymentDateProblem('direct_debit', weekend, today)).not.toBeNull();
    }
    expect(checked).toBe(730 * (DEFAULT_HORIZON_DAYS + 6) * 2);
  });
});
