/**
 * The demo bank as an HTTP server on 127.0.0.1: POST text/xml at
 * `/ebicsweb` (and `/`), EBICS 2.5 (H004) and 3.0 (H005) at the same URL,
 * told apart by the request's namespace. Browsers are kept out
 * (`http-guard.ts`: XML only, its own host names, no Origin). Its state
 * lives in its own SQLite file in `dataDir`. On first start it creates its keys and one default
 * subscriber (KONTOR01 / USER01 with two demo accounts) and returns that
 * subscriber's user letter.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { systemClock, type BusinessDate, type Clock } from '../../shared/dates';
import { generateKeyPair } from '../ebics/crypto/keys';
import { createFaults, type ActiveFault, type Faults } from './faults';
import { refuseRequest } from './http-guard';
import { DEMO_HOST_ID } from './ids';
import { checkReturnPercent, DEFAULT_RETURN_PERCENT, type BookingRun } from './orders/booking';
import { DEFAULT_LIMITS, DEFAULT_SEGMENT_CHARS, type BankContext, type Limits, type StatementSource } from './protocol/context';
import { handleRequest, requestKind, type RequestKind } from './protocol/handler';
import type { StatementKind } from './protocol/order-types';
import { parseRequest } from './protocol/request';
import { signResponse } from './protocol/response';
import { createStatementSource, type CamtVersionTable, type RenderedStatement } from './statement-source/source';
import type { CamtVersion } from './statements/camt';
import { ensureBankKeys } from './store/bank-keys';
import { clearAddress, recordAddress } from './address';
import { BANK_DB_FILE, openBankDatabase, type Database } from './store/database';
import { purgeNoncesBefore } from './store/nonces';
import { orderOfTransaction } from './store/orders';
import { listSubscribers } from './store/subscribers';
import * as clerk from './subscribers';

export interface ExchangeRecord {
  kind: RequestKind;
  request: string;
  /** What was sent back; null when the connection was closed without an answer. */
  response: string | null;
  status: number;
  /** The EBICS code reported, when the request was handled. */
  code?: string;
  fault?: ActiveFault['name'];
}

export interface DemoBankOptions {
  dataDir: string;
  /** Default 0: any free port (the bank reports the one it got). */
  port?: number;
  /** Loopback only. */
  host?: '127.0.0.1';
  /** Host names the bank answers to besides 127.0.0.1, localhost and [::1] (e.g. a name in /etc/hosts); the Host header must name one. */
  hostNames?: readonly string[];
  clock?: Clock;
  /** Download segment size in base64 characters (multiple of 4); default 1 MB. */
  segmentSize?: number;
  /** Where statements come from; default the bank's own books (seeded history, released orders, returns). */
  statementSource?: StatementSource;
  /** camt version per EBICS version and kind for the default statement source (default H004 .02, H005 .08). */
  camtVersions?: CamtVersionTable;
  /** Share of direct debits that come back as returns, 0–100; default 10. */
  directDebitReturnPercent?: number;
  limits?: Partial<Limits>;
  /** Sees every request and answer (tests validate them against the schemas). */
  onExchange?: (record: ExchangeRecord) => void;
  /** Unexpected errors (answered 061099); default stderr. */
  log?: (message: string) => void;
}

export interface DemoBankStore {
  db: Database;
  dataDir: string;
  file: string;
}

export interface DemoBank {
  url: string;
  port: number;
  hostId: typeof DEMO_HOST_ID;
  /** The default subscriber's user letter when this start created it, else null. */
  initialLetter: string | null;
  store: DemoBankStore;
  /** The bank's clock: a client of the same test or demonstration runs on it, as real clocks agree. */
  clock: Clock;
  faults: Faults;
  addSubscriber(input: clerk.AddSubscriberInput): string;
  /** `locale`: the language the letter is written in (default English). */
  userLetter(partnerId: string, userId: string, locale?: 'de' | 'en'): string;
  activate(partnerId: string, userId: string, locale?: 'de' | 'en'): string;
  suspend(partnerId: string, userId: string): void;
  release(orderId: string): void;
  reject(orderId: string): void;
  /** A signer of the order's partner signs or cancels it at the bank's counter (the VEU rules apply). */
  signAtBank(orderId: string, partnerId: string, userId: string, action?: 'sign' | 'cancel'): clerk.SignOutcome;
  /** The register of account holders the payee check compares names with. */
  holders: { add(iban: string, name: string): clerk.Holder; list(): clerk.Holder[] };
  /** The rules the bank applies to every customer, e.g. single payments only with verification of payee. */
  rules: { get(): clerk.BankRules; set(change: Partial<clerk.BankRules>): clerk.BankRules };
  /** Sets a subscriber's signature class (T, E, A, B). */
  setSignerClass(partnerId: string, userId: string, signatureClass: clerk.SignatureClass): void;
  /** Books released orders whose date has come (also done before every request); `today` defaults to the bank clock's. */
  bookDueOrders(today?: BusinessDate): BookingRun;
  /** The statements the bank would serve for the account, kind and period, as text (books due orders first). */
  statement(accountIban: string, format: StatementKind, from: BusinessDate, to: BusinessDate, options?: { camtVersion?: CamtVersion }): RenderedStatement[];
  bankKeyLetter(locale?: 'de' | 'en'): string;
  /** Resolves once no request is being handled (a delayed one included): tests let time pass only then. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PARTNER_ID = 'KONTOR01';
export const DEFAULT_USER_ID = 'USER01';

/** Biggest request body read (a 1 MB segment plus envelope fits many times). */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=UTF-8', ...headers });
  res.end(text);
}

