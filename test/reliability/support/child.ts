/**
 * A Kontor process the test can kill: `node --import tsx <script>` (one
 * process, no wrapper in between, so SIGKILL hits the process doing the
 * work). The script prints `start` right before the work and `done <json>`
 * after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO } from './mode';
import { sleep } from './wall';

export { sleep };

export interface ChildRun {
  child: ChildProcess;
  /** Resolves when the child printed `start` (its work begins). */
  started: Promise<void>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; done: unknown; stderr: string }>;
}

export function runChild(script: string, env: Record<string, string>): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script)], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onStart: () => void = () => undefined;
  let startFailed: (e: Error) => void = () => undefined;
  const started = new Promise<void>((res, rej) => {
    onStart = res;
    startFailed = rej;
  });
  child.stdout!.on('data', (c: Buffer) => {
    const before = stdout;
    stdout += c.toString();
    if (!before.includes('start\n') && stdout.includes('start\n')) onStart();
  });
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; done: unknown; stderr: string }>((res) => {
    child.once('exit', (code, signal) => {
      if (!stdout.includes('start\n')) startFailed(new Error(`child exited (${code ?? signal}) before starting: ${stderr}`));
      const line = stdout.split('\n').find((l) => l.startsWith('done '));
      res({ code, signal, done: line ? (JSON.parse(line.slice(5)) as unknown) : undefined, stderr });
    });
  });
  // Avoid an unhandled rejection when nobody awaits `started` after an early exit.
  started.catch(() => undefined);
  return { child, started, exited };
}
