/**
 * The matching engine against a recorded snapshot: many small seeded random
 * scenarios, dense with the collisions that decide between passes (shared
 * end-to-end ids and mandates, numbers spelled alike, equal amounts, returns
 * of payments booked in the same run, lines partly assigned before), plus the
 * benchmark's 100,000-line workload as one digest.
 *
 * The snapshot was recorded from the engine as one function, before it was
 * split into passes; a refactoring that changes any proposal, reason, note,
 * confidence or sure flag fails here. Record again only for a deliberate
 * change of behaviour: `KONTOR_RECORD_MATCH_SCENARIOS=1 npx vitest run
 * --config test/config/vitest.config.ts electron/reconcile/match/engine.scenarios.test.ts`.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../../shared/dates';
import { generateReconcileWorkload } from '../../../test/bench/workloads/reconcile-match';
import { matchLines } from './index';
import type { BankLine, IssuedPayment, MatchKind, MatchOptions, NoteCode, OpenEntry, PaymentStatus, Proposal, ReasonCode } from './types';

const SNAPSHOT = join(import.meta.dirname, 'fixtures', 'engine-scenarios.json');
const RECORD = process.env.KONTOR_RECORD_MATCH_SCENARIOS === '1';
const SCENARIOS = 600;

interface Scenario {
  lines: BankLine[];
  entries: OpenEntry[];
  payments: IssuedPayment[];
  options?: MatchOptions;
}

interface Snapshot {
  scenarios: Proposal[][];
  /** sha256 of the JSON of the benchmark workload's proposals (seed 8). */
  benchDigest: string;
  benchProposals: number;
}

/** A small LCG, the same every run (no Math.random: the snapshot must be reproducible). */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const IBANS = ['DE89370400440532013000', 'DE02120300000000202051', 'FR1420041010050500013M02606', 'AT611904300234573201'];
const NAMES = ['ACME Handels GmbH', 'Müller GmbH & Co. KG', 'Fournisseur S.A.R.L.', 'Schmidt e.K.', 'GmbH'];
const NUMBERS = ['RE-1', 'RE-01', 'RE-2', 'INV001', 'INV01', 'INV1', '2019/00023', '23', '7', 'AB', '2026/000100', 'K1-5', 'RE-1001', 'X-9', 'RE 2'];
const REFERENCES = ['RF18 5390 0754 7034', 'K1-5', 'RE-2', 'KD-4711', '23'];
const AMOUNTS = [1_000, 2_500, 3_500, 5_000, 12_550, 4_990, 1];
const STATUSES: PaymentStatus[] = ['Open', 'Canceled', 'Issued', 'Rejected', 'Collected', 'Reversed', 'Refunded', 'Final'];
const E2E = ['E2E-1', 'E2E-2', 'E2E-3', 'KONTOR-7-1', 'NOTPROVIDED'];
const MANDATES = ['M-1', 'M-2', 'MANDATE-42'];
const NOISE = ['vielen Dank', 'Danke', 'SEPA', 'Kd-Nr. 99', 'Datum 12.10.2026', 'Gruss', '2019', 'EREF+NOTPROVIDED', 'Rechnung'];
const RETURN_CODES = ['MD06', 'AC04', 'MS03', ' AM04 '];

