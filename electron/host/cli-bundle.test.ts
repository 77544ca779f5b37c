/**
 * The `kontor` command runs from a bundle that follows the sources. Each test
 * works on a copy of the repository's sources (electron/, shared/) with the
 * packages linked in, so it can change a source and take packages away
 * without touching the working tree other tests run from.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');
// Sources as they would be after a checkout some time ago; builds record them as settled.
const CHECKED_OUT = new Date('2000-01-03T10:00:00Z');

let copy: string;
beforeEach(() => {
  copy = mkdtempSync(join(tmpdir(), 'kontor-cli-bundle-'));
  for (const part of ['electron', 'shared']) cpSync(join(repo, part), join(copy, part), { recursive: true });
  for (const file of ['package.json', 'tsconfig.json']) cpSync(join(repo, file), join(copy, file));
  setTimes(copy);
  symlinkSync(join(repo, 'resources'), join(copy, 'resources'));
  mkdirSync(join(copy, 'node_modules'));
  for (const name of readdirSync(join(repo, 'node_modules'))) symlinkSync(join(repo, 'node_modules', name), join(copy, 'node_modules', name));
});
afterEach(() => rmSync(copy, { recursive: true, force: true }));

function setTimes(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) setTimes(path);
    else utimesSync(path, CHECKED_OUT, CHECKED_OUT);
  }
}

function kontorStatus(): { version: string } {
  const dataDir = join(copy, 'data');
  return JSON.parse(execFileSync(process.execPath, [join(copy, 'electron/host/kontor.mjs'), 'status', '--json', '--data-dir', dataDir], { encoding: 'utf8' }));
}

const currentBuild = () => (JSON.parse(readFileSync(join(copy, 'out/cli.json'), 'utf8')) as { entry: string }).entry;

describe('the kontor bundle', () => {
  it('is built on the first call and built again when a source is newer than it', () => {
    expect(kontorStatus().version).toBe('0.1.0');
    const first = currentBuild();
    const source = join(copy, 'electron/services/version.ts');
    writeFileSync(source, readFileSync(source, 'utf8').replace("'0.1.0'", "'0.1.0-changed'"));
    expect(statSync(source).mtimeMs).toBeGreaterThan(statSync(join(copy, first)).mtimeMs);

    expect(kontorStatus().version).toBe('0.1.0-changed');
    expect(currentBuild()).not.toBe(first);
  });

  it('runs without loading tsx or esbuild while the sources are unchanged', () => {
    kontorStatus();
    const built = currentBuild();
    // Either package loaded on this path would now fail the command.
    rmSync(join(copy, 'node_modules/tsx'));
    rmSync(join(copy, 'node_modules/esbuild'));
    expect(kontorStatus().version).toBe('0.1.0');
    expect(currentBuild()).toBe(built);
  });
});
