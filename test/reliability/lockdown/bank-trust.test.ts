/**
 * Locked-down app, the bank connection: TLS verification is on for every bank
 * that is not the demo bank on this computer (plain http is refused when the
 * access is saved; an https server with an untrusted certificate is refused
 * before anything is sent), and a bank answer with a bad signature is refused
 * with a typed error and leaves nothing stored.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../../electron/demo-bank';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { createContext, type ServiceContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import { memorySecretStore } from '../../../electron/vault/keychain';
import { movableClock, ok } from '../../integration/helpers';

/** A throwaway self-signed certificate for 127.0.0.1, made here. */
function selfSigned(): { key: string; cert: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString());
  cert.serialNumber = '0a';
  // Valid for decades either side of any day the suite runs: refused for being self-signed, never for its dates.
  cert.validity.notBefore = new Date('2000-01-01T00:00:00Z');
  cert.validity.notAfter = new Date('2099-12-31T23:59:59Z');
  const attrs = [{ name: 'commonName', value: 'bank.local' }];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    {
      name: 'subjectAltName',
      altNames: [
        { type: 7, ip: '127.0.0.1' },
        { type: 2, value: 'localhost' },
      ],
    },
  ]);
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  cert.sign(forge.pki.privateKeyFromPem(pem), forge.md.sha256.create());
  return { key: pem, cert: forge.pki.certificateToPem(cert) };
}

