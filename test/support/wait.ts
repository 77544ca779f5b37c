/**
 * Test support: the one way a test waits for something another process or
 * server does (a child printing a line, a row appearing in a file). It is
 * bounded by counting attempts, not by reading the clock, so a slow machine
 * only makes it wait longer per attempt, never fail a test that would pass.
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** Pause between attempts (default 50 ms). */
  intervalMs?: number;
  /** Attempts before giving up (default 600: half a minute at the default pause, more under load). */
  attempts?: number;
}

/** Calls `probe` until it returns something other than undefined, and returns that. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, options: WaitOptions = {}): Promise<T> {
  const intervalMs = options.intervalMs ?? 50;
  const attempts = options.attempts ?? 600;
  for (let attempt = 1; ; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    if (attempt >= attempts) throw new Error(`Gave up waiting for ${what} after ${attempts} attempts ${intervalMs} ms apart.`);
    await sleep(intervalMs);
  }
}
