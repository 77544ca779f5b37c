/**
 * Against the real OS keychain. On Linux that needs an unlocked Secret Service;
 * see the README's test section for the dbus-run-session / gnome-keyring line.
 * CI promises a keychain, so there a missing one fails instead of skipping.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { exportKeyFile, importKeyFile } from './key-file';
import { openKeychain, probeKeychain } from './keychain';
import { testBundle } from './test-bundle';
import { accountFor, createVault } from './vault';

const service = `Kontor-test-${randomBytes(6).toString('hex')}`;
const probe = probeKeychain(service);
const required = Boolean(process.env['CI']);

if (!probe.available && !required) {
  console.warn(
    `Skipping OS keychain tests: ${probe.backend} is not available (${probe.reason}). ` +
      'On Linux run them inside dbus-run-session with an unlocked gnome-keyring.',
  );
}

describe(`OS keychain (${probe.backend})`, () => {
  it.runIf(!probe.available && required)('is available, as CI promises', () => {
    expect.fail(`${probe.backend} is not available: ${probe.available ? '' : probe.reason}`);
  });

  describe.skipIf(!probe.available)('with the keychain', () => {
    const store = openKeychain(service);
    const used = new Set<string>();
    const account = (name: string) => {
      used.add(name);
      return name;
    };

    afterAll(() => {
      for (const name of used) store.delete(name);
    });

    it('stores, reads back and deletes a secret', () => {
      const name = account('plain');
      expect(store.get(name)).toBeNull();
      store.set(name, 'geheim – ünïcödé');
      expect(store.get(name)).toBe('geheim – ünïcödé');
      store.set(name, 'replaced');
      expect(store.get(name)).toBe('replaced');
      expect(store.delete(name)).toBe(true);
      expect(store.delete(name)).toBe(false);
      expect(store.get(name)).toBeNull();
    });

    it('keeps services apart', () => {
      const name = account('shared-name');
      store.set(name, 'ours');
      expect(openKeychain(`${service}-other`).get(name)).toBeNull();
    });

    it('round-trips a key bundle through the vault', () => {
      const id = 'ba-roundtrip';
      account(accountFor(id));
      const vault = createVault(store);
      const bundle = testBundle(id);
      vault.save(id, bundle);
      expect(createVault(openKeychain(service)).load(id)).toEqual(bundle);
      expect(vault.remove(id)).toBe(true);
      expect(vault.has(id)).toBe(false);
    });

    it('moves keys through a key file: export, delete, import, save again', async () => {
      const id = 'ba-move';
      account(accountFor(id));
      const vault = createVault(store);
      const original = testBundle(id);
      vault.save(id, original);

      const file = await exportKeyFile(vault.load(id)!, 'a long enough password', { scryptN: 2 ** 12 });
      expect(vault.remove(id)).toBe(true);
      expect(vault.load(id)).toBeNull();

      vault.save(id, await importKeyFile(file, 'a long enough password'));
      expect(vault.load(id)).toEqual(original);
    });
  });

  // Proves there is no silent fallback (the library's own is the kernel keyring,
  // which forgets everything at reboot). A child process, because libdbus reads
  // the session bus address once per process.
  it.runIf(process.platform === 'linux')('fails with vault.unavailable when no Secret Service answers', () => {
    const keychain = new URL('./keychain.ts', import.meta.url).href;
    const script = `
      import { openKeychain, probeKeychain } from ${JSON.stringify(keychain)};
      const store = openKeychain(${JSON.stringify(service)});
      const outcome = (call) => { try { return { returned: call() }; } catch (e) { return { code: e.code }; } };
      console.log(JSON.stringify({
        probe: probeKeychain(${JSON.stringify(service)}).available,
        get: outcome(() => store.get('x')),
        set: outcome(() => store.set('x', 'y')),
        delete: outcome(() => store.delete('x')),
      }));`;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/kontor-test-bus' },
      encoding: 'utf8',
    });
    const unavailable = { code: 'vault.unavailable' };
    expect(JSON.parse(output)).toEqual({ probe: false, get: unavailable, set: unavailable, delete: unavailable });
  });
});
