import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test } from '@playwright/test';

const repoRoot = resolve(import.meta.dirname, '../..');
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]+)/;

/** The real browser host, as `npm start` runs it, on a fresh data folder. */
export interface KontorHost {
  /** The address Kontor printed, token included. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  token: string;
  dataDir: string;
  /** Calls the API as a script would: with the token header, no cookie. */
  invoke(name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  stop(): Promise<void>;
}

export async function startKontorHost(): Promise<KontorHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kontor-e2e-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'electron/host/serve.ts', '--data-dir', dataDir, '--port', '0'],
    { cwd: repoRoot, env: { ...process.env, KONTOR_HOST_TOKEN: '' } },
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

  const [url, origin, token] = [match[0], match[1]!, match[2]!];
  return {
    url,
    origin,
    token,
    dataDir,
    async invoke(name, input) {
      const res = await fetch(`${origin}/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Kontor-Token': token },
        body: JSON.stringify(input),
      });
      return (await res.json()) as Awaited<ReturnType<KontorHost['invoke']>>;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * One host per test file: started before the file's first test, stopped after
 * its last. Tests in the file share the data folder, so they build on each
 * other only where they say so.
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
