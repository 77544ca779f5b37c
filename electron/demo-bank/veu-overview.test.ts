/**
 * The distributed signature overview (HVU, HVZ): what waits for the
 * authorised signer, in both versions, valid against the official order
 * schemas, read back by Kontor's parser; nothing waiting is 090005.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { EbicsClient } from '../ebics/client';
import { orderDataDigest } from '../ebics/crypto/order-signature';
import type { EbicsVersion } from '../ebics/messages/versions';
import { xsdErrors, xsdSkipReason } from '../../test/support/ebics-xsd';
import { parseVeuOverview } from '../services/orders/hvu';
import { recogniseOrder } from './protocol/order-types';
import { samplePain } from '../../test/support/pain-files';
import { startDemoBank, type DemoBank } from './server';
import { accountsOfPartner } from './store/accounts';
import { readySubscriber, tempDir, tempLedger } from '../../test/support/demo-bank';
import { TEST_TODAY, testClock } from '../../test/support/clock';

interface World {
  bank: DemoBank;
  ledger: Database;
  client: EbicsClient;
  remove: () => void;
}

async function world(version: EbicsVersion): Promise<World> {
  const dir = tempDir(`kontor-demo-veu-${version}-`);
  const bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock });
  const ledger = tempLedger(dir.path);
  const { client } = await readySubscriber(bank, version, ledger);
  return {
    bank,
    ledger,
    client,
    remove: () => {
      ledger.close();
      dir.remove();
    },
  };
}

function transfer(bank: DemoBank, count: number, version: 'old' | 'new'): Buffer {
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]?.iban ?? '';
  return samplePain('credit_transfer', { ownIban, date: TEST_TODAY, count, version });
}

describe.each(['H004', 'H005'] as const)('the VEU overview (%s)', (version) => {
  let w: World;
  beforeAll(async () => {
    w = await world(version);
  });
  afterAll(async () => {
    await w.bank.close();
    w.remove();
  });

  it('answers HVU and HVZ with 090005 (no data) while nothing waits for a signature', async () => {
    expect((await w.client.download('veu_overview')).data).toBeNull();
    expect((await w.client.download('veu_overview_details')).data).toBeNull();
  });

  it('lists every uploaded payment order until the signer releases or rejects it', async () => {
    const file = transfer(w.bank, 3, version === 'H004' ? 'old' : 'new');
    const first = await w.client.upload('credit_transfer', file);
    const second = await w.client.upload('credit_transfer', transfer(w.bank, 1, version === 'H004' ? 'old' : 'new'));

    const hvu = (await w.client.download('veu_overview')).data?.toString('utf8') ?? '';
    if (!xsdSkipReason) expect(xsdErrors(hvu, version)).toEqual([]);
    const listed = parseVeuOverview(hvu);
    expect(listed.map((o) => o.orderId)).toEqual([first.orderId, second.orderId]);
    expect(listed[0]).toMatchObject({
      orderType: version === 'H004' ? 'CCT' : 'SCT pain.001',
      dataSize: file.length,
      signatures: { done: 0, required: 1 },
      readyToBeSigned: false,
      originator: { partnerId: 'KONTOR01', userId: 'USER01' },
      dataDigest: null,
    });

    const hvz = (await w.client.download('veu_overview_details')).data?.toString('utf8') ?? '';
    if (!xsdSkipReason) expect(xsdErrors(hvz, version)).toEqual([]);
    expect(hvz).toContain('<TotalOrders>3</TotalOrders>');
    const detailed = parseVeuOverview(hvz);
    expect(detailed[0]?.dataDigest).toBe(orderDataDigest(file).toString('base64'));
    expect(detailed.map((o) => o.signatures)).toEqual([
      { done: 0, required: 1 },
      { done: 0, required: 1 },
    ]);

    w.bank.release(first.orderId!);
    expect(parseVeuOverview((await w.client.download('veu_overview')).data?.toString('utf8') ?? '').map((o) => o.orderId)).toEqual([second.orderId]);
    w.bank.reject(second.orderId!);
    expect((await w.client.download('veu_overview')).data).toBeNull();
  });

  it('refuses HVU and HVZ without their own order parameters (061002)', () => {
    for (const orderType of ['HVU', 'HVZ']) {
      const asked = { orderType, params: 'StandardOrderParams', ...(version === 'H004' ? { orderAttribute: 'DZHNN' } : {}) };
      let code = '';
      try {
        recogniseOrder(version, asked);
      } catch (e) {
        code = (e as { code: string }).code;
      }
      expect(code).toBe('061002');
      expect(recogniseOrder(version, { ...asked, params: `${orderType}OrderParams` }).purpose).toEqual({
        direction: 'download',
        kind: 'veu',
        overview: orderType,
      });
    }
  });
});
