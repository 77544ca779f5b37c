/**
 * The clerk's reconciliation week in the terminal, on a prepared data
 * folder: `kontor bank-csv import`, `kontor reconcile accept --sure` and
 * `accept ID`, and `kontor entries settle` for cash, offset and write-off.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OUR_IBAN, SPARKASSE_CSV, windows1252 } from '../../test/e2e/fixtures/sparkasse-csv';
import { testClock } from '../../test/support/clock';
import { createContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { memorySecretStore } from '../vault/keychain';
import { runCli } from './cli';

let dir: string;
let dataDir: string;
let csvFile: string;
const ids: Record<string, number> = {};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-settle-cli-'));
  dataDir = join(dir, 'data');
  csvFile = join(dir, 'Umsaetze November.csv');
  writeFileSync(csvFile, Buffer.from(windows1252(SPARKASSE_CSV)));
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  const call = async (name: Parameters<typeof dispatch>[1], input: unknown) => {
    const r = await dispatch(ctx, name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: number };
  };
  try {
    const entity = await call('entities.create', { name: 'Kontor Demo GmbH' });
    await call('bankAccounts.create', { entityId: entity.id, name: 'Girokonto', iban: OUR_IBAN });
    const customer = await call('accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
    const supplier = await call('accounts.create', { kind: 'supplier', number: 'L-1', name: 'Müller & Söhne KG' });
    for (const [number, type, cents, accountId] of [
      ['RE-2026-001', 'Debit', 123456, customer.id],
      ['RE-2026-002', 'Debit', 123456, customer.id],
      ['RE-2026-003', 'Debit', 123456, customer.id],
      ['RE-2025-777', 'Debit', 9900, customer.id],
      ['RE-2026-050', 'Debit', 50000, customer.id],
      ['ER-2026-009', 'Credit', 20000, supplier.id],
      ['RE-2026-060', 'Debit', 4500, customer.id],
    ] as const) {
      const e = await call('entries.create', {
        entityId: entity.id,
        accountId,
        type,
        number,
        statementDate: '2026-11-01',
        dueDate: '2026-11-15',
        amountCents: cents,
      });
      ids[number] = e.id;
    }
  } finally {
    ctx.close();
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', dataDir], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor bank-csv import, reconcile accept and entries settle', () => {
  it('imports a bank CSV, accepts the sure match and a reviewed one, and refuses the same file twice', async () => {
    const imported = await cli('bank-csv', 'import', csvFile, '--json');
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.out)).toMatchObject({ lines: 4, statement: { iban: OUR_IBAN }, profile: { builtIn: true } });
    const again = await cli('bank-csv', 'import', csvFile);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/imported before/);

    const run = await cli('reconcile', 'run', '--json');
    const proposals = JSON.parse(run.out).proposals as { id: number; sure: boolean; kind: string; allocations: { number: string }[] }[];
    const review = proposals.find((p) => p.kind === 'consolidated')!;
    expect(review.sure).toBe(false);

    const sure = await cli('reconcile', 'accept', '--sure', '--json');
    expect(sure.code).toBe(0);
    expect(JSON.parse(sure.out)).toEqual({ accepted: 1 });
    const accepted = await cli('reconcile', 'accept', String(review.id), '--json');
    expect(accepted.code).toBe(0);
    expect((JSON.parse(accepted.out) as { items: { number: string }[] }).items.map((i) => i.number)).toEqual(['RE-2026-002', 'RE-2026-003']);
    const twice = await cli('reconcile', 'accept', String(review.id));
    expect(twice.code).toBe(1);
    expect(twice.err).toMatch(/decided already/);

    const settled = await cli('entries', 'settle', String(ids['RE-2026-001']), '--reason', 'cash');
    expect(settled.code).toBe(1);
    expect(settled.err).toMatch(/nothing open/);
  });

  it('settles by cash, by offset against a payable and by write-off with its reason', async () => {
    const cash = await cli('entries', 'settle', String(ids['RE-2026-060']), '--reason', 'cash', '--note', 'Barzahlung Kasse 3');
    expect(cash.code).toBe(0);
    expect(cash.out).toContain('RE-2026-060: 45.00 settled by cash on 2026-11-25 (Barzahlung Kasse 3).');
    expect(cash.out).toContain('RE-2026-060 is settled.');

    const offset = await cli('entries', 'settle', String(ids['RE-2026-050']), '--reason', 'offset', '--with', String(ids['ER-2026-009']), '--json');
    expect(offset.code).toBe(0);
    const r = JSON.parse(offset.out) as { entry: { openAmountCents: number }; settlements: { entryNumber: string; entryCents: number }[] };
    expect(r.entry.openAmountCents).toBe(30000);
    expect(r.settlements.map((s) => [s.entryNumber, s.entryCents])).toEqual([
      ['RE-2026-050', -20000],
      ['ER-2026-009', 20000],
    ]);

    const noReason = await cli('entries', 'settle', String(ids['RE-2025-777']), '--reason', 'writeoff');
    expect(noReason.code).toBe(1);
    expect(noReason.err).toMatch(/why the entry is written off/);
    const writeoff = await cli('entries', 'settle', String(ids['RE-2025-777']), '--reason', 'writeoff', '--note', 'Kunde insolvent', '--json');
    expect(writeoff.code).toBe(0);
    expect(JSON.parse(writeoff.out)).toMatchObject({ entry: { status: 'Balanced' }, settlements: [{ kind: 'writeoff', note: 'Kunde insolvent' }] });

    const badReason = await cli('entries', 'settle', String(ids['RE-2026-001']), '--reason', 'gift');
    expect(badReason.code).toBe(1);
    expect(badReason.err).toMatch(/cash, offset or writeoff/);
  });
});