/** What the running bank's pieces share: the options, its database and switches, and what is known once it listens. */
interface Running {
  options: DemoBankOptions;
  db: Database;
  clock: Clock;
  faults: Faults;
  log: (message: string) => void;
  returnPercent: number;
  /** Set once listening; requests before that cannot arrive. */
  port: number;
  ctx?: BankContext;
  wrongKey?: KeyObject;
  inFlight: number;
  whenIdle: Array<() => void>;
}

/**
 * The booking run, also before every request: released orders whose date
 * has come are booked first, so whatever the request sees is up to date
 * (and a release made by the CLI in another process is picked up too).
 */
function bookDue(r: Running, bank: clerk.BankAdmin, today?: BusinessDate): BookingRun {
  return clerk.bookDueOrders(bank, { returnPercent: r.returnPercent, ...(today !== undefined ? { today } : {}) });
}

/** Late visibility: the order this last segment completed is listed only `ms` after its receipt (bank clock). */
function hideIfLate(r: Running, kind: RequestKind, parsed: ReturnType<typeof parseRequest>): void {
  const ms = r.faults.lateMs();
  if (ms === null || kind !== 'upload-last-transfer' || !parsed.ok || parsed.request.kind !== 'transfer') return;
  const order = orderOfTransaction(r.db, parsed.request.transactionId);
  if (order) r.faults.hide(order.orderId, Date.parse(order.receivedAt) + ms);
}

/** The switched fault that ends a request before the bank handles it; true when it did. */
async function faultBeforeHandling(
  fault: ActiveFault | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  record: (x: Omit<ExchangeRecord, 'kind' | 'request'>) => void,
  faults: Faults,
): Promise<boolean> {
  if (fault?.name === 'delay') await new Promise((done) => setTimeout(done, fault.ms));
  if (fault?.name === 'hold') await faults.held();
  if (fault?.name === 'reset') {
    req.socket.destroy();
    record({ response: null, status: 0 });
    return true;
  }
  if (fault?.name === 'http-500') {
    plain(res, 500, 'Internal Server Error');
    record({ response: 'Internal Server Error', status: 500 });
    return true;
  }
  return false;
}

