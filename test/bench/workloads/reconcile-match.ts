import { matchLines } from '../../../electron/reconcile/match';
import type { BankLine, IssuedPayment, MatchKind, OpenEntry, Proposal } from '../../../electron/reconcile/match';
import { addDays, addTarget2Days, nextTarget2Day } from '../../../shared/dates';
import { spawnSync } from 'node:child_process';
import { workerArgs } from '../bundled';
import { join } from 'node:path';
import { maxRssMb, seeded, timed, type Figure, type Workload } from '../figure';

const N = 100_000;

type Planted = { kind: MatchKind | 'none'; entryIds: number[]; sure: boolean };

export interface ReconcileWorkload {
  lines: BankLine[];
  entries: OpenEntry[];
  payments: IssuedPayment[];
  planted: Map<number, Planted>;
}

/**
 * 100,000 open entries and 100,000 bank lines, deterministic. The lines are
 * planted: 35% bookings of issued payments (28% direct debits by end-to-end
 * id, 5% credit transfers to suppliers, 2% direct debits by mandate + date
 * only), 5% returns of collected payments, 30% entry numbers in noisy
 * remittance text (25.5% exact, 3% partial, 1.5% over-payment), 20% amount +
 * IBAN, 5% consolidated payments over three invoices, 5% nothing to find.
 * Every entry is planted for exactly one line.
 */
