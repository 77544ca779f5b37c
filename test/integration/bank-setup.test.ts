/**
 * Setting up a bank access against the demo bank over real HTTP, with a real
 * ledger file: the steps of the initialisation (docs/ebics.md), the letter, key
 * validation and the key lifecycle with a clock that moves.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { movableClock, ok } from './helpers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank, type ExchangeRecord } from '../../electron/demo-bank';
import { keyFromDer } from '../../electron/demo-bank/store/subscribers';
import { publicKeyHash, formatHashForLetter } from '../../electron/ebics/crypto/hashes';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { withBankClient } from '../../electron/services/bank-access/lifecycle';
import { memorySecretStore } from '../../electron/vault/keychain';
import { createEbicsClient } from '../../electron/ebics/client';
import { createTransport } from '../../electron/ebics/transport';
import { accessKeys, trustedBankKeys } from '../../electron/services/bank-access/connection';
import { ledgerJournal } from '../../electron/services/bank-access/journal';
import { getBankAccess } from '../../electron/ledger/repos/bank-access';
import { toInstantIso } from '../../shared/dates';

let dir: string;
let ctx: ServiceContext;
let bank: DemoBank;
let clock: ReturnType<typeof movableClock>;
const exchanges: ExchangeRecord[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-setup-'));
  clock = movableClock('2026-11-21T09:00:00Z');
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, onExchange: (r) => exchanges.push(r), log: () => undefined });
  ctx.demoBank = bank;
  exchanges.length = 0;
});
afterEach(async () => {
  await bank.close();
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newAccess(version: 'H004' | 'H005') {
  return ok(ctx, 'bankAccess.create', {
    name: 'Kontor Demo Bank',
    hostUrl: bank.url,
    hostId: 'KONTORDEMO',
    partnerId: 'KONTOR01',
    userId: 'USER01',
    ebicsVersion: version,
    isDemo: true,
  });
}

describe('bank access setup against the demo bank', () => {
  it.each(['H004', 'H005'] as const)('walks %s from the letter data to a ready access, step by step and resumable', async (version) => {
    const access = await newAccess(version);
    expect(access.state).toBe('new');
    const progress: number[] = [];
    ctx.events.listen((_e, p) => progress.push((p as { done: number }).done));

    const initialised = await ok(ctx, 'bankAccess.initialise', { id: access.id });
    expect(initialised.state).toBe('hia_sent');
    expect(progress).toEqual([0, 1, 2, 3]);
    expect(initialised.keys.signature.daysLeft).toBe(365);
    // Resuming is harmless: nothing is sent twice.
    const sent = exchanges.length;
    expect((await ok(ctx, 'bankAccess.initialise', { id: access.id })).state).toBe('hia_sent');
    expect(exchanges.length).toBe(sent);

    // Before the bank activated the subscriber, HPB is refused and nothing changes.
    const early = await dispatch(ctx, 'bankAccess.fetchBankKeys', { id: access.id });
    expect(early.ok).toBe(false);
    expect((await ok(ctx, 'bankAccess.get', { id: access.id })).state).toBe('hia_sent');

    const { confirmationLetter } = await ok(ctx, 'bankAccess.demoActivate', { id: access.id });
    const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: access.id });
    expect(fetched.state).toBe('bank_keys_fetched');
    expect(fetched.bankKeys?.trustedAt).toBeNull();
    // The hashes Kontor shows are the ones the bank prints on its confirmation letter.
    expect(confirmationLetter).toContain(fetched.bankKeys!.authenticationHash);
    expect(confirmationLetter).toContain(fetched.bankKeys!.encryptionHash);

    // A mismatching hash keeps the access not ready and sends nothing.
    const before = exchanges.length;
    const wrong = fetched.bankKeys!.encryptionHash.replace(/^../, (p) => (p === 'AA' ? 'AB' : 'AA'));
    const refused = await dispatch(ctx, 'bankAccess.acceptBankKeys', {
      id: access.id,
      authenticationHash: fetched.bankKeys!.authenticationHash,
      encryptionHash: wrong,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bankAccess.hashMismatch', params: { which: 'encryption' } } });
    expect((await ok(ctx, 'bankAccess.get', { id: access.id })).state).toBe('bank_keys_fetched');
    expect(exchanges.length).toBe(before);
    const notReady = await dispatch(ctx, 'bankAccess.suspend', { id: access.id, confirm: true });
    expect(notReady).toMatchObject({ ok: false, error: { code: 'bankAccess.wrongState' } });
    expect(exchanges.length).toBe(before);

    // Pasted with other spacing and lower case, the right hashes are accepted.
    const ready = await ok(ctx, 'bankAccess.acceptBankKeys', {
      id: access.id,
      authenticationHash: fetched.bankKeys!.authenticationHash.toLowerCase(),
      encryptionHash: fetched.bankKeys!.encryptionHash.replace(/ /g, ''),
    });
    expect(ready.state).toBe('ready');
    expect(ready.bankKeys?.trustedAt).toBe(toInstantIso(clock.now()));

    const actions = (ctx.db.prepare("SELECT action FROM audit_log WHERE subject_type = 'bank_access' ORDER BY id").all() as { action: string }[]).map(
      (r) => r.action,
    );
    expect(actions).toEqual(['bankAccess.created', 'keys.created', 'ini.sent', 'hia.sent', 'bankKeys.fetched', 'bankKeys.refused', 'bankKeys.accepted']);
  });

  it('renews the keys when they are used in their last 30 days, after which the bank accepts only the new keys', async () => {
    const access = await setUpReady('H004');
    const oldKeys = accessKeys(ctx, access.id).current();
    clock.advanceDays(340);
    const result = await withBankClient(ctx, access.id, (c) => c.download('statement_eod_camt', { dateRange: { start: '2027-10-01', end: '2027-10-20' } }));
    // The download itself ran on the renewed keys and brought the period's statements.
    expect(result.data?.subarray(0, 2).toString()).toBe('PK');
    const renewed = await ok(ctx, 'bankAccess.get', { id: access.id });
    expect(renewed.keys.signature.createdAt).toBe(toInstantIso(clock.now()));
    expect(renewed.keys.signature.daysLeft).toBe(365);
    const newKeys = accessKeys(ctx, access.id).current();
    expect(newKeys.authentication.publicKey.export({ format: 'jwk' }).n).not.toBe(oldKeys.authentication.publicKey.export({ format: 'jwk' }).n);

    // The bank has the new keys: the old authentication key is refused, the new one works.
    const row = getBankAccess(ctx.db, access.id);
    const withKeys = (keys: typeof oldKeys) =>
      createEbicsClient({
        version: 'H004',
        hostId: 'KONTORDEMO',
        partnerId: 'KONTOR01',
        userId: 'USER01',
        transport: createTransport(bank.url, { demoBankOnLoopback: true }),
        keys,
        bankKeys: trustedBankKeys(row),
        clock,
        journal: ledgerJournal(ctx.db),
      });
    await expect(withKeys(oldKeys).download('customer_protocol_xml')).rejects.toMatchObject({ code: 'ebics.authenticationFailed' });
    await expect(withKeys(newKeys).download('customer_protocol_xml')).resolves.toBeDefined();
    const actions = (ctx.db.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
    expect(actions).toContain('keys.renewed');
  });

  it('disables an access whose keys expired without being used', async () => {
    const access = await setUpReady('H005');
    clock.advanceDays(366);
    const before = exchanges.length;
    await expect(withBankClient(ctx, access.id, (c) => c.download('customer_protocol_xml'))).rejects.toMatchObject({ code: 'bankAccess.expired' });
    expect(exchanges.length).toBe(before);
    expect((await ok(ctx, 'bankAccess.get', { id: access.id })).state).toBe('expired');
    // The person at the keyboard says yes (electron/services/bank-access/confirmation.test.ts tests the question).
    ctx.confirm = async () => ({ result: 'confirmed' });
    const again = await ok(ctx, 'bankAccess.reinitialise', { id: access.id, confirm: true });
    expect(again).toMatchObject({ state: 'new', bankKeys: null });
  });

  it.skipIf(spawnSync('pdftotext', ['-v']).error !== undefined && !process.env.CI)(
    'prints in the letter exactly the hashes the demo bank computes from the keys it received',
    async () => {
      const access = await newAccess('H004');
      await ok(ctx, 'bankAccess.initialise', { id: access.id });
      const pdf = await ok(ctx, 'bankAccess.letter', { id: access.id, locale: 'de', place: 'Düsseldorf' });
      const file = join(dir, 'letter.pdf');
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const text = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
      const received = bank.store.db
        .prepare('SELECT signature_key_der AS s, authentication_key_der AS a, encryption_key_der AS e FROM subscriber WHERE partner_id = ?')
        .get('KONTOR01') as { s: Buffer; a: Buffer; e: Buffer };
      // Hashes may wrap after 16 pairs; read without the layout's white space.
      const flat = text.replace(/\s+/g, '');
      for (const der of [received.s, received.a, received.e]) {
        expect(flat).toContain(formatHashForLetter(publicKeyHash(keyFromDer(der))).replace(/ /g, ''));
      }
      expect(text).toContain('Düsseldorf');
    },
  );
});

async function setUpReady(version: 'H004' | 'H005') {
  const access = await newAccess(version);
  await ok(ctx, 'bankAccess.initialise', { id: access.id });
  await ok(ctx, 'bankAccess.demoActivate', { id: access.id });
  const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: access.id });
  return ok(ctx, 'bankAccess.acceptBankKeys', {
    id: access.id,
    authenticationHash: fetched.bankKeys!.authenticationHash,
    encryptionHash: fetched.bankKeys!.encryptionHash,
  });
}
