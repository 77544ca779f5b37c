/**
 * Statement downloads (C53/C52/C54, BTD with container ZIP) and dropped files
 * may be ZIP containers. Unpacked with limits that hold whatever the central
 * directory claims: the bytes are counted as they inflate, so a ZIP bomb is
 * stopped at the limit instead of filling memory.
 *
 * Three limits, each checked chunk by chunk while inflating:
 * - every file at most `maxEntryBytes` (one statement file, the parser's own limit);
 * - all files together at most `maxTotalBytes`;
 * - a file that inflates beyond `ratioFloorBytes` more than `maxRatio` times
 *   the compressed bytes read for it so far is refused: statements compress
 *   about 5:1 (MT940) to 20:1 (camt), a bomb 1000:1.
 * Files are handed out one at a time (`zipMembers`), so memory holds one
 * file, not the whole container.
 */
import { Unzip, UnzipInflate, UnzipPassThrough } from 'fflate';
import { KontorError } from '../../../shared/errors';
import { DEFAULT_PARSE_LIMITS } from '../../statements/model';

export interface ContainerLimits {
  /** Inflated bytes of all files together. */
  maxTotalBytes: number;
  /** Inflated bytes of one file. */
  maxEntryBytes: number;
  /** Inflated ÷ compressed bytes of one file, checked once it is past ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
  maxFiles: number;
}

const MB = 1024 * 1024;

export const DEFAULT_CONTAINER_LIMITS: ContainerLimits = {
  maxTotalBytes: 512 * MB,
  maxEntryBytes: DEFAULT_PARSE_LIMITS.maxBytes,
  maxRatio: 100,
  ratioFloorBytes: 8 * MB,
  maxFiles: 5000,
};

export interface ContainedFile {
  name: string;
  bytes: Uint8Array;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const mb = (n: number) => Math.round(n / MB);

// Each refusal says how much was inflated when it struck (inflatedBytes): the proof that it struck while inflating.
const tooLarge = (limits: ContainerLimits, inflatedBytes: number) =>
  new KontorError('statement.zipTooLarge', `The ZIP file unpacks to more than ${mb(limits.maxTotalBytes)} MB; Kontor refuses it.`, {
    maxMb: mb(limits.maxTotalBytes),
    inflatedBytes,
  });

const entryTooLarge = (limits: ContainerLimits, file: string, inflatedBytes: number) =>
  new KontorError(
    'statement.tooLarge',
    `${file} in the ZIP file is larger than ${mb(limits.maxEntryBytes)} MB, the most Kontor reads from one statement file.`,
    {
      maxBytes: limits.maxEntryBytes,
      file,
      inflatedBytes,
    },
  );

/** Too large for its packed size: the same code as too large overall, the reason tells them apart. */
const tooDense = (limits: ContainerLimits, file: string, inflatedBytes: number) =>
  new KontorError(
    'statement.zipTooLarge',
    `${file} in the ZIP file unpacks to more than ${limits.maxRatio} times its packed size; no bank statement does that, so Kontor refuses the file.`,
    { reason: 'ratio', file, maxRatio: limits.maxRatio, inflatedBytes },
  );

interface Pending {
  name: string;
  /** The bytes inflated so far, in a buffer sized from the size the header claims (grown if it lied). */
  out: Uint8Array;
  inflated: number;
  /** Input offset where the slice holding its header began: compressed bytes read for it are at most `pushedEnd - startedAt`. */
  startedAt: number;
  done: boolean;
}

/**
 * The files of a ZIP container in order, each as soon as it is complete,
 * directories and macOS metadata left out. Throws a KontorError (at the
 * point of reading where a limit is crossed or the ZIP turns out damaged);
 * files handed out before stay valid.
 */
export function* zipMembers(bytes: Uint8Array, given: Partial<ContainerLimits> = {}): Generator<ContainedFile, void, undefined> {
  const limits: ContainerLimits = { ...DEFAULT_CONTAINER_LIMITS, ...given };
  const ready: Pending[] = [];
  let current: Pending | null = null;
  let files = 0;
  let total = 0;
  let pushedEnd = 0;
  let sliceStart = 0;
  let failure: Error | null = null;
  const fail = (e: Error, file?: { terminate(): void }) => {
    failure ??= e;
    file?.terminate();
  };

  const unzip = new Unzip((file) => {
    if (failure) return;
    if (file.name.endsWith('/') || file.name.startsWith('__MACOSX/')) return;
    if (files >= limits.maxFiles) {
      fail(new KontorError('statement.zipTooManyFiles', `The ZIP file holds more than ${limits.maxFiles} files; Kontor refuses it.`, { max: limits.maxFiles }));
      return;
    }
    files++;
    // The header's claim only sizes the buffer, and no larger than the limits would let the file grow; they count what really inflates.
    const plausible = Math.min(file.originalSize ?? 0, limits.maxEntryBytes, Math.max(limits.ratioFloorBytes, limits.maxRatio * (file.size ?? 0)));
    const entry: Pending = { name: file.name, out: new Uint8Array(plausible), inflated: 0, startedAt: sliceStart, done: false };
    current = entry;
    file.ondata = (err, chunk, final) => {
      if (failure) return;
      if (err) {
        fail(new KontorError('statement.zipBroken', `The ZIP file is damaged (${file.name}): ${err.message}`, { file: file.name }));
        return;
      }
      total += chunk.length;
      const at = entry.inflated;
      entry.inflated += chunk.length;
      if (entry.inflated > limits.maxEntryBytes) return fail(entryTooLarge(limits, file.name, total), file);
      if (total > limits.maxTotalBytes) return fail(tooLarge(limits, total), file);
      if (entry.inflated > limits.ratioFloorBytes && entry.inflated > limits.maxRatio * (pushedEnd - entry.startedAt))
        return fail(tooDense(limits, file.name, total), file);
      if (entry.inflated > entry.out.length)
        entry.out = grown(entry.out, at, Math.min(Math.max(entry.inflated, entry.out.length * 2, 64 * 1024), limits.maxEntryBytes));
      entry.out.set(chunk, at);
      if (final) {
        entry.done = true;
        ready.push(entry);
        if (current === entry) current = null;
      }
    };
    try {
      file.start();
    } catch (e) {
      fail(
        new KontorError('statement.zipBroken', `The ZIP file uses a compression Kontor cannot read (${file.name}).`, {
          file: file.name,
          reason: (e as Error).message,
        }),
      );
    }
  });
  unzip.register(UnzipInflate);
  unzip.register(UnzipPassThrough);
  // Pushing in slices lets a bomb be stopped after its first megabytes instead of after all of them.
  // Small slices also bound fflate's recursion (one level per file that ends
  // inside a slice): with 1 MB slices, ~1,800 small files overflowed the stack
  // and a valid ZIP was refused as damaged.
  const slice = 16 * 1024;
  for (let at = 0; at < bytes.length; at += slice) {
    sliceStart = at;
    pushedEnd = Math.min(at + slice, bytes.length);
    try {
      unzip.push(bytes.subarray(at, pushedEnd), pushedEnd >= bytes.length);
    } catch (e) {
      fail(new KontorError('statement.zipBroken', `The ZIP file is damaged: ${(e as Error).message}`));
    }
    if (failure) throw failure;
    while (ready.length > 0) {
      const done = ready.shift()!;
      // A header that claimed far more than came keeps no idle buffer alive.
      yield { name: done.name, bytes: done.inflated * 2 < done.out.length ? done.out.slice(0, done.inflated) : done.out.subarray(0, done.inflated) };
    }
  }
  const open = current as Pending | null;
  if (open && !open.done) throw new KontorError('statement.zipBroken', `The ZIP file ends in the middle of ${open.name}.`, { file: open.name });
}

/** All files of a ZIP container at once (the CLI's `statements parse`); imports use zipMembers. */
export function unpackZip(bytes: Uint8Array, limits: Partial<ContainerLimits> = {}): ContainedFile[] {
  return [...zipMembers(bytes, limits)];
}

function grown(buffer: Uint8Array, used: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(buffer.subarray(0, used));
  return out;
}
