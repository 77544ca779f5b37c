/** `kontor users …` and `kontor audit …` on a temporary data folder, as two people on one computer. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { TEST_NOW, testClock } from '../../test/support/clock';

const DAY = TEST_NOW.slice(0, 10);

let dir: string;
const saved = { user: process.env.KONTOR_TEST_USER, start: process.env.KONTOR_CLOCK_START };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-people-cli-'));
  // A test run on a fixed clock may name who acts (never the window); the audit log keeps the real OS account beside it.
  process.env.KONTOR_CLOCK_START = TEST_NOW;
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [key, value] of [
    ['KONTOR_TEST_USER', saved.user],
    ['KONTOR_CLOCK_START', saved.start],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function as(user: string, ...argv: string[]) {
  process.env.KONTOR_TEST_USER = user;
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor users', () => {
  it('lists the first person as administrator, lets them grant and revoke, and refuses anyone else', async () => {
    const first = await as('anna', 'users', 'list', '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out)).toEqual([
      expect.objectContaining({ identity: 'anna', roles: ['viewer', 'preparer', 'approver', 'signer', 'administrator'] }),
    ]);

    const granted = await as('anna', 'users', 'grant', 'bernd', 'approver', '--json');
    expect(granted.code).toBe(0);
    expect(JSON.parse(granted.out)).toMatchObject({ identity: 'bernd', roles: ['approver'] });
    expect((await as('anna', 'users', 'list')).out).toBe('anna: viewer, preparer, approver, signer, administrator\nbernd: approver');

    const refused = await as('bernd', 'users', 'grant', 'bernd', 'administrator');
    expect(refused).toMatchObject({ code: 1, err: expect.stringMatching(/administrator role, which bernd does not hold/) });
    expect((await as('anna', 'users', 'grant', 'bernd', 'boss')).err).toMatch(/Name a role: viewer, preparer, approver, signer, administrator/);

    expect((await as('anna', 'users', 'revoke', 'bernd', 'approver')).out).toBe('bernd: no role');
  });
});

describe('kontor audit', () => {
  it('lists who did what filtered by user and date, exports it, verifies the chain and names the row edited behind its back', async () => {
    await as('anna', 'users', 'grant', 'bernd', 'viewer');
    await as('anna', 'users', 'grant', 'carla', 'preparer');

    const all = JSON.parse((await as('bernd', 'audit', 'list', '--json')).out) as { total: number; rows: Array<{ actor: string; action: string }> };
    expect(all.total).toBe(3);
    expect(all.rows.map((r) => r.action)).toEqual(['users.granted', 'users.granted', 'users.firstAdministrator']);
    const annas = await as('bernd', 'audit', 'list', '--user', 'anna', '--from', DAY, '--to', DAY);
    expect(annas.out.split('\n')[0]).toBe('3 of 3 record(s), newest first:');
    expect(annas.out.split('\n')[1]).toMatch(new RegExp(`^ +3 {2}${DAY}T[0-9:.]+Z {2}anna +users\\.granted +person carla {2}\\{"role":"preparer"\\}$`));
    expect(JSON.parse((await as('bernd', 'audit', 'list', '--from', '2026-11-26', '--json')).out).total).toBe(0);

    const csv = join(dir, 'audit.csv');
    expect((await as('bernd', 'audit', 'export', '--out', csv)).code).toBe(0);
    expect(readFileSync(csv, 'utf8').trimEnd().split('\r\n')).toHaveLength(4);

    expect(await as('bernd', 'audit', 'verify')).toMatchObject({ code: 0, out: expect.stringMatching(/intact: 3 record\(s\) checked, 0 from before/) });
    const file = new BetterSqlite3(join(dir, 'ledger.sqlite'));
    file.exec('DROP TRIGGER audit_log_no_update');
    file.prepare('UPDATE audit_log SET details = \'{"role":"administrator"}\' WHERE id = 3').run();
    file.close();
    const broken = await as('bernd', 'audit', 'verify', '--json');
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.out)).toEqual({ rows: 3, unchained: 0, broken: { id: 3, reason: 'hashMismatch' } });
  });
});
