/**
 * Fault switches for tests: make the bank misbehave on purpose for one kind
 * of request, to prove that Kontor copes.
 *
 * - `drop-response`: do the work and commit it, then close the connection
 *   without answering (the client cannot know whether the step happened);
 * - `delay`: wait `ms` milliseconds before handling the request;
 * - `http-500`: answer HTTP 500 without handling the request;
 * - `reset`: destroy the connection before handling the request;
 * - `malformed`: do the work, then answer with the first half of the XML;
 * - `wrong-signature`: do the work and sign the answer with a key that is
 *   not the bank's (only signed answers, i.e. `ebicsResponse`, are affected).
 *
 * A fault for `upload-transfer` also hits the last segment unless
 * `upload-last-transfer` has its own.
 */
import { REQUEST_KINDS, type RequestKind } from './protocol/handler';

export const FAULT_NAMES = ['drop-response', 'delay', 'http-500', 'reset', 'malformed', 'wrong-signature'] as const;
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
  /** Clears one kind, or everything. */
  clear(kind?: FaultKind): void;
  /** The fault for a request of `kind`, counting it down. Used by the server. */
  take(kind: FaultKind): ActiveFault | undefined;
  /** What is switched on, for display. */
  list(): Array<{ kind: FaultKind; fault: FaultName; remaining: number | null }>;
}

interface Entry {
  name: FaultName;
  ms: number;
  remaining: number;
  skip: number;
}

export function createFaults(): Faults {
  const switches = new Map<FaultKind, Entry>();
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
      if (kind === undefined) switches.clear();
      else switches.delete(kind);
    },
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
  };
}
