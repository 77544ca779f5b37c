/**
 * What the bank refuses, with which EBICS return code, and proof that a
 * refused request leaves every table of the bank exactly as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { fixedClock } from '../../shared/dates';
import { generateKeyPairAsync } from '../ebics/crypto/keys';
import type { EbicsVersion } from '../ebics/messages/versions';
import { xsdSkipReason } from '../../test/support/ebics-xsd';
import type { SubscriberKeys, TrustedBankKeys } from '../ebics/subscriber';
import { getTransfer, stepsOf } from '../ledger/repos/ebics-journal';
import { startDemoBank, type DemoBank, type ExchangeRecord } from './server';
import { findSubscriber } from './store/subscribers';
import {
  clientFor,
  count,
  exchangeSchemaErrors,
  handUpload,
  makeSubscriberKeys,
  post,
  readySubscriber,
  snapshot,
  tempDir,
  tempLedger,
  trustedFromBank,
} from '../../test/support/demo-bank';
import { testClock } from '../../test/support/clock';

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

describe.each(['H004', 'H005'] as const)('refusals with EBICS %s', (version: EbicsVersion) => {
  const dir = tempDir(`kontor-demo-refusals-${version}-`);
  const records: ExchangeRecord[] = [];
  let bank: DemoBank;
  let ledger: Database;
  let keys: SubscriberKeys;
  let bankKeys: TrustedBankKeys;
  const data = Buffer.from('<Document>pain.001 of a refusal test</Document>');

  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock, onExchange: (r) => records.push(r) });
    ledger = tempLedger(dir.path);
    ({ keys, bankKeys } = await readySubscriber(bank, version, ledger));
  });
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  it('refuses a request whose authentication signature is not by the subscriber’s X002 key (061001)', async () => {
    const impostor = { ...keys, authentication: { ...(await generateKeyPairAsync(2048)) } };
    const before = snapshot(bank.store.db);
    const client = clientFor({ bank, version, keys: impostor, ledger, bankKeys });
    const r = await refusal(client.upload('credit_transfer', data));
    expect(r).toMatchObject({ ebicsCode: '061001', layer: 'technical' });
    expect(snapshot(bank.store.db)).toEqual(before);
    // Kontor knows the bank refused it: failed, not uncertain.
    const transfer = ledger.prepare('SELECT id, state FROM ebics_transfer ORDER BY id DESC LIMIT 1').get() as { id: number; state: string };
    expect(transfer.state).toBe('failed');
    expect(stepsOf(ledger, transfer.id).map((s) => s.state)).toEqual(['failed']);
  });

  it('refuses a replayed request (091103) and keeps only the first one’s effects', async () => {
    const client = clientFor({ bank, version, keys, ledger, bankKeys });
    const from = records.length;
    await client.download('user_data');
    const original = records.slice(from).find((r) => r.kind === 'download-init');
    expect(original?.code).toBe('000000');
    const before = snapshot(bank.store.db);
    const replay = await post(bank, original?.request ?? '');
    expect(replay.technical.code).toBe('091103');
    expect(replay.technical.reportText).toMatch(/nonce/);
    expect(replay.transactionId).toBeUndefined();
    expect(snapshot(bank.store.db)).toEqual(before);
  });

  it('refuses a timestamp more than five minutes off the bank’s clock (091103), without using up its nonce', async () => {
    const now = bank.clock.now().getTime();
    for (const offset of [-6 * 60_000, +6 * 60_000]) {
      const before = snapshot(bank.store.db);
      const client = clientFor({ bank, version, keys, ledger, bankKeys, clock: fixedClock(new Date(now + offset).toISOString()) });
      const r = await refusal(client.upload('credit_transfer', data));
      expect(r.ebicsCode).toBe('091103');
      expect(r.reportText).toMatch(/timestamp/);
      expect(snapshot(bank.store.db)).toEqual(before);
    }
    // Within the window is fine.
    const close = clientFor({ bank, version, keys, ledger, bankKeys, clock: fixedClock(new Date(now - 4 * 60_000).toISOString()) });
    await expect(close.download('user_data')).resolves.toMatchObject({ data: expect.any(Buffer) });
  });

  it('refuses an unknown user in every kind of request (091003)', async () => {
    const strangerKeys = await makeSubscriberKeys(version);
    const before = snapshot(bank.store.db);
    const stranger = clientFor({ bank, version, keys: strangerKeys, ledger, userId: 'STRANGER' });
    expect(await refusal(stranger.sendIni())).toMatchObject({ ebicsCode: '091003' });
    expect(await refusal(stranger.sendHia())).toMatchObject({ ebicsCode: '091003' });
    expect(await refusal(stranger.fetchBankKeys())).toMatchObject({ ebicsCode: '091003' });
    const trusting = clientFor({ bank, version, keys: strangerKeys, ledger, userId: 'STRANGER', bankKeys });
    expect(await refusal(trusting.upload('credit_transfer', data))).toMatchObject({ ebicsCode: '091003' });
    expect(snapshot(bank.store.db)).toEqual(before);
  });

  it('refuses orders and HPB before the clerk activated the subscriber (091002)', async () => {
    bank.addSubscriber({ partnerId: 'KONTOR01', userId: `WAIT${version}` });
    const waitingKeys = await makeSubscriberKeys(version);
    const waiting = clientFor({ bank, version, keys: waitingKeys, ledger, userId: `WAIT${version}` });
    await waiting.sendIni();
    await waiting.sendHia();
    expect(findSubscriber(bank.store.db, 'KONTOR01', `WAIT${version}`)?.state).toBe('initialised');
    const before = snapshot(bank.store.db);
    expect(await refusal(waiting.fetchBankKeys())).toMatchObject({ ebicsCode: '091002', layer: 'technical' });
    const eager = clientFor({ bank, version, keys: waitingKeys, ledger, userId: `WAIT${version}`, bankKeys: trustedFromBank(bank, version) });
    expect(await refusal(eager.upload('credit_transfer', data))).toMatchObject({ ebicsCode: '091002' });
    expect(await refusal(eager.download('statement_eod_camt'))).toMatchObject({ ebicsCode: '091002' });
    expect(snapshot(bank.store.db)).toEqual(before);
  });

  it('refuses an order whose electronic signature is not by the subscriber’s INI key (091301), leaving the transaction as it was', async () => {
    const wrong = (await generateKeyPairAsync(2048)).privateKey;
    const up = handUpload({
      version,
      hostId: bank.hostId,
      partnerId: 'KONTOR01',
      userId: 'USER01',
      keys,
      bankKeys,
      data,
      signatureKey: wrong,
      segmentSize: 64,
    });
    expect(up.segments.length).toBeGreaterThan(1);
    const init = await post(bank, up.init);
    expect(init.technical.code).toBe('000000');
    const tx = init.transactionId ?? '';
    for (let n = 1; n < up.segments.length; n++) expect((await post(bank, up.transfer(tx, n))).technical.code).toBe('000000');
    const before = snapshot(bank.store.db);
    const last = await post(bank, up.transfer(tx, up.segments.length));
    expect(last.technical.code).toBe('000000');
    expect(last.business?.code).toBe('091301');
    expect(snapshot(bank.store.db)).toEqual(before);
    expect(count(bank.store.db, 'bank_order')).toBe(0);

    // Through Kontor's client: a signature key the bank never received.
    const forger = { ...keys, signature: { ...keys.signature, ...(await generateKeyPairAsync(2048)) } };
    const client = clientFor({ bank, version, keys: forger, ledger, bankKeys });
    const r = await refusal(client.upload('credit_transfer', data));
    expect(r).toMatchObject({ ebicsCode: '091301', layer: 'business' });
    expect(count(bank.store.db, 'bank_order')).toBe(0);
    const transfer = ledger.prepare('SELECT id FROM ebics_transfer ORDER BY id DESC LIMIT 1').get() as { id: number };
    expect(getTransfer(ledger, transfer.id)?.state).toBe('failed');
  });

  it('answers every refusal with a signed response the client verified', () => {
    const refused = records.filter((r) => r.code !== '000000' && r.response?.includes('<ebicsResponse'));
    expect(refused.length).toBeGreaterThan(3);
    for (const r of refused) expect(r.response).toMatch(/<ds:SignatureValue>[A-Za-z0-9+/=]{300,}<\/ds:SignatureValue>/);
  });

  it.skipIf(xsdSkipReason !== undefined)('answers refusals with messages valid against the EBICS schemas', () => {
    expect(records.some((r) => r.code === '091103')).toBe(true);
    expect(exchangeSchemaErrors(records, version)).toEqual([]);
  });
});
