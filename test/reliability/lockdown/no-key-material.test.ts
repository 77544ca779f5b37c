/**
 * Locked-down app: after a full session no private key material is anywhere
 * but the OS keychain. The session (real keychain, real ledger file, the
 * embedded demo bank under <data>/demo-bank, everything through the API):
 * demo accesses H004 and H005 set up from INI to trusted bank keys, a payment
 * order built, approved and uploaded, statements fetched, keys exported with
 * a password (the file saved into the data folder, as a user would), a
 * statement file imported, reconciliation run, a backup made. Then every file
 * under the data folder (SQLite files including WAL and SHM, backups, the
 * export, the demo bank's folder) and everything the session logged is
 * searched for the subscribers' private keys in PEM, PKCS#8 and PKCS#1 DER,
 * base64 of the DER, and hex / raw bytes of the private exponent and primes,
 * taken from the keychain itself; and for the export password.
 *
 * "Everything the session logged" is what reached the real logging paths —
 * console (dispatch reports unexpected errors there, the main process its
 * background failures) and the process's stdout/stderr. The session includes
 * failures with keys in use — a keychain entry damaged inside (Kontor
 * reports it, typed) and a ledger that refuses writes in the middle of a
 * bank exchange (logged as unexpected) — so the check sees real log writes;
 * and a deliberate leak through the same logger, in a test-only handler,
 * proves the check finds a key that reaches it.
 *
 * The demo bank's OWN private keys live in <data>/demo-bank: they are the
 * bank's, not the subscriber's, and are deliberately not searched for. The
 * demo bank's folder IS searched for the subscribers' keys (a bank only ever
 * holds their public keys).
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../electron/services/dispatch';
import { handlers } from '../../../electron/services/handlers';
import { generateKeyPairAsync } from '../../../electron/ebics/crypto/keys';
import { addDays } from '../../../shared/dates';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { accessKeys } from '../../../electron/services/bank-access/connection';
import { startEmbeddedDemoBank } from '../../../electron/services/demo-bank/embedded';
import { probeKeychain } from '../../../electron/vault/keychain';
import { actingContext, approveAsSecondPerson, movableClock, ok, tempContext } from '../../integration/helpers';

const service = `Kontor-reliability-${randomBytes(6).toString('hex')}`;
const probe = probeKeychain(service);
const required = Boolean(process.env.CI);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** Every encoding of a private key we search for, each with a label. */
function needlesOf(label: string, key: KeyObject): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  const pkcs8 = key.export({ type: 'pkcs8', format: 'der' });
  const pkcs1 = key.export({ type: 'pkcs1', format: 'der' });
  const pem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  const pem1 = key.export({ type: 'pkcs1', format: 'pem' }).toString();
  // A window from the middle of the PEM body and of the base64 of each DER: any of them in a file is a leak.
  out.push(
    [`${label} PEM body`, Buffer.from(pem.split('\n').slice(5, 7).join('\n'))],
    [`${label} PKCS#1 PEM body`, Buffer.from(pem1.split('\n').slice(5, 7).join('\n'))],
  );
  for (const [name, der] of [
    ['PKCS#8 DER', pkcs8],
    ['PKCS#1 DER', pkcs1],
  ] as const) {
    // Windows in the private part only: the first ~quarter of the DER is the modulus and exponent, which are public (the bank holds them).
    for (const at of [Math.floor(der.length * 0.35), Math.floor(der.length / 2), der.length - 64]) {
      const slice = der.subarray(at, at + 48);
      out.push(
        [`${label} ${name} bytes @${at}`, slice],
        [`${label} ${name} hex @${at}`, Buffer.from(slice.toString('hex'))],
        [`${label} ${name} HEX @${at}`, Buffer.from(slice.toString('hex').toUpperCase())],
      );
    }
    const b64 = der.toString('base64');
    out.push([`${label} ${name} base64`, Buffer.from(b64.slice(Math.floor(b64.length * 0.4), Math.floor(b64.length * 0.4) + 64))]);
  }
  const jwk = key.export({ format: 'jwk' });
  for (const part of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const) {
    const bytes = b64url(jwk[part] as string);
    const mid = bytes.subarray(Math.floor(bytes.length / 2) - 16, Math.floor(bytes.length / 2) + 16);
    out.push(
      [`${label} ${part} bytes`, mid],
      [`${label} ${part} hex`, Buffer.from(mid.toString('hex'))],
      [`${label} ${part} HEX`, Buffer.from(mid.toString('hex').toUpperCase())],
      [`${label} ${part} base64url`, Buffer.from((jwk[part] as string).slice(20, 60))],
      [`${label} ${part} base64`, Buffer.from(bytes.toString('base64').slice(20, 60))],
      [
        `${label} ${part} decimal`,
        Buffer.from(
          BigInt(`0x${bytes.toString('hex')}`)
            .toString(10)
            .slice(10, 60),
        ),
      ],
    );
  }
  // The probe works: every needle but the decimal ones is found in the key's own encodings.
  const own = Buffer.concat([
    pkcs8,
    pkcs1,
    Buffer.from(pem),
    Buffer.from(pem1),
    Buffer.from(pkcs8.toString('hex')),
    Buffer.from(pkcs8.toString('hex').toUpperCase()),
    Buffer.from(pkcs8.toString('base64')),
    Buffer.from(pkcs1.toString('base64')),
  ]);
  for (const [name, needle] of out) if (/DER|PEM/.test(name)) expect(own.includes(needle), name).toBe(true);
  return out;
}

