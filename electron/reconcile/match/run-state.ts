/**
 * One matching run's state, shared by the passes: the inputs, the indexes
 * built once, what the run has claimed so far (running open amounts, payments
 * booked and returned, lines decided) and the proposals.
 *
 * Entries are held as a struct of arrays (one slot per entry, no object per
 * entry): the bench runs 100,000 of them.
 */
import { addTarget2Days } from '../../../shared/dates';
import { IdSlots, SlotMap, SlotSet } from './id-slots';
import { dayNumber, normaliseIban, referenceKey } from './normalise';
import { sign } from './proposal';
import type { Allocation, BankLine, IssuedPayment, MatchFields, MatchOptions, OpenEntry, PaymentStatus, Proposal } from './types';

const DEFAULTS: Required<MatchOptions> = {
  daysBeforeStatement: 10,
  daysAfterDue: 60,
  mandateTarget2Days: 1,
  fields: { reference: true, iban: true, name: true },
  byAccount: {},
};

/** Statuses under which a booking of the payment is expected (the import may already have moved it on). */
export const BOOKABLE: ReadonlySet<PaymentStatus> = new Set(['Issued', 'Collected', 'Final', 'Reversed', 'Refunded']);
/** Statuses under which the payment's money did move, so a return reopens its entries. */
export const COLLECTED: ReadonlySet<PaymentStatus> = new Set(['Collected', 'Final', 'Reversed', 'Refunded']);

/**
 * A reference index hit: entry index × 2, + 1 when found by the entry's
 * payment reference rather than its number. One number, not an object: the
 * index holds one per entry.
 */
export type HitCode = number;
export const hitIdx = (code: HitCode) => code >> 1;
export const hitVia = (code: HitCode): 'number' | 'reference' => (code & 1 ? 'reference' : 'number');

/** Open entries by counterparty key (IBAN or name), then by running open amount. */
export type AmountIndex = Map<string, Map<number, number | number[]>>;

/** The fields and date window that apply to one line (lineOptions). */
export interface LineOptions {
  readonly before: number;
  readonly after: number;
  readonly fields: MatchFields;
}

export interface RunState {
  readonly lines: readonly BankLine[];
  readonly entries: readonly OpenEntry[];
  readonly options: Required<MatchOptions>;
  /** The run's own LineOptions, shared by every line when no account has settings of its own (perAccount false). */
  readonly runLineOptions: LineOptions;
  /** May some account have settings of its own (options.byAccount)? See hasAccountSettings. */
  readonly perAccount: boolean;

  // ---- entries, by index -----------------------------------------------------------
  /** Running open amount (signed), lowered as the run allocates. */
  readonly open: Float64Array;
  /** Due date, else statement date, as a day number: "oldest" sorts by this. */
  readonly ageDay: Float64Array;
  readonly statementDay: Float64Array;
  /** The date window of the amount + counterparty passes. */
  readonly windowLo: Float64Array;
  readonly windowHi: Float64Array;
  /** Normalised IBANs of the entry's account (usually one), computed when first needed: see ibansOf. */
  readonly ibanCache: (readonly string[] | undefined)[];
  /** Bit 1: the number is a weak key; bit 2: the payment reference is. */
  readonly weakBits: Uint8Array;
  /** Entry id → entry index. */
  readonly entryById: IdSlots;
  /** Entry numbers and payment references by referenceKey. */
  readonly refIndex: Map<string, HitCode | HitCode[]>;
  /**
   * First parts of every reference key (a text part not in here starts no
   * reference), each with the lengths of the keys it starts: bit n − 1 for a
   * key of n parts, bit 30 for 31 parts or more. A text is looked up only for
   * keys of a length some key has (see keyLengthBit).
   */
  readonly firstParts: Map<string, number>;
  /**
   * 1 at the (ASCII) first character code of every first part: a text part
   * whose normalised form starts otherwise starts no reference, known without
   * building its string (see normFirstCode).
   */
  readonly firstCodes: Uint8Array;
  /** The most parts any reference key has. */
  maxKeyParts: number;
  /** Oldest first: due date (else statement date), then statement date, then input order. */
  readonly byAge: (a: number, b: number) => number;

  // ---- payments --------------------------------------------------------------------
  readonly byE2e: Map<string, IssuedPayment[]>;
  readonly byMandate: Map<string, IssuedPayment[]>;
  /** A mandate's payments grouped by amount, in byMandate's order; built per mandate when pass 2 first asks (see paymentsOfMandate). */
  readonly byMandateAmount: Map<string, Map<number, IssuedPayment[]>>;
  /** Collection date → its TARGET2 window as day numbers (see collectionWindow). */
  readonly target2Window: Map<string, [number, number]>;
  /** Payments booked by a line in this run: each is booked at most once. */
  readonly usedPayments: SlotSet;
  /** Allocations that booked a payment in this run, so that its return in the same run reopens exactly those. */
  readonly bookedInRun: SlotMap<Allocation[]>;
  /** A payment is given back at most once per run: a second return line for it is left to the reviewer. */
  readonly returned: SlotSet;

