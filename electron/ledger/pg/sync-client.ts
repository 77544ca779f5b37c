import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';

/**
 * A PostgreSQL connection the calling thread uses synchronously, as the
 * repositories use better-sqlite3: a worker thread holds one `pg` client; the
 * caller posts a request and sleeps in `Atomics.wait` until the worker has
 * posted the answer and raised the flag, then takes the answer with
 * `receiveMessageOnPort` (the technique of the `synckit` package, in the few
 * lines this needs; a worker file would have to be found next to every
 * bundle, the code below travels as a string). The thread waits one network
 * round trip per statement the way better-sqlite3 waits for the disk.
 */
export interface PgRequest {
  kind: 'query' | 'exec' | 'close';
  sql: string;
  params?: unknown[];
}

export interface PgFieldError {
  message: string;
  code?: string;
  detail?: string;
  constraint?: string;
}

export type PgAnswer = { ok: true; rows: Record<string, unknown>[]; rowCount: number; fields: string[] } | { ok: false; error: PgFieldError };

/** Worker side; plain CommonJS so it runs from a string in every host (vitest, the CLI bundle, Electron's main). */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
// Numbers as better-sqlite3 gives them: bigint and numeric as JS numbers (amounts are integer cents far below 2^53),
// booleans as 1/0 like SQLite's comparisons.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(16, (v) => (v === 't' ? 1 : 0));
const client = new pg.Client(workerData.config);
let lost = null;
client.on('error', (e) => { lost = e; });
const ready = client.connect();
const flag = new Int32Array(workerData.flag);
const port = workerData.port;
const toBuffer = (v) => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v);
port.on('message', async (req) => {
  let answer;
  try {
    await ready;
    if (lost) throw lost;
    if (req.kind === 'close') {
      await client.end();
      answer = { ok: true, rows: [], rowCount: 0, fields: [] };
    } else {
      const r = req.kind === 'exec' ? await client.query(req.sql) : await client.query(req.sql, (req.params || []).map(toBuffer));
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      answer = { ok: true, rows: last.rows || [], rowCount: last.rowCount || 0, fields: (last.fields || []).map((f) => f.name) };
    }
  } catch (e) {
    answer = { ok: false, error: { message: String(e && e.message), code: e && e.code, detail: e && e.detail, constraint: e && e.constraint } };
  }
  port.postMessage(answer);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

export interface SyncClientOptions {
  connectionString: string;
  /** How long one statement may take before the caller gives up (ms); the server's own timeouts come first. */
  waitMs?: number;
  applicationName?: string;
}

export class SyncPgClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly waitMs: number;
  private closed = false;

  constructor(o: SyncClientOptions) {
    const { port1, port2 } = new MessageChannel();
    const pgPath = createRequire(import.meta.url).resolve('pg');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        pgPath,
        flag: this.flag.buffer,
        port: port2,
        config: { connectionString: o.connectionString, application_name: o.applicationName ?? 'kontor' },
      },
      transferList: [port2],
    });
    this.worker.unref();
    this.port = port1;
    this.port.unref();
    this.waitMs = o.waitMs ?? 120_000;
  }

  /** Sends one request and blocks this thread until the worker answers. */
  call(request: PgRequest): PgAnswer {
    if (this.closed) return { ok: false, error: { message: 'The connection to the team ledger is closed.', code: 'KONTOR_CLOSED' } };
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    const waited = Atomics.wait(this.flag, 0, 0, this.waitMs);
    const received = receiveMessageOnPort(this.port);
    if (!received) {
      const why = waited === 'timed-out' ? `no answer within ${this.waitMs / 1000} s` : 'no answer';
      return { ok: false, error: { message: `The team ledger's server gave ${why}.`, code: 'KONTOR_NO_ANSWER' } };
    }
    return received.message as PgAnswer;
  }

  close(): void {
    if (this.closed) return;
    this.call({ kind: 'close', sql: '' });
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }

  get isOpen(): boolean {
    return !this.closed;
  }
}
