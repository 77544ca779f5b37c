/**
 * A real ledger in a temporary folder with one bank access to a demo bank
 * over real HTTP (keys in the OS keychain, the bank's keys accepted), an
 * entity and its own account at that bank, and a way to add payables to
 * suppliers: the common start of the payment flow tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoBank, type DemoBank } from '../../electron/demo-bank';
import { accountsOfPartner } from '../../electron/demo-bank/store/accounts';
import { runCli } from '../../electron/host/cli';
import { addDays, type Clock } from '../../shared/dates';
import { readyDemoAccess } from '../support/ready-access';
import { actingContext, approveAsSecondPerson, ok } from './helpers';

export interface DemoAccess {
  dir: string;
  ctx: ReturnType<typeof actingContext>;
  bank: DemoBank;
  accessId: number;
  entityId: number;
  /** A supplier with bank details and an open payable due in two days; returns the entry's and the bank details' ids. */
  payable(number: string, payee: { holder: string; iban: string; cents: number }): Promise<{ entryId: number; instrumentId: number }>;
  /** Builds (as the first person) and approves (as a second) the run of these entries; returns the order ids. */
  builtAndApproved(entryIds: number[], instant?: boolean): Promise<number[]>;
  /** `kontor …` on this ledger (and on the demo bank's folder for `kontor demo-bank …`). */
  cli(...argv: string[]): Promise<{ code: number; out: string; err: string }>;
  close(): Promise<void>;
}

export async function demoAccess(clock: Clock, version: 'H004' | 'H005', prefix: string): Promise<DemoAccess> {
  const dir = mkdtempSync(join(tmpdir(), `kontor-${prefix}-`));
  const ctx = actingContext({ dataDir: join(dir, 'kontor'), host: 'cli', clock });
  // Where `kontor demo-bank … --data-dir <dir>/kontor` finds the bank's database.
  const bank = await startDemoBank({ dataDir: join(dir, 'kontor', 'demo-bank'), clock, log: () => undefined });
  ctx.demoBank = bank;
  bank.setSignerClass('KONTOR01', 'USER01', 'E');
  const accessId = await readyDemoAccess(ctx, { url: bank.url, hostId: 'KONTORDEMO', ebicsVersion: version });
  const ownIban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: 'Kontor Demo GmbH', creditorId: 'DE98ZZZ09999999999' });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: accessId, name: 'Demo-Konto', iban: ownIban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, creditorId: 'DE98ZZZ09999999999', preferredBankAccountId: account.id } });

  return {
    dir,
    ctx,
    bank,
    accessId,
    entityId: entity.id,
    async payable(number, payee) {
      const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: `L-${number}`, name: payee.holder });
      const instrument = await ok(ctx, 'instruments.create', {
        accountId: supplier.id,
        entityId: entity.id,
        kind: 'bank_details',
        holderName: payee.holder,
        iban: payee.iban,
        direction: 'out',
      });
      const entry = await ok(ctx, 'entries.create', {
        entityId: entity.id,
        accountId: supplier.id,
        type: 'Credit',
        number: `ER-${number}`,
        statementDate: clock.today(),
        dueDate: addDays(clock.today(), 2),
        amountCents: payee.cents,
        requestedMethod: 'sepa',
      });
      return { entryId: entry.id, instrumentId: instrument.id };
    },
    async builtAndApproved(entryIds, instant = false) {
      const { orders } = await ok(ctx, 'orders.build', { entryIds, ...(instant ? { instant } : {}) });
      for (const o of orders) await approveAsSecondPerson(ctx, o.id);
      return orders.map((o) => o.id);
    },
    async cli(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli([...argv, '--data-dir', join(dir, 'kontor')], { out: (l) => out.push(l), err: (l) => err.push(l) }, undefined, clock);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    async close() {
      await bank.close();
      ctx.demoBank = null;
      ctx.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
