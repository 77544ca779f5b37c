/** `kontor bank …` against the demo bank, with the real OS keychain (as an administrator would use it). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank';
import { databaseFileIn } from '../services/data-dir';
import { probeKeychain } from '../vault/keychain';
import { parseArgs } from './args';
import { bankCommand } from './bank-cli';
import { runCli } from './cli';
import type { Terminal } from './terminal';
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

/** The access the first test sets up; the later ones build on it. */
let readyId = '';

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
    const added = await cli(
      'bank',
      'add',
      '--name',
      'Demo',
      '--host-url',
      bank.url,
      '--host-id',
      'KONTORDEMO',
      '--partner',
      'KONTOR01',
      '--user',
      'USER01',
      '--version',
      '2.5',
      '--demo',
      '--json',
    );
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
    readyId = id;
  });

  /** A person at a terminal, typing the given lines in turn (passwords without echo, answers with). */
  function person(secrets: string[], answers: string[]): Terminal & { questions: string[] } {
    const questions: string[] = [];
    const next = (queue: string[], question: string) => {
      questions.push(question);
      const line = queue.shift();
      if (line === undefined) throw new Error(`Nobody answers: ${question}`);
      return Promise.resolve(line);
    };
    return { interactive: true, questions, askSecret: (q) => next(secrets, q), ask: (q) => next(answers, q) };
  }

  async function typed(terminal: Terminal, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await bankCommand(
      parseArgs(argv, new Set(['json'])),
      { out: (l) => out.push(l), err: (l) => err.push(l) },
      join(dir, 'kontor'),
      testClock,
      terminal,
    ).catch((e: Error) => {
      err.push(e.message);
      return 1;
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  const confirmations = () => {
    const db = new BetterSqlite3(databaseFileIn(join(dir, 'kontor')), { readonly: true });
    try {
      return (
        db.prepare("SELECT action, details FROM audit_log WHERE action LIKE 'confirmation.%' ORDER BY id").all() as Array<{ action: string; details: string }>
      ).map((r) => {
        const d = JSON.parse(r.details) as { call: string; reason?: string };
        return `${r.action} ${d.call}${d.reason ? ` ${d.reason}` : ''}`;
      });
    } finally {
      db.close();
    }
  };

  it.skipIf(!probe.available)(
    'refuses to export keys when standard input is not a terminal, and says so on the record',
    () => {
      expect(readyId).not.toBe('');
      const out = join(dir, 'piped.kontor-keys');
      const r = spawnSync(
        process.execPath,
        ['node_modules/tsx/dist/cli.mjs', 'electron/host/cli-main.ts', 'bank', 'export-keys', readyId, '--out', out, '--data-dir', join(dir, 'kontor')],
        {
          cwd: resolve(import.meta.dirname, '../..'),
          input: 'correct horse battery staple\ncorrect horse battery staple\nyes\n',
          encoding: 'utf8',
        },
      );
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/not a terminal/);
      expect(existsSync(out)).toBe(false);
      expect(confirmations()).toEqual(['confirmation.refused bankAccess.exportKeys noTerminal']);
    },
    90_000,
  );

  it.skipIf(!probe.available)('exports, imports, suspends and starts over only after a "yes" typed at the terminal', async () => {
    const password = 'correct horse battery staple';
    const file = join(dir, 'keys.kontor-keys');
    const no = person([password, password], ['no']);
    const cancelled = await typed(no, 'bank', 'export-keys', readyId, '--out', file);
    expect(cancelled).toMatchObject({ code: 1 });
    expect(cancelled.err).toMatch(/cancelled/);
    expect(no.questions.at(-1)).toMatch(/Export the private keys of “Demo” \(partner KONTOR01, user USER01\)/);
    expect(existsSync(file)).toBe(false);

    expect((await typed(person([password, password], ['yes']), 'bank', 'export-keys', readyId, '--out', file)).code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A key file is never overwritten.
    expect((await typed(person([password, password], ['yes']), 'bank', 'export-keys', readyId, '--out', file)).err).toMatch(/exists already/);

    // A wrong password is refused before the question.
    const wrong = person(['not the password'], []);
    expect((await typed(wrong, 'bank', 'import-keys', readyId, '--file', file)).err).toMatch(/password is wrong/);
    expect((await typed(person([password], ['yes']), 'bank', 'import-keys', readyId, '--file', file)).code).toBe(0);

    const suspended = await typed(person([], ['yes']), 'bank', 'suspend', readyId);
    expect(suspended.out).toMatch(/State:\s+suspended/);
    const again = await typed(person([], ['ja']), 'bank', 'reinitialise', readyId);
    expect(again.out).toMatch(/State:\s+new/);

    expect(confirmations()).toEqual([
      'confirmation.refused bankAccess.exportKeys noTerminal',
      'confirmation.cancelled bankAccess.exportKeys',
      'confirmation.confirmed bankAccess.exportKeys',
      'confirmation.confirmed bankAccess.importKeys',
      'confirmation.confirmed bankAccess.suspend',
      'confirmation.confirmed bankAccess.reinitialise',
    ]);
  });
});
