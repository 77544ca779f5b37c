/**
 * The late-visibility fault mode: the bank stores an upload at once but lists
 * it in its overview (HVU) and protocol (HAC) only once its own clock has
 * moved on by the delay — the bank recovery must meet to prove its waits.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3';
import { toInstantIso, type Clock } from '../../shared/dates';
import type { EbicsClient } from '../ebics/client';
import { parseHac } from '../services/orders/hac';
import { parseVeuOverview } from '../services/orders/hvu';
import { createFaults } from './faults';
import { samplePain } from '../../test/support/pain-files';
import { startDemoBank, type DemoBank } from './server';
import { accountsOfPartner } from './store/accounts';
import { clientFor, count, makeSubscriberKeys, tempDir, tempLedger, trust } from '../../test/support/demo-bank';

function steppingClock(start: string): Clock & { advanceMs(ms: number): void } {
  let t = Date.parse(start);
  return { now: () => new Date(t), today: () => toInstantIso(new Date(t)).slice(0, 10), advanceMs: (ms) => void (t += ms) };
}

describe('late visibility', () => {
  const dir = tempDir('kontor-demo-late-');
  const clock = steppingClock('2026-11-23T08:00:00Z');
  let bank: DemoBank;
  let ledger: Database;
  let client: EbicsClient;

  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock, log: () => undefined });
    ledger = tempLedger(dir.path);
    const keys = await makeSubscriberKeys('H004');
    const first = clientFor({ bank, version: 'H004', keys, ledger, clock });
    await first.sendIni();
    await first.sendHia();
    bank.activate('KONTOR01', 'USER01');
    client = clientFor({ bank, version: 'H004', keys, ledger, clock, bankKeys: trust(await first.fetchBankKeys(), 'publicKey') });
  }, 60_000);
  afterAll(async () => {
    await bank.close();
    ledger.close();
    dir.remove();
  });

  /** The order ids HVU and HAC show right now (HAC: everything of today, delivered or not). */
  async function listed(): Promise<{ hvu: string[]; hac: string[] }> {
    const hvu: string[] = [];
    const hac: string[] = [];
    await client
      .download('veu_overview', { process: (d) => void hvu.push(...parseVeuOverview(d.toString('utf8')).map((o) => o.orderId)) })
      .catch(() => undefined);
    await client
      .download('customer_protocol_xml', {
        dateRange: { start: clock.today(), end: clock.today() },
        process: (d) => void hac.push(...parseHac(d.toString('utf8')).map((e) => e.orderId)),
      })
      .catch(() => undefined);
    return { hvu, hac };
  }

  it('stores the order at once and lists it in HVU and HAC only after the delay on the bank clock', async () => {
    const data = samplePain('credit_transfer', { ownIban: accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban, date: clock.today() });
    bank.faults.showLate(10 * 60_000);
    const orders = count(bank.store.db, 'bank_order');
    const { orderId } = await client.upload('credit_transfer', data);
    expect(count(bank.store.db, 'bank_order')).toBe(orders + 1);
    bank.faults.clear(); // the mode is off for new uploads; this order stays hidden until its time

    expect(await listed()).toEqual({ hvu: [], hac: [] });
    clock.advanceMs(10 * 60_000 - 1000);
    expect(await listed()).toEqual({ hvu: [], hac: [] });
    clock.advanceMs(1000);
    const after = await listed();
    expect(after.hvu).toEqual([orderId]);
    expect(after.hac).toContain(orderId);
  });

  it('counts bank time, not wall time, and refuses a delay that is not a positive whole number', () => {
    const faults = createFaults();
    faults.hide('A001', 1_000);
    expect(faults.visible('A001', 999)).toBe(false);
    expect(faults.visible('A002', 0)).toBe(true);
    expect(faults.visible(null, 0)).toBe(true);
    expect(faults.visible('A001', 1_000)).toBe(true);
    expect(() => faults.showLate(0)).toThrow(RangeError);
    expect(() => faults.showLate(1.5)).toThrow(RangeError);
    faults.showLate(5);
    expect(faults.lateMs()).toBe(5);
    faults.clear();
    expect(faults.lateMs()).toBeNull();
  });
});