/** Captures every write to the console and to stdout/stderr until `restore()`: what a log would hold. */
function captureLog(): { writes: string[]; text(): Buffer; restore(): void } {
  const writes: string[] = [];
  const capture = (...args: unknown[]) =>
    void writes.push(
      args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? `${a.message}\n${a.stack ?? ''}` : (JSON.stringify(a) ?? String(a)))).join(' '),
    );
  const spies = (['log', 'error', 'warn', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(capture));
  const streams = ([process.stdout, process.stderr] as const).map((stream) =>
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1'));
      return true;
    }),
  );
  return {
    writes,
    text: () => Buffer.from(writes.join('\n'), 'latin1'),
    restore() {
      for (const s of [...spies, ...streams]) s.mockRestore();
    },
  };
}

/** The needles found in what was logged. */
function leaksIn(log: Buffer, needles: ReadonlyArray<[string, Buffer]>): string[] {
  return needles.filter(([, needle]) => log.includes(needle)).map(([label]) => `the log contains ${label}`);
}

describe('the log check', () => {
  it('sees what the real logger writes and finds a private key in it (a deliberate leak in a test-only handler)', async () => {
    const key = (await generateKeyPairAsync(2048)).privateKey;
    const needles = needlesOf('test key', key);
    const ctx = tempContext();
    const real = handlers['app.status'];
    const log = captureLog();
    try {
      // The leak: an error whose message carries the key, as careless code might throw; dispatch logs unexpected errors.
      (handlers as Record<string, unknown>)['app.status'] = () => {
        throw new Error(`could not sign with ${key.export({ type: 'pkcs8', format: 'pem' }).toString()}`);
      };
      expect(await dispatch(ctx, 'app.status', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
      console.warn('d =', BigInt(`0x${Buffer.from(key.export({ format: 'jwk' }).d!, 'base64url').toString('hex')}`).toString(10));
    } finally {
      (handlers as Record<string, unknown>)['app.status'] = real;
      log.restore();
      ctx.cleanup();
    }
    expect(log.writes.length).toBeGreaterThanOrEqual(2);
    const found = leaksIn(log.text(), needles);
    expect(found).toEqual(expect.arrayContaining(['the log contains test key PEM body', 'the log contains test key d decimal']));
  });
});

describe('private key material after a full session', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available: ${probe.available ? '' : probe.reason}`);
  });

  it.skipIf(!probe.available)('is found in no file of the data folder and in no log line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-session-'));
    const clock = movableClock('2026-11-23T08:00:00Z');
    const log = captureLog();
    let ctx: ReturnType<typeof actingContext> | undefined;
    const accessIds: number[] = [];
    const removers: Array<() => void> = [];
    afterAll(() => {
      log.restore();
      rmSync(dataDir, { recursive: true, force: true });
    });
    try {
      ctx = actingContext({ dataDir, host: 'cli', clock, keychainService: service });
      ctx.demoBank = await startEmbeddedDemoBank(ctx, { KONTOR_DEMO_BANK_PORT: '0' });
      const bank = ctx.demoBank!;

      // Two demo accesses, H004 and H005, from INI to trusted bank keys.
      for (const [version, partnerId] of [
        ['H004', 'KONTOR01'],
        ['H005', 'KONTOR05'],
      ] as const) {
        if (partnerId !== 'KONTOR01') bank.addSubscriber({ partnerId, userId: 'USER01', name: 'Kontor Demo H005' });
        const a = await ok(ctx, 'bankAccess.create', {
          name: `Demo ${version}`,
          hostUrl: bank.url,
          hostId: 'KONTORDEMO',
          partnerId,
          userId: 'USER01',
          ebicsVersion: version,
          isDemo: true,
        });
        await ok(ctx, 'bankAccess.initialise', { id: a.id });
        await ok(ctx, 'bankAccess.demoActivate', { id: a.id });
        const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: a.id });
        await ok(ctx, 'bankAccess.acceptBankKeys', {
          id: a.id,
          authenticationHash: fetched.bankKeys!.authenticationHash,
          encryptionHash: fetched.bankKeys!.encryptionHash,
        });
        accessIds.push(a.id);
        const vault = accessKeys(ctx, a.id);
        removers.push(() => void vault.remove());
      }
      const [h004, h005] = accessIds as [number, number];

      // The ledger side: an entity, its accounts at both accesses, a supplier, a customer, entries.
      const ibanH004 = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
      const ibanH005 = accountsOfPartner(bank.store.db, 'KONTOR05')[0]!.iban;
      const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
      const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: h005, name: 'Konto H005', iban: ibanH005 });
      await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: h004, name: 'Konto H004', iban: ibanH004 });
      await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
      const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Lieferant AG' });
      await ok(ctx, 'instruments.create', {
        accountId: supplier.id,
        entityId: entity.id,
        kind: 'bank_details',
        holderName: 'Lieferant AG',
        iban: 'DE02120300000000202051',
        direction: 'out',
      });
      await ok(ctx, 'entries.create', {
        entityId: entity.id,
        accountId: supplier.id,
        type: 'Credit',
        number: 'ER-1',
        statementDate: clock.today(),
        dueDate: addDays(clock.today(), 2),
        amountCents: 50000,
        requestedMethod: 'sepa',
      });
      const customer = await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
      await ok(ctx, 'entries.create', {
        entityId: entity.id,
        accountId: customer.id,
        type: 'Debit',
        number: '2026/00023',
        statementDate: '2026-11-01',
        dueDate: '2026-11-15',
        amountCents: 123456,
      });

      // Upload an order.
      const { orders } = await ok(ctx, 'orders.build', {});
      expect(orders.length).toBeGreaterThan(0);
      for (const o of orders) {
        await approveAsSecondPerson(ctx, o.id);
        expect((await ok(ctx, 'orders.upload', { id: o.id })).status).toBe('uploaded');
      }
      await ok(ctx, 'orders.refreshStatus', { bankAccessId: h005 });

      // Fetch statements over both accesses.
      const fetched = await ok(ctx, 'statements.fetch', { from: '2026-11-02', to: '2026-11-20' });
      expect(fetched.accesses.every((a) => a.error === null)).toBe(true);

      // Export the keys with a password, saved into the data folder as a user might.
      const password = `Kontor-${randomBytes(9).toString('base64url')}`;
      ctx.confirm = async () => ({ result: 'confirmed' }); // the person at the keyboard confirms the export
      const exported = await ok(ctx, 'bankAccess.exportKeys', { id: h004, password });
      writeFileSync(join(dataDir, exported.fileName), Buffer.from(exported.base64, 'base64'));

      // Import a statement file and reconcile it.
      const text = [
        ':20:STARTUMS',
        `:25:${ibanH004}`,
        ':28C:1/1',
        ':60F:C261119EUR0,00',
        ':61:2611201120CR1234,56NTRFREF1',
        ':86:166?00SEPA-GUTSCHRIFT?20SVWZ+2026/00023?32Mueller und Soehne KG',
        ':62F:C261120EUR1234,56',
        '-',
      ].join('\r\n');
      await ok(ctx, 'statements.import', { fileName: 'umsatz.sta', base64: Buffer.from(text, 'latin1').toString('base64') });
      await ok(ctx, 'reconcile.run', { acceptSure: true });
      await ok(ctx, 'ledger.backup', {});

      // The needles: the subscribers' private keys as the keychain holds them.
      const needles: Array<[string, Buffer]> = [
        [`export password`, Buffer.from(password)],
        ['PEM header', Buffer.from('PRIVATE KEY-----')],
      ];
      for (const id of accessIds) {
        const keys = accessKeys(ctx, id).current();
        needles.push(
          ...needlesOf(`access ${id} signature`, keys.signature.privateKey),
          ...needlesOf(`access ${id} authentication`, keys.authentication.privateKey),
          ...needlesOf(`access ${id} encryption`, keys.encryption.privateKey),
        );
      }

      // An unexpected failure with keys in use: the H005 access's keychain entry damaged inside (its authentication key cut
      // short), so the key cannot be read. Whatever Kontor reports or logs about it must not quote the key.
      const damaged = accessKeys(ctx, h005);
      const bundle = damaged.load()!;
      const auth = bundle.keys.authentication!;
      damaged.save({
        ...bundle,
        keys: {
          ...bundle.keys,
          authentication: { ...auth, privateKeyPkcs8: auth.privateKeyPkcs8.slice(0, Math.floor((auth.privateKeyPkcs8.length * 0.6) / 4) * 4) },
        },
      });
      const failed = await dispatch(ctx, 'orders.refreshStatus', { bankAccessId: h005 });
      damaged.save(bundle);
      // An unexpected failure, logged: the ledger refuses writes in the middle of a bank exchange (as on a full disk).
      ctx.db.pragma('query_only = ON');
      const unexpected = await dispatch(ctx, 'orders.refreshStatus', { bankAccessId: h005 });
      ctx.db.pragma('query_only = OFF');
      expect(unexpected).toMatchObject({ ok: false, error: { code: 'internal' } });
      const failedText = JSON.stringify([failed, unexpected]);
      const writesSeen = log.writes.length;

      const scan = (phase: string): { files: number; bytes: number } => {
        const files = filesUnder(dataDir);
        let bytes = 0;
        const hits: string[] = [];
        for (const file of files) {
          const content = readFileSync(file);
          bytes += content.length;
          const inBank = relative(dataDir, file).startsWith('demo-bank');
          for (const [label, needle] of needles) {
            // The bank's own files hold the bank's private keys in PEM: only the subscriber keys count there.
            if (inBank && label === 'PEM header') continue;
            if (content.includes(needle)) hits.push(`${phase}: ${relative(dataDir, file)} contains ${label}`);
          }
        }
        expect(hits).toEqual([]);
        return { files: files.length, bytes };
      };
      // While the ledger is open (WAL and SHM present), and after it closed.
      const open = scan('open');
      expect(filesUnder(dataDir).some((f) => f.endsWith('-wal'))).toBe(true);
      await bank.close();
      ctx.demoBank = null;
      ctx.close();
      const closed = scan('closed');
      log.restore();
      // The check saw the real logger at work: the unexpected failure above was logged.
      expect(writesSeen, failedText).toBeGreaterThan(0);
      expect(leaksIn(log.text(), needles)).toEqual([]);
      expect(leaksIn(Buffer.from(failedText), needles)).toEqual([]);
      process.stderr.write(
        `[lockdown] key material: ${needles.length} needles (${accessIds.length} accesses × 3 keys × PEM/DER/base64/hex/decimal of d, p, q…, the export password) ` +
          `searched in ${open.files} files / ${(open.bytes / 1024).toFixed(0)} KB (open) and ${closed.files} files (closed) and ${log.writes.length} log writes (${writesSeen} of them the logged failure): 0 hits. ` +
          'The demo bank’s own keys under <data>/demo-bank are the bank’s and are not searched for.\n',
      );
    } finally {
      // The keychain entries of this test go (the keychain service name is this run's own).
      for (const remove of removers) remove();
    }
  });
});
