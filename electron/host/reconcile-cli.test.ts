/** `kontor reconcile run [--accept-exact]` on a temporary data folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContext } from '../services/context';
import { dispatch } from '../services/dispatch';
import { memorySecretStore } from '../vault/keychain';
import { runCli } from './cli';
import { testClock } from '../../test/support/clock';

let dir: string;
let dataDir: string;

const STATEMENT = [
  ':20:STARTUMS',
  ':25:DE89370400440532013000',
  ':28C:1/1',
  ':60F:C261119EUR0,00',
  ':61:2611201120CR1234,56NTRFNONREF',
  ':86:166?00SEPA-GUTSCHRIFT?20SVWZ+RE-Nr. 2026/00023 vielen?21 Dank?32Mueller und Soehne',
  ':61:2611201120CR50,00NTRFNONREF',
  ':86:166?00SEPA-GUTSCHRIFT?20SVWZ+Abschlag?32Mueller und Soehne',
  ':62F:C261120EUR1284,56',
  '-',
].join('\r\n');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-reconcile-cli-'));
  dataDir = join(dir, 'data');
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  const call = async (name: Parameters<typeof dispatch>[1], input: unknown) => {
    const r = await dispatch(ctx, name, input);
    if (!r.ok) throw new Error(r.error.message);
    return r.value as { id: number };
  };
  try {
    const entity = await call('entities.create', { name: 'Kontor Demo GmbH' });
    const customer = await call('accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
    for (const [number, cents] of [
      ['2026/00023', 123456],
      ['RE-7001', 5000],
      ['RE-7002', 5000],
    ] as const) {
      await call('entries.create', {
        entityId: entity.id,
        accountId: customer.id,
        type: 'Debit',
        number,
        statementDate: '2026-11-01',
        dueDate: '2026-11-15',
        amountCents: cents,
      });
    }
    await call('statements.import', { fileName: 'umsatz.sta', base64: Buffer.from(STATEMENT, 'latin1').toString('base64') });
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

describe('kontor reconcile run', () => {
  it('proposes and prints every match with its reason, assigning nothing', async () => {
    const r = await cli('reconcile', 'run');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^2 bank line\(s\) with something to assign: 2 proposal\(s\), 1 of them exact\./);
    expect(r.out).toMatch(/SURE .*1,234\.56 .*→ 2026\/00023 \(1,234\.56\)/);
    expect(r.out).toMatch(/REVIEW .*50\.00 .*→ RE-7001/);
    expect(r.out).not.toContain('assigned');
  });

  it('--accept-exact assigns only the exact-key match and leaves the ambiguous one for review', async () => {
    const r = await cli('reconcile', 'run', '--accept-exact');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1 exact match(es) assigned.');
    expect(r.out).toMatch(/1 proposal\(s\) wait for a decision/);
    const json = JSON.parse((await cli('reconcile', 'run', '--json')).out) as {
      run: { lines: number; sure: number };
      proposals: { kind: string; sure: boolean }[];
    };
    expect(json.run).toMatchObject({ lines: 1, sure: 0 });
    expect(json.proposals.map((p) => p.sure)).toEqual([false]);
  });
});
