/**
 * Verification of payee at the demo bank: the matching rules on their own,
 * then over real HTTP in both versions: a transfer uploaded with the check
 * (CTV / BTU SCT VOI, CIV / SCI VOI) waits in the VEU and its result report
 * (VPZ / BTD REP pain.002 VOP) says, per payment, match, close match with
 * the held name, no match or not possible, which Kontor's parser reads.
 * A transfer without the check has no report. All messages schema-valid.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { EbicsClient } from '../ebics/client';
import type { EbicsVersion } from '../ebics/messages/versions';
import { parseVopReport } from '../ebics/vop/report';
import { unzipSync } from 'fflate';
import { exchangeSchemaErrors, readySubscriber, tempDir, tempLedger } from '../../test/support/demo-bank';
import { xsdSkipReason } from '../../test/support/ebics-xsd';
import { buildPain001 } from '../../test/support/pain-files';
import { TEST_TODAY, testClock } from '../../test/support/clock';
import { startDemoBank, type DemoBank, type ExchangeRecord } from './server';
import { accountsOfPartner } from './store/accounts';
import { getOrder } from './store/orders';
import { checkPayee, normaliseName } from './vop/matching';

const REGISTER = [
  { iban: 'DE02120300000000202051', name: 'Papierwerk Nord GmbH' },
  { iban: 'DE89370400440532013000', name: 'Müller & Söhne KG' },
  { iban: 'DE75512108001245126199', name: 'Schmidt Logistik GmbH' },
  { iban: 'DE44500105175407324931', name: 'Anna Berger' },
];

describe('the payee check', () => {
  it.each([
    ['the registered name', 'DE02120300000000202051', 'Papierwerk Nord GmbH', 'RCVC'],
    ['other case and spaces', 'DE02120300000000202051', 'PAPIERWERK  nord gmbh', 'RVMC'],
    ['umlauts written out and "und"', 'DE89370400440532013000', 'Mueller und Soehne KG', 'RVMC'],
    ['without legal form', 'DE89370400440532013000', 'Müller & Söhne', 'RVMC'],
    ['another word order', 'DE44500105175407324931', 'Berger Anna', 'RVMC'],
    ['a small typo', 'DE75512108001245126199', 'Schmitd Logistik GmbH', 'RVMC'],
    ['another name', 'DE75512108001245126199', 'Hans Wurst', 'RVNM'],
    ['an account the bank does not hold', 'DE02120300000000999999', 'Papierwerk Nord GmbH', 'RVNM'],
    ['a bank that does not take part', 'FR1420041010050500013M02606', 'Café Crème SARL', 'RVNA'],
  ])('%s gives %s', (_what, iban, name, code) => {
    expect(checkPayee(REGISTER, iban, name).code).toBe(code);
  });

  it('returns the held name on a close match, and normalises names the way it documents', () => {
    expect(checkPayee(REGISTER, 'DE89370400440532013000', 'Mueller und Soehne')).toEqual({ code: 'RVMC', bankName: 'Müller & Söhne KG' });
    expect(normaliseName('Müller & Söhne GmbH & Co. KG')).toBe('mueller soehne und und');
  });
});

const isZip = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
/** H005 delivers the report in a ZIP container (BTF container ZIP): one pain.002 inside. */
function unpacked(data: Buffer): Buffer {
  if (!isZip(data)) return data;
  const files = Object.values(unzipSync(data));
  expect(files).toHaveLength(1);
  return Buffer.from(files[0]!);
}

interface World {
  bank: DemoBank;
  ledger: Database;
  client: EbicsClient;
  records: ExchangeRecord[];
  remove: () => void;
}

function fiveTransfers(bank: DemoBank, version: EbicsVersion, instant = false): Buffer {
  const own = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!;
  return Buffer.from(
    buildPain001({
      version: version === 'H004' ? '03' : '09',
      messageId: `VOPTEST${version}${instant ? 'I' : ''}`,
      instant,
      debtor: { name: own.ownerName, iban: own.iban, bic: own.bic },
      executionDate: TEST_TODAY,
      transactions: [
        { endToEndId: 'E2E-EXACT', amountCents: 100000, creditor: { name: 'Papierwerk Nord GmbH', iban: 'DE02120300000000202051' } },
        { endToEndId: 'E2E-CLOSE', amountCents: 50055, creditor: { name: 'Mueller und Soehne', iban: 'DE89370400440532013000' } },
        { endToEndId: 'E2E-WRONG', amountCents: 20000, creditor: { name: 'Hans Wurst', iban: 'DE75512108001245126199' } },
        { endToEndId: 'E2E-UNKNOWN', amountCents: 1055, creditor: { name: 'Café Crème SARL', iban: 'FR1420041010050500013M02606' } },
        { endToEndId: 'E2E-OWN', amountCents: 700, creditor: { name: own.ownerName, iban: own.iban } },
      ],
    }),
    'utf8',
  );
}

describe.each(['H004', 'H005'] as const)('verification of payee over EBICS (%s)', (version) => {
  let w: World;
  beforeAll(async () => {
    const dir = tempDir(`kontor-demo-vop-${version}-`);
    const records: ExchangeRecord[] = [];
    const bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock, onExchange: (r) => records.push(r) });
    for (const h of REGISTER) bank.holders.add(h.iban, h.name);
    const ledger = tempLedger(dir.path);
    const { client } = await readySubscriber(bank, version, ledger);
    w = { bank, ledger, client, records, remove: () => (ledger.close(), dir.remove()) };
  }, 60_000);
  afterAll(async () => {
    await w.bank.close();
    w.remove();
  });

  it('has nothing to report (090005) before an order was checked, and none for an order sent without the check', async () => {
    expect((await w.client.download('vop_report')).data).toBeNull();
    await w.client.upload('credit_transfer', fiveTransfers(w.bank, version));
    expect((await w.client.download('vop_report')).data).toBeNull();
  });

  it('checks every payee of an order sent with the check and reports each result once', async () => {
    const { orderId } = await w.client.upload('credit_transfer_vop', fiveTransfers(w.bank, version));
    expect(getOrder(w.bank.store.db, orderId!)?.state).toBe('awaiting_signature');
    const data = (await w.client.download('vop_report')).data!;
    const xml = unpacked(data);
    expect(isZip(data)).toBe(version === 'H005');
    const report = parseVopReport(xml);
    expect(report.originalMessageId).toBe(`VOPTEST${version}`);
    expect(report.transactions.map((t) => [t.endToEndId, t.result])).toEqual([
      ['E2E-EXACT', 'match'],
      ['E2E-CLOSE', 'closeMatch'],
      ['E2E-WRONG', 'noMatch'],
      ['E2E-UNKNOWN', 'notPossible'],
      ['E2E-OWN', 'match'],
    ]);
    expect(report.transactions[1]?.bankName).toBe('Müller & Söhne KG');
    expect(report.summary.closeMatch).toEqual({ count: 1, amountCents: 50055 });
    // Receipted: delivered once.
    expect((await w.client.download('vop_report')).data).toBeNull();
  });

  it('checks instant transfers sent with the check (CIV / SCI VOI) the same way', async () => {
    await w.client.upload('instant_transfer_vop', fiveTransfers(w.bank, version, true));
    const data = (await w.client.download('vop_report')).data!;
    const report = parseVopReport(unpacked(data));
    expect(report.summary.match.count).toBe(2);
  });

  it.skipIf(xsdSkipReason)('sent and answered only schema-valid documents', () => {
    expect(exchangeSchemaErrors(w.records, version)).toEqual([]);
  });
});
