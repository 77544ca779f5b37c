import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';
import { shiftedClock, startedClock, type Clock } from '../../shared/dates';
import { TEST_NOW } from '../support/clock';

const repoRoot = resolve(import.meta.dirname, '../..');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/;

/** The real browser host, as `npm start` runs it, on a fresh data folder. */
export interface KontorHost {
  /** The address Kontor printed, token included (a new one after each restart). */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly token: string;
  readonly dataDir: string;
  /** What the running host printed on its terminal so far (its confirmation codes, for one). */
  readonly output: string;
  /**
   * Kontor's clock (and its demo bank's) as the test sees it: every host
   * starts at a fixed instant (KONTOR_CLOCK_START, default TEST_NOW) and runs
   * on from there, so each spec knows its date; a restart days later moves it.
   */
  readonly clock: Clock;
  /** Calls the API as a script would: with the token header, no cookie. */
  invoke(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /**
   * Stops the process and starts it again on the SAME data folder, as a user
   * closing Kontor and opening it days later. The demo bank keeps its state
   * under `<data>/demo-bank` and its port, so accesses set up against it still reach it.
   * `daysLater` starts it with its clock (and the demo bank's) that many days ahead of the fixed start;
   * `user` starts it as another person (KONTOR_TEST_USER: who acts, as a second workstation's login would be).
   */
  restart(options?: { daysLater?: number; user?: string }): Promise<void>;
  stop(): Promise<void>;
}

interface Running {
  child: ChildProcessWithoutNullStreams;
  exited: Promise<void>;
  url: string;
  origin: string;
  token: string;
  output: () => string;
}

async function spawnHost(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'electron/host/serve.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: repoRoot, env: { ...process.env, KONTOR_HOST_TOKEN: '', ...env } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));

  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const match = await new Promise<RegExpExecArray>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`Kontor did not print its address within 30 s.\n${stdout}\n${stderr}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = URL_LINE.exec(stdout);
      if (m) {
        clearTimeout(timer);
        found(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`Kontor exited (${code}) before printing its address.\n${stdout}\n${stderr}`));
    });
  });
  return { child, exited, url: match[0], origin: match[1]!, token: match[2]!, output: () => stdout };
}

async function stopProcess(r: Running): Promise<void> {
  if (r.child.exitCode === null && r.child.signalCode === null) {
    r.child.kill('SIGTERM');
    const killer = setTimeout(() => r.child.kill('SIGKILL'), 5_000);
    await r.exited;
    clearTimeout(killer);
  }
}

/** `env`: more environment for the host process, e.g. KONTOR_DATABASE_URL for a team ledger (who acts is then its login). */
export async function startKontorHost(options: { start?: string; user?: string; env?: NodeJS.ProcessEnv } = {}): Promise<KontorHost> {
  const start = options.start ?? TEST_NOW;
  let user = options.user ?? '';
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
  // Started together with the process, so the test's view stays within the start-up time of the host's.
  let clock = startedClock(start);
  const extra = options.env ?? {};
  let running = await spawnHost(dataDir, { ...extra, KONTOR_CLOCK_START: start, KONTOR_CLOCK_OFFSET_DAYS: '0', KONTOR_TEST_USER: user });

  const invoke: KontorHost['invoke'] = async (name, input) => {
    const res = await fetch(`${running.origin}/api/invoke/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kontor-Token': running.token },
      body: JSON.stringify(input),
    });
    return (await res.json()) as Awaited<ReturnType<KontorHost['invoke']>>;
  };

  return {
    get url() {
      return running.url;
    },
    get origin() {
      return running.origin;
    },
    get token() {
      return running.token;
    },
    get output() {
      return running.output();
    },
    get clock() {
      return clock;
    },
    dataDir,
    invoke,
    async restart(options = {}) {
      // Keep the demo bank on its port (it prefers a fixed one, but falls back to any when that is taken).
      const status = await invoke('demoBank.status', {});
      const bankUrl = (status.value as { running: boolean; url?: string } | undefined)?.url;
      const port = bankUrl ? new URL(bankUrl).port : '';
      await stopProcess(running);
      clock = shiftedClock(startedClock(start), options.daysLater ?? 0);
      user = options.user ?? user;
      running = await spawnHost(dataDir, {
        ...extra,
        KONTOR_CLOCK_START: start,
        KONTOR_TEST_USER: user,
        KONTOR_CLOCK_OFFSET_DAYS: String(options.daysLater ?? 0),
        ...(port ? { KONTOR_DEMO_BANK_PORT: port } : {}),
      });
    },
    async stop() {
      await stopProcess(running);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One host per test file (or per describe block, when called inside one):
 * started before the first test, stopped after the last. Tests in the file
 * share the data folder, so they build on each other only where they say so.
 */
export function useKontorHost(): () => KontorHost {
  let host: KontorHost | undefined;
  test.beforeAll(async () => {
    host = await startKontorHost();
  });
  test.afterAll(async () => {
    await host?.stop();
    host = undefined;
  });
  return () => {
    if (!host) throw new Error('The Kontor host is not running (used outside a test?).');
    return host;
  };
}
