/**
 * Payment files uploaded through Kontor's own client over HTTP: valid
 * pain.001 / pain.008 files in both versions wait for the VEU; files a bank
 * must refuse are answered on the last segment with 090004 (an account the
 * customer does not hold with 091302), and nothing is queued. A requested
 * date the bank does not execute is no format error: date-rules.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { addTarget2Days } from '../../../shared/dates';
import type { EbicsClient } from '../../ebics/client';
import type { EbicsVersion } from '../../ebics/messages/versions';
import { xsdSkipReason } from '../../../test/support/ebics-xsd';
import { startDemoBank, type DemoBank, type ExchangeRecord } from '../server';
import { accountsOfPartner } from '../store/accounts';
import { listOrders } from '../store/orders';
import { blocksOfOrder } from '../store/payment-blocks';
import { listTransactions } from '../store/transactions';
import { count, exchangeSchemaErrors, readySubscriber, snapshot, tempDir, tempLedger } from '../../../test/support/demo-bank';
import { buildPain001, buildPain008, PARTIES, TEST_CREDITOR_ID, type TestPain001, type TestPain008 } from '../../../test/support/pain-files';
import { TEST_TODAY, testClock } from '../../../test/support/clock';

async function refusal(p: Promise<unknown>): Promise<{ ebicsCode: string; layer: string; reportText: string }> {
  try {
    await p;
  } catch (e) {
    const err = e as { ebicsCode?: string; layer?: string; reportText?: string };
    if (err.ebicsCode === undefined) throw e;
    return { ebicsCode: err.ebicsCode, layer: err.layer ?? '', reportText: err.reportText ?? '' };
  }
  throw new Error('expected the bank to refuse');
}

describe.each(['H004', 'H005'] as const)('payment files uploaded with EBICS %s', (version: EbicsVersion) => {
  const dir = tempDir(`kontor-demo-upload-check-${version}-`);
  const records: ExchangeRecord[] = [];
  let bank: DemoBank;
  let ledger: Database;
  let client: EbicsClient;
  let own: string;
  const today = TEST_TODAY;
  const collection = addTarget2Days(today, 2);
  // H005 names the message version in the BTF service (Kontor: pain.001 .09, pain.008 .08); H004 takes either.
  const newer = version === 'H005';

  const transfer = (over: Partial<TestPain001> = {}): Buffer =>
    Buffer.from(
      buildPain001({
        version: newer ? '09' : '03',
        debtor: { name: 'Kontor Demo GmbH', iban: own },
        executionDate: today,
        transactions: [
          { endToEndId: 'INV-2026-0001', amountCents: 119_000, creditor: PARTIES[0] ?? { name: '', iban: '' }, remittance: 'Rechnung 2026-0001' },
          { endToEndId: 'INV-2026-0002', amountCents: 5_950, creditor: PARTIES[3] ?? { name: '', iban: '' } },
        ],
        ...over,
      }),
    );
  const debit = (over: Partial<TestPain008> = {}): Buffer =>
    Buffer.from(
      buildPain008({
        version: newer ? '08' : '02',
        scheme: 'CORE',
        creditor: { name: 'Kontor Demo GmbH', iban: own },
        creditorId: TEST_CREDITOR_ID,
        collectionDate: collection,
        transactions: [
          { endToEndId: 'DD-2026-0001', amountCents: 4_990, debtor: PARTIES[1] ?? { name: '', iban: '' }, mandateId: 'M-0001', signedOn: '2025-01-15' },
        ],
        ...over,
      }),
    );

  const orderTables = () => {
    const all = snapshot(bank.store.db);
    return { bank_order: all.bank_order, payment_block: all.payment_block, booking: all.booking };
  };

  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock, onExchange: (r) => records.push(r), log: () => undefined });
    ledger = tempLedger(dir.path);
    ({ client } = await readySubscriber(bank, version, ledger, {}, { segmentSize: 1024 }));
    own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]?.iban ?? '';
  });
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  it('accepts valid credit transfers and CORE and B2B direct debits and queues their payment blocks for the VEU', async () => {
    const uploads = [
      await client.upload('credit_transfer', transfer({ paymentInfoId: 'PMT-CCT' })),
      await client.upload('direct_debit_core', debit({ paymentInfoId: 'PMT-CDD' })),
      await client.upload('direct_debit_b2b', debit({ scheme: 'B2B', paymentInfoId: 'PMT-CDB' })),
    ];
    if (version === 'H004') {
      // H004 has no message version in the order: the newer versions are fine too.
      uploads.push(await client.upload('credit_transfer', transfer({ version: '09', paymentInfoId: 'PMT-CCT-09' })));
      uploads.push(await client.upload('direct_debit_core', debit({ version: '08', paymentInfoId: 'PMT-CDD-08' })));
    }
    const orders = listOrders(bank.store.db);
    expect(orders.map((o) => o.state)).toEqual(uploads.map(() => 'awaiting_signature'));
    const blocks = uploads.map((u) => blocksOfOrder(bank.store.db, u.orderId ?? ''));
    expect(blocks.map((b) => b.map((x) => [x.paymentInfoId, x.kind, x.scheme, x.dueDate, x.transactions, x.amountCents, x.accountIban]))).toEqual(
      [
        [['PMT-CCT', 'credit_transfer', null, today, 2, 124_950, own]],
        [['PMT-CDD', 'direct_debit', 'CORE', collection, 1, 4_990, own]],
        [['PMT-CDB', 'direct_debit', 'B2B', collection, 1, 4_990, own]],
        [['PMT-CCT-09', 'credit_transfer', null, today, 2, 124_950, own]],
        [['PMT-CDD-08', 'direct_debit', 'CORE', collection, 1, 4_990, own]],
      ].slice(0, uploads.length),
    );
  });

  it.each([
    ['a wrong group CtrlSum', 'credit_transfer', () => transfer({ override: { ctrlSum: '1249.49' } }), /CtrlSum/],
    ['a wrong group NbOfTxs', 'credit_transfer', () => transfer({ override: { nbOfTxs: '3' } }), /NbOfTxs/],
    ['a wrong NbOfTxs in the payment block', 'direct_debit_core', () => debit({ override: { blockNbOfTxs: '2' } }), /NbOfTxs/],
    [
      'an IBAN with wrong check digits',
      'credit_transfer',
      () => transfer({ transactions: [{ endToEndId: 'X-1', amountCents: 100, creditor: { name: 'Tippfehler GmbH', iban: 'DE44500105175407324932' } }] }),
      /IBAN/,
    ],
    ['a B2B file uploaded as CORE (CDD / SDD COR)', 'direct_debit_core', () => debit({ scheme: 'B2B' }), /B2B/],
    ['a CORE file uploaded as B2B (CDB / SDD B2B)', 'direct_debit_b2b', () => debit(), /CORE/],
    ['a direct debit uploaded as credit transfer', 'credit_transfer', () => debit(), /pain\.001/],
  ] as const)('refuses %s with 090004 on the last segment and queues nothing', async (_what, purpose, file, detail) => {
    const before = orderTables();
    const r = await refusal(client.upload(purpose, file()));
    expect(r).toMatchObject({ ebicsCode: '090004', layer: 'business' });
    // No order, no payment block, no booking; the upload stays unfinished.
    expect(orderTables()).toEqual(before);
    const upload = listTransactions(bank.store.db).at(-1);
    expect(upload).toMatchObject({ direction: 'upload', state: 'receiving' });
    // The customer protocol says why (EBICS business codes carry no text).
    const ptk = (await client.download('customer_protocol_text')).data?.toString('utf8') ?? '';
    const line = ptk.split('\r\n').find((l) => l.includes(`  ${upload?.orderId ?? '----'}  `));
    expect(line).toMatch(/ FF01 {2}RJCT {2}.* refused: /);
    expect(line).toMatch(detail);
  });

  it('refuses a file for an account the customer does not hold with 091302', async () => {
    const ordersBefore = count(bank.store.db, 'bank_order');
    const r = await refusal(client.upload('credit_transfer', transfer({ debtor: { name: 'Someone Else', iban: 'DE89370400440532013000' } })));
    expect(r).toMatchObject({ ebicsCode: '091302', layer: 'business' });
    expect(count(bank.store.db, 'bank_order')).toBe(ordersBefore);
    const hac = (await client.download('customer_protocol_xml')).data?.toString('utf8') ?? '';
    expect(hac).toMatch(/<PmtInfSts>RJCT<\/PmtInfSts>[\s\S]*?<Cd>AC02<\/Cd>[\s\S]*?DE89370400440532013000/);
  });

  it.skipIf(xsdSkipReason !== undefined)('answers the refusals with messages valid against the EBICS schemas', () => {
    expect(records.some((r) => r.code === '090004')).toBe(true);
    expect(exchangeSchemaErrors(records, version)).toEqual([]);
  });
});
