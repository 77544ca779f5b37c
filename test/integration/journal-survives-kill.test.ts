/**
 * The transaction journal is written before each request leaves: a Kontor
 * process killed in the middle of an upload leaves a record that says how far
 * it got, so the order can be recovered or checked instead of sent again.
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { makeSubscriberKeys, readySubscriber, tempDir } from '../support/demo-bank';
import { toKeySet } from '../../electron/services/bank-access/key-store';
import { testClock } from '../support/clock';
import { waitFor } from '../support/wait';

const repo = resolve(import.meta.dirname, '../..');
const dir = tempDir('kontor-kill-');
let bank: DemoBank | undefined;
afterAll(async () => {
  await bank?.close();
  dir.remove();
});

describe('transaction journal', () => {
  it.each(['H004', 'H005'] as const)('shows how far a killed %s upload got, with the bank holding no order', async (version) => {
    bank = await startDemoBank({ dataDir: join(dir.path, `bank-${version}`), clock: testClock });
    const ledgerFile = join(dir.path, `ledger-${version}.sqlite`);
    const setup = await readySubscriber(
      bank,
      version,
      new BetterSqlite3(join(dir.path, `setup-${version}.sqlite`)),
      {},
      { keys: await makeSubscriberKeys(version) },
    );
    // The second segment's answer never comes: the process is killed while waiting for it.
    bank.faults.set('upload-transfer', 'delay', { ms: 60_000 });

    const payload = randomBytes(250_000);
    const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(import.meta.dirname, 'fixtures/upload-child.ts')], {
      cwd: repo,
      env: { ...process.env, VERSION: version, BANK_URL: bank.url, LEDGER: ledgerFile },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const pem = (k: { export(o: object): string | Buffer }) => k.export({ type: 'spki', format: 'pem' }).toString();
    child.stdin.end(
      JSON.stringify({
        payload: payload.toString('base64'),
        keySet: toKeySet({ keys: setup.keys, createdAt: '2026-11-21T00:00:00.000Z', expiresAt: '2027-11-21T00:00:00.000Z' }),
        bank: {
          authentication: pem(setup.bankKeys.authentication),
          encryption: pem(setup.bankKeys.encryption),
          authenticationDigest: setup.bankKeys.authenticationDigest.toString('hex'),
          encryptionDigest: setup.bankKeys.encryptionDigest.toString('hex'),
        },
      }),
    );

    await waitFor('the child to create its ledger', () => (existsSync(ledgerFile) ? true : undefined));
    const read = new BetterSqlite3(ledgerFile, { readonly: true });
    try {
      await waitFor('the first transfer step to be recorded', () => {
        try {
          return read.prepare("SELECT id FROM ebics_transfer_step WHERE phase = 'transfer'").get() as { id: number } | undefined;
        } catch {
          return undefined;
        }
      });
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      expect(stderr).not.toMatch(/Error/);

      const transfer = read.prepare('SELECT * FROM ebics_transfer').get() as Record<string, unknown>;
      expect(transfer).toMatchObject({ direction: 'upload', state: 'in_progress', phase: 'transfer', num_segments: 4, segments_done: 0 });
      expect(transfer.transaction_id).toMatch(/^[0-9A-F]{32}$/);
      expect(transfer.data_sha256).toBe(createHash('sha256').update(payload).digest('hex'));
      const steps = read.prepare('SELECT phase, segment_number AS segment, state FROM ebics_transfer_step ORDER BY id').all();
      expect(steps).toEqual([
        { phase: 'initialisation', segment: null, state: 'answered' },
        { phase: 'transfer', segment: 1, state: 'sending' },
      ]);
      const orders = bank.store.db.prepare('SELECT count(*) AS n FROM bank_order').get() as { n: number };
      expect(orders.n).toBe(0);
    } finally {
      read.close();
      child.kill('SIGKILL');
      await bank.close();
      bank = undefined;
    }
  });
});
