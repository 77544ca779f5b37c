/**
 * The audit copy of a large statement file written on a worker thread while
 * the main thread parses and stores its lines. At 100,000 camt entries
 * (259 MB) the SHA-256 (about 0.55 s) and the brotli frames (about 0.25 s)
 * are independent of the parse, and on the main thread they were a third of
 * the import; here they run on the second core.
 *
 * The bytes reach the worker through a ring of eight 1 MiB frames in shared
 * memory, filled as the parse goes on (pump, at every line): memory holds 8
 * MiB more, not a second copy of the file, and each frame is one memcpy into
 * pages already mapped. (Posting each frame as a fresh transferred buffer
 * cost 1.7 s of the main thread at 100,000 entries, loaded machine: a new
 * mapping and its page faults per MiB, and the message machinery.) The
 * worker hashes and compresses each frame into a temporary file (the format
 * of archive.ts: frames after room for the header, the header last), fsyncs
 * it, and answers with the hash.
 * The caller then names the copy (placeArchived: rename, folder fsync)
 * before its ledger transaction commits, or discards it.
 *
 * The worker's code travels as a string (plain CommonJS, Node built-ins
 * only), as sync-client.ts's does: no worker file has to be found next to
 * every bundle (Electron's main, the browser host, the CLI, tests).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, receiveMessageOnPort, threadId, Worker, type MessagePort } from 'node:worker_threads';
import { FIXED_HEADER, FRAME, MAGIC, archiveTempDir, placeArchived } from './archive';

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const zlib = require('node:zlib');
const { port, temp, totalSize, frameSize, slots, headerSize, magic, control, ring } = workerData;
// [0] done, [1] discard asked, [2] frames put in the ring, [3] frames taken from it
const ctl = new Int32Array(control);
const count = Math.ceil(totalSize / frameSize);
const table = Buffer.alloc(8 * count);
const hash = createHash('sha256');
let fd = -1;
let at = headerSize + table.length;
function writeAll(data, position) {
  for (let n = 0; n < data.length;) n += fs.writeSync(fd, data, n, data.length - n, position + n);
}
function finish(reply) {
  if (fd !== -1) { try { fs.closeSync(fd); } catch {} fd = -1; }
  if (!reply.ok || reply.discarded) { try { fs.rmSync(temp, { force: true }); } catch {} }
  port.postMessage(reply);
  port.close();
  Atomics.store(ctl, 0, 1);
  Atomics.notify(ctl, 0);
  Atomics.notify(ctl, 3);
}
function run() {
  fd = fs.openSync(temp, 'wx');
  const params = { [zlib.constants.BROTLI_PARAM_QUALITY]: 1, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: frameSize };
  for (let i = 0; i < count; i++) {
    let put;
    while ((put = Atomics.load(ctl, 2)) <= i) {
      if (Atomics.load(ctl, 1) === 1) return { ok: true, discarded: true };
      Atomics.wait(ctl, 2, put);
    }
    if (Atomics.load(ctl, 1) === 1) return { ok: true, discarded: true };
    const size = Math.min(frameSize, totalSize - i * frameSize);
    const raw = Buffer.from(ring, (i % slots) * frameSize, size);
    hash.update(raw);
    const packed = zlib.brotliCompressSync(raw, { params });
    table.writeUInt32LE(packed.length, 8 * i);
    table.writeUInt32LE(zlib.crc32(raw), 8 * i + 4);
    Atomics.store(ctl, 3, i + 1);
    Atomics.notify(ctl, 3);
    writeAll(packed, at);
    at += packed.length;
  }
  const head = Buffer.alloc(headerSize);
  Buffer.from(magic, 'latin1').copy(head, 0);
  head.writeUInt32LE(frameSize, 8);
  head.writeUInt32LE(count, 12);
  head.writeBigUInt64LE(BigInt(totalSize), 16);
  writeAll(head, 0);
  writeAll(table, headerSize);
  fs.fsyncSync(fd);
  return { ok: true, sha256: hash.digest('hex'), storedBytes: at };
}
try {
  finish(run());
} catch (e) {
  finish({ ok: false, message: String(e && e.message) });
}
`;

type Reply = { ok: true; sha256: string; storedBytes: number } | { ok: true; discarded: true } | { ok: false; message: string };

/** Longest wait for the worker: far beyond hashing and compressing the largest file a statement may be. */
const WAIT_MS = 600_000;
/** Frames the ring holds: the parse can run this far ahead of the worker before it waits. */
const SLOTS = 8;
let nextTemp = 0;