async function serve(r: Running, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path !== '/' && path !== '/ebicsweb') return plain(res, 404, 'not found');
  if (req.method !== 'POST') return plain(res, 405, 'POST an EBICS message', { allow: 'POST' });
  const refused = refuseRequest(req.headers, { port: r.port, ...(r.options.hostNames ? { hostNames: r.options.hostNames } : {}) });
  if (refused) return plain(res, refused.status, refused.text, { connection: 'close' });
  const body = await readBody(req);
  if (body === 'too-large') return plain(res, 413, 'request too large');
  const ctx = r.ctx;
  if (!ctx) return plain(res, 503, 'starting');
  const xml = body.toString('utf8');
  const parsed = parseRequest(xml);
  const kind = requestKind(parsed);
  const fault = r.faults.take(kind);
  const record = (x: Omit<ExchangeRecord, 'kind' | 'request'>) => r.options.onExchange?.({ kind, request: xml, ...x, ...(fault ? { fault: fault.name } : {}) });
  if (await faultBeforeHandling(fault, req, res, record, r.faults)) return;

  try {
    bookDue(r, ctx);
  } catch (e) {
    r.log(`demo bank: booking run failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const handled = handleRequest(ctx, parsed);
  hideIfLate(r, kind, parsed);
  let signingKey = ctx.keys.authentication.privateKey;
  if (fault?.name === 'wrong-signature') signingKey = r.wrongKey ??= generateKeyPair(2048).privateKey;
  let answer = handled.sign ? signResponse(handled.xml, signingKey) : handled.xml;

  if (fault?.name === 'drop-response') {
    // The step is committed; the client never hears about it.
    req.socket.destroy();
    record({ response: null, status: 0, code: handled.code });
    return;
  }
  if (fault?.name === 'malformed') answer = answer.slice(0, Math.floor(answer.length / 2));
  res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8', 'content-length': String(Buffer.byteLength(answer, 'utf8')) });
  res.end(answer);
  record({ response: answer, status: 200, code: handled.code });
}

/** The HTTP server: every request counted while in flight, so `idle()` can wait for none. */
function httpServer(r: Running) {
  return createServer((req, res) => {
    r.inFlight += 1;
    serve(r, req, res)
      .catch((e: unknown) => {
        r.log(`demo bank: ${e instanceof Error ? e.message : String(e)}`);
        if (!res.headersSent) plain(res, 500, 'internal error');
        else res.destroy();
      })
      .finally(() => {
        r.inFlight -= 1;
        if (r.inFlight === 0) for (const done of r.whenIdle.splice(0)) done();
      });
  });
}

/** The bank's keys and context once its address is known, and the first subscriber's letter on a first start. */
function openBank(r: Running, url: string, segmentSize: number): { ctx: BankContext; initialLetter: string | null } {
  const { db, clock, options } = r;
  const { keys } = ensureBankKeys(db, clock, DEMO_HOST_ID);
  purgeNoncesBefore(db, new Date(clock.now().getTime() - 24 * 3600 * 1000).toISOString());
  const ctx: BankContext = {
    db,
    hostId: DEMO_HOST_ID,
    url,
    clock,
    keys,
    segmentSize,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    statementSource: options.statementSource ?? createStatementSource({ db, clock }, options.camtVersions ? { camtVersions: options.camtVersions } : {}),
    log: r.log,
    listed: (orderId) => r.faults.visible(orderId, clock.now().getTime()),
  };
  const initialLetter =
    listSubscribers(db).length === 0
      ? clerk.addSubscriber(ctx, { partnerId: DEFAULT_PARTNER_ID, userId: DEFAULT_USER_ID, name: 'Kontor Demo GmbH', accounts: 2 }).letter
      : null;
  return { ctx, initialLetter };
}

/** What callers hold: the clerk's desk on the bank's context, statements, idle and close. */
function bankHandle(r: Running, server: ReturnType<typeof createServer>, admin: clerk.BankAdmin, url: string, initialLetter: string | null): DemoBank {
  const { options, db, clock, faults } = r;
  let closed: Promise<void> | undefined;
  return {
    url,
    port: r.port,
    hostId: DEMO_HOST_ID,
    initialLetter,
    store: { db, dataDir: options.dataDir, file: join(options.dataDir, BANK_DB_FILE) },
    clock,
    faults,
    addSubscriber: (input) => clerk.addSubscriber(admin, input).letter,
    userLetter: (p, u, locale) => clerk.userLetter(admin, p, u, locale),
    activate: (p, u, locale) => clerk.activate(admin, p, u, locale),
    suspend: (p, u) => clerk.suspend(admin, p, u),
    release: (orderId) => clerk.release(admin, orderId),
    reject: (orderId) => clerk.reject(admin, orderId),
    signAtBank: (orderId, p, u, action) => clerk.signAtBank(admin, orderId, p, u, action),
    setSignerClass: (p, u, c) => clerk.setSignerClass(admin, p, u, c),
    holders: { add: (iban, name) => clerk.addPayeeHolder(admin, iban, name), list: () => clerk.payeeHolders(admin) },
    rules: { get: () => clerk.bankRules(admin), set: (change) => clerk.setBankRules(admin, change) },
    bookDueOrders: (today) => bookDue(r, admin, today),
    statement: (accountIban, format, from, to, o = {}) => {
      bookDue(r, admin);
      return clerk.statement(admin, accountIban, format, from, to, o);
    },
    bankKeyLetter: (locale) => clerk.bankKeyLetter(admin, locale),
    idle: () => (r.inFlight === 0 ? Promise.resolve() : new Promise<void>((done) => r.whenIdle.push(done))),
    close() {
      faults.release();
      closed ??= new Promise<void>((resolveClose) => {
        clearAddress(options.dataDir, url);
        server.close(() => {
          db.close();
          resolveClose();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}

export async function startDemoBank(options: DemoBankOptions): Promise<DemoBank> {
  const host = options.host ?? '127.0.0.1';
  if (host !== '127.0.0.1') throw new RangeError('The demo bank listens on 127.0.0.1 only');
  const segmentSize = options.segmentSize ?? DEFAULT_SEGMENT_CHARS;
  if (!Number.isSafeInteger(segmentSize) || segmentSize <= 0 || segmentSize % 4 !== 0) throw new RangeError('segmentSize must be a positive multiple of 4');
  const r: Running = {
    options,
    clock: options.clock ?? systemClock,
    log: options.log ?? ((m: string) => process.stderr.write(`${m}\n`)),
    returnPercent: checkReturnPercent(options.directDebitReturnPercent ?? DEFAULT_RETURN_PERCENT),
    db: openBankDatabase(options.dataDir),
    faults: createFaults(),
    port: 0,
    inFlight: 0,
    whenIdle: [],
  };
  const server = httpServer(r);
  try {
    await new Promise<void>((resolveListen, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolveListen();
      });
    });
  } catch (e) {
    r.db.close();
    throw e;
  }
  r.port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${r.port}/ebicsweb`;
  let opened: ReturnType<typeof openBank>;
  try {
    opened = openBank(r, url, segmentSize);
  } catch (e) {
    server.close();
    r.db.close();
    throw e;
  }
  r.ctx = opened.ctx;
  recordAddress(options.dataDir, url);
  return bankHandle(r, server, opened.ctx, url, opened.initialLetter);
}