let dir: string;
let ctx: ServiceContext;
let bank: DemoBank;
let fakeBank: Server;
let fakeBankUrl = '';
let fakeBankRequests = 0;
const clock = movableClock('2026-11-23T08:00:00Z');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-trust-'));
  ctx = createContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock, secretStore: memorySecretStore() });
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock, segmentSize: 4096, log: () => undefined });
  ctx.demoBank = bank;
  const tls = selfSigned();
  fakeBank = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => {
    fakeBankRequests++;
    req.resume();
    res.writeHead(200, { 'content-type': 'text/xml' }).end('<ebicsHEVResponse/>');
  });
  await new Promise<void>((r) => fakeBank.listen(0, '127.0.0.1', r));
  fakeBankUrl = `https://127.0.0.1:${(fakeBank.address() as AddressInfo).port}/ebicsweb`;
});
afterAll(async () => {
  await bank.close();
  await new Promise<void>((r) => fakeBank.close(() => r()));
  ctx.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const access = (hostUrl: string, isDemo = false) => ({
  name: 'Hausbank',
  hostUrl,
  hostId: 'HOSTID01',
  partnerId: 'PARTNER1',
  userId: 'USER01',
  ebicsVersion: 'H005' as const,
  isDemo,
});

describe('TLS verification for every bank but the local demo bank', () => {
  it('refuses to save a bank access with plain http, or with the demo exception off this computer', async () => {
    const before = count('bank_access');
    for (const [hostUrl, isDemo, code] of [
      ['http://ebics.bank.example/ebicsweb', false, 'ebics.insecureHostUrl'],
      ['http://127.0.0.1:8443/ebicsweb', false, 'ebics.insecureHostUrl'],
      ['ftp://ebics.bank.example/', false, 'ebics.insecureHostUrl'],
      ['http://ebics.bank.example/ebicsweb', true, 'ebics.demoNotLocal'],
      ['https://ebics.bank.example/ebicsweb', true, 'ebics.demoNotLocal'],
    ] as const) {
      const r = await dispatch(ctx, 'bankAccess.create', access(hostUrl, isDemo));
      expect(r.ok, `${hostUrl} demo=${isDemo}`).toBe(false);
      if (r.ok) continue;
      // Refused by the input schema (naming the field) or by the transport's rule when the access is saved.
      if (r.error.code === 'input.invalid') expect(r.error.issues?.map((i) => i.path)).toContain('hostUrl');
      else expect(r.error.code, `${hostUrl} demo=${isDemo}`).toBe(code);
    }
    expect(count('bank_access')).toBe(before);
  });

  it('refuses a bank whose certificate is not trusted (self-signed), before sending anything: probe and initialisation', async () => {
    const probe = await dispatch(ctx, 'bankAccess.probe', { hostUrl: fakeBankUrl, hostId: 'HOSTID01' });
    expect(probe).toMatchObject({ ok: false, error: { code: 'ebics.tlsUntrusted' } });

    const saved = await ok(ctx, 'bankAccess.create', access(fakeBankUrl));
    expect(saved.isDemo).toBe(false);
    const init = await dispatch(ctx, 'bankAccess.initialise', { id: saved.id });
    expect(init).toMatchObject({ ok: false, error: { code: 'ebics.tlsUntrusted' } });
    expect((await ok(ctx, 'bankAccess.get', { id: saved.id })).state).not.toMatch(/ini_sent|hia_sent|ready/);
    expect(fakeBankRequests).toBe(0);
  });
});

describe('a bank answer with a bad signature', () => {
  let accessId = 0;
  beforeAll(async () => {
    const a = await ok(ctx, 'bankAccess.create', {
      name: 'Demo',
      hostUrl: bank.url,
      hostId: 'KONTORDEMO',
      partnerId: 'KONTOR01',
      userId: 'USER01',
      ebicsVersion: 'H005',
      isDemo: true,
    });
    accessId = a.id;
    await ok(ctx, 'bankAccess.initialise', { id: a.id });
    await ok(ctx, 'bankAccess.demoActivate', { id: a.id });
    const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: a.id });
    await ok(ctx, 'bankAccess.acceptBankKeys', {
      id: a.id,
      authenticationHash: fetched.bankKeys!.authenticationHash,
      encryptionHash: fetched.bankKeys!.encryptionHash,
    });
    const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH' });
    await ok(ctx, 'bankAccounts.create', {
      entityId: entity.id,
      bankAccessId: a.id,
      name: 'Demo-Konto',
      iban: accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban,
    });
  });

  it.each(['download-init', 'download-transfer'] as const)('on %s: statements fetch is refused (ebics.badBankSignature), nothing is stored', async (kind) => {
    const before = { statement: count('statement'), line: count('statement_line'), file: count('import_file') };
    bank.faults.set(kind, 'wrong-signature');
    try {
      const r = await ok(ctx, 'statements.fetch', { bankAccessId: accessId, from: '2026-11-02', to: '2026-11-20' });
      const a = r.accesses[0]!;
      expect(a.error?.code).toBe('ebics.badBankSignature');
      expect(a.stored).toBe(0);
    } finally {
      bank.faults.clear();
    }
    expect({ statement: count('statement'), line: count('statement_line'), file: count('import_file') }).toEqual(before);
  });

  it('on the receipt (after verified data answers): the error is reported, the verified data is kept once, a repeat stores nothing twice', async () => {
    bank.faults.set('receipt', 'wrong-signature');
    let stored = 0;
    try {
      const r = await ok(ctx, 'statements.fetch', { bankAccessId: accessId, from: '2026-11-02', to: '2026-11-20' });
      expect(r.accesses[0]!.error?.code).toBe('ebics.badBankSignature');
      stored = count('statement');
    } finally {
      bank.faults.clear();
    }
    // The bank offers the data again (no good receipt): Kontor recognises it.
    const again = await ok(ctx, 'statements.fetch', { bankAccessId: accessId, from: '2026-11-02', to: '2026-11-20' });
    expect(again.accesses[0]!.error).toBeNull();
    expect(count('statement')).toBe(stored);
  });

  it('after the fault is gone the same fetch works (it was the signature that was refused)', async () => {
    const r = await ok(ctx, 'statements.fetch', { bankAccessId: accessId, from: '2026-11-02', to: '2026-11-20' });
    expect(r.accesses[0]!.error).toBeNull();
    expect(count('statement')).toBeGreaterThan(0);
  });

  it('the signature overview (HVU) and customer protocol (HAC) with a bad signature are refused, no order changes', async () => {
    const orders = () => ctx.db.prepare('SELECT id, status FROM payment_order ORDER BY id').all();
    const before = orders();
    bank.faults.set('download-init', 'wrong-signature');
    const refreshed = await dispatch(ctx, 'orders.refreshStatus', { bankAccessId: accessId });
    bank.faults.clear();
    expect(refreshed).toMatchObject({ ok: false, error: { code: 'ebics.badBankSignature' } });
    expect(orders()).toEqual(before);
  });
});
