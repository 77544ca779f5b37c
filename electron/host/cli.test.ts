import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { latestVersion } from '../ledger/migrate';
import { formatHashForLetter, publicKeyHash } from '../ebics/crypto/hashes';
import { selfSignedCertificate } from '../ebics/crypto/keys';
import { runCli } from './cli';
import { testClock } from '../../test/support/clock';
import { waitFor } from '../../test/support/wait';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('kontor CLI', () => {
  it('status reports a data folder whose ledger does not exist yet, without creating it', async () => {
    const r = await cli('--data-dir', dir, 'status', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report).toMatchObject({ dataDir: dir, databaseFile: join(dir, 'ledger.sqlite'), databaseExists: false, schemaVersion: null });
    expect(report.keychain.backend).toBe('Secret Service (libsecret)');
    expect(spawnSync('test', ['-e', join(dir, 'ledger.sqlite')]).status).not.toBe(0);
  });

  it('db migrate creates the ledger, is idempotent, and status then shows the schema version', async () => {
    const first = await cli('db', 'migrate', '--data-dir', dir);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(new RegExp(`from schema version 0 to ${latestVersion()}`));
    const again = await cli('db', 'migrate', '--data-dir', dir);
    expect(again.out).toMatch(/already at schema version/);
    const status = await cli('status', `--data-dir=${dir}`);
    expect(status.out).toMatch(new RegExp(`Schema version:\\s+${latestVersion()} of ${latestVersion()} \\(current\\)`));
    expect(status.out).toContain(join(dir, 'ledger.sqlite'));
  });

  it('db migrate refuses a ledger from a newer Kontor with exit code 1 and a clear message', async () => {
    const db = new BetterSqlite3(join(dir, 'ledger.sqlite'));
    db.pragma(`user_version = ${latestVersion() + 5}`);
    db.close();
    const r = await cli('db', 'migrate', '--data-dir', dir);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/newer version of Kontor/);
  });

  it('answers an unknown command with usage and exit code 2', async () => {
    const r = await cli('pay', 'everything');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown command/);
  });

  it('runs as the packaged `kontor` command', () => {
    const out = execFileSync(process.execPath, ['electron/host/kontor.mjs', 'status', '--json', '--data-dir', dir], { encoding: 'utf8' });
    expect(JSON.parse(out)).toMatchObject({ dataDir: dir, latestSchemaVersion: latestVersion() });
  });
});

