/**
 * Statement downloads (C53/C52/C54, BTD with container ZIP) and dropped files
 * may be ZIP containers. Unpacked with limits that hold whatever the central
 * directory claims: the bytes are counted as they inflate, so a ZIP bomb is
 * stopped at the limit instead of filling memory.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { KontorError } from '../../../shared/errors';

export interface ContainerLimits {
  /** Inflated bytes of all files together. */
  maxTotalBytes: number;
  maxFiles: number;
}

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = { maxTotalBytes: 512 * 1024 * 1024, maxFiles: 5000 };

export interface ContainedFile {
  name: string;
  bytes: Uint8Array;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const tooLarge = (limits: ContainerLimits) =>
  new KontorError('statement.zipTooLarge', `The ZIP file unpacks to more than ${Math.round(limits.maxTotalBytes / 1024 / 1024)} MB; Kontor refuses it.`, {
    maxMb: Math.round(limits.maxTotalBytes / 1024 / 1024),
  });

/** The files of a ZIP container in order, directories and macOS metadata left out. */
export function unpackZip(bytes: Uint8Array, limits: ContainerLimits = DEFAULT_CONTAINER_LIMITS): ContainedFile[] {
  const files: { name: string; chunks: Uint8Array[]; done: boolean }[] = [];
  let total = 0;
  let failure: Error | null = null;
  const unzip = new Unzip((file) => {
    if (failure) return;
    if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return;
    if (files.length >= limits.maxFiles) {
      failure = new KontorError('statement.zipTooManyFiles', `The ZIP file holds more than ${limits.maxFiles} files; Kontor refuses it.`, { max: limits.maxFiles });
      return;
    }
    const entry = { name: file.name, chunks: [] as Uint8Array[], done: false };
    files.push(entry);
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        failure = new KontorError('statement.zipBroken', `The ZIP file is damaged (${file.name}): ${err.message}`, { file: file.name });
        return;
      }
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        failure = tooLarge(limits);
        file.terminate();
        return;
      }
      entry.chunks.push(chunk);
      if (final) entry.done = true;
    };
    try {
      file.start();
    } catch (e) {
      failure = new KontorError('statement.zipBroken', `The ZIP file uses a compression Kontor cannot read (${file.name}).`, {
        file: file.name,
        reason: (e as Error).message,
      });
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  // Pushing in slices lets a bomb be stopped after its first megabytes instead of after all of them.
  // Small slices also bound fflate's recursion (one level per file that ends
  // inside a slice): with 1 MB slices, ~1,800 small files overflowed the stack
  // and a valid ZIP was refused as damaged.
  const slice = 16 * 1024;
  try {
    for (let at = 0; at < bytes.length && !failure; at += slice) unzip.push(bytes.subarray(at, at + slice), at + slice >= bytes.length);
  } catch (e) {
    if (!failure) failure = new KontorError('statement.zipBroken', `The ZIP file is damaged: ${(e as Error).message}`);
  }
  if (failure) throw failure;
  const incomplete = files.find((f) => !f.done);
  if (incomplete) throw new KontorError('statement.zipBroken', `The ZIP file ends in the middle of ${incomplete.name}.`, { file: incomplete.name });
  return files.map((f) => ({ name: f.name, bytes: concat(f.chunks) }));
}

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
