/**
 * Setting up a team ledger from nothing with the `kontor` commands, as
 * docs/teams.md tells an administrator to: db init-team on an empty database,
 * db add-login for a colleague, db login to keep one's own password in the
 * OS keychain, then ordinary commands with --database and no password.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKeychain } from '../../electron/vault/keychain';
import { teamLedgerAccount } from '../../electron/services/context';
import { runCli } from '../../electron/host/cli';
import { teamDbCommand } from '../../electron/host/db-cli';
import { parseArgs } from '../../electron/host/args';
import type { Terminal } from '../../electron/host/terminal';
import { testClock } from '../support/clock';
import { emptyTeamDatabase, onTeamLedger, withSuperuser } from '../support/pg-ledger';
import { GROUP_ROLES } from '../../electron/ledger/pg/team';
import { latestVersion } from '../../electron/ledger/migrate';

let dir: string;
let ownerUrl: string;
let chef: string;
let bernd: string;
beforeEach(() => {
  if (!onTeamLedger) return;
  dir = mkdtempSync(join(tmpdir(), 'kontor-team-cli-'));
  ownerUrl = emptyTeamDatabase();
  // Logins belong to the whole cluster: new names for each test.
  const suffix = randomBytes(3).toString('hex');
  chef = `chef_${suffix}`;
  bernd = `bernd_${suffix}`;
});
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A person at the terminal who types `secret` when asked for a password. */
const typing = (secret: string): Terminal => ({ interactive: true, ask: async () => '', askSecret: async () => secret });

async function db(argv: string[], secret: string) {
  const out: string[] = [];
  const code = await teamDbCommand(parseArgs(argv, new Set(['json'])), { out: (l) => out.push(l), err: (l) => out.push(l) }, testClock, typing(secret));
  return { code, out: out.join('\n') };
}

async function kontor(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['--data-dir', dir, ...argv], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const loginUrl = (login: string) => {
  const u = new URL(ownerUrl);
  u.username = login;
  u.password = '';
  return u.toString();
};

describe.skipIf(!onTeamLedger)('kontor db on a team ledger (PostgreSQL)', () => {
  it('sets up a team ledger from nothing: init-team, add-login, login into the keychain, then work with --database and no password', async () => {
    const init = await db(['db', 'init-team', '--database', ownerUrl, '--admin', chef, '--json'], 'chef-pw-1');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.out)).toMatchObject({ from: 0, to: latestVersion(), admin: chef });
    expect(await db(['db', 'add-login', bernd, '--database', ownerUrl], 'bernd-pw-1')).toMatchObject({ code: 0 });

    const keychain = openKeychain(process.env.KONTOR_KEYCHAIN_SERVICE ?? 'Kontor-test');
    await expect(db(['db', 'login', '--database', loginUrl(chef)], 'wrong')).rejects.toThrow(/could not be opened/);
    expect(keychain.get(teamLedgerAccount(loginUrl(chef)))).toBeNull();
    expect(await db(['db', 'login', '--database', loginUrl(chef)], 'chef-pw-1')).toMatchObject({ code: 0 });
    try {
      const grant = await kontor('--database', loginUrl(chef), 'users', 'grant', bernd, 'approver');
      expect(grant).toMatchObject({ code: 0 });
      const list = await kontor('--database', loginUrl(chef), 'users', 'list', '--json');
      expect(list.code).toBe(0);
      const people = JSON.parse(list.out) as Array<{ identity: string; roles: string[] }>;
      expect(people.find((p) => p.identity === chef)?.roles).toContain('administrator');
      expect(people.find((p) => p.identity === bernd)?.roles).toEqual(['approver']);
      const groups = withSuperuser(ownerUrl, (s) =>
        s.prepare("SELECT r.rolname AS role FROM pg_roles r WHERE pg_has_role(?, r.oid, 'member') AND r.rolname LIKE 'kontor\\_%'").all(bernd),
      );
      expect(groups).toEqual([{ role: GROUP_ROLES.approver }]);
    } finally {
      keychain.delete(teamLedgerAccount(loginUrl(chef)));
    }
  });

  it('db migrate with --database reports the team ledger already current after init-team, and a person without password is refused', async () => {
    await db(['db', 'init-team', '--database', ownerUrl, '--admin', chef], 'chef-pw-1');
    const again = await kontor('--database', ownerUrl, 'db', 'migrate', '--json');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ from: latestVersion(), to: latestVersion() });
    const noPassword = await kontor('--database', loginUrl(chef), 'users', 'list');
    expect(noPassword.code).toBe(1);
    expect(noPassword.err).toMatch(/could not be opened/);
  });
});
