/** `kontor bank …` against the demo bank, with the real OS keychain (as an administrator would use it). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank';
import { probeKeychain } from '../vault/keychain';
import { runCli } from './cli';
import { TEST_TODAY, testClock } from '../../test/support/clock';

const probe = probeKeychain(process.env.KONTOR_KEYCHAIN_SERVICE);
const required = Boolean(process.env.CI);
if (!probe.available && !required) console.warn(`Skipping the kontor bank CLI test: ${probe.backend} is not available (${probe.reason}).`);

let dir: string;
let bank: DemoBank;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-bank-cli-'));
  bank = await startDemoBank({ dataDir: join(dir, 'bank'), clock: testClock, log: () => undefined });
});
afterAll(async () => {
  await bank.close();
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli([...argv, '--data-dir', join(dir, 'kontor')], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor bank', () => {
  it.runIf(!probe.available && required)('has the OS keychain CI promises', () => {
    expect.fail(`${probe.backend} is not available`);
  });

  it.skipIf(!probe.available)('sets up an access from the letter data to trusted bank keys, refusing wrong hashes', async () => {
    const added = await cli('bank', 'add', '--name', 'Demo', '--host-url', bank.url, '--host-id', 'KONTORDEMO', '--partner', 'KONTOR01', '--user', 'USER01', '--version', '2.5', '--demo', '--json');
    expect(added.code).toBe(0);
    const id = String(JSON.parse(added.out).id);

    const init = await cli('bank', 'init', id);
    expect(init.code).toBe(0);
    expect(init.out).toMatch(/State:\s+hia_sent/);
    // The keys carry the date of the clock the CLI was given.
    expect(init.out).toContain(`created ${TEST_TODAY}, expires`);

    const pdf = join(dir, 'letter.pdf');
    expect((await cli('bank', 'letter', id, '--out', pdf, '--lang', 'en')).code).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      expect(spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout).toMatch(/KONTOR01/);
    }

    const early = await cli('bank', 'fetch-keys', id);
    expect(early.code).toBe(1);
    bank.activate('KONTOR01', 'USER01');
    const fetched = await cli('bank', 'fetch-keys', id);
    expect(fetched.code).toBe(0);
    const auth = /Bank key X002:\s+([0-9A-F ]+)/.exec(fetched.out)?.[1]?.trim();
    const enc = /Bank key E002:\s+([0-9A-F ]+)/.exec(fetched.out)?.[1]?.trim();
    expect(auth).toMatch(/^([0-9A-F]{2} ){31}[0-9A-F]{2}$/);
    expect(fetched.out).toMatch(/NOT trusted yet/);

    const wrong = await cli('bank', 'accept-keys', id, '--hash', auth!, '--hash', auth!);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/does not match/);
    expect((await cli('bank', 'status', id)).out).toMatch(/State:\s+bank_keys_fetched/);

    const ok = await cli('bank', 'accept-keys', id, '--hash', auth!.toLowerCase(), '--hash', enc!);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/State:\s+ready/);
    expect((await cli('bank', 'list')).out).toMatch(new RegExp(`${id}\\s+ready\\s+H004\\s+KONTOR01/USER01`));
  });
});
