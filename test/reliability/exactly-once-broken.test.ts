/**
 * The exactly-once suite can fail (issue 15, item 8): it is run against
 * recovery with a safety removed, and must report the duplicates that
 * causes — and, on the same plans and seed, none with the product's recovery.
 *
 * - **quiet time at zero** (rule 4): another Kontor process is still
 *   uploading (a segment held in flight at the bank) when this one recovers
 *   the same order; without the 5-minute quiet time it sends a second upload.
 * - **settling time at zero** (rule 5): the answer to the last segment was
 *   lost and the bank lists the order only minutes later (`late`), or is
 *   still processing the last segment (`concurrent/last`); without the
 *   30-minute settling time recovery sends again.
 * - **broken rule 3**: "send again" instead of resuming the EBICS
 *   transaction this process still holds; with a bank that lists the order
 *   late, that is a second order (docs/reliability.md).
 *
 * The plans are those of the main suite (support/exactly-once-harness.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { decide, recoverUploads, RECOVERY_WAITS, type RecoveryPolicy } from '../../electron/services/orders/recovery';
import { emptySummary, label, openHarness, productRecovery, runSuite, type Harness, type Plan, type Recover } from './support/exactly-once-harness';
import { writeSummary } from './support/mode';
import { seeded, suiteSeed } from './support/random';

const { CLIENT_TIMEOUT_MS } = vi.hoisted(() => ({ CLIENT_TIMEOUT_MS: 1000 }));
vi.mock('../../electron/ebics/transport', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../electron/ebics/transport')>();
  return {
    ...real,
    createTransport: (url: string, o: Parameters<typeof real.createTransport>[1] = {}) =>
      real.createTransport(url, { ...o, timeoutMs: o.timeoutMs ?? CLIENT_TIMEOUT_MS }),
  };
});

const SEED = suiteSeed(20261207);
let h: Harness;
beforeAll(async () => {
  h = await openHarness('kontor-exactly-once-broken-', CLIENT_TIMEOUT_MS + 600);
}, 120_000);
afterAll(() => h?.close());

const broken =
  (policy: Partial<RecoveryPolicy>): Recover =>
  (desk) =>
    recoverUploads(desk.ctx, desk.accessId, policy);

/** The same plans under the product's recovery and under the broken one: duplicates of each. */
async function compare(name: string, list: readonly Plan[], recover: Recover): Promise<{ product: number; broken: number; problems: string[] }> {
  const product = emptySummary(SEED);
  expect(await runSuite(h, list, seeded(SEED), product, productRecovery)).toEqual([]);
  const faulty = emptySummary(SEED);
  const problems = await runSuite(h, list, seeded(SEED), faulty, recover);
  writeSummary(`exactly-once-broken-${name}`, { plans: list.map(label), product, broken: faulty });
  return { product: product.duplicates, broken: faulty.duplicates, problems };
}

describe('the exactly-once suite reports what a broken recovery does', () => {
  it('quiet time at zero: a second upload while another process is still sending', async () => {
    const list: Plan[] = [
      { kind: 'concurrent', at: 'segment' },
      { kind: 'concurrent', at: 'segment' },
    ];
    const r = await compare('quiet-zero', list, broken({ waits: { ...RECOVERY_WAITS, quietMs: 0 } }));
    expect(r.product).toBe(0);
    expect(r.broken).toBe(list.length);
    expect(r.problems.filter((p) => p.startsWith('duplicate: concurrent/segment'))).toHaveLength(list.length);
  });

  it('settling time at zero: a second upload of an order the bank holds but lists late, or is still processing', async () => {
    const list: Plan[] = [
      { kind: 'late', how: 'restart' },
      { kind: 'late', how: 'kill' },
      { kind: 'concurrent', at: 'last' },
    ];
    const r = await compare('settle-zero', list, broken({ waits: { ...RECOVERY_WAITS, settleMs: 0 } }));
    expect(r.product).toBe(0);
    expect(r.broken).toBe(list.length);
  });

  it('broken rule 3 (send again instead of resuming the transaction): a second order', async () => {
    const list: Plan[] = [
      { kind: 'late', how: 'in-process' },
      { kind: 'late', how: 'in-process' },
    ];
    const sendAgain: RecoveryPolicy['decide'] = (e, at, bank, waits) => {
      const d = decide(e, at, bank, waits);
      return d.action === 'resume' ? { action: 'resend', rule: 'lastSegmentNeverSent' } : d;
    };
    const r = await compare('rule-3', list, broken({ decide: sendAgain }));
    expect(r.product).toBe(0);
    expect(r.broken).toBe(list.length);
  });
});
