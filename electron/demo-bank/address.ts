/**
 * Where the demo bank listens, written into its folder while it runs: the
 * clerk's desk (`kontor demo-bank add-subscriber` in another process) prints
 * user letters with the address of the bank that actually runs, also when
 * the preferred port was taken and the bank moved to another.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ADDRESS_FILE = 'address.json';

interface Recorded {
  url: string;
  pid: number;
}

export function recordAddress(dataDir: string, url: string, pid: number = process.pid): void {
  writeFileSync(join(dataDir, ADDRESS_FILE), `${JSON.stringify({ url, pid } satisfies Recorded)}\n`);
}

/** Removes the record if it is still this bank's (a later bank in the same folder may have replaced it). */
export function clearAddress(dataDir: string, url: string, pid: number = process.pid): void {
  const recorded = read(dataDir);
  if (recorded && recorded.url === url && recorded.pid === pid) rmSync(join(dataDir, ADDRESS_FILE), { force: true });
}

/** The address of the bank running on this folder, or null when none runs (a record left by a killed bank is ignored). */
export function runningAddress(dataDir: string): string | null {
  const recorded = read(dataDir);
  return recorded && isAlive(recorded.pid) ? recorded.url : null;
}

function read(dataDir: string): Recorded | null {
  try {
    const value: unknown = JSON.parse(readFileSync(join(dataDir, ADDRESS_FILE), 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { url, pid } = value as Partial<Recorded>;
    return typeof url === 'string' && /^http:\/\/127\.0\.0\.1:\d+\/ebicsweb$/.test(url) && Number.isSafeInteger(pid) ? { url, pid: pid! } : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
