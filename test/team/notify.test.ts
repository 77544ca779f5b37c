/**
 * Changes show up on other workstations: a write transaction on the team
 * ledger announces the areas it wrote (NOTIFY before COMMIT, delivered by
 * PostgreSQL at commit), and every other Kontor process's listener — a
 * connection of its own — hears it, again after its connection was dropped.
 * Waits are bounded by attempts (test/support/wait.ts), not by the clock.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgDatabase } from '../../electron/ledger/pg/database';
import type { ChangeListener } from '../../electron/ledger/pg/listen';
import { createLogin } from '../../electron/ledger/pg/team';
import { createContext, type ServiceContext } from '../../electron/services/context';
import { startLedgerChanges } from '../../electron/services/ledger-changes';
import { memorySecretStore } from '../../electron/vault/keychain';
import { fixedClock } from '../../shared/dates';
import type { LedgerChanged } from '../../shared/ledger-changes';
import { ok } from '../integration/helpers';
import { asLogin, freshTeamLedger, onTeamLedger, withSuperuser } from '../support/pg-ledger';
import { waitFor } from '../support/wait';

const suffix = randomBytes(3).toString('hex');
const ANNA = `anna_${suffix}`;
const BERND = `bernd_${suffix}`;

describe.skipIf(!onTeamLedger)('changes on the team ledger reach the other processes', () => {
  let url: string;
  let writer: PgDatabase;
  let reader: PgDatabase;
  let listener: ChangeListener;
  const heard: LedgerChanged[] = [];

  /** Waits for the next change heard and returns it; fails after the bounded number of attempts. */
  const next = () => waitFor('a change notification', () => heard.shift());
  const setting = (db: PgDatabase, key: string) =>
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, '1');

  beforeAll(async () => {
    url = freshTeamLedger();
    writer = new PgDatabase({ connectionString: url });
    reader = new PgDatabase({ connectionString: url });
    listener = reader.listenForChanges({ onChange: (c) => heard.push(c), retryMs: 50 });
    await listener.ready;
  });
  afterAll(async () => {
    await listener.stop();
    writer.close();
    reader.close();
  });

  it('a committed transaction reaches the other connection with the areas it wrote and the login, no data', async () => {
    writer.transaction(() => {
      setting(writer, 'notify.a');
      writer.prepare('INSERT INTO person (identity, first_seen_at) VALUES (?, ?)').run(`carla_${suffix}`, '2026-11-23T08:00:00.000Z');
    })();
    const change = await next();
    expect(change).toEqual({ areas: ['people', 'settings'], by: 'kontor_ci' });
  });

  it('a rolled-back transaction announces nothing, a read nothing, the listener’s own process nothing; a single write outside a transaction does', async () => {
    expect(() =>
      writer.transaction(() => {
        setting(writer, 'notify.rolled-back');
        throw new Error('changed my mind');
      })(),
    ).toThrow('changed my mind');
    writer.prepare('SELECT count(*) AS n FROM setting').get();
    setting(reader, 'notify.own');
    // Notifications arrive in commit order: had any of the above been announced, it would come before this one.
    setting(writer, 'notify.b');
    expect(await next()).toEqual({ areas: ['settings'], by: 'kontor_ci' });
    expect(heard).toEqual([]);
  });

  it('after its connection is dropped, the listener connects again, says every area may have changed, and hears the next commit', async () => {
    const terminated = withSuperuser(url, (db) =>
      db
        .prepare(
          "SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity WHERE application_name = 'kontor-changes' AND datname = current_database()",
        )
        .get(),
    );
    expect(terminated).toEqual({ n: 1 });
    const resync = await next();
    expect(resync.by).toBeNull();
    expect(resync.areas).toContain('orders');
    expect(resync.areas).toContain('entries');
    expect(listener.reconnects).toBe(1);
    expect(listener.listening).toBe(true);
    setting(writer, 'notify.c');
    expect(await next()).toEqual({ areas: ['settings'], by: 'kontor_ci' });
  });
});

describe.skipIf(!onTeamLedger)('two workstations: what one person commits becomes an event in the other’s Kontor', () => {
  let dir: string;
  let anna: ServiceContext;
  let bernd: ServiceContext;
  let listener: ChangeListener | null;
  const events: unknown[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kontor-notify-'));
    const url = freshTeamLedger(ANNA);
    withSuperuser(url, (db) => {
      createLogin(db, ANNA, 'pw-anna-1');
      createLogin(db, BERND, 'pw-bernd-1');
    });
    const clock = fixedClock('2026-11-23T08:00:00Z');
    anna = createContext({ dataDir: join(dir, 'a'), host: 'browser', clock, secretStore: memorySecretStore(), databaseUrl: asLogin(url, ANNA, 'pw-anna-1') });
    await ok(anna, 'users.grant', { user: BERND, role: 'preparer' });
    bernd = createContext({
      dataDir: join(dir, 'b'),
      host: 'browser',
      clock,
      secretStore: memorySecretStore(),
      databaseUrl: asLogin(url, BERND, 'pw-bernd-1'),
    });
    anna.events.listen((name, payload) => events.push({ name, payload }));
    listener = startLedgerChanges(anna);
    await listener?.ready;
  });
  afterAll(async () => {
    await listener?.stop();
    anna?.close();
    bernd?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('Bernd enters a supplier; Anna’s process emits ledger.changed naming the parties and Bernd, and nothing for her own entry', async () => {
    expect(listener).not.toBeNull();
    await ok(anna, 'accounts.create', { kind: 'supplier', number: 'L-A', name: 'Druckerei Anna' });
    await ok(bernd, 'accounts.create', { kind: 'supplier', number: 'L-B', name: 'Papier Müller AG' });
    const event = await waitFor('Bernd’s change as an event', () => events.shift());
    expect(event).toEqual({ name: 'ledger.changed', payload: { areas: ['parties'], by: BERND } });
    expect(events).toEqual([]);
  });

  it('a ledger file has no listener', () => {
    const file = createContext({ dataDir: join(dir, 'file'), host: 'browser', databaseUrl: '', secretStore: memorySecretStore() });
    try {
      expect(startLedgerChanges(file)).toBeNull();
    } finally {
      file.close();
    }
  });
});