function scenario(seed: number): Scenario {
  const random = seeded(seed * 7919 + 17);
  const chance = (p: number) => random() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const big = seed % 100 === 99;
  const variant = (s: string): string => {
    switch (int(0, 5)) {
      case 0:
        return s.toLowerCase();
      case 1:
        return ` ${s} `;
      default:
        return s;
    }
  };

  const accounts = Array.from({ length: int(1, 4) }, (_, k) => ({
    id: k + 1,
    name: pick(NAMES),
    ibans: chance(0.15)
      ? []
      : chance(0.2)
        ? [
            pick(IBANS),
            pick(IBANS)
              .toLowerCase()
              .replace(/(.{4})/g, '$1 '),
          ]
        : [pick(IBANS)],
  }));

  const entries: OpenEntry[] = [];
  for (let id = 1, n = big ? 200 : int(0, 14); id <= n; id++) {
    const account = pick(accounts);
    const type = chance(0.75) ? 'Debit' : 'Credit';
    let open = chance(0.05) ? 0 : pick(AMOUNTS) * (type === 'Debit' ? 1 : -1);
    if (chance(0.04)) open = -open;
    const statementDate = addDays('2026-10-01', int(0, 56));
    entries.push({
      id,
      number: big ? `${pick(NUMBERS)}${chance(0.5) ? '' : `-${int(1, 60)}`}` : pick(NUMBERS),
      paymentReference: chance(0.6) ? null : chance(0.2) ? undefined : pick(REFERENCES),
      accountId: account.id,
      accountName: account.name,
      accountIbans: account.ibans,
      type,
      openAmountCents: open,
      currency: chance(0.93) ? 'EUR' : 'USD',
      statementDate: chance(0.03) ? '2026-13-01' : statementDate,
      dueDate: chance(0.3) ? null : addDays(statementDate, int(0, 40)),
    });
  }

  const payments: IssuedPayment[] = [];
  for (let id = 1, n = big ? 60 : int(0, 8); id <= n; id++) {
    const refs = Array.from({ length: entries.length === 0 ? 0 : int(0, 3) }, () => {
      if (chance(0.08)) return { entryId: 999, expectedCents: -pick(AMOUNTS) };
      const e = pick(entries);
      const full = -e.openAmountCents || -pick(AMOUNTS);
      return { entryId: e.id, expectedCents: chance(0.8) ? full : Math.trunc(full / 2) || full };
    });
    const sum = refs.reduce((s, r) => s + r.expectedCents, 0);
    payments.push({
      id,
      endToEndId: chance(0.1) ? '' : big ? `${pick(E2E)}-${int(1, 30)}` : pick(E2E),
      mandateId: chance(0.4) ? null : big ? `${pick(MANDATES)}-${int(1, 10)}` : pick(MANDATES),
      executionDate: addDays('2026-11-06', int(-4, 6)),
      amountCents: chance(0.75) && sum !== 0 ? sum : (chance(0.5) ? -1 : 1) * pick(AMOUNTS),
      currency: chance(0.5) ? null : chance(0.92) ? 'EUR' : 'USD',
      status: chance(0.4) ? pick(['Issued', 'Collected'] as const) : pick(STATUSES),
      entries: refs,
    });
  }

  const lines: BankLine[] = [];
  const remittance = (): string | null => {
    if (chance(0.2)) return chance(0.5) ? null : '';
    const words: string[] = [];
    for (let k = 0, n = int(1, 4); k < n; k++) {
      const r = random();
      if (r < 0.45 && entries.length > 0) {
        const e = pick(entries);
        const ref = chance(0.25) && e.paymentReference ? e.paymentReference : e.number;
        words.push(chance(0.2) ? `RE-Nr. ${ref}` : chance(0.15) ? ref.replace('/', '-').toLowerCase() : chance(0.1) ? `${ref}0` : ref);
      } else if (r < 0.6) words.push(pick(NUMBERS));
      else if (r < 0.7 && payments.length > 0) words.push(pick(payments).endToEndId);
      else words.push(pick(NOISE));
    }
    return words.join(chance(0.5) ? ' ' : ', ');
  };
  const amountOf = (): number => {
    const r = random();
    if (r < 0.35 && entries.length > 0) return pick(entries).openAmountCents || pick(AMOUNTS);
    if (r < 0.55 && payments.length > 0) return -pick(payments).amountCents;
    if (r < 0.65 && payments.length > 0) return pick(payments).amountCents;
    if (r < 0.75 && entries.length > 1) return pick(entries).openAmountCents + pick(entries).openAmountCents || 1;
    if (r < 0.82 && entries.length > 0) return Math.trunc(pick(entries).openAmountCents / 2) || 7;
    return (chance(0.7) ? 1 : -1) * pick(AMOUNTS) * int(1, 3);
  };
  for (let id = 1, n = big ? 200 : int(1, 16); id <= n; id++) {
    const payment = payments.length > 0 && chance(0.5) ? pick(payments) : undefined;
    // A quarter of the lines with a payment are its booking (or return) on or just after its date.
    const planted = payment && chance(0.5);
    const giveBack = planted && chance(0.2);
    const amountCents = planted ? (giveBack ? payment.amountCents : -payment.amountCents) : amountOf();
    // Without an end-to-end id a booking is found by its mandate, a return by mandate and date.
    const e2eMissing = planted && chance(0.5);
    const account = pick(accounts);
    const bookingDate = planted ? addDays(payment.executionDate, int(-1, 3)) : chance(0.02) ? 'not a date' : addDays('2026-11-04', int(0, 12));
    lines.push({
      id: 100 + id,
      accountIban: 'DE44500105175407324931',
      bookingDate,
      valueDate: chance(0.5) || bookingDate === 'not a date' ? null : addDays(bookingDate, int(-2, 2)),
      amountCents,
      currency: chance(0.95) ? 'EUR' : 'USD',
      counterpartyName: chance(0.3) ? null : chance(0.8) ? variant(account.name) : pick(NAMES),
      counterpartyIban: chance(0.3) ? null : chance(0.8) && account.ibans.length > 0 ? variant(pick(account.ibans)) : pick(IBANS),
      remittance: remittance(),
      endToEndId: e2eMissing ? pick([null, 'NOTPROVIDED']) : chance(0.4) ? null : payment && chance(0.8) ? variant(payment.endToEndId) : pick(E2E),
      mandateId: chance(e2eMissing ? 0.1 : 0.5) ? null : payment?.mandateId && chance(0.8) ? variant(payment.mandateId) : pick(MANDATES),
      returnReason: chance(giveBack ? 0.7 : 0.12) ? pick(RETURN_CODES) : chance(0.05) ? '  ' : null,
      isReversal: chance(0.05),
      isChargeback: chance(0.05),
      alreadyAssignedCents: chance(0.85) ? 0 : chance(0.5) ? amountCents : Math.trunc(amountCents / 2),
    });
  }

  const options: MatchOptions | undefined = chance(0.6)
    ? undefined
    : { daysBeforeStatement: int(0, 12), daysAfterDue: int(0, 30), mandateTarget2Days: int(0, 2) };
  return options ? { lines, entries, payments, options } : { lines, entries, payments };
}

