import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BANK_PORT } from '../demo-bank/admin';
import { BANK_DB_FILE } from '../demo-bank/store/database';
import { testClock } from '../../test/support/clock';
import { waitFor } from '../../test/support/wait';
import { runCli } from './cli';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-demo-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, testClock);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** `kontor demo-bank start --port 0` in this process; resolves with its address and a way to stop it. */
async function startBank(dataDir: string): Promise<{ url: string; stop: () => Promise<number> }> {
  let stop!: () => void;
  const stopped = new Promise<void>((r) => (stop = r));
  const lines: string[] = [];
  const running = runCli(
    ['demo-bank', 'start', '--port', '0', '--data-dir', dataDir],
    { out: (l) => lines.push(l), err: (l) => lines.push(l) },
    () => stopped,
    testClock,
  );
  const url = await waitFor(
    'the demo bank to say where it runs',
    () => /Demo bank running at (http:\/\/127\.0\.0\.1:\d+\/ebicsweb)/.exec(lines.join('\n'))?.[1],
  );
  return {
    url,
    stop: () => {
      stop();
      return running;
    },
  };
}

describe('kontor demo-bank add-subscriber', () => {
  it('names the address of the bank running on the data folder, not the preferred port', async () => {
    const bank = await startBank(dir);
    expect(bank.url).not.toBe(`http://127.0.0.1:${DEMO_BANK_PORT}/ebicsweb`);
    try {
      const r = await cli('demo-bank', 'add-subscriber', '--partner', 'ACME01', '--user', 'ANNA', '--data-dir', dir);
      expect(r.code).toBe(0);
      expect(r.out).toContain(`Host URL:        ${bank.url}`);
      expect(r.err).toBe('');
      const json = await cli('demo-bank', 'add-subscriber', '--partner', 'ACME01', '--user', 'BERT', '--data-dir', dir, '--json');
      expect(JSON.parse(json.out)).toMatchObject({ url: bank.url, running: true });
    } finally {
      expect(await bank.stop()).toBe(0);
    }
  });

  it('names the given --port, and says so when no bank runs there', async () => {
    const r = await cli('demo-bank', 'add-subscriber', '--partner', 'ACME01', '--user', 'ANNA', '--port', '18999', '--data-dir', dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('http://127.0.0.1:18999/ebicsweb');
    expect(r.err).toMatch(/No demo bank runs .* kontor demo-bank start --port 18999/s);
  });

  it('forgets the address of a bank that has stopped', async () => {
    const bank = await startBank(dir);
    await bank.stop();
    const r = await cli('demo-bank', 'add-subscriber', '--partner', 'ACME02', '--user', 'ANNA', '--data-dir', dir);
    expect(r.out).toContain(`http://127.0.0.1:${DEMO_BANK_PORT}/ebicsweb`);
    expect(r.out).not.toContain(bank.url);
  });

  it('keeps the bank’s files in <data folder>/demo-bank, where README.md says and the window keeps them', async () => {
    const r = await cli('--data-dir', dir, 'demo-bank', 'add-subscriber', '--partner', 'ACME01', '--user', 'ANNA');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'demo-bank', BANK_DB_FILE))).toBe(true);
    expect(existsSync(join(dir, BANK_DB_FILE))).toBe(false);
  });

  it('lists --port in its help', async () => {
    const help = (await cli('help')).out;
    const line = help.split('\n').find((l) => l.includes('demo-bank add-subscriber'));
    expect(line).toContain('--port');
  });
});