export function generateReconcileWorkload(seed = 8, n = N): ReconcileWorkload {
  if (n % 1000 !== 0) throw new Error('generator: n must be a multiple of 1,000');
  /** The planted shares of 100,000, scaled to n. */
  const share = (of100k: number) => (of100k * n) / N;
  // Amounts and ids outside every entry's (at most 100 + 10n cents, ids up to n); unchanged at 100,000.
  const far = n <= N ? 0 : n * 100;
  const settledIds = Math.max(1_000_000, 2 * n);
  const random = seeded(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const entries: OpenEntry[] = [];
  const lines: BankLine[] = [];
  const payments: IssuedPayment[] = [];
  const planted = new Map<number, Planted>();
  const accounts = 10_000;
  const ibanOf = (a: number) => `DE${String(10 + (a % 89)).padStart(2, '0')}${String(a).padStart(18, '0')}`;
  const nameOf = (a: number) => (a % 2 ? `Kunde ${a} GmbH & Co. KG` : `Müller ${a} AG`);
  const supplierName = (a: number) => `Fournisseur ${a} SARL`;
  const start = '2026-09-01';

  const makeEntry = (type: 'Debit' | 'Credit', account: number): OpenEntry => {
    const i = entries.length + 1;
    const number = i % 3 === 0 ? `RE-${i}` : i % 3 === 1 ? `INV${String(i).padStart(6, '0')}` : `2026/${String(i).padStart(6, '0')}`;
    // Unique amounts: i's band of ten cents, so amount + IBAN never finds two entries by chance.
    const amount = 100 + i * 10 + Math.floor(random() * 10);
    const statementDate = addDays(start, i % 60);
    const e: OpenEntry = {
      id: i,
      number,
      paymentReference: i % 10 === 0 ? `K${account}-${i}` : null,
      accountId: type === 'Debit' ? account : accounts + account,
      accountName: type === 'Debit' ? nameOf(account) : supplierName(account),
      accountIbans: [ibanOf(type === 'Debit' ? account : accounts + account)],
      type,
      openAmountCents: type === 'Debit' ? amount : -amount,
      currency: 'EUR',
      statementDate,
      dueDate: addDays(statementDate, 30),
    };
    entries.push(e);
    return e;
  };
  let lineId = 0;
  const makeLine = (p: Partial<BankLine> & { amountCents: number; bookingDate: string }, plant: Planted): BankLine => {
    const l: BankLine = {
      id: ++lineId,
      accountIban: 'DE44500105175407324931',
      currency: 'EUR',
      isReversal: false,
      isChargeback: false,
      alreadyAssignedCents: 0,
      ...p,
    };
    lines.push(l);
    planted.set(l.id, plant);
    return l;
  };
  const noise = () => pick(['vielen Dank', 'Danke', 'Gruss', 'Zahlung', 'Ueberweisung', 'SEPA', 'Kd-Nr. 99', 'Datum 12.10.2026']);
  const spelled = (e: OpenEntry): string => {
    const n = e.number;
    switch (Math.floor(random() * 5)) {
      case 0:
        return `RE-Nr. ${n} ${noise()}`;
      case 1:
        return `Rechnung ${n.replace('/', '-')} ${noise()}`;
      case 2:
        return `${noise()} rg ${n.toLowerCase()}`;
      case 3:
        return `SVWZ+${n.replace('/', ' / ').replace(/(\D)0+(\d)/, '$1$2')} EREF+NOTPROVIDED`;
      default:
        return e.paymentReference ? `Ref ${e.paymentReference} ${noise()}` : `${n}, ${noise()}`;
    }
  };
  const booking = (e: OpenEntry) => addDays(e.dueDate!, Math.floor(random() * 9) - 4);

  // 28%: direct debits booked with their end-to-end id.
  for (let k = 0; k < share(28_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const e = makeEntry('Debit', a);
    const execution = nextTarget2Day(e.dueDate!);
    const p: IssuedPayment = {
      id: payments.length + 1,
      endToEndId: `KONTOR-${1 + (k >> 6)}-${k}`,
      mandateId: `MNDT-${a}`,
      executionDate: execution,
      amountCents: -e.openAmountCents,
      status: k % 4 === 0 ? 'Issued' : 'Collected',
      entries: [{ entryId: e.id, expectedCents: -e.openAmountCents }],
    };
    payments.push(p);
    makeLine(
      {
        amountCents: e.openAmountCents,
        bookingDate: execution,
        endToEndId: p.endToEndId,
        mandateId: p.mandateId,
        counterpartyIban: ibanOf(a),
        counterpartyName: nameOf(a),
        remittance: e.number,
      },
      { kind: 'endToEnd', entryIds: [e.id], sure: true },
    );
  }
  // 5%: credit transfers to suppliers (money out settling payables).
  for (let k = 0; k < share(5_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const e = makeEntry('Credit', a);
    const p: IssuedPayment = {
      id: payments.length + 1,
      endToEndId: `KONTOR-CT-${k}`,
      executionDate: e.dueDate!,
      amountCents: -e.openAmountCents,
      status: 'Issued',
      entries: [{ entryId: e.id, expectedCents: -e.openAmountCents }],
    };
    payments.push(p);
    makeLine(
      { amountCents: e.openAmountCents, bookingDate: e.dueDate!, endToEndId: p.endToEndId, counterpartyIban: ibanOf(accounts + a), remittance: e.number },
      { kind: 'endToEnd', entryIds: [e.id], sure: true },
    );
  }
  // 2%: direct debits booked without end-to-end id: mandate + collection date (next TARGET2 day).
  for (let k = 0; k < share(2_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const e = makeEntry('Debit', a);
    const execution = nextTarget2Day(e.dueDate!);
    const p: IssuedPayment = {
      id: payments.length + 1,
      endToEndId: `KONTOR-M-${k}`,
      mandateId: `MNDT-${a}`,
      executionDate: execution,
      amountCents: -e.openAmountCents,
      status: 'Issued',
      entries: [{ entryId: e.id, expectedCents: -e.openAmountCents }],
    };
    payments.push(p);
    makeLine(
      {
        amountCents: e.openAmountCents,
        bookingDate: addTarget2Days(execution, 1),
        endToEndId: 'NOTPROVIDED',
        mandateId: `mndt-${a}`,
        counterpartyName: nameOf(a),
      },
      { kind: 'mandate', entryIds: [e.id], sure: true },
    );
  }
  // 5%: returns of collected direct debits (their entries are settled, so not among the open ones).
  for (let k = 0; k < share(5_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const amount = far + 5_000_000 + k;
    const entryId = settledIds + k;
    const execution = nextTarget2Day(addDays(start, k % 60));
    const p: IssuedPayment = {
      id: payments.length + 1,
      endToEndId: `KONTOR-R-${k}`,
      mandateId: `MNDT-${a}`,
      executionDate: execution,
      amountCents: -amount,
      status: 'Collected',
      entries: [{ entryId, expectedCents: -amount }],
    };
    payments.push(p);
    makeLine(
      {
        amountCents: -amount,
        bookingDate: addDays(execution, 5),
        endToEndId: p.endToEndId,
        mandateId: p.mandateId,
        returnReason: pick(['MD06', 'AC04', 'MS03', 'AM04']),
        counterpartyIban: ibanOf(a),
        remittance: `RUECKLASTSCHRIFT ${p.endToEndId}`,
      },
      { kind: 'return', entryIds: [entryId], sure: true },
    );
  }
  // 30%: entry number or payment reference in noisy remittance text.
  for (let k = 0; k < share(30_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const e = makeEntry('Debit', a);
    const kind: MatchKind = k % 20 < 17 ? 'reference' : k % 20 < 19 ? 'partial' : 'overpayment';
    const amount =
      kind === 'reference' ? e.openAmountCents : kind === 'partial' ? Math.max(1, Math.floor(e.openAmountCents / 2)) : e.openAmountCents + far + 5_000_000;
    makeLine(
      { amountCents: amount, bookingDate: booking(e), counterpartyIban: k % 10 === 0 ? null : ibanOf(a), counterpartyName: nameOf(a), remittance: spelled(e) },
      { kind, entryIds: [e.id], sure: kind === 'reference' },
    );
  }
  // 20%: amount + IBAN, the remittance naming nothing useful.
  for (let k = 0; k < share(20_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const e = makeEntry('Debit', a);
    makeLine(
      {
        amountCents: e.openAmountCents,
        bookingDate: booking(e),
        counterpartyIban: ibanOf(a),
        counterpartyName: nameOf(a),
        remittance: `${noise()} ${noise()}`,
      },
      { kind: 'amountIban', entryIds: [e.id], sure: false },
    );
  }
  // 5%: consolidated payments over three invoices of one customer, listed in any order.
  for (let k = 0; k < share(5_000); k++) {
    const a = 1 + Math.floor(random() * accounts);
    const three = [makeEntry('Debit', a), makeEntry('Debit', a), makeEntry('Debit', a)];
    const oldest = [...three].sort((x, y) => (x.dueDate! < y.dueDate! ? -1 : x.dueDate! > y.dueDate! ? 1 : x.id - y.id));
    const listed = k % 2 ? three : [...three].reverse();
    const sum = three.reduce((s, e) => s + e.openAmountCents, 0);
    makeLine(
      { amountCents: sum, bookingDate: booking(oldest[2]!), counterpartyIban: ibanOf(a), remittance: `Rechnungen ${listed.map((e) => e.number).join(', ')}` },
      { kind: 'consolidated', entryIds: oldest.map((e) => e.id), sure: false },
    );
  }
  // 5%: nothing to find (rent, fees, unknown payers).
  for (let k = 0; k < share(5_000); k++) {
    makeLine(
      {
        amountCents: (k % 2 ? 1 : -1) * (far + 9_000_000 + k),
        bookingDate: addDays(start, 40 + (k % 40)),
        counterpartyIban: `AT${String(k).padStart(18, '0')}`,
        counterpartyName: 'Hausverwaltung Nord',
        remittance: `Miete ${(k % 12) + 1}/2026 Objekt ${settledIds + k} ${noise()}`,
      },
      { kind: 'none', entryIds: [], sure: false },
    );
  }
  // Issued payments that are not on this statement, as in a real ledger.
  for (let k = 0; k < share(10_000); k++) {
    payments.push({
      id: payments.length + 1,
      endToEndId: `KONTOR-OPEN-${k}`,
      mandateId: `MNDT-X${k}`,
      executionDate: '2026-12-01',
      amountCents: -1_000 - k,
      status: 'Issued',
      entries: [],
    });
  }
  // Shuffle the lines (Fisher–Yates, seeded) so the kinds interleave as on a real statement.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
  }
  if (entries.length !== n || lines.length !== n) throw new Error(`generator: ${entries.length} entries, ${lines.length} lines`);
  return { lines, entries, payments, planted };
}

/** Every proposal against the plan; throws on the first difference. Returns the counts per kind. */
export function verifyReconcile(w: ReconcileWorkload, proposals: Proposal[]): { counts: Record<string, number>; sure: number } {
  const counts: Record<string, number> = {};
  let sure = 0;
  const byLine = new Map(proposals.map((p) => [p.lineId, p]));
  if (byLine.size !== proposals.length) throw new Error('two proposals for one line');
  const lineById = new Map(w.lines.map((l) => [l.id, l]));
  const openOf = new Map(w.entries.map((e) => [e.id, e.openAmountCents]));
  for (const [lineId, plan] of w.planted) {
    const p = byLine.get(lineId);
    const kind = p?.kind ?? 'none';
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (kind !== plan.kind) throw new Error(`line ${lineId}: ${kind}, planted ${plan.kind}`);
    if (!p) continue;
    if (p.sure) sure++;
    if (p.sure !== plan.sure) throw new Error(`line ${lineId}: sure ${p.sure}, planted ${plan.sure}`);
    const ids = p.allocations.map((a) => a.entryId).join(',');
    if (ids !== plan.entryIds.join(',')) throw new Error(`line ${lineId}: entries ${ids}, planted ${plan.entryIds.join(',')}`);
    const line = lineById.get(lineId)!;
    const used = -p.allocations.reduce((s, a) => s + a.amountCents, 0);
    if (used + p.restCents !== line.amountCents - line.alreadyAssignedCents) throw new Error(`line ${lineId}: allocations + rest != amount`);
    for (const a of p.allocations) {
      const o = openOf.get(a.entryId);
      if (o === undefined) continue; // a return reopens an entry that was settled
      const left = o + a.amountCents;
      if (Math.sign(left) === -Math.sign(o) && left !== 0) throw new Error(`entry ${a.entryId} over-allocated`);
      openOf.set(a.entryId, left);
    }
  }
  return { counts, sure };
}

/** The proposals per kind, in the order of the engine's passes. */
export function describeCounts(counts: Record<string, number>): string {
  const order = ['endToEnd', 'mandate', 'return', 'reference', 'partial', 'overpayment', 'consolidated', 'amountIban', 'none'];
  return order.map((k) => `${k} ${counts[k] ?? 0}`).join(', ');
}

/** Matching 100,000 bank lines against 100,000 open entries and 50,000 issued payments. */
export const reconcileMatch: Workload = {
  name: 'reconcile.match',
  async run() {
    const w = generateReconcileWorkload();
    const { value: proposals, ms } = await timed(() => matchLines(w.lines, w.entries, w.payments));
    const { counts, sure } = verifyReconcile(w, proposals);
    const shown = describeCounts(counts);
    return [
      {
        workload: 'reconcile.match',
        tool: 'kontor',
        n: N,
        ms,
        max_rss_mb: maxRssMb(),
        check: `${N} lines x ${N} entries: ${shown} as planted; ${sure} sure; every allocation on its planted entry, no entry over-allocated`,
      },
    ];
  },
};

const GROWTH = [10_000, 100_000, 1_000_000].filter((n) => n <= Number(process.env.KONTOR_BENCH_GROWTH_MAX ?? 1_000_000));

/** Issue 21.3: matching 10k × 10k, 100k × 100k and 1M × 1M, each size in a process of its own (time, CPU, peak RSS). */
export const reconcileGrowth: Workload = {
  name: 'reconcile.growth',
  run: () =>
    GROWTH.map((n) => {
      const worker = join(import.meta.dirname, 'reconcile-worker.ts');
      const r = spawnSync(process.execPath, ['--max-old-space-size=16384', ...workerArgs(worker), String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (r.status !== 0) throw new Error(`reconcile ${n} failed: ${r.stderr.trim().split('\n').slice(-3).join(' ')}`);
      return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Figure;
    }),
};
