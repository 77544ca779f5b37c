/**
 * Concurrency across workstations (issue 20, item 5): two Kontor processes,
 * logged in as two people, on one team ledger (PostgreSQL), with the demo
 * bank over HTTP under its fault switches. In every round the administrator
 * books a few payables and both desks at once build a run from a window of
 * the open entries they see (the windows overlap), approve what the other
 * built (four eyes), upload every approved run (both the same runs) and
 * recover uploads left `uploading` (both the same orders) — each desk in a
 * seeded order of its own. Most rounds switch on one fault at the bank
 * (reset, HTTP 500, a garbled, wrongly signed or lost answer, at the upload's
 * initialisation, a segment, the last segment, a download or its receipt),
 * hitting whichever desk's request comes first.
 *
 * Every tenth round one desk is killed (SIGKILL) while the bank holds its
 * upload's initialisation, a segment or its last segment; the OTHER login —
 * another workstation — finds the interrupted upload in the shared journal
 * and recovers it, and a new process of the killed login takes its place.
 *
 * Then the desks settle what is left without faults, and the suite counts:
 * entries in two runs, orders at the bank more than once (by the file's
 * SHA-256), lost updates (an approval, an upload or the bank's word recorded
 * and later gone or overwritten; a run approved or started twice), lost
 * payments (an entry not in exactly one run the bank holds). All must be 0.
 *
 * Time (Kontor's and the bank's shared clock) moves only between rounds,
 * when both desks wait and the bank is idle: half an hour when an upload is
 * left `uploading`, so recovery's waits pass, else a minute.
 *
 * KONTOR_RELIABILITY=full: 300 rounds; else 100. KONTOR_RELIABILITY_SEED
 * changes the seed. Needs PostgreSQL: `npm run test:reliability` starts a
 * throwaway cluster (test/config/pg-cluster.mjs) and names it here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FaultKind, FaultName } from '../../electron/demo-bank/faults';
import { onTeamLedger } from '../support/pg-ledger';
import { ok } from './support/api';
import { runs, tally, writeSummary } from './support/mode';
import { seeded, suiteSeed, type Random } from './support/random';
import { countTeam, emptyTeamSummary, record, type TeamSummary } from './support/team-checks';
import { newPayable, openTeam, startDesk, stopDesk, type Desk, type RoundAnswer, type Step, type Team } from './support/team-desks';
import { sleep, stopwatch } from './support/wall';

// `npm run test:reliability` names the cluster in KONTOR_RELIABILITY_DATABASE_URL, which only this suite reads: the
// other suites keep their SQLite files (test/integration/helpers.ts would move them to the cluster). Hoisted above
// the imports, which read it.
vi.hoisted(() => {
  const url = process.env.KONTOR_RELIABILITY_DATABASE_URL;
  if (url) process.env.KONTOR_TEST_DATABASE_URL = url;
});

const ROUNDS = runs(100, 300);
const SEED = suiteSeed(20261207);
/** Small segments (base64 characters): a run's file goes in two to four, so a segment can be hit. */
const SEGMENT = 400;
const KILL_EVERY = 10;
const SETTLE_ROUNDS = 12;
const FAULT_KINDS: readonly FaultKind[] = ['upload-init', 'upload-transfer', 'upload-last-transfer', 'download-init', 'download-transfer', 'receipt'];
const FAULTS: readonly FaultName[] = ['reset', 'http-500', 'malformed', 'wrong-signature', 'drop-response'];
const HOLD_AT: readonly FaultKind[] = ['upload-init', 'upload-transfer', 'upload-last-transfer'];
const STEPS: readonly Step[] = ['build', 'approve', 'upload', 'recover'];

const skipReason = onTeamLedger
  ? undefined
  : 'PostgreSQL is not installed (no /usr/lib/postgresql/<version>/bin/initdb; apt-get install postgresql), or the suite was run outside npm run test:reliability';
if (skipReason && process.env.CI) throw new Error(`team concurrency cannot run: ${skipReason}`);
if (skipReason) console.warn(`team-concurrency skipped: ${skipReason}`);

let dir: string;
let team: Team;
const desks: Desk[] = [];
/**
 * The process that takes a killed desk's place, started a few rounds before the kill: starting Kontor takes
 * seconds on a loaded machine, which the rounds in between hide.
 */
const spares: Array<Desk | undefined> = [];

