/**
 * Settings → Ledger on a real team ledger: the window checks the login and
 * password against the server before it keeps anything, the password goes to
 * the keychain and only the URL without it to the data folder, and the next
 * start opens the team ledger as that login — or the file again.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogin } from '../../electron/ledger/pg/team';
import { createContext, teamLedgerAccount } from '../../electron/services/context';
import { dispatch } from '../../electron/services/dispatch';
import { ledgerChoiceFile } from '../../electron/services/ledger-choice-file';
import { memorySecretStore } from '../../electron/vault/keychain';
import { freshTeamLedger, onTeamLedger, withSuperuser } from '../support/pg-ledger';

const LOGIN = `carla_${randomBytes(3).toString('hex')}`;

describe.skipIf(!onTeamLedger)('choosing the team ledger in the window', () => {
  let dir: string;
  let url: string;
  const keychain = memorySecretStore();

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-choice-team-'));
    const owner = new URL(freshTeamLedger(LOGIN));
    withSuperuser(owner.toString(), (db) => createLogin(db, LOGIN, 'carla-pw-1'));
    url = `postgres://${LOGIN}@${owner.host}${owner.pathname}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = () => createContext({ dataDir: dir, host: 'electron', secretStore: keychain, databaseUrl: undefined });

  it('refuses a wrong password and keeps nothing; takes the right one into the keychain and the URL alone into the data folder', async () => {
    const file = start();
    try {
      const wrong = await dispatch(file, 'ledger.choose', { kind: 'team', url, password: 'not-it' });
      expect(wrong).toMatchObject({ ok: false, error: { code: 'teamLedger.connectFailed' } });
      expect(wrong.ok ? '' : wrong.error.message).toContain('password authentication failed');
      expect(keychain.get(teamLedgerAccount(url))).toBeNull();

      const right = await dispatch(file, 'ledger.choose', { kind: 'team', url, password: 'carla-pw-1' });
      expect(right).toMatchObject({ ok: true, value: { engine: 'file', next: { engine: 'team', location: url } } });
      expect(keychain.get(teamLedgerAccount(url))).toBe('carla-pw-1');
      expect(readFileSync(ledgerChoiceFile(dir), 'utf8')).not.toContain('carla-pw-1');
    } finally {
      file.close();
    }
  });

  it('the next start opens the team ledger as that login; choosing the file brings the file back on the start after', async () => {
    const team = start();
    try {
      expect(await dispatch(team, 'ledger.status', {})).toEqual({
        ok: true,
        value: { engine: 'team', location: url, login: LOGIN, chosenBy: 'window', next: { engine: 'team', location: url } },
      });
      expect(team.actor()).toBe(LOGIN);
      expect(await dispatch(team, 'ledger.choose', { kind: 'file' })).toMatchObject({ ok: true, value: { engine: 'team', next: { engine: 'file' } } });
    } finally {
      team.close();
    }
    const file = start();
    try {
      expect(await dispatch(file, 'ledger.status', {})).toMatchObject({ ok: true, value: { engine: 'file', chosenBy: 'default', login: null } });
    } finally {
      file.close();
    }
  });
});
