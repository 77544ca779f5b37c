import { createHash } from 'node:crypto';
import { mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isKontorError } from '../../shared/errors';
import { generateCamt053 } from '../../test/bench/inputs/statements';
import { archivePath, isArchived, putArchived, readArchived, readArchivedRange } from './archive';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return isKontorError(e) ? e.code : `untyped: ${String(e)}`;
  }
  return 'no error';
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kontor-archive-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

// About 2.3 MB: three frames, the last one short.
const file = generateCamt053(1000, 5);

describe('the archive of imported files', () => {
  it('gives back the same bytes, whole and in ranges across frame boundaries', () => {
    const hash = sha256(file);
    expect(putArchived(dir, hash, file).created).toBe(true);
    expect(readArchived(dir, hash).equals(file)).toBe(true);
    const MiB = 1 << 20;
    for (const [start, end] of [
      [0, 10],
      [MiB - 7, MiB + 9],
      [MiB, 2 * MiB],
      [2 * MiB - 1, file.length],
      [file.length, file.length],
    ] as const) {
      expect(readArchivedRange(dir, hash, start, end).equals(file.subarray(start, end)), `${start}–${end}`).toBe(true);
    }
    // Compressed: the camt text shrinks to a small part of its size.
    expect(statSync(archivePath(dir, hash)).size).toBeLessThan(file.length / 5);
  });

  it('keeps an empty file', () => {
    const empty = new Uint8Array(0);
    putArchived(dir, sha256(empty), empty);
    expect(readArchived(dir, sha256(empty)).length).toBe(0);
  });

  it('does not write the same content twice', () => {
    const hash = sha256(file);
    putArchived(dir, hash, file);
    const before = statSync(archivePath(dir, hash));
    expect(putArchived(dir, hash, file)).toEqual({ created: false, storedBytes: 0 });
    const after = statSync(archivePath(dir, hash));
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('detects a changed byte on disk, reading the whole file or the range in the damaged frame', () => {
    const hash = sha256(file);
    putArchived(dir, hash, file);
    const path = archivePath(dir, hash);
    // Flip a byte in the middle of the last frame's compressed data.
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, size - 20);
    one[0] = one[0]! ^ 0xff;
    writeSync(fd, one, 0, 1, size - 20);
    closeSync(fd);
    expect(codeOf(() => readArchived(dir, hash))).toBe('archive.hashMismatch');
    expect(codeOf(() => readArchivedRange(dir, hash, file.length - 10, file.length))).toBe('archive.hashMismatch');
    // The frames before it are still readable (each carries its own CRC-32).
    expect(readArchivedRange(dir, hash, 0, 100).equals(file.subarray(0, 100))).toBe(true);
  });

  it('detects content that is whole but not what its name says', () => {
    const other = Buffer.from('not the file the ledger names');
    const hash = sha256(file);
    putArchived(dir, hash, other);
    expect(codeOf(() => readArchived(dir, hash))).toBe('archive.hashMismatch');
  });

  it('says when a copy is missing, and a temporary file left by a crash is no copy', () => {
    const hash = sha256(file);
    expect(codeOf(() => readArchived(dir, hash))).toBe('archive.missing');
    putArchived(dir, hash, file);
    rmSync(archivePath(dir, hash));
    writeFileSync(`${archivePath(dir, hash)}.123.tmp`, 'half');
    expect(isArchived(dir, hash)).toBe(false);
    expect(codeOf(() => readArchivedRange(dir, hash, 0, 1))).toBe('archive.missing');
    expect(putArchived(dir, hash, file).created).toBe(true);
    expect(readArchived(dir, hash).equals(file)).toBe(true);
  });
});
