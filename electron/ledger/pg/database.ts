import type { Database } from 'better-sqlite3';
import { ChangeTracker, notifyStatement } from './changes';
import { listenForChanges, type ChangeListener, type ChangeListenerOptions } from './listen';
import { SyncPgClient, type PgAnswer } from './sync-client';
import { translate, type Translated } from './translate';

/**
 * The part of better-sqlite3's interface the repositories and services use
 * (prepare → run/get/all/iterate/pluck/bind, exec, transaction, close, open,
 * name), over one PostgreSQL connection. The repositories keep their SQL and
 * their synchronous calls; ./translate.ts rewrites each statement once.
 *
 * Transactions: every outermost transaction first takes one advisory lock
 * shared by all workstations (`kontor.writer`), so transactions run one after
 * another across the team as they do in the SQLite file (one writer at a
 * time). The services' read-check-write sequences were written for that
 * isolation; it is what keeps two workstations from putting one entry into
 * two runs or losing an update. Reads outside a transaction do not wait.
 * Nested transactions are savepoints, as in better-sqlite3.
 *
 * Changes: the areas a transaction wrote are announced to the other Kontor
 * processes by a NOTIFY just before COMMIT (./changes.ts, ./listen.ts).
 */

/** pg error codes → the better-sqlite3 codes the repositories already understand (rows.ts explainConstraint). */
const SQLITE_CODES: Record<string, string> = {
  '23505': 'SQLITE_CONSTRAINT_UNIQUE',
  '23503': 'SQLITE_CONSTRAINT_FOREIGNKEY',
  '23514': 'SQLITE_CONSTRAINT_CHECK',
  '23502': 'SQLITE_CONSTRAINT_NOTNULL',
  P0001: 'SQLITE_CONSTRAINT_TRIGGER',
  '42501': 'SQLITE_AUTH',
};

export class PgLedgerError extends Error {
  /** The better-sqlite3 code where one fits, else `PG_<sqlstate>`. */
  readonly code: string;
  readonly pgCode: string | undefined;
  constructor(
    message: string,
    pgCode: string | undefined,
    readonly sql?: string,
  ) {
    super(message);
    this.name = 'SqliteError';
    this.pgCode = pgCode;
    this.code = (pgCode && SQLITE_CODES[pgCode]) ?? `PG_${pgCode ?? 'UNKNOWN'}`;
  }
}

/** A writer's lock key shared by every Kontor process on the team ledger. */
const WRITER_LOCK = "SELECT pg_advisory_xact_lock(hashtext('kontor.writer'))";

type Row = Record<string, unknown>;

