/**
 * The audit copy of imported statement files, beside the ledger: one file per
 * content, named by its SHA-256 (`<dir>/sha256/ab/abcdef….kbr`), so importing
 * the same bytes again shares the copy, and the ledger row only records the
 * hash. Keeping the 259 MB of a 100,000-entry camt.053 inside SQLite cost
 * about a second of writing (the page and WAL copies) and made every backup
 * carry it; compressed here it is about 5 % of that.
 *
 * Format (measured on the camt.053 benchmark file: brotli quality 1 is 2.5×
 * faster than gzip level 1 and a third smaller): a header, then the file in
 * 1 MiB frames, each compressed on its own so that one line's raw text is
 * read by inflating one or two frames, not the whole file.
 *
 *   "KTRARC01" | u32 frame size | u32 frame count | u64 total size
 *   | per frame: u32 compressed length, u32 CRC-32 of the raw frame | frames
 *
 * Written atomically (temporary file, fsync, rename, fsync of the folder):
 * a crash leaves either no copy or a whole one. Reading the whole file checks
 * its SHA-256 against the name; reading a range checks each frame's CRC-32.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, crc32 } from 'node:zlib';
import { KontorError } from '../../shared/errors';

export const MAGIC = Buffer.from('KTRARC01', 'latin1');
export const FRAME = 1 << 20;
export const FIXED_HEADER = 24;
const SHA256 = /^[0-9a-f]{64}$/;

interface Header {
  frameSize: number;
  totalSize: number;
  lengths: number[];
  crcs: number[];
  /** Where frame i starts in the archive file. */
  offsets: number[];
}

/** Where the copy of the content with this SHA-256 (hex) lives under `dir`. */
export function archivePath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(dir, 'sha256', sha256.slice(0, 2), `${sha256}.kbr`);
}

export function isArchived(dir: string, sha256: string): boolean {
  return existsSync(archivePath(dir, sha256));
}

/**
 * Keeps `bytes` under their SHA-256 (which the caller computed already for the
 * ledger row). Content that is there already is not written again.
 * Returns whether a copy was made now (so a caller that rolls back can remove it).
 */
