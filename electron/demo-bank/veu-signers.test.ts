/**
 * The distributed signature with several signers, over real HTTP in both
 * versions: Kontor's client asks HVZ/HVD/HVT and signs (HVE) or cancels
 * (HVS) as signers of classes E, A, B and T; the bank releases by one E, or
 * A+B, or two A; a second signature of the same signer is refused without
 * effect. Every request and answer is checked against the official schema.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import type { EbicsClient } from '../ebics/client';
import { parseHvd, parseHvt, parseVeuList, type VeuListedOrder } from '../ebics/messages/veu-order-data';
import type { VeuOrderRef } from '../ebics/messages/veu';
import type { EbicsVersion } from '../ebics/messages/versions';
import { exchangeSchemaErrors, readySubscriber, tempDir, tempLedger } from '../../test/support/demo-bank';
import { xsdSkipReason } from '../../test/support/ebics-xsd';
import { samplePain } from '../../test/support/pain-files';
import { TEST_TODAY, testClock } from '../../test/support/clock';
import { startDemoBank, type DemoBank, type ExchangeRecord } from './server';
import { accountsOfPartner } from './store/accounts';
import { getOrder } from './store/orders';
import { signaturesOf } from './store/veu-signatures';

const SIGNERS = { SIGE: 'E', SIGA: 'A', SIGA2: 'A', SIGB: 'B' } as const;
type Signer = keyof typeof SIGNERS | 'USER01';

interface World {
  bank: DemoBank;
  ledger: Database;
  clients: Record<Signer, EbicsClient>;
  records: ExchangeRecord[];
  remove: () => void;
}

async function world(version: EbicsVersion): Promise<World> {
  const dir = tempDir(`kontor-demo-veu-signers-${version}-`);
  const records: ExchangeRecord[] = [];
  const bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock, onExchange: (r) => records.push(r) });
  const ledger = tempLedger(dir.path);
  const clients = { USER01: (await readySubscriber(bank, version, ledger)).client } as Record<Signer, EbicsClient>;
  for (const [userId, c] of Object.entries(SIGNERS) as Array<[keyof typeof SIGNERS, 'E' | 'A' | 'B']>) {
    bank.addSubscriber({ partnerId: 'KONTOR01', userId, name: `Signer ${userId}`, signatureClass: c });
    clients[userId] = (await readySubscriber(bank, version, ledger, { userId })).client;
  }
  return { bank, ledger, clients, records, remove: () => (ledger.close(), dir.remove()) };
}

async function upload(w: World, version: EbicsVersion, count = 2): Promise<string> {
  const ownIban = accountsOfPartner(w.bank.store.db, 'KONTOR01')[0]?.iban ?? '';
  const file = samplePain('credit_transfer', { ownIban, date: TEST_TODAY, count, version: version === 'H004' ? 'old' : 'new' });
  const r = await w.clients.USER01.upload('credit_transfer', file);
  return r.orderId ?? '';
}

async function listed(client: EbicsClient, orderId: string): Promise<VeuListedOrder | undefined> {
  const data = (await client.download('veu_overview_details')).data;
  return data ? parseVeuList(data).find((o) => o.orderId === orderId) : undefined;
}

const refOf = (o: VeuListedOrder): VeuOrderRef => ({
  partnerId: o.originator.partnerId,
  orderId: o.orderId,
  ...(o.orderType ? { orderType: o.orderType } : {}),
  ...(o.service ? { service: o.service } : {}),
});

async function sign(w: World, who: Signer, orderId: string, action: 'HVE' | 'HVS' = 'HVE'): Promise<void> {
  const o = await listed(w.clients[who], orderId);
  if (!o?.dataDigest) throw new Error(`${orderId} not listed for ${who}`);
  await w.clients[who].veuSignature(action, refOf(o), Buffer.from(o.dataDigest.digest, 'base64'));
}

describe.each(['H004', 'H005'] as const)('the distributed signature with several signers (%s)', (version) => {
  let w: World;
  beforeAll(async () => {
    w = await world(version);
  }, 120_000);
  afterAll(async () => {
    await w.bank.close();
    w.remove();
  });

  it('lists an order as needing one signature, ready for the E and A signers and not for the transport signer', async () => {
    const orderId = await upload(w, version);
    const forE = await listed(w.clients.SIGE, orderId);
    expect(forE?.signing).toEqual({ readyToBeSigned: true, required: 1, done: 0 });
    expect((await listed(w.clients.SIGA, orderId))?.signing.readyToBeSigned).toBe(true);
    expect((await listed(w.clients.USER01, orderId))?.signing.readyToBeSigned).toBe(false);
    expect(forE?.label).toBe(version === 'H004' ? 'CCT' : 'SCT pain.001');
  });

  it('shows an order’s digest and signers (HVD) and its transactions (HVT)', async () => {
    const orderId = await upload(w, version, 3);
    const o = (await listed(w.clients.SIGA, orderId))!;
    const hvd = parseHvd((await w.clients.SIGA.veuDownload('HVD', refOf(o))).data!);
    expect(hvd.dataDigest.digest).toBe(o.dataDigest?.digest);
    expect(hvd.displayFile).toContain(`Order ${orderId}`);
    expect(hvd.signers).toEqual([]);
    const hvt = parseHvt((await w.clients.SIGA.veuDownload('HVT', refOf(o))).data!);
    expect(hvt.total).toBe(3);
    expect(hvt.transactions).toHaveLength(3);
    expect(hvt.transactions.reduce((n, t) => n + t.amountCents, 0)).toBe(o.totals?.amountCents);
    expect(hvt.transactions[0]?.recipient.iban).toMatch(/^[A-Z]{2}\d{2}/);
  });

  it('releases an order with the signature of one E signer', async () => {
    const orderId = await upload(w, version);
    await sign(w, 'SIGE', orderId);
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('released');
    expect(await listed(w.clients.SIGE, orderId)).toBeUndefined();
  });

  it('waits after an A signature, shows it, and releases when a B signer signs', async () => {
    const orderId = await upload(w, version);
    await sign(w, 'SIGA', orderId);
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('awaiting_signature');
    const after = (await listed(w.clients.SIGB, orderId))!;
    expect(after.signing).toMatchObject({ done: 1, readyToBeSigned: true });
    expect(after.signers).toMatchObject([{ userId: 'SIGA', authorisationLevel: 'A' }]);
    expect((await listed(w.clients.SIGA, orderId))?.signing.readyToBeSigned).toBe(false);
    await sign(w, 'SIGB', orderId);
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('released');
  });

  it('releases with two A signatures', async () => {
    const orderId = await upload(w, version);
    await sign(w, 'SIGA', orderId);
    await sign(w, 'SIGA2', orderId);
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('released');
  });

  it('cancels an order with HVS: rejected, never released', async () => {
    const orderId = await upload(w, version);
    await sign(w, 'SIGA', orderId, 'HVS');
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('rejected');
    expect(await listed(w.clients.SIGB, orderId)).toBeUndefined();
  });

  it('refuses a second signature of the same signer (091306) without counting it', async () => {
    const orderId = await upload(w, version);
    const o = (await listed(w.clients.SIGA, orderId))!;
    await w.clients.SIGA.veuSignature('HVE', refOf(o), Buffer.from(o.dataDigest!.digest, 'base64'));
    await expect(w.clients.SIGA.veuSignature('HVE', refOf(o), Buffer.from(o.dataDigest!.digest, 'base64'))).rejects.toMatchObject({
      ebicsCode: '091306',
    });
    expect(signaturesOf(w.bank.store.db, orderId)).toHaveLength(1);
    expect(getOrder(w.bank.store.db, orderId)?.state).toBe('awaiting_signature');
  });

  it('refuses the transport signer (091007), a signature over other data (091301) and an unknown order (091114)', async () => {
    const orderId = await upload(w, version);
    const o = (await listed(w.clients.SIGA, orderId))!;
    const digest = Buffer.from(o.dataDigest!.digest, 'base64');
    await expect(w.clients.USER01.veuSignature('HVE', refOf(o), digest)).rejects.toMatchObject({ ebicsCode: '091007' });
    await expect(w.clients.SIGA.veuSignature('HVE', refOf(o), Buffer.alloc(32, 7))).rejects.toMatchObject({ ebicsCode: '091301' });
    await expect(w.clients.SIGA.veuSignature('HVE', { ...refOf(o), orderId: 'Z999' }, digest)).rejects.toMatchObject({ ebicsCode: '091114' });
    expect(signaturesOf(w.bank.store.db, orderId)).toEqual([]);
  });

  it('signs at the bank’s counter with the same rules (A then B)', async () => {
    const orderId = await upload(w, version);
    expect(w.bank.signAtBank(orderId, 'KONTOR01', 'SIGA')).toBe('waiting');
    expect(() => w.bank.signAtBank(orderId, 'KONTOR01', 'SIGA')).toThrow(/091306|already signed/);
    expect(w.bank.signAtBank(orderId, 'KONTOR01', 'SIGB')).toBe('released');
  });

  it.skipIf(xsdSkipReason)('sent and answered only schema-valid documents', () => {
    expect(exchangeSchemaErrors(w.records, version)).toEqual([]);
  });
});
