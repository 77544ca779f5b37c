/**
 * One person's Kontor on the team ledger for team-concurrency.test.ts: a
 * long-lived process logged in as its own database login (URL) that, for
 * every round the test sends on stdin, does what a treasury desk does —
 * builds a payment run from entries it sees open, approves the runs the other
 * person built, uploads every approved run and recovers uploads left
 * `uploading` — through the API (dispatch) as the window would, and answers
 * with what happened, one JSON line per round.
 *
 * Env: URL, DATA_DIR, SECRETS_FILE (the subscriber's keys, shared by both
 * desks: one key file imported at both workstations), NAME, SEED,
 * KONTOR_EBICS_SEGMENT_SIZE. The clock is the test's: each round names the
 * time, which stands still while the round runs.
 *
 * Stdin lines: {"round": n, "now": iso, "steps": ["build","approve","upload","recover"], "seed": s}
 * Stdout: `start` once ready, then {"round": n, ...what happened} per round.
 */
import { createInterface } from 'node:readline';
import { createContext } from '../../../electron/services/context';
import { dispatch } from '../../../electron/services/dispatch';
import type { ApiInput, ApiName, ApiOutput } from '../../../shared/api';
import { toInstantIso, type Clock } from '../../../shared/dates';
import { fileSecretStore } from './file-secrets';
import { seeded, type Random } from './random';
import { stopwatch } from './wall';

type Step = 'build' | 'approve' | 'upload' | 'recover';
interface RoundIn {
  round: number;
  now: string;
  steps: Step[];
  seed: number;
  accessId: number;
}

const env = process.env as Record<string, string>;
let at = Date.parse(env.NOW!);
const clock: Clock = { now: () => new Date(at), today: () => toInstantIso(new Date(at)).slice(0, 10) };
const ctx = createContext({ dataDir: env.DATA_DIR!, host: 'cli', clock, secretStore: fileSecretStore(env.SECRETS_FILE!), databaseUrl: env.URL! });
const me = ctx.actor();

async function call<N extends ApiName>(name: N, input: ApiInput<N>): Promise<{ ok: true; value: ApiOutput<N> } | { ok: false; code: string }> {
  const r = await dispatch(ctx, name, input);
  return r.ok ? { ok: true, value: r.value as ApiOutput<N> } : { ok: false, code: r.error.code };
}

async function list(status: 'draft' | 'approved' | 'uploading') {
  const r = await call('orders.list', { status });
  if (!r.ok) throw new Error(`orders.list failed: ${r.code}`);
  return r.value;
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** A window of the open entries, as a person picks some: the other desk picks from the same list, so they overlap. */
async function build(random: Random, out: Record<string, unknown>): Promise<void> {
  const seen = await call('orders.eligibility', {});
  if (!seen.ok) throw new Error(`orders.eligibility failed: ${seen.code}`);
  const ids = seen.value.eligible.map((e) => e.entryId).sort((a, b) => a - b);
  if (ids.length === 0) return;
  const from = random.int(0, Math.max(0, ids.length - 2));
  const picked = ids.slice(from, from + random.int(1, 4));
  const r = await call('orders.build', { entryIds: picked });
  out.build = r.ok ? { asked: picked, orders: r.value.orders.map((o) => o.id) } : { asked: picked, refused: r.code };
}

async function approve(random: Random, out: Record<string, unknown>): Promise<void> {
  const done: Array<{ id: number; result: string }> = [];
  for (const o of shuffled(random, await list('draft'))) {
    // Four eyes: the runs the other person built.
    if (o.builtBy === me) continue;
    const r = await call('orders.approve', { id: o.id });
    done.push({ id: o.id, result: r.ok ? 'approved' : r.code });
  }
  out.approve = done;
}

async function upload(random: Random, out: Record<string, unknown>): Promise<void> {
  const done: Array<{ id: number; result: string }> = [];
  for (const o of shuffled(random, await list('approved'))) {
    const r = await call('orders.upload', { id: o.id });
    done.push({ id: o.id, result: r.ok ? r.value.status : r.code });
  }
  out.upload = done;
}

async function recover(accessId: number, out: Record<string, unknown>): Promise<void> {
  if ((await list('uploading')).length === 0) return;
  const r = await call('orders.recover', { bankAccessId: accessId });
  if (!r.ok) throw new Error(`orders.recover failed: ${r.code}`);
  out.recover = { bankError: r.value.bankError?.code ?? null, orders: r.value.orders.map((o) => ({ id: o.orderId, action: o.action, rule: o.rule })) };
}

async function round(msg: RoundIn): Promise<Record<string, unknown>> {
  at = Date.parse(msg.now);
  const random = seeded(msg.seed);
  const out: Record<string, unknown> = { round: msg.round };
  const ms: Record<string, number> = {};
  for (const step of msg.steps) {
    const watch = stopwatch();
    if (step === 'build') await build(random, out);
    if (step === 'approve') await approve(random, out);
    if (step === 'upload') await upload(random, out);
    if (step === 'recover') await recover(msg.accessId, out);
    ms[step] = Math.round(watch.ms());
  }
  return { ...out, ms };
}

process.stdout.write('start\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line.trim() === '') continue;
  const msg = JSON.parse(line) as RoundIn | { quit: true };
  if ('quit' in msg) break;
  let answer: Record<string, unknown>;
  try {
    answer = await round(msg);
  } catch (e) {
    answer = { round: msg.round, error: String((e as Error).stack ?? e) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
ctx.close();
