/**
 * Two workstations on one team ledger, each with its own database login: the
 * lost-update cases of test/support/lost-update.ts on PostgreSQL. Who acts is
 * the login, so the refusal names Anna's login's display name.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { createLogin } from '../../electron/ledger/pg/team';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { memorySecretStore } from '../../electron/vault/keychain';
import { fixedClock } from '../../shared/dates';
import { lostUpdateCases, setUpLedger, type Ledger } from '../support/lost-update';
import { asLogin, freshTeamLedger, onTeamLedger, withSuperuser } from '../support/pg-ledger';

const ANNA_AT = '2026-11-21T09:00:00.000Z';
// Logins belong to the whole cluster, which other test files share: names of this test's own.
const suffix = randomBytes(3).toString('hex');
const ANNA = `anna_${suffix}`;
const BERND = `bernd_${suffix}`;
let dir: string;
let anna: ServiceContext;
let bernd: ServiceContext;
let ledger: Ledger;

beforeAll(async () => {
  if (!onTeamLedger) return;
  dir = mkdtempSync(join(tmpdir(), 'kontor-team-lost-update-'));
  const url = freshTeamLedger(ANNA);
  withSuperuser(url, (db) => createLogin(db, BERND, 'pw-bernd-1'));
  const desk = (login: string, password: string, at: string) =>
    createContext({
      dataDir: join(dir, login),
      host: 'cli',
      clock: fixedClock(at),
      secretStore: memorySecretStore(),
      databaseUrl: asLogin(url, login, password),
    });
  withSuperuser(url, (db) => createLogin(db, ANNA, 'pw-anna-1'));
  anna = desk(ANNA, 'pw-anna-1', ANNA_AT);
  bernd = desk(BERND, 'pw-bernd-1', '2026-11-21T09:07:00.000Z');
  ledger = await setUpLedger({ anna, bernd }, BERND);
});
afterAll(() => {
  anna?.close();
  bernd?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!onTeamLedger)('lost updates on a team ledger (PostgreSQL, two logins)', () => {
  lostUpdateCases(() => ({ anna, bernd, ledger }), ANNA_AT);
});