export function putArchived(dir: string, sha256: string, bytes: Uint8Array): { created: boolean; storedBytes: number } {
  const path = archivePath(dir, sha256);
  if (existsSync(path) && readHeaderOf(path, sha256).totalSize === bytes.length) return { created: false, storedBytes: 0 };
  mkdirSync(dirname(path), { recursive: true });
  const frames: Buffer[] = [];
  const table = Buffer.alloc(8 * Math.ceil(bytes.length / FRAME));
  for (let at = 0, i = 0; at < bytes.length; at += FRAME, i++) {
    const raw = bytes.subarray(at, Math.min(bytes.length, at + FRAME));
    const packed = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    frames.push(packed);
    table.writeUInt32LE(packed.length, 8 * i);
    table.writeUInt32LE(crc32(raw), 8 * i + 4);
  }
  const head = Buffer.alloc(FIXED_HEADER);
  MAGIC.copy(head, 0);
  head.writeUInt32LE(FRAME, 8);
  head.writeUInt32LE(frames.length, 12);
  head.writeBigUInt64LE(BigInt(bytes.length), 16);
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w');
  let storedBytes = 0;
  try {
    for (const part of [head, table, ...frames]) storedBytes += writeAll(fd, part);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
  syncFolder(dirname(path));
  return { created: true, storedBytes };
}

/**
 * Puts a copy written elsewhere (archive-writer.ts: a temporary file in
 * `tempDir`, already fsynced) under its name, or removes it when the same
 * content is there already. Returns whether a copy was made now.
 */
export function placeArchived(dir: string, sha256: string, temp: string, totalSize: number): { created: boolean } {
  const path = archivePath(dir, sha256);
  if (existsSync(path) && readHeaderOf(path, sha256).totalSize === totalSize) {
    rmSync(temp, { force: true });
    return { created: false };
  }
  mkdirSync(dirname(path), { recursive: true });
  renameSync(temp, path);
  syncFolder(dirname(path));
  return { created: true };
}

/** Where copies being written wait for their name (the hash is known only when the last byte is written). */
export function archiveTempDir(dir: string): string {
  return join(dir, 'sha256', 'incoming');
}

/** The whole content, checked against its SHA-256. */
export function readArchived(dir: string, sha256: string): Buffer {
  const path = archivePath(dir, sha256);
  const h = readHeaderOf(path, sha256);
  const out = readFrames(path, sha256, h, 0, h.lengths.length);
  if (createHash('sha256').update(out).digest('hex') !== sha256) throw mismatch(sha256);
  return out;
}

/** Bytes `start` (inclusive) to `end` (exclusive) of the content, reading only the frames they lie in. */
export function readArchivedRange(dir: string, sha256: string, start: number, end: number): Buffer {
  const path = archivePath(dir, sha256);
  const h = readHeaderOf(path, sha256);
  if (start < 0 || end < start || end > h.totalSize) throw new RangeError(`range ${start}–${end} outside ${h.totalSize} bytes`);
  if (end === start) return Buffer.alloc(0);
  const first = Math.floor(start / h.frameSize);
  const last = Math.floor((end - 1) / h.frameSize);
  const frames = readFrames(path, sha256, h, first, last + 1);
  return frames.subarray(start - first * h.frameSize, end - first * h.frameSize);
}

/** Removes a copy made by an import that was then rolled back (nothing in the ledger refers to it). */
export function removeArchived(dir: string, sha256: string): void {
  rmSync(archivePath(dir, sha256), { force: true });
}

function readFrames(path: string, sha256: string, h: Header, from: number, to: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const parts: Buffer[] = [];
    for (let i = from; i < to; i++) {
      const packed = Buffer.alloc(h.lengths[i]!);
      if (readSync(fd, packed, 0, packed.length, h.offsets[i]!) !== packed.length) throw mismatch(sha256);
      let raw: Buffer;
      try {
        raw = brotliDecompressSync(packed);
      } catch {
        throw mismatch(sha256);
      }
      if (crc32(raw) !== h.crcs[i]) throw mismatch(sha256);
      parts.push(raw);
    }
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  } finally {
    closeSync(fd);
  }
}

function readHeaderOf(path: string, sha256: string): Header {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new KontorError('archive.missing', `The stored copy of the imported file ${sha256.slice(0, 12)}… is missing from the archive.`, {
      sha256,
    });
  }
  try {
    const head = Buffer.alloc(FIXED_HEADER);
    if (readSync(fd, head, 0, FIXED_HEADER, 0) !== FIXED_HEADER || !head.subarray(0, 8).equals(MAGIC)) throw mismatch(sha256);
    const frameSize = head.readUInt32LE(8);
    const count = head.readUInt32LE(12);
    const totalSize = Number(head.readBigUInt64LE(16));
    if (count !== Math.ceil(totalSize / frameSize)) throw mismatch(sha256);
    const table = Buffer.alloc(8 * count);
    if (readSync(fd, table, 0, table.length, FIXED_HEADER) !== table.length) throw mismatch(sha256);
    const lengths: number[] = [];
    const crcs: number[] = [];
    const offsets: number[] = [];
    let at = FIXED_HEADER + table.length;
    for (let i = 0; i < count; i++) {
      lengths.push(table.readUInt32LE(8 * i));
      crcs.push(table.readUInt32LE(8 * i + 4));
      offsets.push(at);
      at += lengths[i]!;
    }
    return { frameSize, totalSize, lengths, crcs, offsets };
  } finally {
    closeSync(fd);
  }
}

function mismatch(sha256: string): KontorError {
  return new KontorError(
    'archive.hashMismatch',
    `The stored copy of the imported file ${sha256.slice(0, 12)}… no longer matches its SHA-256: it was changed or damaged on disk.`,
    { sha256 },
  );
}

function writeAll(fd: number, data: Buffer): number {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done);
  return done;
}

/** The rename is durable only once the folder's entry is on disk (not possible on Windows, where rename is already durable). */
function syncFolder(path: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