  // ---- lines, by index -------------------------------------------------------------
  /** What is left of each line to allocate. */
  readonly available: number[];
  /** Each line's counterparty IBAN normalised, computed when first needed: see lineIban. */
  readonly lineIbans: (string | undefined)[];
  /** 1 for a return, reversal or chargeback (pass 1 adds lines that give an issued payment back). */
  readonly isReturn: Uint8Array;
  /** Return lines whose end-to-end id names issued payments, found by pass 1, matched by pass 3. */
  readonly returnsByE2e: number[];
  readonly result: (Proposal | undefined)[];
}

export function createRunState(lines: readonly BankLine[], entries: readonly OpenEntry[], payments: readonly IssuedPayment[], options: MatchOptions): RunState {
  const m = entries.length;
  const ageDay = new Float64Array(m);
  const statementDay = new Float64Array(m);
  const opt: Required<MatchOptions> = { ...DEFAULTS, ...options };
  // Payment ids → slots for the run's marks on payments (booked, returned): no hash set of 450,000 ids at the bench's 1,000,000 lines.
  const paymentSlots = new IdSlots(payments);
  const run: RunState = {
    lines,
    entries,
    options: opt,
    runLineOptions: { before: opt.daysBeforeStatement, after: opt.daysAfterDue, fields: opt.fields },
    perAccount: hasAccountSettings(opt.byAccount),
    open: new Float64Array(m),
    ageDay,
    statementDay,
    windowLo: new Float64Array(m),
    windowHi: new Float64Array(m),
    ibanCache: new Array(m),
    weakBits: new Uint8Array(m),
    entryById: new IdSlots(entries),
    refIndex: new Map(),
    firstParts: new Map(),
    firstCodes: new Uint8Array(128),
    maxKeyParts: 1,
    byAge: (a, b) => ageDay[a]! - ageDay[b]! || statementDay[a]! - statementDay[b]! || a - b,
    byE2e: new Map(),
    byMandate: new Map(),
    byMandateAmount: new Map(),
    target2Window: new Map(),
    usedPayments: new SlotSet(paymentSlots, payments.length),
    bookedInRun: new SlotMap(paymentSlots, payments.length),
    returned: new SlotSet(paymentSlots, payments.length),
    available: new Array(lines.length),
    lineIbans: new Array(lines.length),
    isReturn: new Uint8Array(lines.length),
    returnsByE2e: [],
    result: new Array(lines.length),
  };
  indexEntries(run);
  indexPayments(run, payments);
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    run.available[i] = l.amountCents - (l.alreadyAssignedCents || 0);
    if (l.returnReason || l.isReversal || l.isChargeback) run.isReturn[i] = 1;
  }
  return run;
}

function indexEntries(run: RunState): void {
  const { entries, options: opt } = run;
  for (let idx = 0; idx < entries.length; idx++) {
    const e = entries[idx]!;
    const sDay = dayNumber(e.statementDate);
    const dueDay = dayNumber(e.dueDate);
    const hasDue = !Number.isNaN(dueDay);
    run.statementDay[idx] = sDay;
    run.ageDay[idx] = hasDue ? dueDay : sDay;
    run.windowLo[idx] = sDay - opt.daysBeforeStatement;
    run.windowHi[idx] = (hasDue ? Math.max(dueDay, sDay) : sDay) + opt.daysAfterDue;
    run.open[idx] = e.openAmountCents;
    addReference(run, e.number, idx, 0);
    if (e.paymentReference && e.paymentReference !== e.number) addReference(run, e.paymentReference, idx, 1);
  }
}

function addReference(run: RunState, text: string | null | undefined, idx: number, via: 0 | 1): void {
  if (!text) return;
  const k = referenceKey(text);
  if (!k) return;
  if (k.weak) run.weakBits[idx]! |= via ? 2 : 1;
  const code = idx * 2 + via;
  const had = run.refIndex.get(k.key);
  if (had === undefined) run.refIndex.set(k.key, code);
  // The same entry under its number and an equal reference: once.
  else if (typeof had === 'number') {
    if (hitIdx(had) !== idx) run.refIndex.set(k.key, [had, code]);
  } else if (!had.some((h) => hitIdx(h) === idx)) had.push(code);
  run.firstParts.set(k.first, (run.firstParts.get(k.first) ?? 0) | keyLengthBit(k.parts));
  const c = k.first.charCodeAt(0);
  if (c < 128) run.firstCodes[c] = 1;
  if (k.parts > run.maxKeyParts) run.maxKeyParts = k.parts;
}

/** The bit of firstParts' lengths for a key of `parts` parts. */
export function keyLengthBit(parts: number): number {
  return 1 << (Math.min(parts, 31) - 1);
}