function spareFor(victim: number): Desk {
  return (spares[victim] ??= startDesk(team, dir, team.logins[victim]!, SEGMENT));
}

let setupSeconds = 0;

beforeAll(async () => {
  if (skipReason) return;
  const setup = stopwatch();
  dir = mkdtempSync(join(tmpdir(), 'kontor-team-reliability-'));
  team = await openTeam(dir, '2026-11-23T07:00:00Z');
  for (const login of team.logins) desks.push(startDesk(team, dir, login, SEGMENT));
  await Promise.all(desks.map((d) => d.started));
  setupSeconds = setup.seconds();
}, 120_000);

afterAll(async () => {
  await Promise.all([...desks, ...spares].filter((d) => d !== undefined).map(stopDesk));
  team?.admin.close();
  await team?.bank.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Uploads left `uploading` by the last round: the next round recovers them. */
let leftOpen = 0;

/** Half an hour while an upload's outcome is open (recovery's waits pass), else a minute. */
async function letTimePass(): Promise<void> {
  await team.bank.idle();
  leftOpen = (await ok(team.admin, 'orders.list', { status: 'uploading' })).length;
  team.clock.advanceMs(leftOpen > 0 ? 31 * 60_000 : 60_000);
}

function armFault(random: Random, summary: TeamSummary): void {
  if (random() < 0.3) return tally(summary.faults, 'none');
  const kind = random.pick(FAULT_KINDS);
  const fault = random.pick(FAULTS);
  const segmented = kind === 'upload-transfer' || kind === 'download-transfer';
  team.bank.faults.set(kind, fault, { times: 1, ...(segmented ? { skip: random.int(0, 1) } : {}) });
  tally(summary.faults, `${kind}/${fault}`);
}

async function bothAtOnce(i: number, random: Random, summary: TeamSummary, steps: () => Step[]): Promise<void> {
  const now = team.clock.now().toISOString();
  const plans = desks.map(() => ({ steps: steps(), seed: random.int(1, 2 ** 31 - 1) }));
  const answers = await Promise.all(desks.map((d, k) => d.round({ round: i, now, ...plans[k]! })));
  answers.forEach((a, k) => record(summary, desks[k]!.login, a));
  await team.bank.idle();
  team.bank.faults.clear();
}

async function ordinaryRound(i: number, random: Random, summary: TeamSummary): Promise<void> {
  for (let k = random.int(1, 3); k > 0; k--) await newPayable(team, random.int(100, 999_999));
  armFault(random, summary);
  // Recovery asks the bank twice (HVU, HAC): every round that follows an interrupted upload, and one in four
  // besides, where it meets the other desk's upload in flight.
  const recover = leftOpen > 0 || random() < 0.25;
  await bothAtOnce(i, random, summary, () => shuffled(random, recover ? STEPS : STEPS.filter((s) => s !== 'recover')));
}

/** Until the bank holds one of the desk's requests, or the desk answered without sending any. */
async function untilHeld(answer: Promise<RoundAnswer | null>): Promise<boolean> {
  let answered = false;
  void answer.then(() => (answered = true));
  while (team.bank.faults.holding() === 0 && !answered) await sleep(5);
  return team.bank.faults.holding() > 0;
}

/**
 * One desk dies mid-upload; the other login recovers the upload from the
 * shared journal, on its own and at once (the next rounds would have both
 * desks recover it together).
 */
async function killRound(i: number, random: Random, summary: TeamSummary): Promise<void> {
  const victim = summary.kills.total % 2;
  const other = desks[1 - victim]!;
  const now = () => team.clock.now().toISOString();
  const uploading = async () => (await ok(team.admin, 'orders.list', { status: 'uploading' })).map((o) => o.id);
  const before = await uploading();
  for (let k = 0; k < 2; k++) await newPayable(team, random.int(100, 999_999));
  record(summary, other.login, await other.round({ round: i, now: now(), steps: ['build'], seed: random.int(1, 2 ** 31 - 1) }));
  const at = random.pick(HOLD_AT);
  team.bank.faults.set(at, 'hold', { times: 1, ...(at === 'upload-transfer' ? { skip: random.int(0, 1) } : {}) });
  const dying = desks[victim]!;
  const answer = dying.round({ round: i, now: now(), steps: ['approve', 'upload'], seed: random.int(1, 2 ** 31 - 1) }).catch(() => null);
  const held = await untilHeld(answer);
  if (held) {
    dying.child.kill('SIGKILL');
    await dying.exited;
  }
  team.bank.faults.release();
  await team.bank.idle();
  team.bank.faults.clear();
  if (!held) {
    const a = await answer;
    if (a) record(summary, dying.login, a);
    return tally(summary.kills, 'nothing to upload');
  }
  summary.kills.total += 1;
  tally(summary.kills, `held at ${at}`);
  // That person starts Kontor again: a fresh process of the same login.
  const reborn = spareFor(victim);
  spares[victim] = undefined;
  await reborn.started;
  desks[victim] = reborn;
  // The killed desk's upload (not one an earlier fault left open).
  const interrupted = (await uploading()).filter((id) => !before.includes(id));
  await letTimePass();
  await recoverElsewhere(i, other, interrupted, random, summary);
}

/** The other login recovers the interrupted orders; a claim the dead process held must not stand in its way. */
async function recoverElsewhere(i: number, desk: Desk, interrupted: number[], random: Random, summary: TeamSummary): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const a = await desk.round({ round: i, now: team.clock.now().toISOString(), steps: ['recover'], seed: random.int(1, 2 ** 31 - 1) });
    record(summary, desk.login, a);
    const mine = (a.recover?.orders ?? []).filter((o) => interrupted.includes(o.id));
    if (mine.some((o) => o.rule === 'uploadRunning')) {
      tally(summary.crossRecovery, 'claim of the dead process still held');
      await sleep(50);
      continue;
    }
    for (const o of mine) tally(summary.crossRecovery, `${o.action}:${o.rule}`);
    if (mine.length === 0) tally(summary.crossRecovery, interrupted.length === 0 ? 'nothing interrupted' : 'settled before');
    return;
  }
}

