/**
 * The protocol rules a server must keep, driven partly by Kontor's client
 * and partly by hand-built requests (what Kontor would never send):
 * segments in sequence with recovery, limits, receipts, key changes,
 * suspension, parameter documents, and the HTTP front.
 */
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { addTarget2Days } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { isValidIban } from '../../shared/ids';
import { createEbicsClient } from '../ebics/client';
import { ledgerJournal } from '../services/bank-access/journal';
import { generateKeyPairAsync, modExpOf } from '../ebics/crypto/keys';
import { buildHevRequest, parseHevResponse } from '../ebics/messages/hev';
import { buildIniRequest } from '../ebics/messages/key-management';
import { parseEbicsResponse } from '../ebics/messages/responses';
import { EbicsError } from '../ebics/messages/return-codes';
import type { EbicsVersion } from '../ebics/messages/versions';
import { xsdErrors, xsdSkipReason } from '../../test/support/ebics-xsd';
import type { SubscriberKeys, TrustedBankKeys } from '../ebics/subscriber';
import { createTransport } from '../ebics/transport';
import { samplePain } from '../../test/support/pain-files';
import { startDemoBank, type DemoBank, type ExchangeRecord } from './server';
import { accountsOfPartner } from './store/accounts';
import { listOrders } from './store/orders';
import { findSubscriber } from './store/subscribers';
import { getTransaction } from './store/transactions';
import {
  clientFor,
  count,
  exchangeSchemaErrors,
  handDownloadInit,
  handFollowUp,
  handUpload,
  incompressible,
  makeSubscriberKeys,
  post,
  readySubscriber,
  snapshot,
  tempDir,
  tempLedger,
} from '../../test/support/demo-bank';
import { testClock } from '../../test/support/clock';

async function ebicsCodeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EbicsError) return e.ebicsCode;
    throw e;
  }
  throw new Error('expected the bank to refuse');
}

