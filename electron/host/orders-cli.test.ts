import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { memorySecretStore } from '../vault/keychain';
import { addDays } from '../../shared/dates';
import { runCli } from './cli';
import { TEST_TODAY, testClock } from '../../test/support/clock';

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-orders-cli-'));
  const ctx = createContext({ dataDir: dir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  const ok = async (name: string, input: unknown) => {
    const r = await dispatch(ctx, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
    return r.value as { id: number };
  };
  const entity = await ok('entities.create', { name: 'Muster GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await ok('bankAccounts.create', { entityId: entity.id, name: 'Hausbank', iban: 'DE89370400440532013000' });
  await ok('entities.update', { id: entity.id, values: { name: 'Muster GmbH', creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });
  const supplier = await ok('accounts.create', { kind: 'supplier', number: 'L-1', name: 'Papier AG' });
  await ok('instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Papier AG',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  const due = addDays(TEST_TODAY, 2);
  await ok('entries.create', {
    entityId: entity.id,
    accountId: supplier.id,
    type: 'Credit',
    number: 'ER-9',
    statementDate: TEST_TODAY,
    dueDate: due,
    amountCents: 4711,
    requestedMethod: 'sepa',
  });
  await ok('entries.create', {
    entityId: entity.id,
    accountId: supplier.id,
    type: 'Credit',
    number: 'ER-10',
    statementDate: TEST_TODAY,
    amountCents: 1,
    requestedMethod: 'sepa',
  });
  await ok('bankAccess.create', {
    name: 'Hausbank EBICS',
    hostUrl: 'https://ebics.bank.example/ebicsweb',
    hostId: 'HOSTID',
    partnerId: 'PARTNER',
    userId: 'USER',
    ebicsVersion: 'H005',
  });
  ctx.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor orders', () => {
  it('builds a draft from the due entry, says why the other is not eligible, lists and exports it', async () => {
    const built = await cli('orders', 'build');
    expect(built.code).toBe(0);
    expect(built.out).toMatch(/1 order\(s\) built:\n\s+1\s+draft\s+transfer/);
    expect(built.out).toMatch(/EUR 47\.11/);
    expect(built.out).toMatch(/ER-10\s+Papier AG: .*due date/i);
    expect((await cli('orders', 'list')).out).toMatch(/^\s+1\s+draft/m);

    const file = join(dir, 'transfer.xml');
    expect((await cli('orders', 'export', '1', file)).code).toBe(0);
    const xml = readFileSync(file);
    expect(xml.toString('utf8')).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    const listed = JSON.parse((await cli('orders', 'list', '--json')).out) as Array<{ sha256: string; status: string }>;
    expect(listed[0]).toMatchObject({ status: 'exported', sha256: createHash('sha256').update(xml).digest('hex') });
    // Exported means other software may send it; this account has no bank access anyway.
    const upload = await cli('orders', 'upload', '1');
    expect(upload.code).toBe(1);
    expect(upload.err).toMatch(/already been sent to a bank or exported|not reachable through a bank access/);
  });

  it('recover names the access, says when the bank cannot be asked, and sends nothing', async () => {
    const missing = await cli('orders', 'recover');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/--access 1/);
    // The access has no keys yet: the bank cannot be asked, so nothing can be settled.
    const r = await cli('orders', 'recover', '--access', '1');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^The bank could not be asked: /);
    expect(r.out).toBe('No upload with an unknown outcome.');
  });
});