describe('the packaged `kontor` command in a terminal', () => {
  const kontor = join(import.meta.dirname, 'kontor.mjs');
  const repo = join(import.meta.dirname, '../..');

  /** Runs kontor with the reading end of stdout or stderr already closed, as `kontor … | head` ends up. */
  async function withClosedPipe(which: 'stdout' | 'stderr', ...argv: string[]) {
    const child = spawn(process.execPath, [kontor, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    child[which].destroy();
    let other = '';
    child[which === 'stdout' ? 'stderr' : 'stdout'].on('data', (d: Buffer) => (other += d.toString()));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    return { code, other };
  }

  it('ends quietly with its own exit code when the reader of its output has gone', async () => {
    const help = await withClosedPipe('stdout', 'help');
    expect(help.other).toBe('');
    expect(help.code).toBe(0);
    const unknown = await withClosedPipe('stderr', 'pay', 'everything');
    expect(unknown.other).toBe('');
    expect(unknown.code).toBe(2);
  });

  function publicKeyFile(folder: string): string {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(join(folder, 'bank.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    return formatHashForLetter(publicKeyHash(publicKey));
  }

  it('under `npm run kontor` reads and writes relative paths in the folder the user ran it in', () => {
    const hash = publicKeyFile(dir);
    // What npm run does: the repository as working directory, the user's folder in INIT_CWD.
    const env = { ...process.env, npm_lifecycle_event: 'kontor', INIT_CWD: dir };
    const run = (...argv: string[]) => execFileSync(process.execPath, [kontor, ...argv], { cwd: repo, env, encoding: 'utf8' });
    run('db', 'migrate', '--data-dir', 'data');
    expect(existsSync(join(dir, 'data', 'ledger.sqlite'))).toBe(true);
    expect(JSON.parse(run('status', '--json', '--data-dir', 'data'))).toMatchObject({ dataDir: join(dir, 'data'), schemaVersion: latestVersion() });
    expect(run('ebics', 'key-hash', 'bank.pem').trim()).toBe(hash);
    expect(existsSync(join(repo, 'data', 'ledger.sqlite'))).toBe(false);
  });

  it('elsewhere reads relative paths in its working directory, whatever INIT_CWD an outer npm script left', () => {
    const hash = publicKeyFile(dir);
    const elsewhere = mkdtempSync(join(tmpdir(), 'kontor-cli-elsewhere-'));
    try {
      const env = { ...process.env, npm_lifecycle_event: 'test', INIT_CWD: elsewhere };
      const out = execFileSync(process.execPath, [kontor, 'ebics', 'key-hash', 'bank.pem'], { cwd: dir, env, encoding: 'utf8' });
      expect(out.trim()).toBe(hash);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('kontor ebics hashes', () => {
  const shared = join(import.meta.dirname, '../../../shared/kat/a1-pubkey-hash-ebics-client-php');
  const haveShared = existsSync(shared);
  if (!haveShared) console.warn('Skipping the known-answer CLI hash test: ../shared/kat is not beside the repository.');

  it.skipIf(!haveShared)('key-hash prints the known H004 hash of a public key as the letter shows it', async () => {
    const expected = JSON.parse(readFileSync(join(shared, 'expected.json'), 'utf8')) as { sha256HexUpper: string; sha256Base64: string };
    const r = await cli('ebics', 'key-hash', join(shared, 'public.pem'));
    expect(r.code).toBe(0);
    expect(r.out).toBe(expected.sha256HexUpper.match(/../g)!.join(' '));
    const json = JSON.parse((await cli('ebics', 'key-hash', join(shared, 'public.pem'), '--json')).out);
    expect(json.base64).toBe(expected.sha256Base64);
  });

  it('cert-hash prints SHA-256 of the DER certificate, and key-hash reads the key inside it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const der = selfSignedCertificate(
      { privateKey, publicKey },
      { commonName: 'Kontor Test', notBefore: new Date('2026-01-01'), notAfter: new Date('2027-01-01') },
    );
    const pem = `-----BEGIN CERTIFICATE-----\n${der
      .toString('base64')
      .match(/.{1,64}/g)!
      .join('\n')}\n-----END CERTIFICATE-----\n`;
    const file = join(dir, 'cert.pem');
    writeFileSync(file, pem);
    const cert = await cli('ebics', 'cert-hash', file);
    expect(cert.out).toBe(createHash('sha256').update(der).digest('hex').toUpperCase().match(/../g)!.join(' '));
    const key = await cli('ebics', 'key-hash', file);
    expect(key.out).toBe(formatHashForLetter(publicKeyHash(publicKey)));
    expect(key.out).not.toBe(cert.out);
  });

  it('explains a file that holds no key', async () => {
    const file = join(dir, 'note.pem');
    writeFileSync(file, 'not a key');
    const r = await cli('ebics', 'key-hash', file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/does not contain an RSA public key/);
    expect((await cli('ebics', 'cert-hash', join(dir, 'missing.pem'))).err).toMatch(/could not be read/);
  });
});

describe('kontor demo-bank', () => {
  it('provisions a subscriber, prints its letter, activates it after INI/HIA and runs the bank until stopped', async () => {
    const bankDir = join(dir, 'bank');
    const added = await cli('demo-bank', 'add-subscriber', '--partner', 'ACME01', '--user', 'ANNA', '--accounts', '3', '--data-dir', bankDir);
    expect(added.code).toBe(0);
    expect(added.out).toMatch(/KONTORDEMO/);
    expect(added.out).toMatch(/ACME01/);
    expect(added.out.match(/DE\d{2}( ?\d{4}){4} ?\d{2}/g)?.length).toBe(3);
    const refused = await cli('demo-bank', 'activate', 'ACME01', 'ANNA', '--data-dir', bankDir);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/INI|HIA/);

    let stop!: () => void;
    const stopped = new Promise<void>((r) => (stop = r));
    const lines: string[] = [];
    const running = runCli(
      ['demo-bank', 'start', '--port', '0', '--data-dir', bankDir],
      { out: (l) => lines.push(l), err: (l) => lines.push(l) },
      () => stopped,
      testClock,
    );
    await waitFor('the demo bank to say it runs', () => (lines.some((l) => l.includes('Demo bank running')) ? true : undefined));
    const url = lines.join('\n').match(/http:\/\/127\.0\.0\.1:\d+\/ebicsweb/)?.[0];
    expect(url).toBeDefined();
    const hev = await fetch(url!, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<?xml version="1.0"?><ebicsHEVRequest xmlns="http://www.ebics.org/H000"><HostID>KONTORDEMO</HostID></ebicsHEVRequest>',
    });
    expect(await hev.text()).toMatch(/H004[\s\S]*H005|02\.50[\s\S]*03\.00/);
    stop();
    expect(await running).toBe(0);
  });

  it('refuses a command without its options with usage help', async () => {
    const r = await cli('demo-bank', 'add-subscriber', '--data-dir', join(dir, 'bank'));
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/--partner is required/);
    expect((await cli('demo-bank', 'fly')).code).toBe(2);
  });
});

describe('kontor demo-bank activate --out', () => {
  it('writes the confirmation letter as a PDF carrying the bank key hashes it prints', async () => {
    const { startDemoBank } = await import('../demo-bank');
    const { clientFor, makeSubscriberKeys, tempLedger } = await import('../../test/support/demo-bank');
    // --data-dir is Kontor's data folder; the bank keeps its files in <data folder>/demo-bank.
    const bank = await startDemoBank({ dataDir: join(dir, 'demo-bank'), clock: testClock, log: () => undefined });
    const ledger = tempLedger(dir);
    const client = clientFor({ bank, version: 'H004', keys: await makeSubscriberKeys('H004'), ledger });
    await client.sendIni();
    await client.sendHia();
    await bank.close();
    ledger.close();

    const pdf = join(dir, 'confirmation.pdf');
    const r = await cli('demo-bank', 'activate', 'KONTOR01', 'USER01', '--out', pdf, '--data-dir', dir);
    expect(r.code).toBe(0);
    const hashes = r.out.match(/([0-9A-F]{2} ){31}[0-9A-F]{2}/g) ?? [];
    expect(hashes.length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    if (spawnSync('pdftotext', ['-v']).error === undefined) {
      const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
      // Long lines wrap between pairs; compare without the layout's white space.
      for (const h of hashes) expect(text.replace(/\s+/g, '')).toContain(h.replace(/ /g, ''));
    }
  });
});