function rawPost(bank: DemoBank, body: string, init: { method?: string; contentType?: string; path?: string } = {}) {
  return fetch(`http://127.0.0.1:${bank.port}${init.path ?? '/ebicsweb'}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': init.contentType ?? 'text/xml; charset=UTF-8' },
    ...(init.method === 'GET' ? {} : { body }),
  });
}

interface World {
  bank: DemoBank;
  ledger: Database;
  keys: SubscriberKeys;
  bankKeys: TrustedBankKeys;
  remove: () => void;
}

/** A valid payment file for the partner's first account (the bank checks order data since it books it). */
function painFor(bank: DemoBank, kind: Parameters<typeof samplePain>[0], o: { partnerId?: string; count?: number; version?: 'old' | 'new' } = {}): Buffer {
  const ownIban = accountsOfPartner(bank.store.db, o.partnerId ?? 'KONTOR01')[0]?.iban ?? '';
  const today = bank.clock.today();
  const date = kind === 'credit_transfer' ? today : addTarget2Days(today, 2);
  return samplePain(kind, { ownIban, date, ...(o.count !== undefined ? { count: o.count } : {}), ...(o.version ? { version: o.version } : {}) });
}

async function world(version: EbicsVersion, options: Parameters<typeof startDemoBank>[0] extends infer O ? Partial<O> : never = {}): Promise<World> {
  const dir = tempDir(`kontor-demo-protocol-${version}-`);
  const bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock, ...options });
  const ledger = tempLedger(dir.path);
  const { keys, bankKeys } = await readySubscriber(bank, version, ledger);
  return {
    bank,
    ledger,
    keys,
    bankKeys,
    remove: () => {
      ledger.close();
      dir.remove();
    },
  };
}

describe('uploads segment by segment', () => {
  let w: World;
  const ids = { partnerId: 'KONTOR01', userId: 'USER01' };
  const records: ExchangeRecord[] = [];
  beforeAll(async () => {
    w = await world('H004', { limits: { maxSegments: 40, maxOrderDataBytes: 300_000, maxSegmentChars: 4096 }, onExchange: (r) => records.push(r) });
  });
  afterAll(async () => {
    await w.bank.close();
    w.remove();
  });
  const upload = (data: Buffer, extra: Partial<Parameters<typeof handUpload>[0]> = {}) =>
    handUpload({ version: 'H004', hostId: w.bank.hostId, ...ids, keys: w.keys, bankKeys: w.bankKeys, data, segmentSize: 1024, ...extra });

  it('accepts a segment sent again with the same content, answers as before and stores nothing twice', async () => {
    const data = painFor(w.bank, 'credit_transfer', { count: 40 });
    const up = upload(data);
    const n = up.segments.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const tx = (await post(w.bank, up.init)).transactionId ?? '';
    expect((await post(w.bank, up.transfer(tx, 1))).segmentNumber).toBe(1);
    const before = snapshot(w.bank.store.db);
    const again = await post(w.bank, up.transfer(tx, 1));
    expect([again.technical.code, again.segmentNumber, again.lastSegment]).toEqual(['000000', 1, false]);
    expect(snapshot(w.bank.store.db)).toEqual(before);
    for (let i = 2; i <= n; i++) await post(w.bank, up.transfer(tx, i));
    const order = listOrders(w.bank.store.db).at(-1);
    expect(order?.data.equals(data)).toBe(true);

    // The answer to the last segment got lost: sending it again changes nothing and says the same.
    const ordersBefore = count(w.bank.store.db, 'bank_order');
    const last = await post(w.bank, up.transfer(tx, n));
    expect([last.technical.code, last.business?.code, last.lastSegment, last.orderId]).toEqual(['000000', '000000', true, order?.orderId]);
    expect(count(w.bank.store.db, 'bank_order')).toBe(ordersBefore);
  });

  it('answers a segment out of sequence with 061101 and the last segment it holds (the recovery point)', async () => {
    const up = upload(painFor(w.bank, 'credit_transfer', { count: 40 }));
    const n = up.segments.length;
    expect(n).toBeGreaterThanOrEqual(4);
    const tx = (await post(w.bank, up.init)).transactionId ?? '';
    await post(w.bank, up.transfer(tx, 1));
    await post(w.bank, up.transfer(tx, 2));
    const before = snapshot(w.bank.store.db);
    const gap = await post(w.bank, up.transfer(tx, 4));
    expect([gap.technical.code, gap.segmentNumber, gap.lastSegment]).toEqual(['061101', 2, false]);
    const changed = await post(w.bank, up.transfer(tx, 2, up.segments[3]));
    expect([changed.technical.code, changed.segmentNumber]).toEqual(['061101', 2]);
    expect(snapshot(w.bank.store.db)).toEqual(before);
    // The client resumes after the recovery point.
    expect((await post(w.bank, up.transfer(tx, 3))).technical.code).toBe('000000');
    for (let i = 4; i < n; i++) expect((await post(w.bank, up.transfer(tx, i))).technical.code).toBe('000000');
    expect((await post(w.bank, up.transfer(tx, n))).orderId).toMatch(/^A/);
  });

  it('refuses a segment beyond NumSegments (091104) and a transaction it never started (091101)', async () => {
    const up = upload(incompressible(500));
    const tx = (await post(w.bank, up.init)).transactionId ?? '';
    expect((await post(w.bank, up.transfer(tx, 2, up.segments[0], 2))).technical.code).toBe('091104');
    expect((await post(w.bank, up.transfer('0123456789ABCDEF0123456789ABCDEF', 1))).technical.code).toBe('091101');
    expect(getTransaction(w.bank.store.db, tx)?.segmentsDone).toBe(0);
  });

  it('keeps to its limits: segments announced (091118), segment size (091009), inflated order data (091117)', async () => {
    const tooMany = upload(incompressible(100), { numSegments: 41 });
    expect((await post(w.bank, tooMany.init)).technical.code).toBe('091118');

    const big = upload(incompressible(6000), { segmentSize: 8192 });
    const tx = (await post(w.bank, big.init)).transactionId ?? '';
    const before = snapshot(w.bank.store.db);
    expect((await post(w.bank, big.transfer(tx, 1))).technical.code).toBe('091009');
    expect(snapshot(w.bank.store.db)).toEqual(before);

    const bomb = Buffer.alloc(400_000, 0x41); // deflates to a few hundred bytes
    const up = upload(bomb);
    expect(up.segments.length).toBe(1);
    const bombTx = (await post(w.bank, up.init)).transactionId ?? '';
    expect((await post(w.bank, up.transfer(bombTx, 1))).technical.code).toBe('091117');
  });

  it('refuses BankPubKeyDigests that do not name its current keys (091008)', async () => {
    const stale = { ...w.bankKeys, encryptionDigest: Buffer.alloc(32, 7) };
    const before = snapshot(w.bank.store.db);
    const client = clientFor({ bank: w.bank, version: 'H004', keys: w.keys, ledger: w.ledger, bankKeys: stale });
    expect(await ebicsCodeOf(client.upload('credit_transfer', Buffer.from('x')))).toBe('091008');
    expect(await ebicsCodeOf(client.download('user_data'))).toBe('091008');
    const after = snapshot(w.bank.store.db);
    // Authenticated requests use up their nonces; nothing else moved.
    expect((after.used_nonce ?? []).length).toBe((before.used_nonce ?? []).length + 2);
    expect({ ...after, used_nonce: [] }).toEqual({ ...before, used_nonce: [] });
  });

  it.skipIf(xsdSkipReason !== undefined)('answers recovery and limit refusals with schema-valid messages', () => {
    const codes = new Set(records.map((r) => r.code));
    for (const c of ['061101', '091104', '091101', '091118', '091009', '091117', '091008']) expect(codes).toContain(c);
    expect(exchangeSchemaErrors(records, 'H004')).toEqual([]);
  });
});

describe('downloads and receipts', () => {
  let w: World;
  const statement = incompressible(20_000);
  beforeAll(async () => {
    w = await world('H005', { segmentSize: 4096, statementSource: (_s, kind) => (kind === 'camt.053' ? statement : null) });
  });
  afterAll(async () => {
    await w.bank.close();
    w.remove();
  });
  const who = () => ({ version: 'H005' as const, hostId: w.bank.hostId, keys: w.keys });

  it('serves any segment again, refuses one beyond the end (091104), and closes with the receipt', async () => {
    const init = await post(
      w.bank,
      handDownloadInit({ ...who(), partnerId: 'KONTOR01', userId: 'USER01', bankKeys: w.bankKeys, purpose: 'statement_eod_camt' }),
    );
    const tx = init.transactionId ?? '';
    const n = init.numSegments ?? 0;
    expect(n).toBeGreaterThan(5);
    expect([init.segmentNumber, init.lastSegment]).toEqual([1, false]);
    const third = await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { segment: 3, of: n }));
    const thirdAgain = await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { segment: 3, of: n }));
    expect(thirdAgain.orderData).toBe(third.orderData);
    const last = await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { segment: n, of: n }));
    expect(last.lastSegment).toBe(true);
    expect((await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { segment: n + 1, of: n + 1 }))).technical.code).toBe('091104');

    const receipt = await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { receipt: 0 }));
    expect([receipt.technical.code, receipt.transactionPhase]).toEqual(['011000', 'Receipt']);
    // The same receipt again (its answer was lost) is answered the same; fetching after it is over is not.
    expect((await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { receipt: 0 }))).technical.code).toBe('011000');
    expect((await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { receipt: 1 }))).technical.code).toBe('091101');
    expect((await post(w.bank, handFollowUp({ ...who(), transactionId: tx }, { segment: 2, of: n }))).technical.code).toBe('091101');
  });

  it('offers the customer protocol again after receipt code 1, and not after receipt code 0', async () => {
    const client = clientFor({ bank: w.bank, version: 'H005', keys: w.keys, ledger: w.ledger, bankKeys: w.bankKeys });
    await client.upload('credit_transfer', painFor(w.bank, 'credit_transfer'));
    const failing = client.download('customer_protocol_xml', {
      process: () => {
        throw new Error('disk full');
      },
    });
    await expect(failing).rejects.toThrow('disk full');
    const first = await client.download('customer_protocol_xml');
    expect(first.data?.toString('utf8')).toContain('<Cd>DS06</Cd>');
    expect((await client.download('customer_protocol_xml')).data).toBeNull();
    // With a date range the whole period comes, delivered or not.
    const today = w.bank.clock.today();
    expect((await client.download('customer_protocol_xml', { dateRange: { start: today, end: today } })).data?.toString('utf8')).toContain('<Cd>TS01</Cd>');
  });
});

describe('key management', () => {
  const dir = tempDir('kontor-demo-keys-');
  let bank: DemoBank;
  let ledger: Database;
  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock });
    ledger = tempLedger(dir.path);
  });
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  it('accepts the same INI again before activation, but not a different key (091004)', async () => {
    bank.addSubscriber({ partnerId: 'KEYS01', userId: 'INI' });
    const keys = await makeSubscriberKeys('H004');
    const client = clientFor({ bank, version: 'H004', keys, ledger, partnerId: 'KEYS01', userId: 'INI' });
    await client.sendIni();
    await client.sendIni();
    const other = clientFor({ bank, version: 'H004', keys: await makeSubscriberKeys('H004'), ledger, partnerId: 'KEYS01', userId: 'INI' });
    const before = snapshot(bank.store.db);
    expect(await ebicsCodeOf(other.sendIni())).toBe('091004');
    expect(snapshot(bank.store.db)).toEqual(before);
    expect(() => bank.activate('KEYS01', 'INI')).toThrow(KontorError);
  });

  it('refuses keys shorter than 2048 bits (091204) and INI order data naming someone else (091120)', async () => {
    bank.addSubscriber({ partnerId: 'KEYS01', userId: 'SHORT' });
    const small = await new Promise<import('node:crypto').KeyObject>((resolveKey, reject) =>
      import('node:crypto').then(({ generateKeyPair }) => generateKeyPair('rsa', { modulusLength: 1024 }, (e, pub) => (e ? reject(e) : resolveKey(pub)))),
    );
    const base = { version: 'H004' as const, hostId: bank.hostId, partnerId: 'KEYS01', userId: 'SHORT', signatureVersion: 'A006' as const };
    const short = await createTransport(bank.url, { demoBankOnLoopback: true }).post(buildIniRequest({ ...base, key: modExpOf(small) }));
    expect(parseEbicsResponse(short).business?.code).toBe('091204');
    const good = await generateKeyPairAsync(2048);
    const xml = buildIniRequest({ ...base, key: modExpOf(good.publicKey) }).replace(
      /<OrderData>[^<]*<\/OrderData>/,
      () =>
        `<OrderData>${deflateSync(Buffer.from(`<SignaturePubKeyOrderData xmlns="http://www.ebics.org/S001" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><SignaturePubKeyInfo><PubKeyValue><ds:RSAKeyValue><ds:Modulus>${modExpOf(good.publicKey).modulus.toString('base64')}</ds:Modulus><ds:Exponent>AQAB</ds:Exponent></ds:RSAKeyValue></PubKeyValue><SignatureVersion>A006</SignatureVersion></SignaturePubKeyInfo><PartnerID>OTHER</PartnerID><UserID>SHORT</UserID></SignaturePubKeyOrderData>`)).toString('base64')}</OrderData>`,
    );
    const mismatch = parseEbicsResponse(await createTransport(bank.url, { demoBankOnLoopback: true }).post(xml));
    expect(mismatch.business?.code).toBe('091120');
    expect(findSubscriber(bank.store.db, 'KEYS01', 'SHORT')?.state).toBe('new');
  });

  it.each(['H004', 'H005'] as const)('replaces the keys with PUB, HCA and HCS (%s), verifying each with the current signature key', async (version) => {
    const userId = `CHG${version}`;
    bank.addSubscriber({ partnerId: 'KEYS01', userId });
    const { keys, bankKeys, client } = await readySubscriber(bank, version, ledger, { partnerId: 'KEYS01', userId });
    const next = await makeSubscriberKeys(version);
    const as = (k: SubscriberKeys) => clientFor({ bank, version, keys: k, ledger, partnerId: 'KEYS01', userId, bankKeys });

    await client.changeKeys('PUB', { signature: next.signature });
    const afterPub = { ...keys, signature: next.signature };
    // The old signature key no longer signs orders; the new one does.
    expect(await ebicsCodeOf(as(keys).upload('credit_transfer', Buffer.from('a')))).toBe('091301');
    await as(afterPub).upload('credit_transfer', painFor(bank, 'credit_transfer', { partnerId: 'KEYS01' }));

    await as(afterPub).changeKeys('HCA', { authentication: next.authentication, encryption: next.encryption });
    expect(await ebicsCodeOf(as(afterPub).download('user_data'))).toBe('061001');
    await expect(as(next).download('user_data')).resolves.toHaveProperty('data');

    const third = await makeSubscriberKeys(version);
    await as(next).changeKeys('HCS', third);
    await expect(as(third).upload('credit_transfer', painFor(bank, 'credit_transfer', { partnerId: 'KEYS01' }))).resolves.toHaveProperty('orderId');
    expect(await ebicsCodeOf(as(next).upload('credit_transfer', Buffer.from('d')))).toBe('061001');
    const states = listOrders(bank.store.db)
      .filter((o) => ['PUB', 'HCA', 'HCS'].includes(o.orderType))
      .map((o) => `${o.orderType}:${o.state}`);
    expect(states.slice(-3)).toEqual(['PUB:executed', 'HCA:executed', 'HCS:executed']);
  });

  it('suspends on SPR (then HPB is refused with 091002) and lets the subscriber initialise again', async () => {
    bank.addSubscriber({ partnerId: 'KEYS01', userId: 'SPR' });
    const { client } = await readySubscriber(bank, 'H005', ledger, { partnerId: 'KEYS01', userId: 'SPR' });
    await client.suspend();
    const s = findSubscriber(bank.store.db, 'KEYS01', 'SPR');
    expect([s?.state, s?.suspendedBy]).toEqual(['suspended', 'customer']);
    expect(await ebicsCodeOf(client.fetchBankKeys())).toBe('091002');
    expect(listOrders(bank.store.db).at(-1)).toMatchObject({ orderType: 'SPR', state: 'executed', data: Buffer.from(' ') });

    const fresh = await makeSubscriberKeys('H005');
    const again = clientFor({ bank, version: 'H005', keys: fresh, ledger, partnerId: 'KEYS01', userId: 'SPR' });
    await again.sendIni();
    await again.sendHia();
    bank.activate('KEYS01', 'SPR');
    await expect(again.fetchBankKeys()).resolves.toHaveProperty('encryption');
  });
});

describe('parameter documents and order types', () => {
  let w4: World;
  let w5: World;
  beforeAll(async () => {
    const source = (_s: unknown, kind: string) => (kind === 'mt940' ? Buffer.from(':20:STARTUMS\r\n') : null);
    [w4, w5] = await Promise.all([world('H004', { statementSource: source }), world('H005', { statementSource: source })]);
    w4.bank.addSubscriber({ partnerId: 'KONTOR01', userId: 'USER02', name: 'Second user' });
  });
  afterAll(async () => {
    await Promise.all([w4.bank.close(), w5.bank.close()]);
    w4.remove();
    w5.remove();
  });

  it.skipIf(xsdSkipReason !== undefined).each(['H004', 'H005'] as const)('sends HTD, HKD, HAA and HPD valid against the %s order schema', async (version) => {
    const w = version === 'H004' ? w4 : w5;
    const client = clientFor({ bank: w.bank, version, keys: w.keys, ledger: w.ledger, bankKeys: w.bankKeys });
    for (const purpose of ['user_data', 'customer_data', 'available_downloads', 'bank_params'] as const) {
      const xml = (await client.download(purpose)).data?.toString('utf8') ?? '';
      expect(xsdErrors(xml, version), purpose).toEqual([]);
    }
    const htd = (await client.download('user_data')).data?.toString('utf8') ?? '';
    for (const a of accountsOfPartner(w.bank.store.db, 'KONTOR01')) {
      expect(isValidIban(a.iban)).toBe(true);
      expect(htd).toContain(a.iban);
    }
    expect(htd).toContain('<UserID Status="1">USER01</UserID>');
    const haa = (await client.download('available_downloads')).data?.toString('utf8') ?? '';
    if (version === 'H004') {
      expect(haa).toMatch(/<OrderTypes>[^<]*STA[^<]*<\/OrderTypes>/);
      const hkd = (await client.download('customer_data')).data?.toString('utf8') ?? '';
      expect(hkd).toContain('<UserID Status="2">USER02</UserID>');
    } else {
      expect(haa).toContain('<MsgName>mt940</MsgName>');
      expect(haa).not.toContain('camt.053');
    }
  });

  it.each(['H004', 'H005'] as const)('asks the statement source for the right kind and container for each statement order (%s)', async (version) => {
    const w = version === 'H004' ? w4 : w5;
    const client = clientFor({ bank: w.bank, version, keys: w.keys, ledger: w.ledger, bankKeys: w.bankKeys });
    const expected = {
      statement_eod_camt: 'camt.053 zip',
      intraday_camt: 'camt.052 zip',
      notification_camt: 'camt.054 zip',
      statement_eod_mt940: 'mt940 plain',
      intraday_mt942: 'mt942 plain',
    } as const;
    for (const [purpose, text] of Object.entries(expected)) {
      const result = await client.download(purpose as keyof typeof expected);
      if (text === 'mt940 plain') expect(result.data?.toString()).toBe(':20:STARTUMS\r\n');
      else expect(result.data, purpose).toBeNull();
    }
    const asked: string[] = [];
    const orderTypes: string[] = [];
    const tapDir = tempDir('kontor-demo-kinds-');
    const tap = await startDemoBank({
      dataDir: tapDir.path,
      clock: testClock,
      statementSource: (_s, kind, range, details) => {
        asked.push(`${kind} ${details.zip ? 'zip' : 'plain'}`);
        orderTypes.push(`${details.orderType}${details.service ? ` ${details.service.serviceName}` : ''}${range ? ` ${range.start}..${range.end}` : ''}`);
        return Buffer.from(kind);
      },
    });
    try {
      const { client: tapClient } = await readySubscriber(tap, version, w.ledger, {}, { keys: w.keys });
      for (const purpose of Object.keys(expected) as Array<keyof typeof expected>) {
        const data = await tapClient.download(purpose, { dateRange: { start: '2024-01-01', end: '2024-01-31' } });
        expect(data.data?.toString()).toBe(expected[purpose].split(' ')[0]);
      }
      expect(asked).toEqual(Object.values(expected));
      expect(orderTypes).toEqual(
        version === 'H004'
          ? ['C53', 'C52', 'C54', 'STA', 'VMK'].map((t) => `${t} 2024-01-01..2024-01-31`)
          : ['EOP', 'STM', 'REP', 'EOP', 'STM'].map((t) => `BTD ${t} 2024-01-01..2024-01-31`),
      );
    } finally {
      await tap.close();
      tapDir.remove();
    }
  });

  it.each(['H004', 'H005'] as const)('queues a B2B direct debit for the VEU like the others (%s)', async (version) => {
    const w = version === 'H004' ? w4 : w5;
    const client = clientFor({ bank: w.bank, version, keys: w.keys, ledger: w.ledger, bankKeys: w.bankKeys });
    const { orderId } = await client.upload('direct_debit_b2b', painFor(w.bank, 'direct_debit_b2b', { version: version === 'H004' ? 'old' : 'new' }));
    const order = listOrders(w.bank.store.db).find((o) => o.orderId === orderId);
    expect(order?.state).toBe('awaiting_signature');
    if (version === 'H004') expect(order?.orderType).toBe('CDB');
    else
      expect([order?.orderType, order?.serviceName, order?.serviceOption, order?.msgName, order?.msgVersion]).toEqual(['BTU', 'SDD', 'B2B', 'pain.008', '08']);
  });

  it('refuses order types it does not offer: 091006 for known ones, 090003 for a BTF service', async () => {
    const veu = createEbicsClient({
      version: 'H004',
      hostId: w4.bank.hostId,
      partnerId: 'KONTOR01',
      userId: 'USER01',
      transport: createTransport(w4.bank.url, { demoBankOnLoopback: true }),
      keys: w4.keys,
      bankKeys: w4.bankKeys,
      clock: w4.bank.clock,
      journal: ledgerJournal(w4.ledger),
      // H3K (keys with certificates, EBICS 2.5) is a known order type the demo bank does not offer.
      catalogueOverrides: { veu_overview: { H004: { orderType: 'H3K' } } },
    });
    expect(await ebicsCodeOf(veu.download('veu_overview'))).toBe('091006');
    const urgent = createEbicsClient({
      version: 'H005',
      hostId: w5.bank.hostId,
      partnerId: 'KONTOR01',
      userId: 'USER01',
      transport: createTransport(w5.bank.url, { demoBankOnLoopback: true }),
      keys: w5.keys,
      bankKeys: w5.bankKeys,
      clock: w5.bank.clock,
      journal: ledgerJournal(w5.ledger),
      // An urgent transfer (SCT with option URG) is a BTF the demo bank does not offer.
      catalogueOverrides: { credit_transfer: { H005: { service: { serviceOption: 'URG' } } } },
    });
    expect(await ebicsCodeOf(urgent.upload('credit_transfer', Buffer.from('x')))).toBe('090003');
  });

  it('accepts, for H005, the public-key hash as well as the certificate hash in BankPubKeyDigests', async () => {
    const fetched = await clientFor({ bank: w5.bank, version: 'H005', keys: w5.keys, ledger: w5.ledger }).fetchBankKeys();
    const byKeyHash = {
      authentication: fetched.authentication.key,
      encryption: fetched.encryption.key,
      authenticationDigest: fetched.authentication.publicKeyHash,
      encryptionDigest: fetched.encryption.publicKeyHash,
    };
    const client = clientFor({ bank: w5.bank, version: 'H005', keys: w5.keys, ledger: w5.ledger, bankKeys: byKeyHash });
    await expect(client.download('user_data')).resolves.toHaveProperty('data');
    // H004 knows only the public-key hash.
    const certDigests = { ...w4.bankKeys, authenticationDigest: Buffer.from(w5.bankKeys.authenticationDigest) };
    expect(
      await ebicsCodeOf(clientFor({ bank: w4.bank, version: 'H004', keys: w4.keys, ledger: w4.ledger, bankKeys: certDigests }).download('user_data')),
    ).toBe('091008');
  });
});

describe('the HTTP front', () => {
  let bank: DemoBank;
  const dir = tempDir('kontor-demo-http-');
  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('answers HEV with both versions, and 091011 for a host it is not', async () => {
    const transport = createTransport(bank.url, { demoBankOnLoopback: true });
    const hev = parseHevResponse(await transport.post(buildHevRequest({ hostId: 'KONTORDEMO' })));
    expect(hev.versions).toEqual([
      { protocol: 'H004', version: '02.50' },
      { protocol: 'H005', version: '03.00' },
    ]);
    const wrong = await transport.post(buildHevRequest({ hostId: 'OTHERBANK' }));
    expect(() => parseHevResponse(wrong)).toThrow(EbicsError);
    expect(wrong).toContain('<ReturnCode>091011</ReturnCode>');
  });

  it('refuses what is not an EBICS message: broken XML and DOCTYPEs (091010), unknown messages (061002)', async () => {
    const before = snapshot(bank.store.db);
    const broken = await (await rawPost(bank, '<ebicsRequest xmlns="urn:org:ebics:H005"><header>')).text();
    expect(broken).toContain('<ReturnCode>091010</ReturnCode>');
    expect(broken).toContain('urn:org:ebics:H005');
    const doctype = await (await rawPost(bank, '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><ebicsRequest xmlns="urn:org:ebics:H004"/>')).text();
    expect(doctype).toContain('<ReturnCode>091010</ReturnCode>');
    const unknown = await (await rawPost(bank, '<ebicsSomething xmlns="urn:org:ebics:H004" Version="H004"/>')).text();
    expect(unknown).toContain('<ReturnCode>061002</ReturnCode>');
    expect(snapshot(bank.store.db)).toEqual(before);
  });

  it('takes POSTs of XML at /ebicsweb and / only', async () => {
    expect((await rawPost(bank, '', { method: 'GET' })).status).toBe(405);
    expect((await rawPost(bank, '<x/>', { path: '/admin' })).status).toBe(404);
    expect((await rawPost(bank, '<x/>', { contentType: 'application/json' })).status).toBe(415);
    expect((await rawPost(bank, buildHevRequest({ hostId: 'KONTORDEMO' }), { path: '/' })).status).toBe(200);
  });
});
