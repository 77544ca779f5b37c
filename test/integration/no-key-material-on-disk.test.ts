/**
 * After keys are stored, nothing in the data folder (ledger, WAL, backups)
 * may contain private key material in any encoding. Uses the real OS keychain.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createContext } from '../../electron/services/context';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { probeKeychain } from '../../electron/vault/keychain';
import { privateKeysOf, testBundle } from '../../electron/vault/test-bundle';
import { createVault } from '../../electron/vault/vault';
import { ok } from './helpers';
import { testClock } from '../support/clock';

const service = `Kontor-test-${randomBytes(6).toString('hex')}`;
const probe = probeKeychain(service);
const required = Boolean(process.env.CI);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('private keys on disk', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available: ${probe.available ? '' : probe.reason}`);
  });

  it.skipIf(!probe.available)('leaves no private key material in any file of the data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kontor-keys-'));
    const ctx = createContext({ dataDir, host: 'cli', clock: testClock, keychainService: service });
    const vault = createVault(ctx.secrets());
    afterAll(() => {
      vault.remove('1');
      rmSync(dataDir, { recursive: true, force: true });
    });

    const entity = await ok(ctx, 'entities.create', { name: 'Muster GmbH' });
    await ok(ctx, 'bankAccounts.create', { entityId: entity.id, name: 'Hausbank', iban: 'DE89370400440532013000' });
    const bundle = testBundle('1');
    vault.save('1', bundle);
    expect(vault.load('1')).toEqual(bundle);
    await ok(ctx, 'ledger.backup', {});
    ctx.close();

    const needles: Buffer[] = [Buffer.from('PRIVATE KEY')];
    for (const b64 of privateKeysOf(bundle)) {
      const der = Buffer.from(b64, 'base64');
      // Any 48-byte window of the key would be a leak; three spread-out ones make a cheap, sensitive probe.
      for (const at of [0, Math.floor(der.length / 2), der.length - 48]) {
        const slice = der.subarray(at, at + 48);
        needles.push(slice, Buffer.from(slice.toString('hex')), Buffer.from(slice.toString('hex').toUpperCase()));
      }
      needles.push(Buffer.from(b64.slice(100, 164)));
    }
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('ledger.sqlite'))).toBe(true);
    for (const file of files) {
      const content = readFileSync(file);
      for (const needle of needles) expect(content.includes(needle), `${file} contains key material`).toBe(false);
    }
  });
});
