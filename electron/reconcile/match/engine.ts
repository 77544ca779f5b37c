/**
 * The matching engine (docs/sepa.md, Reconciliation): bank lines against
 * open entries and the payments Kontor issued, in passes from the surest key
 * to the weakest:
 *
 * 1. end-to-end id of an issued payment;
 * 2. mandate id + collection date (± 1 TARGET2 day) with the payment's amount;
 * 3. returns, reversals and chargebacks of issued payments (end-to-end id,
 *    else mandate): they reopen what the payment settled;
 * 4. entry numbers and payment references in the remittance text — one entry
 *    (exact, partial, over-payment) or several (consolidated, oldest first);
 * 5. amount + counterparty IBAN, then 6. amount + counterparty name, within a
 *    date window around the entry's dates.
 *
 * Every line gets at most one proposal and is used at most to its available
 * amount; every entry keeps a running open amount during the run, so two lines
 * never settle more than it owes. Everything is hash lookups: no loop over all
 * entries per line.
 */
import { addTarget2Days } from '../../../shared/dates';
import { dayNumber, emptyParts, normaliseIban, normaliseName, rawRun, referenceKey, referenceRaw, runBounded, splitParts } from './normalise';
import type {
  Allocation,
  BankLine,
  IssuedPayment,
  MatchKind,
  MatchOptions,
  NoteCode,
  OpenEntry,
  PaymentStatus,
  Proposal,
  Reason,
  ReasonCode,
} from './types';

const DEFAULTS: Required<MatchOptions> = { daysBeforeStatement: 10, daysAfterDue: 60, mandateTarget2Days: 1 };

/** Statuses under which a booking of the payment is expected (the import may already have moved it on). */
const BOOKABLE: ReadonlySet<PaymentStatus> = new Set(['Issued', 'Collected', 'Final', 'Reversed', 'Refunded']);
/** Statuses under which the payment's money did move, so a return reopens its entries. */
const COLLECTED: ReadonlySet<PaymentStatus> = new Set(['Collected', 'Final', 'Reversed', 'Refunded']);
/** A remittance text is scanned for at most this many references (a pasted account statement stops here). */
const MAX_NAMED_ENTRIES = 50;

/**
 * A reference index hit: entry index × 2, + 1 when found by the entry's
 * payment reference rather than its number. One number, not an object: the
 * index holds one per entry.
 */
type HitCode = number;
const hitIdx = (code: HitCode) => code >> 1;
const hitVia = (code: HitCode): 'number' | 'reference' => (code & 1 ? 'reference' : 'number');

interface TextHit {
  /** The run as written in the text (upper case, zeros kept). */
  raw: string;
  hits: HitCode | HitCode[];
}

interface Chosen {
  idx: number;
  via: 'number' | 'reference';
  weak: boolean;
  alternatives: number[];
  otherIban: boolean;
}

function sign(n: number): number {
  return n > 0 ? 1 : n < 0 ? -1 : 0;
}