/** Without faults, until nothing is open: every entry paid, every run at the bank. */
async function settle(from: number, random: Random, summary: TeamSummary): Promise<number> {
  for (let k = 0; k < SETTLE_ROUNDS; k++) {
    const eligible = (await ok(team.admin, 'orders.eligibility', {})).eligible.length;
    const open = (await Promise.all((['draft', 'approved', 'uploading'] as const).map((status) => ok(team.admin, 'orders.list', { status })))).flat();
    if (eligible === 0 && open.length === 0) return k;
    await bothAtOnce(from + k, random, summary, () => [...STEPS]);
    await letTimePass();
  }
  return SETTLE_ROUNDS;
}

describe.skipIf(skipReason !== undefined)(`two workstations on one team ledger${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  it(`pays every entry once after ${ROUNDS} rounds of both desks building, approving, uploading and recovering under faults`, async () => {
    const random = seeded(SEED);
    const elapsed = stopwatch();
    const summary = emptyTeamSummary(SEED, ROUNDS);
    const spent = { ordinary: 0, kill: 0, settle: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const round = stopwatch();
      const kill = i % KILL_EVERY === KILL_EVERY - 1;
      if (i % KILL_EVERY === KILL_EVERY - 4) spareFor(summary.kills.total % 2);
      if (kill) await killRound(i, random, summary);
      else await ordinaryRound(i, random, summary);
      await letTimePass();
      spent[kill ? 'kill' : 'ordinary'] += round.ms();
    }
    const settling = stopwatch();
    summary.settleRounds = await settle(ROUNDS, random, summary);
    spent.settle = settling.ms();
    const problems = countTeam(team, summary);
    const secondsIn = Object.fromEntries(Object.entries(spent).map(([k, ms]) => [k, Math.round(ms / 100) / 10]));
    writeSummary('team-concurrency', {
      ...summary,
      secondsIn: { setup: setupSeconds, ...secondsIn },
      seconds: Math.round((setupSeconds + elapsed.seconds()) * 10) / 10,
    });
    expect(problems).toEqual([]);
    expect(summary).toMatchObject({ inTwoRuns: 0, duplicates: 0, lostUpdates: 0, lostPayments: 0, deskErrors: 0 });
    // The suite did what it says: both desks met at the same runs, faults hit, desks died and the other recovered.
    expect(summary.ordersAtBank).toBeGreaterThan(ROUNDS / 2);
    expect(summary.kills.total).toBeGreaterThanOrEqual(Math.floor(ROUNDS / KILL_EVERY) - 2);
    expect(Object.keys(summary.crossRecovery).some((k) => /^(resent|confirmed):/.test(k))).toBe(true);
    expect(summary.meetings.upload).toBeGreaterThan(0);
  });
});