function toBuffers(row: Row): Row {
  for (const k of Object.keys(row)) {
    const v = row[k];
    if (v instanceof Uint8Array && !Buffer.isBuffer(v)) row[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  }
  return row;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.getPrototypeOf(v) === Object.prototype;
}

export class PgStatement {
  private plucked = false;
  private bound: unknown[] | null = null;
  readonly reader: boolean;

  constructor(
    private readonly db: PgDatabase,
    readonly source: string,
    private readonly sql: Translated,
  ) {
    this.reader = /^\s*(SELECT|WITH|VALUES)\b/i.test(source) || /\bRETURNING\b/i.test(source);
  }

  private values(args: unknown[]): unknown[] {
    const given = this.bound ?? args;
    if (this.sql.names) {
      const named = given.find(isPlainObject);
      if (!named) throw new TypeError('This statement takes named parameters (@name): pass one object');
      return this.sql.names.map((n) => {
        if (!(n in named)) throw new RangeError(`Missing named parameter "${n}"`);
        return named[n];
      });
    }
    return given.flat();
  }

  private query(args: unknown[]): { rows: Row[]; rowCount: number } {
    return this.db.query(this.sql.text, this.values(args), this.source);
  }

  run(...args: unknown[]): { changes: number; lastInsertRowid: number } {
    const r = this.query(args);
    const id = this.sql.returnsId ? r.rows[0]?.id : undefined;
    return { changes: r.rowCount, lastInsertRowid: typeof id === 'number' ? id : 0 };
  }

  get(...args: unknown[]): unknown {
    const row = this.query(args).rows[0];
    if (row === undefined) return undefined;
    return this.plucked ? Object.values(row)[0] : row;
  }

  all(...args: unknown[]): unknown[] {
    const rows = this.query(args).rows;
    return this.plucked ? rows.map((r) => Object.values(r)[0]) : rows;
  }

  /** Reads the whole result first: the ledger's iterated queries are bounded (the audit log, the journal). */
  iterate(...args: unknown[]): IterableIterator<unknown> {
    return this.all(...args)[Symbol.iterator]();
  }

  pluck(on = true): this {
    this.plucked = on;
    return this;
  }

  bind(...args: unknown[]): this {
    this.bound = args;
    return this;
  }
}

export interface PgDatabaseOptions {
  connectionString: string;
  waitMs?: number;
}

export class PgDatabase {
  readonly engine = 'postgres' as const;
  /** Where the ledger is, without the password: the services key per-ledger state by it. */
  readonly name: string;
  private readonly client: SyncPgClient;
  private readonly cache = new Map<string, Translated>();
  private depth = 0;
  private readonly connectionString: string;
  private readonly changes = new ChangeTracker();

  constructor(o: PgDatabaseOptions) {
    this.connectionString = o.connectionString;
    this.client = new SyncPgClient({ connectionString: o.connectionString, ...(o.waitMs ? { waitMs: o.waitMs } : {}) });
    this.name = redactUrl(o.connectionString);
  }

  get open(): boolean {
    return this.client.isOpen;
  }

  get inTransaction(): boolean {
    return this.depth > 0;
  }

  private answer(a: PgAnswer, sql: string): { rows: Row[]; rowCount: number } {
    if (!a.ok) {
      if (process.env.KONTOR_PG_DEBUG) console.error('PGFAIL', a.error.message, sql.slice(0, 300));
      throw new PgLedgerError(a.error.message, a.error.code, sql);
    }
    return { rows: a.rows.map(toBuffers), rowCount: a.rowCount };
  }

  query(text: string, params: unknown[], source = text): { rows: Row[]; rowCount: number } {
    const r = this.answer(this.client.call({ kind: 'query', sql: text, params }), source);
    this.changes.note(source);
    if (this.depth === 0) this.announceAfterCommit();
    return r;
  }

  prepare(source: string): PgStatement {
    let t = this.cache.get(source);
    if (!t) {
      t = translate(source);
      this.cache.set(source, t);
    }
    return new PgStatement(this, source, t);
  }

  /** Runs PostgreSQL text as it is (several statements, no parameters): migrations and set-up. */
  exec(sql: string): this {
    this.answer(this.client.call({ kind: 'exec', sql }), sql);
    return this;
  }

  transaction<A extends unknown[], R>(fn: (...args: A) => R): ((...args: A) => R) & Record<'deferred' | 'immediate' | 'exclusive', (...args: A) => R> {
    const run = (...args: A): R => this.inTx(() => fn(...args));
    return Object.assign(run, { deferred: run, immediate: run, exclusive: run });
  }

  private inTx<R>(body: () => R): R {
    const level = this.depth;
    const savepoint = level > 0 ? `kontor_sp${level}` : null;
    this.exec(savepoint ? `SAVEPOINT ${savepoint}` : 'BEGIN');
    this.depth = level + 1;
    try {
      if (!savepoint) this.query(WRITER_LOCK, []);
      const result = body();
      if (result instanceof Promise) throw new TypeError('Transaction function cannot return a promise');
      if (!savepoint) this.announce();
      this.exec(savepoint ? `RELEASE SAVEPOINT ${savepoint}` : 'COMMIT');
      this.depth = level;
      return result;
    } catch (e) {
      this.depth = level;
      if (!savepoint) this.changes.take();
      // A failed COMMIT has already ended the transaction; the ROLLBACK's own complaint about that is not the news.
      this.client.call({ kind: 'exec', sql: savepoint ? `ROLLBACK TO SAVEPOINT ${savepoint}; RELEASE SAVEPOINT ${savepoint}` : 'ROLLBACK' });
      throw e;
    }
  }

  // ---- changes for the other workstations (./changes.ts) ----

  /** Inside the transaction: PostgreSQL delivers the notification when it commits, and drops it on rollback. */
  private announce(): void {
    const areas = this.changes.take();
    if (areas.length === 0) return;
    const n = notifyStatement(areas);
    this.answer(this.client.call({ kind: 'query', sql: n.sql, params: n.params }), n.sql);
  }

  /** A write outside a transaction has committed already: a failed notice must not make it look failed. */
  private announceAfterCommit(): void {
    try {
      this.announce();
    } catch (e) {
      if (process.env.KONTOR_PG_DEBUG) console.error('PGNOTIFY', (e as Error).message);
    }
  }

  /** Hears the changes other processes commit, on a connection of its own; this connection's own are left out. */
  listenForChanges(o: Omit<ChangeListenerOptions, 'connectionString' | 'ownProcessId'>): ChangeListener {
    const own = (this.prepare('SELECT pg_backend_pid() AS pid').get() as { pid: number }).pid;
    return listenForChanges({ ...o, connectionString: this.connectionString, ownProcessId: () => own });
  }

  pragma(source: string): unknown[] {
    // The SQLite file's settings (WAL, sync, foreign keys) have no meaning on the server; nothing else is asked.
    if (/^\s*(journal_mode|synchronous|foreign_keys|busy_timeout)\b/i.test(source)) return [];
    throw new PgLedgerError(`pragma ${source} has no PostgreSQL meaning`, undefined);
  }

  close(): void {
    this.client.close();
  }

  /** The same object typed as the repositories expect it: the interface subset above is all they use. */
  asDatabase(): Database {
    return this as unknown as Database;
  }
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

export function isTeamLedger(db: Database | PgDatabase): boolean {
  return (db as { engine?: string }).engine === 'postgres';
}
