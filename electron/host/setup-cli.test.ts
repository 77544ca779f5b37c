/**
 * From an empty data folder to an own account linked to the demo bank
 * access, in the terminal only: `kontor entity add`, `kontor accounts add
 * --access`, `kontor accounts link`, `kontor bank settings`, with the real OS
 * keychain and the demo bank over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank';
import { accountsOfPartner } from '../demo-bank/store/accounts';
import { probeKeychain } from '../vault/keychain';
import { runCli } from './cli';
import { testClock } from '../../test/support/clock';

const probe = probeKeychain(process.env.KONTOR_KEYCHAIN_SERVICE);
const required = Boolean(process.env.CI);
if (!probe.available && !required) console.warn(`Skipping the kontor entity/accounts CLI test: ${probe.backend} is not available (${probe.reason}).`);

let dir: string;
let bank: DemoBank;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-setup-cli-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock: testClock, log: () => undefined });
});
afterAll(async () => {
  await bank.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', join(dir, 'kontor')], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

async function json<T>(...argv: string[]): Promise<T> {
  const r = await cli(...argv, '--json');
  expect(r.err, argv.join(' ')).toBe('');
  expect(r.code, argv.join(' ')).toBe(0);
  return JSON.parse(r.out) as T;
}

describe('kontor entity / accounts', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available`);
  });

  it.skipIf(!probe.available)('sets up the company and its accounts linked to the demo bank access from an empty data folder', async () => {
    expect(await json('setup')).toMatchObject({ firstStart: true, complete: false });
    // Accounts need a company first, and say how to add one.
    const early = await cli('accounts', 'add', '--name', 'Konto', '--iban', 'DE02120300000000202051');
    expect(early).toMatchObject({ code: 1, err: expect.stringContaining('kontor entity add') });

    const entity = await json<{ id: number; name: string; creditorId: string }>(
      'entity',
      'add',
      '--name',
      'Muster Handels GmbH',
      '--creditor-id',
      'de98zzz09999999999',
    );
    expect(entity).toMatchObject({ name: 'Muster Handels GmbH', creditorId: 'DE98ZZZ09999999999' });

    const added = await json<{ id: number }>(
      'bank',
      'add',
      '--name',
      'Demobank',
      '--host-url',
      bank.url,
      '--host-id',
      'KONTORDEMO',
      '--partner',
      'KONTOR01',
      '--user',
      'USER01',
      '--version',
      '3.0',
      '--demo',
    );
    expect((await cli('bank', 'init', String(added.id))).code).toBe(0);
    bank.activate('KONTOR01', 'USER01');
    const fetched = await json<{ bankKeys: { authenticationHash: string; encryptionHash: string } }>('bank', 'fetch-keys', String(added.id));
    await json('bank', 'accept-keys', String(added.id), '--hash', fetched.bankKeys.authenticationHash, '--hash', fetched.bankKeys.encryptionHash);

    const [first, second] = accountsOfPartner(bank.store.db, 'KONTOR01').map((a) => a.iban);
    const linked = await json<{ id: number; bankAccessId: number | null }>(
      'accounts',
      'add',
      '--name',
      'Geschäftskonto',
      '--iban',
      first!,
      '--access',
      String(added.id),
    );
    expect(linked.bankAccessId).toBe(added.id);
    const other = await json<{ id: number; bankAccessId: number | null }>(
      'accounts',
      'add',
      '--name',
      'Zweites Konto',
      '--iban',
      second ?? 'DE89370400440532013000',
    );
    expect(other.bankAccessId).toBeNull();
    expect((await json<{ steps: Array<{ id: string; missing: number }> }>('setup')).steps.find((s) => s.id === 'linked')?.missing).toBe(1);

    expect(await json('accounts', 'link', String(other.id), '--access', String(added.id))).toMatchObject({ id: other.id, bankAccessId: added.id });
    const list = await cli('accounts', 'list');
    expect(list.out.split('\n').filter((l) => l.includes(`bank access ${added.id}`))).toHaveLength(2);
    expect((await json<{ steps: Array<{ id: string; done: boolean }> }>('setup')).steps.filter((s) => s.done).map((s) => s.id)).toEqual([
      'entity',
      'bankAccounts',
      'bankAccess',
      'linked',
    ]);

    // Unlinking names "none"; a bank access that does not exist is refused.
    expect(await json('accounts', 'link', String(other.id), '--access', 'none')).toMatchObject({ bankAccessId: null });
    expect(await cli('accounts', 'link', String(other.id), '--access', '42')).toMatchObject({
      code: 1,
      err: expect.stringContaining('Bank access 42 does not exist'),
    });
  });

  it.skipIf(!probe.available)('changes the bank access settings it is told to and keeps the others; refuses values the bank cannot take', async () => {
    const id = String((await json<Array<{ id: number }>>('bank', 'list'))[0]!.id);
    const changed = await json(
      'bank',
      'settings',
      id,
      '--pain001',
      '03',
      '--german-charset',
      'on',
      '--limit',
      '25.000,00',
      '--btf',
      'credit_transfer.scope=ch',
      '--max-payments',
      '500',
    );
    expect(changed).toMatchObject({
      maxPaymentsPerFile: 500,
      maxFileAmountCents: null,
      creditTransferPain: 'pain.001.001.03',
      directDebitPain: 'pain.008.001.08',
      germanCharset: true,
      amountLimitCents: 2_500_000,
      btf: { credit_transfer: { scope: 'CH' } },
    });
    const shown = await cli('bank', 'settings', id);
    expect(shown.out).toMatch(/Credit transfers:\s+pain\.001\.001\.03/);
    expect(shown.out).toMatch(/Umlauts:\s+kept/);
    expect(shown.out).toContain('credit_transfer.scope=CH');
    expect(shown.out).toMatch(/Bank's file maxima: 500 payments, no maximum total per file/);

    expect(await cli('bank', 'settings', id, '--pain008', '01')).toMatchObject({ code: 1, err: expect.stringContaining('--pain008 must be one of') });
    expect(await cli('bank', 'settings', id, '--btf', 'credit_transfer.msgVersion=1')).toMatchObject({
      code: 1,
      err: expect.stringContaining('credit_transfer'),
    });
    expect(await json('bank', 'settings', id)).toEqual(changed);

    // A script that names the version it read is refused once someone else changed the access since; without it the CLI edits what it reads.
    const version = (changed as { version: number }).version;
    expect(await cli('bank', 'settings', id, '--max-payments', '400', '--expect-version', String(version - 1))).toMatchObject({
      code: 1,
      err: expect.stringMatching(/Changed by .+ on \d{4}-\d\d-\d\d at \d\d:\d\d, please reload\.$/m),
    });
    expect(await json('bank', 'settings', id)).toEqual(changed);
    expect(await json('bank', 'settings', id, '--max-payments', '400', '--expect-version', String(version))).toMatchObject({
      maxPaymentsPerFile: 400,
      version: version + 1,
    });
    expect(await json('bank', 'settings', id, '--max-payments', '300')).toMatchObject({ maxPaymentsPerFile: 300, version: version + 2 });
  });
});
