/**
 * The fault switches do what they say, seen through Kontor's client and
 * journal: an answer that never came leaves the transfer `uncertain`, while
 * the bank did (or did not) commit the step, exactly as the switch says.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { KontorError } from '../../shared/errors';
import type { EbicsClient } from '../ebics/client';
import type { SubscriberKeys, TrustedBankKeys } from '../ebics/subscriber';
import { getTransfer, stepsOf } from '../ledger/repos/ebics-journal';
import { createFaults } from './faults';
import { samplePain } from '../../test/support/pain-files';
import { startDemoBank, type DemoBank, type ExchangeRecord } from './server';
import { accountsOfPartner } from './store/accounts';
import { listTransactions } from './store/transactions';
import { clientFor, count, incompressible, readySubscriber, snapshot, tempDir, tempLedger } from '../../test/support/demo-bank';
import { TEST_TODAY, testClock } from '../../test/support/clock';
import { waitFor } from '../../test/support/wait';

async function failure(p: Promise<unknown>): Promise<KontorError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw e;
  }
  throw new Error('expected a failure');
}

function lastTransfer(ledger: Database): number {
  return (ledger.prepare('SELECT id FROM ebics_transfer ORDER BY id DESC LIMIT 1').get() as { id: number }).id;
}

describe('fault switches', () => {
  const dir = tempDir('kontor-demo-faults-');
  const records: ExchangeRecord[] = [];
  const statement = incompressible(40_000);
  let bank: DemoBank;
  let ledger: Database;
  let keys: SubscriberKeys;
  let bankKeys: TrustedBankKeys;
  let client: EbicsClient;
  let data: Buffer;

  beforeAll(async () => {
    bank = await startDemoBank({
      dataDir: `${dir.path}/bank`,
      clock: testClock,
      segmentSize: 16 * 1024,
      statementSource: (_s, kind) => (kind === 'camt.053' ? statement : null),
      onExchange: (r) => records.push(r),
    });
    ledger = tempLedger(dir.path);
    ({ keys, bankKeys, client } = await readySubscriber(bank, 'H004', ledger));
    data = samplePain('credit_transfer', { ownIban: accountsOfPartner(bank.store.db, 'KONTOR01')[0]?.iban ?? '', date: TEST_TODAY });
  });
  afterEach(() => bank.faults.clear());
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  it('drop-response on upload-init: the bank has the transaction, Kontor’s journal says failed step and uncertain transfer', async () => {
    bank.faults.set('upload-init', 'drop-response', { times: 1 });
    const before = listTransactions(bank.store.db).length;
    const e = await failure(client.upload('credit_transfer', data));
    expect(e.code).toBe('ebics.unreachable');
    const txs = listTransactions(bank.store.db);
    expect(txs.length).toBe(before + 1);
    expect(txs.at(-1)).toMatchObject({ direction: 'upload', state: 'receiving', segmentsDone: 0 });
    const id = lastTransfer(ledger);
    expect(getTransfer(ledger, id)?.state).toBe('uncertain');
    expect(stepsOf(ledger, id).map((s) => [s.phase, s.state])).toEqual([['initialisation', 'failed']]);
    expect(records.at(-1)).toMatchObject({ kind: 'upload-init', response: null, fault: 'drop-response', code: '000000' });
  });

  it('drop-response on the last upload segment: the order is in the bank although Kontor never heard of it', async () => {
    bank.faults.set('upload-last-transfer', 'drop-response', { times: 1 });
    const orders = count(bank.store.db, 'bank_order');
    const e = await failure(client.upload('credit_transfer', data));
    expect(e.code).toBe('ebics.unreachable');
    expect(count(bank.store.db, 'bank_order')).toBe(orders + 1);
    expect(getTransfer(ledger, lastTransfer(ledger))?.state).toBe('uncertain');
  });

  it('reset on download-init: the connection dies before the bank does anything', async () => {
    bank.faults.set('download-init', 'reset', { times: 1 });
    const before = snapshot(bank.store.db);
    const e = await failure(client.download('statement_eod_camt'));
    expect(e.code).toBe('ebics.unreachable');
    expect(snapshot(bank.store.db)).toEqual(before);
    expect(getTransfer(ledger, lastTransfer(ledger))?.state).toBe('uncertain');
    // Only once: the next download goes through.
    await expect(client.download('statement_eod_camt')).resolves.toMatchObject({ data: statement });
  });

  it('http-500 on hpb: an HTTP error, and the nonce was never used', async () => {
    bank.faults.set('hpb', 'http-500');
    const before = snapshot(bank.store.db);
    const e = await failure(client.fetchBankKeys());
    expect(e.code).toBe('ebics.httpError');
    expect(e.params.status).toBe(500);
    expect(snapshot(bank.store.db)).toEqual(before);
    // Without `times` the switch stays on until cleared.
    expect((await failure(client.fetchBankKeys())).code).toBe('ebics.httpError');
    bank.faults.clear('hpb');
    await expect(client.fetchBankKeys()).resolves.toHaveProperty('authentication');
  });

  it('delay: a client with a shorter timeout gives up', async () => {
    bank.faults.set('download-init', 'delay', { ms: 1500, times: 1 });
    const impatient = clientFor({ bank, version: 'H004', keys, ledger, bankKeys, timeoutMs: 300 });
    const e = await failure(impatient.download('user_data'));
    expect(e.code).toBe('ebics.timeout');
    expect(getTransfer(ledger, lastTransfer(ledger))?.state).toBe('uncertain');
    // The bank still handles the request once the delay is over.
    await waitFor('the bank to answer the delayed request', () => (records.some((r) => r.fault === 'delay') ? true : undefined));
    expect(records.find((r) => r.fault === 'delay')).toMatchObject({ kind: 'download-init', code: '000000', status: 200 });
  });

  it('malformed on a download segment: Kontor refuses to read the answer', async () => {
    bank.faults.set('download-transfer', 'malformed', { times: 1 });
    const e = await failure(client.download('statement_eod_camt'));
    expect(e.code).toBe('ebics.responseMalformed');
    const id = lastTransfer(ledger);
    expect(getTransfer(ledger, id)?.state).toBe('uncertain');
    expect(stepsOf(ledger, id).map((s) => [s.phase, s.segmentNumber, s.state])).toEqual([
      ['initialisation', null, 'answered'],
      ['transfer', 2, 'failed'],
    ]);
    // The bank served segment 2 (it only broke the answer) and still waits for the rest.
    expect(listTransactions(bank.store.db).at(-1)).toMatchObject({ direction: 'download', state: 'sending', segmentsDone: 2 });
  });

  it('wrong-signature on an upload segment: Kontor detects the forged answer, the bank kept the segment', async () => {
    bank.faults.set('upload-transfer', 'wrong-signature', { times: 1 });
    const e = await failure(client.upload('credit_transfer', data));
    expect(e.code).toBe('ebics.badBankSignature');
    expect(listTransactions(bank.store.db).at(-1)).toMatchObject({ direction: 'upload', state: 'completed', segmentsDone: 1 });
    expect(getTransfer(ledger, lastTransfer(ledger))?.state).toBe('uncertain');
  });

  it('drop-response on receipt: the bank marked the download delivered', async () => {
    bank.faults.set('receipt', 'drop-response', { times: 1 });
    const e = await failure(client.download('statement_eod_camt'));
    expect(e.code).toBe('ebics.unreachable');
    expect(listTransactions(bank.store.db).at(-1)).toMatchObject({ direction: 'download', state: 'receipted', receiptCode: 0 });
  });

  it('a switch for upload-transfer also hits the last segment, unless that one has its own', () => {
    const faults = createFaults();
    faults.set('upload-transfer', 'delay', { ms: 5 });
    expect(faults.take('upload-last-transfer')).toEqual({ name: 'delay', ms: 5 });
    faults.set('upload-last-transfer', 'reset', { times: 2 });
    expect(faults.take('upload-last-transfer')?.name).toBe('reset');
    expect(faults.take('upload-transfer')?.name).toBe('delay');
    expect(faults.take('upload-last-transfer')?.name).toBe('reset');
    expect(faults.take('upload-last-transfer')?.name).toBe('delay');
    expect(faults.take('hev')).toBeUndefined();
    expect(() => faults.set('upload-transfer', 'explode' as never)).toThrow(RangeError);
  });

  it('skip lets that many requests pass first, e.g. to hit the third segment', () => {
    const faults = createFaults();
    faults.set('upload-transfer', 'reset', { skip: 2, times: 1 });
    expect(faults.take('upload-transfer')).toBeUndefined();
    expect(faults.take('upload-transfer')).toBeUndefined();
    expect(faults.take('upload-transfer')?.name).toBe('reset');
    expect(faults.take('upload-transfer')).toBeUndefined();
    expect(() => faults.set('upload-init', 'reset', { skip: -1 })).toThrow(RangeError);
  });
});