function run(s: Scenario): Proposal[] {
  // Through JSON, as the snapshot stores it: undefined fields vanish, key order stays.
  return JSON.parse(JSON.stringify(matchLines(s.lines, s.entries, s.payments, s.options))) as Proposal[];
}

function benchmarkDigest(): { digest: string; count: number } {
  const w = generateReconcileWorkload();
  const proposals = matchLines(w.lines, w.entries, w.payments);
  return { digest: createHash('sha256').update(JSON.stringify(proposals)).digest('hex'), count: proposals.length };
}

if (RECORD) {
  const bench = benchmarkDigest();
  const recorded: Snapshot = {
    scenarios: Array.from({ length: SCENARIOS }, (_, seed) => run(scenario(seed))),
    benchDigest: bench.digest,
    benchProposals: bench.count,
  };
  // One scenario per line: a changed proposal shows as a small diff.
  const body = recorded.scenarios.map((p) => JSON.stringify(p)).join(',\n');
  writeFileSync(SNAPSHOT, `{"benchDigest":${JSON.stringify(bench.digest)},"benchProposals":${bench.count},"scenarios":[\n${body}\n]}\n`);
}

describe('matchLines against the snapshot recorded before the passes were split', () => {
  if (!existsSync(SNAPSHOT)) throw new Error(`${SNAPSHOT} is missing: record it (see the file comment)`);
  const snapshot = JSON.parse(readFileSync(SNAPSHOT, 'utf8')) as Snapshot;

  it('covers every kind of proposal, every reason and every note, sure and unsure', () => {
    const all = snapshot.scenarios.flat();
    const kinds: MatchKind[] = ['endToEnd', 'mandate', 'reference', 'consolidated', 'amountIban', 'amountName', 'return', 'partial', 'overpayment'];
    const reasons: ReasonCode[] = [
      'match.endToEnd',
      'match.mandate',
      'match.reference',
      'match.consolidated',
      'match.partial',
      'match.overpayment',
      'match.amountIban',
      'match.amountName',
      'match.return',
      'match.returnMandate',
    ];
    const notes: NoteCode[] = [
      'note.ambiguous',
      'note.amountDiffers',
      'note.otherIban',
      'note.weakReference',
      'note.rest',
      'note.entryNotOpen',
      'note.notCollected',
      'note.paymentStatus',
    ];
    const count = (pred: (p: Proposal) => boolean) => all.filter(pred).length;
    for (const k of kinds)
      expect(
        count((p) => p.kind === k),
        k,
      ).toBeGreaterThanOrEqual(5);
    for (const r of reasons)
      expect(
        count((p) => p.reason.code === r),
        r,
      ).toBeGreaterThanOrEqual(5);
    for (const n of notes)
      expect(
        count((p) => p.notes.some((x) => x.code === n)),
        n,
      ).toBeGreaterThanOrEqual(5);
    for (const k of ['endToEnd', 'mandate', 'return', 'reference'] as const) {
      expect(
        count((p) => p.kind === k && p.sure),
        `${k} sure`,
      ).toBeGreaterThanOrEqual(5);
      expect(
        count((p) => p.kind === k && !p.sure),
        `${k} unsure`,
      ).toBeGreaterThanOrEqual(5);
    }
    expect(count((p) => p.alternatives.length > 0)).toBeGreaterThanOrEqual(5);
  });

  it(`gives the recorded proposals for ${SCENARIOS} seeded scenarios`, () => {
    expect(snapshot.scenarios).toHaveLength(SCENARIOS);
    for (let seed = 0; seed < SCENARIOS; seed++) {
      const got = run(scenario(seed));
      expect(got, `scenario ${seed}`).toStrictEqual(snapshot.scenarios[seed]);
      // Same fields in the same order too (toStrictEqual ignores key order).
      expect(JSON.stringify(got), `scenario ${seed}`).toBe(JSON.stringify(snapshot.scenarios[seed]));
    }
  });

  it('gives the recorded proposals for the 100,000-line benchmark workload', () => {
    const { digest, count } = benchmarkDigest();
    expect(count).toBe(snapshot.benchProposals);
    expect(digest).toBe(snapshot.benchDigest);
  });
});