function indexPayments(run: RunState, payments: readonly IssuedPayment[]): void {
  for (let k = 0; k < payments.length; k++) {
    const p = payments[k]!;
    const e2e = p.endToEndId?.trim().toUpperCase();
    if (e2e && e2e !== 'NOTPROVIDED') {
      const list = run.byE2e.get(e2e);
      if (list) list.push(p);
      else run.byE2e.set(e2e, [p]);
    }
    const m = p.mandateId?.trim().toUpperCase();
    if (m) {
      const list = run.byMandate.get(m);
      if (list) list.push(p);
      else run.byMandate.set(m, [p]);
    }
  }
}

/** Has line i its proposal already, or nothing left to allocate? */
export function done(run: RunState, i: number): boolean {
  return run.result[i] !== undefined || run.available[i] === 0;
}

/**
 * May some line's account have settings of its own? Only a plain empty object
 * (what the services pass) says no for certain; anything else is looked up
 * per line as before.
 */
function hasAccountSettings(byAccount: Required<MatchOptions>['byAccount']): boolean {
  return !(byAccount && Object.getPrototypeOf(byAccount) === Object.prototype && Object.getOwnPropertyNames(byAccount).length === 0);
}

/**
 * The fields and date window for line i: its own account's settings where it
 * has some, else the run's. Without per-account settings no line's account is
 * looked up: at 1,000,000 lines hashing each line's account IBAN in every
 * pass cost seconds.
 */
export function lineOptions(run: RunState, i: number): LineOptions {
  if (!run.perAccount) return run.runLineOptions;
  const o = run.options;
  const own = o.byAccount[run.lines[i]!.accountIban];
  return { before: own?.daysBeforeStatement ?? o.daysBeforeStatement, after: own?.daysAfterDue ?? o.daysAfterDue, fields: own?.fields ?? o.fields };
}

/** Whether line i's day lies in entry idx's window as line i's options draw it (the index holds the run's default window). */
export function inWindow(run: RunState, i: number, idx: number): boolean {
  const day = lineDay(run, i);
  const w = lineOptions(run, i);
  return day >= run.windowLo[idx]! + run.options.daysBeforeStatement - w.before && day <= run.windowHi[idx]! - run.options.daysAfterDue + w.after;
}

export function lineDay(run: RunState, i: number): number {
  return dayNumber(run.lines[i]!.bookingDate);
}

/** Line i's counterparty IBAN normalised, once per line: several passes ask for it. */
export function lineIban(run: RunState, i: number): string {
  let iban = run.lineIbans[i];
  if (iban === undefined) {
    iban = normaliseIban(run.lines[i]!.counterpartyIban);
    run.lineIbans[i] = iban;
  }
  return iban;
}

/** Normalised IBANs of entry idx's account. */
export function ibansOf(run: RunState, idx: number): readonly string[] {
  let ibans = run.ibanCache[idx];
  if (ibans === undefined) {
    const given = run.entries[idx]!.accountIbans;
    // Usually one IBAN, already normalised: the entry's own list serves (never written), instead of an array per entry for the run.
    if (given.length === 1 && given[0] && normaliseIban(given[0]) === given[0]) ibans = given;
    else {
      const own: string[] = [];
      for (const iban of given) {
        const n = normaliseIban(iban);
        if (n && !own.includes(n)) own.push(n);
      }
      ibans = own;
    }
    run.ibanCache[idx] = ibans;
  }
  return ibans;
}

/** Can money in the direction of `lineSign` settle entry idx now? */
export function settleable(run: RunState, idx: number, lineSign: number, currency: string): boolean {
  const e = run.entries[idx]!;
  const o = run.open[idx]!;
  if (e.currency !== currency || o === 0 || sign(o) !== lineSign) return false;
  // Money in settles receivables (Debit), money out payables (Credit).
  return lineSign > 0 ? e.type === 'Debit' : e.type === 'Credit';
}

/** Settles up to `maxAbs` of entry idx; returns the allocation (entry-item sign). */
export function settle(run: RunState, idx: number, maxAbs: number): Allocation | null {
  const o = run.open[idx]!;
  const amount = Math.min(Math.abs(o), maxAbs);
  if (amount <= 0) return null;
  run.open[idx] = o - sign(o) * amount;
  return { entryId: run.entries[idx]!.id, amountCents: -sign(o) * amount };
}

/** The payments by closeness of their execution date to line i's booking date, then id. */
export function closest(run: RunState, i: number, list: IssuedPayment[]): IssuedPayment[] {
  if (list.length === 1) return list;
  const d = lineDay(run, i);
  return [...list].sort((a, b) => Math.abs(dayNumber(a.executionDate) - d) - Math.abs(dayNumber(b.executionDate) - d) || a.id - b.id);
}

/** The collection date ± the mandate TARGET2 days, as day numbers. */
export function collectionWindow(run: RunState, date: string): [number, number] {
  let w = run.target2Window.get(date);
  if (!w) {
    const days = run.options.mandateTarget2Days;
    w = [dayNumber(addTarget2Days(date, -days)), dayNumber(addTarget2Days(date, days))];
    run.target2Window.set(date, w);
  }
  return w;
}
