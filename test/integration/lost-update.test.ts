/**
 * Two windows (or a window and the CLI) on one ledger file, two people: the
 * lost-update cases of test/support/lost-update.ts on SQLite. Each person's
 * context opens the file itself, as a second process would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { memorySecretStore } from '../../electron/vault/keychain';
import { fixedClock } from '../../shared/dates';
import { lostUpdateCases, setUpLedger, type Ledger } from '../support/lost-update';

const ANNA_AT = '2026-11-21T09:00:00.000Z';
let dir: string;
let anna: ServiceContext;
let bernd: ServiceContext;
let ledger: Ledger;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-lost-update-'));
  const desk = (identity: string, at: string) =>
    createContext({ dataDir: dir, host: 'cli', clock: fixedClock(at), secretStore: memorySecretStore(), identity });
  anna = desk('anna', ANNA_AT);
  bernd = desk('bernd', '2026-11-21T09:07:00.000Z');
  ledger = await setUpLedger({ anna, bernd }, 'bernd');
});
afterAll(() => {
  anna?.close();
  bernd?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('lost updates on one ledger file (SQLite)', () => {
  lostUpdateCases(() => ({ anna, bernd, ledger }), ANNA_AT);
});
