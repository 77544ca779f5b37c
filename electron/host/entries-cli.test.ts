/** `kontor entries import …` on a temporary data folder, as a scheduled job would run it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-entries-cli-'));
  dataDir = join(dir, 'data');
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  try {
    for (const [name, input] of [
      ['entities.create', { name: 'Muster Handels GmbH' }],
      ['accounts.create', { kind: 'customer', number: 'K-1001', name: 'Müller & Söhne GmbH' }],
    ] as const) {
      const r = await dispatch(ctx, name, input);
      if (!r.ok) throw new Error(r.error.message);
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

function csv(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, Buffer.from(`Offene Posten;;;;\n${lines.join('\n')}\n`, 'latin1'));
  return path;
}

async function entryNumbers(): Promise<string[]> {
  const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
  try {
    const r = await dispatch(ctx, 'entries.list', {});
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as { rows: { number: string }[] }).rows.map((e) => e.number);
  } finally {
    ctx.close();
  }
}

const HEADER = 'Belegnummer;Belegdatum;Fällig;Kunde;Betrag';

describe('kontor entries import', () => {
  it('prints what it read and imports; --dry-run before writes nothing', async () => {
    const file = csv('op.csv', [HEADER, 'RE-1;01.11.2026;15.11.2026;K-1001;1.234,56', 'RE-2;02.11.2026;;K-1001;99,90']);

    const dry = await cli('entries', 'import', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('Read as:     windows-1252, semicolon-separated, header in line 2 (1 line(s) above it skipped), decimal comma, dates dd.mm.yyyy');
    expect(dry.out).toMatch(/due date\s+← Fällig/);
    expect(dry.out).toContain('Rows:        2 in the file, 2 fine, 0 with errors');
    expect(dry.out).toContain('Dry run: nothing imported. Without --dry-run 2 entries would be imported.');
    expect(await entryNumbers()).toEqual([]);

    const real = await cli('entries', 'import', file);
    expect(real.code).toBe(0);
    expect(real.out).toContain('Imported 2 entries.');
    expect(await entryNumbers()).toEqual(['RE-1', 'RE-2']);

    const again = await cli('entries', 'import', file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/this file was imported before \(as "op\.csv"/);
  });

  it('exits 1 and imports nothing when a row has errors, and imports the rest with --skip-invalid', async () => {
    const file = csv('bad.csv', [HEADER, 'RE-1;01.11.2026;;K-1001;10,00', 'RE-2;31.02.2026;;K-1001;12,3,4', 'RE-3;03.11.2026;;K-9;1,00']);
    const refused = await cli('entries', 'import', file);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('line 4: Belegdatum: Not a valid date: "31.02.2026" (expected dd.mm.yyyy).');
    expect(refused.out).toContain('line 4: Betrag: Not a valid amount: "12,3,4" (decimal comma expected).');
    expect(refused.out).toMatch(/line 5: Kunde: There is no customer or supplier with the number "K-9"/);
    expect(refused.err).toContain('Nothing imported: 2 row(s) have errors.');
    expect(await entryNumbers()).toEqual([]);

    const skipped = await cli('entries', 'import', file, '--skip-invalid', '--json');
    expect(skipped.code).toBe(0);
    const report = JSON.parse(skipped.out);
    expect(report).toMatchObject({ imported: 1, skipped: 2, accountsCreated: 0, totals: { rows: 3, ok: 1, failed: 2 } });
    expect(report.errors.map((e: { line: number }) => e.line)).toEqual([4, 5]);
    expect(await entryNumbers()).toEqual(['RE-1']);
  });

  it('saves a profile, reuses it by name, and creates customers on request', async () => {
    const first = csv('a.csv', ['Nr;Datum;Kunde;Name;Betrag', 'A-1;01.11.2026;K-1001;;5,00']);
    expect((await cli('entries', 'import', first, '--save-profile', 'Faktura')).code).toBe(0);
    const second = csv('b.csv', ['Nr;Datum;Kunde;Name;Betrag', 'A-2;01.11.2026;K-77;Neu GmbH;5,00']);
    expect((await cli('entries', 'import', second, '--profile', 'Faktura', '--dry-run')).code).toBe(1);
    const created = await cli('entries', 'import', second, '--profile', 'Faktura', '--create-accounts');
    expect(created.out).toContain('Profile:     Faktura');
    expect(created.out).toContain('Imported 1 entries, created 1 customer(s)/supplier(s).');
    expect(await entryNumbers()).toEqual(['A-1', 'A-2']);
  });

  it('asks which business entity when there are several', async () => {
    const ctx = createContext({ dataDir, host: 'cli', clock: testClock, secretStore: memorySecretStore() });
    await dispatch(ctx, 'entities.create', { name: 'Zweite GmbH' });
    ctx.close();
    const file = csv('op.csv', [HEADER, 'RE-1;01.11.2026;;K-1001;1,00']);
    const r = await cli('entries', 'import', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--entity: 1 \(Muster Handels GmbH\), 2 \(Zweite GmbH\)/);
    expect((await cli('entries', 'import', file, '--entity', '2')).code).toBe(0);
  });
});
