import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LedgerChoiceInput } from '../../shared/ledger-choice';
import { dispatch } from './dispatch';
import { memorySecretStore } from '../vault/keychain';
import { createContext } from './context';
import { ledgerChoiceFile, readLedgerChoice, writeLedgerChoice } from './ledger-choice-file';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'kontor-choice-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const problemOf = (url: string, password = 'secret') => {
  const r = LedgerChoiceInput.safeParse({ kind: 'team', url, password });
  return r.success ? null : r.error.issues.map((i) => i.message);
};

describe('the team ledger address entered in Settings', () => {
  it('is postgres://LOGIN@host[:port]/database, without password or options', () => {
    expect(problemOf('postgres://anna@db.example.local:5432/kontor')).toBeNull();
    expect(problemOf('postgresql://anna.b@10.0.0.5/kontor_team')).toBeNull();
    expect(problemOf('postgres://anna:geheim@db/kontor')).toEqual(['teamLedger.urlHasPassword']);
    expect(problemOf('postgres://db/kontor')).toEqual(['teamLedger.urlNoLogin']);
    expect(problemOf('postgres://Anna@db/kontor')).toEqual(['teamLedger.urlBadLogin']);
    expect(problemOf('postgres://anna@db/kontor?sslmode=disable')).toEqual(['teamLedger.urlInvalid']);
    expect(problemOf('mysql://anna@db/kontor')).toEqual(['teamLedger.urlInvalid']);
    expect(problemOf('kontor')).toEqual(['teamLedger.urlInvalid']);
    expect(problemOf('postgres://anna@db/kontor', '')).toEqual(['teamLedger.passwordMissing']);
  });
});

describe('the choice kept in the data folder', () => {
  it('holds the URL without password, and is removed to go back to the file', () => {
    const dir = tempDir();
    expect(readLedgerChoice(dir)).toBeNull();
    writeLedgerChoice(dir, 'postgres://anna@db:5432/kontor');
    expect(JSON.parse(readFileSync(ledgerChoiceFile(dir), 'utf8'))).toEqual({ url: 'postgres://anna@db:5432/kontor' });
    expect(readLedgerChoice(dir)).toBe('postgres://anna@db:5432/kontor');
    writeLedgerChoice(dir, null);
    expect(existsSync(ledgerChoiceFile(dir))).toBe(false);
  });

  it('a damaged choice is refused with the file to delete, never guessed', () => {
    const dir = tempDir();
    writeFileSync(ledgerChoiceFile(dir), '{"url": "postgres://anna:pw@db/kontor"}');
    expect(() => readLedgerChoice(dir)).toThrow(`Delete the file`);
  });

  it('a team ledger chosen in the window that does not open says how to go back to the file', () => {
    const dir = tempDir();
    writeLedgerChoice(dir, 'postgres://anna@127.0.0.1:1/kontor');
    expect(() => createContext({ dataDir: dir, host: 'cli', secretStore: memorySecretStore() })).toThrow(
      `This team ledger was chosen in Settings; to open this computer's ledger file instead, delete ${ledgerChoiceFile(dir)}`,
    );
  });

  it('on the ledger file, Settings shows the file and the default; choosing the file again changes nothing', async () => {
    const dir = tempDir();
    const ctx = createContext({ dataDir: dir, host: 'cli', secretStore: memorySecretStore() });
    try {
      const status = await dispatch(ctx, 'ledger.status', {});
      const file = join(dir, 'ledger.sqlite');
      expect(status).toEqual({
        ok: true,
        value: { engine: 'file', location: file, login: null, chosenBy: 'default', next: { engine: 'file', location: file } },
      });
      expect((await dispatch(ctx, 'ledger.choose', { kind: 'file' })).ok).toBe(true);
      const refused = await dispatch(ctx, 'ledger.choose', { kind: 'team', url: 'postgres://anna:pw@db/kontor', password: 'x' });
      expect(refused).toMatchObject({ ok: false, error: { issues: [{ path: 'url', message: 'teamLedger.urlHasPassword' }] } });
      expect(existsSync(ledgerChoiceFile(dir))).toBe(false);
    } finally {
      ctx.close();
    }
  });
});
