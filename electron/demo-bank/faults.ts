/**
 * Fault switches for tests: make the bank misbehave on purpose for one kind
 * of request, to prove that Kontor copes.
 *
 * - `drop-response`: do the work and commit it, then close the connection
 *   without answering (the client cannot know whether the step happened);
 * - `delay`: wait `ms` milliseconds before handling the request;
 * - `hold`: keep the request waiting, unhandled, until `release()` (or
 *   `clear()`): a test decides what happens while it is in flight — another
 *   client's recovery, or killing the client — without racing a timer;
 * - `http-500`: answer HTTP 500 without handling the request;
 * - `reset`: destroy the connection before handling the request;
 * - `malformed`: do the work, then answer with the first half of the XML;
 * - `wrong-signature`: do the work and sign the answer with a key that is
 *   not the bank's (only signed answers, i.e. `ebicsResponse`, are affected).
 *
 * A fault for `upload-transfer` also hits the last segment unless
 * `upload-last-transfer` has its own.
 *
 * Beside the switches, one mode: **late visibility** (`showLate(ms)`). An
 * upload the bank completes while it is on is stored and answered as usual,
 * but stays out of the bank's overviews (HVU/HVZ) and protocols (HAC/PTK)
 * until `ms` milliseconds after its receipt on the bank's clock (the
 * injectable one, never wall time): a bank that takes a while to show what it
 * received. With a lost answer or a killed client, recovery meets an order
 * the bank holds but does not list yet.
 */
import { REQUEST_KINDS, type RequestKind } from './protocol/handler';

export const FAULT_NAMES = ['drop-response', 'delay', 'hold', 'http-500', 'reset', 'malformed', 'wrong-signature'] as const;
export type FaultName = (typeof FAULT_NAMES)[number];
export type FaultKind = RequestKind;

export interface FaultOptions {
  /** How many requests the fault hits; unlimited until cleared when omitted. */
  times?: number;
  /** For `delay`: milliseconds (default 1000). */
  ms?: number;
  /** Lets this many matching requests pass untouched first, e.g. to hit the third segment of an upload. */
  skip?: number;
}

export interface ActiveFault {
  name: FaultName;
  ms: number;
}

export interface Faults {
  set(kind: FaultKind, fault: FaultName, options?: FaultOptions): void;
  /** Clears one kind, or everything (and lets held requests go on). */
  clear(kind?: FaultKind): void;
  /** Lets every held request go on to be handled. */
  release(): void;
  /** How many requests are held right now. */
  holding(): number;
  /** For `hold`: resolves when the request may go on. Used by the server. */
  held(): Promise<void>;
  /** The fault for a request of `kind`, counting it down. Used by the server. */
  take(kind: FaultKind): ActiveFault | undefined;
  /** What is switched on, for display. */
  list(): Array<{ kind: FaultKind; fault: FaultName; remaining: number | null }>;
  /** Late visibility for uploads completed from now on (bank-clock milliseconds after receipt); null turns it off. */
  showLate(ms: number | null): void;
  /** The late-visibility delay in force, or null. Used by the server. */
  lateMs(): number | null;
  /** Keeps an order out of overviews and protocols until `untilMs` (bank clock, epoch ms). Used by the server. */
  hide(orderId: string, untilMs: number): void;
  /** Whether the bank lists the order at `atMs` (bank clock). Orders never hidden are always listed. */
  visible(orderId: string | null, atMs: number): boolean;
}

interface Entry {
  name: FaultName;
  ms: number;
  remaining: number;
  skip: number;
}

/**
 * `clear()` turns every switch and the late-visibility mode off; orders
 * already hidden stay hidden until their time (the bank received them and
 * only shows them late).
 */
export function createFaults(): Faults {
  const switches = new Map<FaultKind, Entry>();
  const hiddenUntil = new Map<string, number>();
  let late: number | null = null;
  let waiting: Array<() => void> = [];
  const release = () => {
    const go = waiting;
    waiting = [];
    for (const resume of go) resume();
  };
  return {
    set(kind, fault, options = {}) {
      if (!(REQUEST_KINDS as readonly string[]).includes(kind)) throw new RangeError(`Unknown request kind ${kind}`);
      if (!(FAULT_NAMES as readonly string[]).includes(fault)) throw new RangeError(`Unknown fault ${fault}`);
      const times = options.times ?? Number.POSITIVE_INFINITY;
      if (!(times > 0)) throw new RangeError('times must be positive');
      const skip = options.skip ?? 0;
      if (!Number.isSafeInteger(skip) || skip < 0) throw new RangeError('skip must be a whole number, 0 or more');
      switches.set(kind, { name: fault, ms: options.ms ?? 1000, remaining: times, skip });
    },
    clear(kind) {
      if (kind !== undefined) return void switches.delete(kind);
      switches.clear();
      late = null;
      release();
    },
    release,
    holding: () => waiting.length,
    held: () => new Promise<void>((resume) => waiting.push(resume)),
    take(kind) {
      const key = switches.has(kind) ? kind : kind === 'upload-last-transfer' && switches.has('upload-transfer') ? 'upload-transfer' : undefined;
      if (key === undefined) return undefined;
      const entry = switches.get(key);
      if (!entry) return undefined;
      if (entry.skip > 0) {
        entry.skip -= 1;
        return undefined;
      }
      entry.remaining -= 1;
      if (entry.remaining <= 0) switches.delete(key);
      return { name: entry.name, ms: entry.ms };
    },
    list() {
      return [...switches.entries()].map(([kind, e]) => ({ kind, fault: e.name, remaining: Number.isFinite(e.remaining) ? e.remaining : null }));
    },
    showLate(ms) {
      if (ms !== null && !(Number.isSafeInteger(ms) && ms > 0))
        throw new RangeError('the late-visibility delay must be a positive whole number of milliseconds');
      late = ms;
    },
    lateMs: () => late,
    hide(orderId, untilMs) {
      hiddenUntil.set(orderId, Math.max(untilMs, hiddenUntil.get(orderId) ?? untilMs));
    },
    visible(orderId, atMs) {
      if (orderId === null) return true;
      const until = hiddenUntil.get(orderId);
      if (until === undefined) return true;
      if (atMs < until) return false;
      hiddenUntil.delete(orderId);
      return true;
    },
  };
}