export class ArchiveWriter {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  /** [0] done, [1] discard asked, [2] frames put in the ring, [3] frames taken from it. */
  private readonly ctl = new Int32Array(new SharedArrayBuffer(16));
  /** The frames on their way to the worker: the one copy of the bytes it needs, into memory already mapped. */
  private readonly ring: Uint8Array;
  private readonly count: number;
  private readonly temp: string;
  private sent = 0;
  private reply: Reply | null = null;

  constructor(
    private readonly dir: string,
    private readonly bytes: Uint8Array,
  ) {
    const incoming = archiveTempDir(dir);
    mkdirSync(incoming, { recursive: true });
    removeLeftovers(incoming);
    this.temp = join(incoming, `${process.pid}-${threadId}-${nextTemp++}.tmp`);
    this.count = Math.ceil(bytes.length / FRAME);
    this.ring = new Uint8Array(new SharedArrayBuffer(Math.min(SLOTS, Math.max(1, this.count)) * FRAME));
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        port: port2,
        temp: this.temp,
        totalSize: bytes.length,
        frameSize: FRAME,
        slots: this.ring.length / FRAME,
        headerSize: FIXED_HEADER,
        magic: MAGIC.toString('latin1'),
        control: this.ctl.buffer,
        ring: this.ring.buffer,
      },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    this.port.unref();
  }

  /**
   * Hands the worker the frames there is room for, without waiting: called as
   * the parse goes on (every line), so hashing and compressing run beside it.
   */
  pump(): void {
    this.send(false);
  }

  /** Waits for the copy: every frame written and fsynced; returns the content's SHA-256. */
  finish(): { sha256: string; storedBytes: number } {
    this.send(true);
    const r = this.await();
    if (!r.ok) throw new Error(`The audit copy of the statement file could not be written: ${r.message}`);
    if (!('sha256' in r)) throw new Error('The audit copy of the statement file was discarded.');
    return r;
  }

  /** After finish: names the copy in the archive (before the ledger commits). Returns whether a copy was made now. */
  place(sha256: string): { created: boolean } {
    return placeArchived(this.dir, sha256, this.temp, this.bytes.length);
  }

  /** The import did not keep the file (refused, a duplicate, rolled back): the worker stops and its temporary file goes. */
  discard(): void {
    if (this.reply === null) {
      Atomics.store(this.ctl, 1, 1);
      Atomics.notify(this.ctl, 2);
      this.await();
    }
    rmSync(this.temp, { force: true });
  }

  private send(wait: boolean): void {
    const slots = this.ring.length / FRAME;
    while (this.sent < this.count && Atomics.load(this.ctl, 0) === 0) {
      const taken = Atomics.load(this.ctl, 3);
      if (this.sent - taken >= slots) {
        if (!wait) return;
        Atomics.wait(this.ctl, 3, taken, WAIT_MS);
        continue;
      }
      const from = this.sent * FRAME;
      this.ring.set(this.bytes.subarray(from, Math.min(this.bytes.length, from + FRAME)), (this.sent % slots) * FRAME);
      this.sent += 1;
      Atomics.store(this.ctl, 2, this.sent);
      Atomics.notify(this.ctl, 2);
    }
  }

  private await(): Reply {
    if (this.reply !== null) return this.reply;
    const waited = Atomics.wait(this.ctl, 0, 0, WAIT_MS);
    const received = receiveMessageOnPort(this.port);
    this.port.close();
    void this.worker.terminate();
    this.reply = received ? (received.message as Reply) : { ok: false, message: waited === 'timed-out' ? 'no answer from the worker' : 'the worker stopped' };
    return this.reply;
  }
}

/**
 * Temporary copies a crashed process left (no row names them; a 100,000-entry
 * camt leaves about 13 MB): removed when the process that named them is gone.
 * This process's own are left alone, and so is any whose process still runs.
 */
function removeLeftovers(incoming: string): void {
  for (const name of readdirSync(incoming)) {
    const pid = Number(/^(\d+)-\d+-\d+\.tmp$/.exec(name)?.[1] ?? Number.NaN);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    rmSync(join(incoming, name), { force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, under another account.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