function formatCents(c: number): string {
  const abs = Math.abs(c);
  const units = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${c < 0 ? '-' : ''}${units}.${cents}`;
}

function note(code: NoteCode, params: Record<string, string | number>, text: string): Reason<NoteCode> {
  return { code, params, text };
}

function reason(code: ReasonCode, params: Record<string, string | number>, text: string): Reason {
  return { code, params, text };
}

function clamp(x: number): number {
  return Math.round(Math.min(0.99, Math.max(0.05, x)) * 100) / 100;
}

/**
 * Proposes matches for the lines, at most one per line, in the lines' order.
 * Deterministic: the same input (in the same order) gives the same output.
 * Lines without any candidate get no proposal.
 */
export function matchLines(
  lines: readonly BankLine[],
  entries: readonly OpenEntry[],
  payments: readonly IssuedPayment[],
  options: MatchOptions = {},
): Proposal[] {
  const opt = { ...DEFAULTS, ...options };

  // ---- entries and their indexes -------------------------------------------------------
  // Struct of arrays: one slot per entry, no object per entry.
  const m = entries.length;
  /** Running open amount (signed), lowered as the run allocates. */
  const open = new Float64Array(m);
  /** Due date, else statement date, as a day number: "oldest" sorts by this. */
  const ageDay = new Float64Array(m);
  const statementDay = new Float64Array(m);
  const windowLo = new Float64Array(m);
  const windowHi = new Float64Array(m);
  /** Normalised IBANs of the entry's account (usually one), computed when first needed. */
  const ibanCache: (string[] | undefined)[] = new Array(m);
  const ibansOf = (idx: number): string[] => {
    let ibans = ibanCache[idx];
    if (ibans === undefined) {
      ibans = [];
      for (const iban of entries[idx]!.accountIbans) {
        const n = normaliseIban(iban);
        if (n && !ibans.includes(n)) ibans.push(n);
      }
      ibanCache[idx] = ibans;
    }
    return ibans;
  };
  /** Bit 1: the number is a weak key; bit 2: the payment reference is. */
  const weakBits = new Uint8Array(m);
  const entryById = new Map<number, number>();
  const refIndex = new Map<string, HitCode | HitCode[]>();
  const firstParts = new Set<string>();
  let maxKeyParts = 1;
  const addRef = (text: string | null | undefined, idx: number, via: 0 | 1) => {
    if (!text) return;
    const k = referenceKey(text);
    if (!k) return;
    if (k.weak) weakBits[idx]! |= via ? 2 : 1;
    const code = idx * 2 + via;
    const had = refIndex.get(k.key);
    if (had === undefined) refIndex.set(k.key, code);
    // The same entry under its number and an equal reference: once.
    else if (typeof had === 'number') {
      if (hitIdx(had) !== idx) refIndex.set(k.key, [had, code]);
    } else if (!had.some((h) => hitIdx(h) === idx)) had.push(code);
    firstParts.add(k.first);
    if (k.parts > maxKeyParts) maxKeyParts = k.parts;
  };

  for (let idx = 0; idx < m; idx++) {
    const e = entries[idx]!;
    const sDay = dayNumber(e.statementDate);
    const dueDay = dayNumber(e.dueDate);
    const hasDue = !Number.isNaN(dueDay);
    statementDay[idx] = sDay;
    ageDay[idx] = hasDue ? dueDay : sDay;
    windowLo[idx] = sDay - opt.daysBeforeStatement;
    windowHi[idx] = (hasDue ? Math.max(dueDay, sDay) : sDay) + opt.daysAfterDue;
    open[idx] = e.openAmountCents;
    entryById.set(e.id, idx);
    addRef(e.number, idx, 0);
    if (e.paymentReference && e.paymentReference !== e.number) addRef(e.paymentReference, idx, 1);
  }

  /** Oldest first: due date (else statement date), then statement date, then input order. */
  const byAge = (a: number, b: number): number => ageDay[a]! - ageDay[b]! || statementDay[a]! - statementDay[b]! || a - b;

  /** Can money in the direction of `lineSign` settle entry idx now? */
  const settleable = (idx: number, lineSign: number, currency: string): boolean => {
    const e = entries[idx]!;
    const o = open[idx]!;
    if (e.currency !== currency || o === 0 || sign(o) !== lineSign) return false;
    // Money in settles receivables (Debit), money out payables (Credit).
    return lineSign > 0 ? e.type === 'Debit' : e.type === 'Credit';
  };

  /** Settles up to `maxAbs` of entry idx; returns the allocation (entry-item sign). */
  const settle = (idx: number, maxAbs: number): Allocation | null => {
    const o = open[idx]!;
    const amount = Math.min(Math.abs(o), maxAbs);
    if (amount <= 0) return null;
    open[idx] = o - sign(o) * amount;
    return { entryId: entries[idx]!.id, amountCents: -sign(o) * amount };
  };

  // ---- payments ------------------------------------------------------------------------
  const byE2e = new Map<string, IssuedPayment[]>();
  const byMandate = new Map<string, IssuedPayment[]>();
  for (const p of payments) {
    const e2e = p.endToEndId?.trim().toUpperCase();
    if (e2e && e2e !== 'NOTPROVIDED') {
      const list = byE2e.get(e2e);
      if (list) list.push(p);
      else byE2e.set(e2e, [p]);
    }
    const m = p.mandateId?.trim().toUpperCase();
    if (m) {
      const list = byMandate.get(m);
      if (list) list.push(p);
      else byMandate.set(m, [p]);
    }
  }
  /** Allocations that booked a payment in this run, so that its return in the same run reopens exactly those. */
  const bookedInRun = new Map<number, Allocation[]>();
  const target2Window = new Map<string, [number, number]>();
  const collectionWindow = (date: string): [number, number] => {
    let w = target2Window.get(date);
    if (!w) {
      w = [dayNumber(addTarget2Days(date, -opt.mandateTarget2Days)), dayNumber(addTarget2Days(date, opt.mandateTarget2Days))];
      target2Window.set(date, w);
    }
    return w;
  };

  // ---- lines ---------------------------------------------------------------------------
  const n = lines.length;
  const result: (Proposal | undefined)[] = new Array(n);
  const available: number[] = new Array(n);
  const isReturn = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    available[i] = l.amountCents - (l.alreadyAssignedCents || 0);
    if (l.returnReason || l.isReversal || l.isChargeback) isReturn[i] = 1;
  }
  const done = (i: number) => result[i] !== undefined || available[i] === 0;

  const finish = (
    i: number,
    kind: MatchKind,
    allocations: Allocation[],
    why: Reason,
    notes: Reason<NoteCode>[],
    confidence: number,
    sure: boolean,
    extra: { paymentId?: number; alternatives?: number[] } = {},
  ) => {
    const line = lines[i]!;
    let used = 0;
    for (const a of allocations) used -= a.amountCents;
    const rest = available[i]! - used;
    if (rest !== 0 && !notes.some((x) => x.code === 'note.rest')) {
      notes.push(note('note.rest', { restCents: rest }, `${formatCents(rest)} ${line.currency} stays available`));
    }
    const proposal: Proposal = {
      lineId: line.id,
      kind,
      allocations,
      restCents: rest,
      reason: why,
      notes,
      alternatives: extra.alternatives ?? [],
      confidence: sure ? clamp(Math.max(confidence, 0.95)) : clamp(Math.min(confidence, 0.9)),
      sure,
    };
    if (extra.paymentId !== undefined) proposal.paymentId = extra.paymentId;
    result[i] = proposal;
  };

  /** Books line i as payment p: settles the payment's entries with their expected amounts. */
  const bookPayment = (i: number, p: IssuedPayment, kind: 'endToEnd' | 'mandate', why: Reason, ambiguous: IssuedPayment[]) => {
    const line = lines[i]!;
    const s = sign(available[i]!);
    const notes: Reason<NoteCode>[] = [];
    let left = Math.abs(available[i]!);
    const allocations: Allocation[] = [];
    let complete = true;
    for (const ref of p.entries) {
      const idx = entryById.get(ref.entryId);
      if (idx === undefined || !settleable(idx, s, line.currency) || sign(ref.expectedCents) !== -s) {
        complete = false;
        notes.push(note('note.entryNotOpen', { entryId: ref.entryId }, `entry ${ref.entryId} of the payment is not open`));
        continue;
      }
      const want = Math.min(Math.abs(ref.expectedCents), left);
      if (want < Math.abs(ref.expectedCents) || want > Math.abs(open[idx]!)) complete = false;
      const a = settle(idx, want);
      if (a) {
        allocations.push(a);
        left -= Math.abs(a.amountCents);
      }
    }
    const amountOk = p.amountCents === -available[i]!;
    if (!amountOk) {
      notes.push(note('note.amountDiffers', { expectedCents: -p.amountCents, amountCents: available[i]! },
        `the amount differs from the payment's ${formatCents(-p.amountCents)} ${line.currency}`));
    }
    const statusOk = BOOKABLE.has(p.status);
    if (!statusOk) notes.push(note('note.paymentStatus', { status: p.status }, `the payment is ${p.status}`));
    const currencyOk = !p.currency || p.currency === line.currency;
    if (ambiguous.length > 1) {
      notes.push(note('note.ambiguous', { count: ambiguous.length }, `${ambiguous.length} issued payments fit; the closest is proposed`));
    }
    const sure = complete && amountOk && statusOk && currencyOk && ambiguous.length <= 1 && allocations.length > 0 && left === 0;
    bookedInRun.set(p.id, allocations);
    const alternatives = ambiguous.length > 1 ? ambiguous.filter((q) => q !== p).flatMap((q) => q.entries.map((r) => r.entryId)) : [];
    finish(i, kind, allocations, why, notes, sure ? 1 : kind === 'endToEnd' ? 0.7 : 0.6, sure, { paymentId: p.id, alternatives });
  };

  const lineDay = (i: number) => dayNumber(lines[i]!.bookingDate);
  const usedPayments = new Set<number>();
  const closest = (i: number, list: IssuedPayment[]): IssuedPayment[] => {
    if (list.length === 1) return list;
    const d = lineDay(i);
    return [...list].sort(
      (a, b) => Math.abs(dayNumber(a.executionDate) - d) - Math.abs(dayNumber(b.executionDate) - d) || a.id - b.id,
    );
  };

  // ---- pass 1: end-to-end id -----------------------------------------------------------
  const returnsByE2e: number[] = [];
  for (let i = 0; i < n; i++) {
    if (done(i)) continue;
    const line = lines[i]!;
    const key = line.endToEndId?.trim().toUpperCase();
    if (!key || key === 'NOTPROVIDED') continue;
    const found = byE2e.get(key);
    if (!found) continue;
    // A line that moves money the way the payment did (collection −, line −) gives it back: a return.
    if (isReturn[i] || found.every((p) => sign(p.amountCents) === sign(available[i]!))) {
      isReturn[i] = 1;
      returnsByE2e.push(i);
      continue;
    }
    const live = found.filter((p) => BOOKABLE.has(p.status) && sign(p.amountCents) === -sign(available[i]!));
    const pool = closest(i, live.length > 0 ? live : found);
    const p = pool[0]!;
    usedPayments.add(p.id);
    const id = line.endToEndId!.trim();
    bookPayment(i, p, 'endToEnd', reason('match.endToEnd', { id }, `end-to-end id ${id}`), live.length > 0 ? live : [p]);
  }

  // ---- pass 2: mandate + collection date -----------------------------------------------
  for (let i = 0; i < n; i++) {
    if (done(i) || isReturn[i]) continue;
    const line = lines[i]!;
    const mandate = line.mandateId?.trim().toUpperCase();
    if (!mandate) continue;
    const found = byMandate.get(mandate);
    if (!found) continue;
    const booking = lineDay(i);
    const value = dayNumber(line.valueDate);
    const fits = found.filter((p) => {
      if (usedPayments.has(p.id) || !BOOKABLE.has(p.status) || p.amountCents !== -available[i]!) return false;
      if (p.currency && p.currency !== line.currency) return false;
      const [lo, hi] = collectionWindow(p.executionDate);
      return (booking >= lo && booking <= hi) || (!Number.isNaN(value) && value >= lo && value <= hi);
    });
    if (fits.length === 0) continue;
    const pool = closest(i, fits);
    const p = pool[0]!;
    usedPayments.add(p.id);
    const id = line.mandateId!.trim();
    bookPayment(
      i,
      p,
      'mandate',
      reason('match.mandate', { mandateId: id, date: p.executionDate }, `mandate ${id} and collection date ${p.executionDate}`),
      pool,
    );
  }

  // ---- pass 3: returns, reversals, chargebacks -----------------------------------------
  /** A payment is given back at most once per run: a second return line for it is left to the reviewer. */
  const returned = new Set<number>();
  const reopen = (i: number, p: IssuedPayment, why: Reason, byKey: boolean, ambiguous: number) => {
    returned.add(p.id);
    const s = sign(available[i]!);
    const notes: Reason<NoteCode>[] = [];
    const allocations: Allocation[] = [];
    let left = Math.abs(available[i]!);
    const booked = bookedInRun.get(p.id);
    const collected = booked !== undefined || COLLECTED.has(p.status);
    // What the payment settled: this run's allocations, else its entries' expected amounts.
    const settled = booked ?? p.entries.map((r) => ({ entryId: r.entryId, amountCents: r.expectedCents }));
    if (!collected) {
      notes.push(note('note.notCollected', { status: p.status }, 'the payment was never booked as collected; nothing to reopen'));
    } else {
      for (const a of settled) {
        // Reopening moves money against the line: allocation sign −s.
        if (sign(-a.amountCents) !== -s) continue;
        const amount = Math.min(Math.abs(a.amountCents), left);
        if (amount === 0) continue;
        allocations.push({ entryId: a.entryId, amountCents: -s * amount });
        left -= amount;
      }
    }
    const reasonCode = lines[i]!.returnReason?.trim();
    if (reasonCode) why.params.returnReason = reasonCode;
    const sure = byKey && collected && ambiguous <= 1 && left === 0 && allocations.length > 0 && (!p.currency || p.currency === lines[i]!.currency);
    if (collected && left !== 0) {
      notes.push(note('note.amountDiffers', { expectedCents: p.amountCents, amountCents: available[i]! },
        `the amount differs from the payment's ${formatCents(p.amountCents)} ${lines[i]!.currency}`));
    }
    finish(i, 'return', allocations, why, notes, sure ? 0.98 : byKey ? 0.7 : 0.55, sure, { paymentId: p.id });
  };
  const returnText = (what: string, i: number) => {
    const code = lines[i]!.returnReason?.trim();
    return code ? `return of ${what} (reason ${code})` : `return of ${what}`;
  };
  for (const i of returnsByE2e) {
    const line = lines[i]!;
    const found = byE2e.get(line.endToEndId!.trim().toUpperCase())!;
    const live = found.filter((p) => p.status !== 'Open' && p.status !== 'Canceled' && !returned.has(p.id));
    if (live.length === 0) continue;
    const p = closest(i, live)[0]!;
    const id = line.endToEndId!.trim();
    reopen(i, p, reason('match.return', { id }, returnText(`end-to-end id ${id}`, i)), true, live.length);
  }
  for (let i = 0; i < n; i++) {
    if (done(i) || !isReturn[i]) continue;
    const line = lines[i]!;
    const mandate = line.mandateId?.trim().toUpperCase();
    const found = mandate ? byMandate.get(mandate) : undefined;
    if (!found) continue;
    const booking = lineDay(i);
    const fits = found.filter(
      (p) =>
        !returned.has(p.id) &&
        (COLLECTED.has(p.status) || bookedInRun.has(p.id)) &&
        p.amountCents === available[i]! &&
        dayNumber(p.executionDate) <= booking,
    );
    if (fits.length === 0) continue;
    // The latest collection before the return.
    fits.sort((a, b) => dayNumber(b.executionDate) - dayNumber(a.executionDate) || a.id - b.id);
    const p = fits[0]!;
    const id = line.mandateId!.trim();
    reopen(
      i,
      p,
      reason('match.returnMandate', { mandateId: id, date: p.executionDate }, returnText(`the collection of ${p.executionDate} under mandate ${id}`, i)),
      false,
      fits.length,
    );
  }

  // ---- pass 4: entry numbers and payment references in the remittance text -------------
  const parts = emptyParts();
  const scan = (text: string): TextHit[] => {
    splitParts(text, 400, parts);
    const out: TextHit[] = [];
    let at = 0;
    while (at < parts.length && out.length < MAX_NAMED_ENTRIES) {
      // No key starts with this part, or it continues a number ("00023" in "2019/00023").
      if (!firstParts.has(parts.norm[at]!) || (at > 0 && parts.hard[at] === 0 && parts.digit[at] === 1 && parts.digit[at - 1] === 1)) {
        at++;
        continue;
      }
      let key = '';
      let bestLen = 0;
      let bestHits: HitCode | HitCode[] | undefined;
      const limit = Math.min(maxKeyParts, parts.length - at);
      for (let len = 1; len <= limit; len++) {
        key = len === 1 ? parts.norm[at]! : `${key}|${parts.norm[at + len - 1]!}`;
        const hits = refIndex.get(key);
        if (hits !== undefined && runBounded(parts, at, at + len - 1)) {
          bestLen = len;
          bestHits = hits;
        }
      }
      if (bestHits !== undefined) {
        out.push({ raw: rawRun(parts, at, at + bestLen - 1), hits: bestHits });
        at += bestLen;
      } else at++;
    }
    return out;
  };

  /** How an index hit's key is spelled in the entry (only needed to break a tie). */
  const rawOf = (code: HitCode): string => {
    const e = entries[hitIdx(code)]!;
    return referenceRaw((code & 1 ? e.paymentReference : e.number) ?? '');
  };

  /** The entry each found reference stands for, given the running open amounts. */
  const resolve = (i: number, found: TextHit[]): Chosen[] => {
    const line = lines[i]!;
    const s = sign(available[i]!);
    const iban = normaliseIban(line.counterpartyIban);
    const chosen: Chosen[] = [];
    for (const t of found) {
      let c: HitCode[];
      if (typeof t.hits === 'number') c = settleable(hitIdx(t.hits), s, line.currency) ? [t.hits] : [];
      else c = t.hits.filter((h) => settleable(hitIdx(h), s, line.currency));
      if (c.length === 0) continue;
      if (c.length > 1) {
        // Prefer the spelling exactly as written ("INV01" over "INV001"), then the entries of the paying account.
        const exact = c.filter((h) => rawOf(h) === t.raw);
        if (exact.length > 0) c = exact;
      }
      if (c.length > 1 && iban) {
        const own = c.filter((h) => ibansOf(hitIdx(h)).includes(iban));
        if (own.length > 0) c = own;
      }
      const order = c.length === 1 ? [hitIdx(c[0]!)] : c.map(hitIdx).sort(byAge);
      const first = order[0]!;
      // The same entry named twice (number and reference, or repeated): once.
      if (chosen.some((x) => x.idx === first)) continue;
      const code = c.length === 1 ? c[0]! : c.find((h) => hitIdx(h) === first)!;
      const ibans = ibansOf(first);
      chosen.push({
        idx: first,
        via: hitVia(code),
        weak: (weakBits[first]! & (code & 1 ? 2 : 1)) !== 0,
        alternatives: order.slice(1),
        otherIban: iban !== '' && ibans.length > 0 && !ibans.includes(iban),
      });
    }
    return chosen;
  };

  const refLines: number[] = [];
  const refHits: TextHit[][] = [];
  for (let i = 0; i < n; i++) {
    if (done(i) || isReturn[i]) continue;
    const text = lines[i]!.remittance;
    if (!text) continue;
    const found = scan(text);
    if (found.length === 0) continue;
    refLines.push(i);
    refHits.push(found);
  }
  // Sure candidates first (one entry, exactly its open amount), so that a noisy line naming
  // the same entry cannot take its money away.
  const first: number[] = [];
  const later: number[] = [];
  const firstChoice: Chosen[][] = [];
  for (let k = 0; k < refLines.length; k++) {
    const i = refLines[k]!;
    const c = resolve(i, refHits[k]!);
    const only = c[0];
    if (c.length === 1 && only && !only.weak && !only.otherIban && only.alternatives.length === 0 && open[only.idx] === available[i]) {
      first.push(k);
      firstChoice[k] = c;
    } else later.push(k);
  }
  for (const k of first) {
    const i = refLines[k]!;
    const c = firstChoice[k]!;
    // Still exactly open (no earlier line named the same entry)? Else resolve again.
    const chosen = open[c[0]!.idx] === available[i] ? c : resolve(i, refHits[k]!);
    if (chosen.length > 0) assignReferences(i, chosen);
  }
  for (const k of later) {
    const i = refLines[k]!;
    const chosen = resolve(i, refHits[k]!);
    if (chosen.length > 0) assignReferences(i, chosen);
  }

  function describe(c: Chosen): string {
    const e = entries[c.idx]!;
    return c.via === 'reference' ? (e.paymentReference ?? e.number) : e.number;
  }

  function assignReferences(i: number, chosen: Chosen[]): void {
    const line = lines[i]!;
    const notes: Reason<NoteCode>[] = [];
    const sorted = [...chosen].sort((a, b) => byAge(a.idx, b.idx));
    const avail = Math.abs(available[i]!);
    let left = avail;
    const allocations: Allocation[] = [];
    let totalOpen = 0;
    for (const c of sorted) totalOpen += Math.abs(open[c.idx]!);
    for (const c of sorted) {
      if (left === 0) break;
      const a = settle(c.idx, left);
      if (a) {
        allocations.push(a);
        left -= Math.abs(a.amountCents);
      }
    }
    const alternatives = sorted.flatMap((c) => c.alternatives.map((idx) => entries[idx]!.id));
    let confidence: number;
    let kind: MatchKind;
    let why: Reason;
    if (sorted.length === 1) {
      const c = sorted[0]!;
      const e = entries[c.idx]!;
      const label = c.via === 'reference' ? 'payment reference' : 'invoice number';
      const shown = describe(c);
      const params = { number: e.number, entryId: e.id, via: c.via, reference: shown };
      if (avail === totalOpen) {
        kind = 'reference';
        why = reason('match.reference', params, `${label} ${shown} in the remittance text`);
        confidence = 0.95;
      } else if (avail < totalOpen) {
        kind = 'partial';
        why = reason('match.partial', { ...params, openCents: totalOpen }, `${label} ${shown} in the remittance text, partial payment`);
        confidence = 0.75;
      } else {
        kind = 'overpayment';
        why = reason('match.overpayment', { ...params, openCents: totalOpen }, `${label} ${shown} in the remittance text, over-payment`);
        confidence = 0.75;
      }
    } else {
      kind = 'consolidated';
      const shown = sorted.map(describe);
      why = reason(
        'match.consolidated',
        { numbers: shown.join(', '), count: sorted.length, openCents: totalOpen },
        `invoice numbers ${shown.join(', ')} in the remittance text`,
      );
      confidence = avail === totalOpen ? 0.88 : 0.72;
    }
    if (sorted.length > 1 && avail !== totalOpen) {
      notes.push(note('note.amountDiffers', { expectedCents: totalOpen * sign(available[i]!), amountCents: available[i]! },
        `the named entries are open for ${formatCents(totalOpen * sign(available[i]!))} ${line.currency}`));
    }
    for (const c of sorted) {
      const e = entries[c.idx]!;
      if (c.alternatives.length > 0) {
        confidence -= 0.25;
        notes.push(note('note.ambiguous', { number: e.number, count: c.alternatives.length + 1 },
          `${c.alternatives.length + 1} open entries are numbered ${e.number}; the oldest is proposed`));
      }
      if (c.weak) {
        confidence -= 0.2;
        notes.push(note('note.weakReference', { number: e.number }, `the entry number ${e.number} is short and may be found by chance`));
      }
      if (c.otherIban) {
        confidence -= 0.2;
        const iban = normaliseIban(line.counterpartyIban);
        notes.push(note('note.otherIban', { iban, accountName: e.accountName }, `IBAN ${iban} is not known for ${e.accountName}`));
      }
    }
    const sure = kind === 'reference' && notes.length === 0 && allocations.length === 1 && left === 0;
    finish(i, kind, allocations, why, notes, confidence, sure, { alternatives });
  }

  // ---- passes 5 and 6: amount + IBAN, then amount + name, within the date window -------
  // Indexed only now, and only the entries still open for an amount some remaining line
  // has: by this point most entries are out of the race, and a day's statement has few lines.
  /** IBAN → running open amount → entries; name → amount → entries. */
  const byAmountIban = new Map<string, Map<number, number | number[]>>();
  const byAmountName = new Map<string, Map<number, number | number[]>>();
  const push = (map: Map<string, Map<number, number | number[]>>, key: string, amount: number, idx: number) => {
    let inner = map.get(key);
    if (!inner) map.set(key, (inner = new Map()));
    const had = inner.get(amount);
    if (had === undefined) inner.set(amount, idx);
    else if (typeof had === 'number') inner.set(amount, [had, idx]);
    else had.push(idx);
  };
  const wanted = new Set<number>();
  for (let i = 0; i < n; i++) {
    if (!done(i) && !isReturn[i] && (lines[i]!.counterpartyIban || lines[i]!.counterpartyName)) wanted.add(available[i]!);
  }
  if (wanted.size > 0) {
    const nameOfAccount = new Map<number, string>();
    for (let idx = 0; idx < m; idx++) {
      const o = open[idx]!;
      if (o === 0 || !wanted.has(o)) continue;
      for (const iban of ibansOf(idx)) push(byAmountIban, iban, o, idx);
      const e = entries[idx]!;
      let name = nameOfAccount.get(e.accountId);
      if (name === undefined) {
        name = normaliseName(e.accountName);
        nameOfAccount.set(e.accountId, name);
      }
      if (name) push(byAmountName, name, o, idx);
    }
  }
  const byAmount = (
    i: number,
    index: Map<string, Map<number, number | number[]>>,
    key: string,
    kind: 'amountIban' | 'amountName',
    why: Reason,
    single: number,
    several: number,
  ): boolean => {
    const found = index.get(key)?.get(available[i]!);
    if (found === undefined) return false;
    const list = typeof found === 'number' ? [found] : found;
    const line = lines[i]!;
    const s = sign(available[i]!);
    const day = lineDay(i);
    const fits = list.filter(
      (idx) => open[idx] === available[i] && settleable(idx, s, line.currency) && day >= windowLo[idx]! && day <= windowHi[idx]!,
    );
    if (fits.length === 0) return false;
    fits.sort(byAge);
    const target = fits[0]!;
    const notes: Reason<NoteCode>[] = [];
    if (fits.length > 1) {
      notes.push(note('note.ambiguous', { count: fits.length }, `${fits.length} open entries of the same amount fit; the oldest is proposed`));
    }
    const a = settle(target, Math.abs(available[i]!))!;
    why.params.number = entries[target]!.number;
    why.params.entryId = entries[target]!.id;
    finish(i, kind, [a], why, notes, fits.length > 1 ? several : single, false, {
      alternatives: fits.slice(1).map((idx) => entries[idx]!.id),
    });
    return true;
  };
  for (let i = 0; i < n; i++) {
    if (done(i) || isReturn[i]) continue;
    const line = lines[i]!;
    const iban = normaliseIban(line.counterpartyIban);
    if (!iban) continue;
    byAmount(i, byAmountIban, iban, 'amountIban',
      reason('match.amountIban', { iban, amountCents: available[i]! }, 'amount and IBAN'), 0.8, 0.5);
  }
  const lineNames = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    if (done(i) || isReturn[i]) continue;
    const line = lines[i]!;
    if (!line.counterpartyName) continue;
    let name = lineNames.get(line.counterpartyName);
    if (name === undefined) {
      name = normaliseName(line.counterpartyName);
      lineNames.set(line.counterpartyName, name);
    }
    if (!name) continue;
    byAmount(i, byAmountName, name, 'amountName',
      reason('match.amountName', { name: line.counterpartyName ?? '', amountCents: available[i]! }, 'amount and name'), 0.6, 0.35);
  }

  const out: Proposal[] = [];
  for (const p of result) if (p) out.push(p);
  return out;
}
