import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../ledger/migrate';
import { runCli } from './cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor CLI', () => {
  it('status reports a data folder whose ledger does not exist yet, without creating it', async () => {
    const r = await cli('--data-dir', dir, 'status', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ dataDir: dir, databaseFile: join(dir, 'ledger.sqlite'), databaseExists: false, schemaVersion: null });
    expect(report.keychain.backend).toBe('Secret Service (libsecret)');
    expect(spawnSync('test', ['-e', join(dir, 'ledger.sqlite')]).status).not.toBe(0);
  });

  it('db migrate creates the ledger, is idempotent, and status then shows the schema version', async () => {
    const first = await cli('db', 'migrate', '--data-dir', dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`from schema version 0 to ${latestVersion()}`));
    const again = await cli('db', 'migrate', '--data-dir', dir);
    expect(again.out).toMatch(/already at schema version/);
    const status = await cli('status', `--data-dir=${dir}`);
    expect(status.out).toMatch(new RegExp(`Schema version:\\s+${latestVersion()} of ${latestVersion()} \\(current\\)`));
    expect(status.out).toContain(join(dir, 'ledger.sqlite'));
  });

  it('db migrate refuses a ledger from a newer Kontor with exit code 1 and a clear message', async () => {
    const db = new BetterSqlite3(join(dir, 'ledger.sqlite'));
    db.pragma(`user_version = ${latestVersion() + 5}`);
    db.close();
    const r = await cli('db', 'migrate', '--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/newer version of Kontor/);
  });

  it('answers an unknown command with usage and exit code 2', async () => {
    const r = await cli('pay', 'everything');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command/);
  });

  it('runs as the packaged `kontor` command', () => {
    const out = execFileSync(process.execPath, ['electron/host/kontor.mjs', 'status', '--json', '--data-dir', dir], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ dataDir: dir, latestSchemaVersion: latestVersion() });
  });
});
