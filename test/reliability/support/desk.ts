/**
 * One Kontor installation for the exactly-once runs: a data folder with its
 * ledger, a keychain stand-in in a file (so a child process can use the same
 * keys), and a ready bank access to the shared demo bank. Set up once per
 * EBICS version: key generation is the slow part.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Clock } from '../../../shared/dates';
import { addDays } from '../../../shared/dates';
import type { DemoBank } from '../../../electron/demo-bank';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { createContext, osAccount, type ServiceContext } from '../../../electron/services/context';
import { orderFile } from '../../../electron/ledger/repos/payment-orders';
import { ok } from './api';
import { readyDemoAccess } from '../../support/ready-access';
import { fileSecretStore } from './file-secrets';

export interface Desk {
  version: 'H004' | 'H005';
  dataDir: string;
  secretsFile: string;
  ctx: ServiceContext;
  accessId: number;
  entityId: number;
  supplierId: number;
  /** Another person acts from now on, as a second workstation would (four eyes). */
  actAs(identity: string): void;
  /** Closes the ledger and opens it again: a fresh Kontor process on the same data folder. */
  reopen(): void;
  close(): void;
}

export async function openDesk(
  bank: DemoBank,
  clock: Clock,
  dir: string,
  version: 'H004' | 'H005',
  subscriber: { partnerId: string; userId: string },
): Promise<Desk> {
  const dataDir = join(dir, `kontor-${version}`);
  mkdirSync(dataDir, { recursive: true });
  const secretsFile = join(dir, `secrets-${version}.json`);
  let identity = osAccount();
  const open = () => {
    const ctx = createContext({ dataDir, host: 'cli', clock, secretStore: fileSecretStore(secretsFile), identity: () => identity });
    ctx.demoBank = bank;
    return ctx;
  };
  const ctx = open();
  const access = {
    id: await readyDemoAccess(ctx, {
      url: bank.url,
      hostId: bank.hostId,
      partnerId: subscriber.partnerId,
      userId: subscriber.userId,
      ebicsVersion: version,
      name: `Demo ${version}`,
    }),
  };
  const iban = accountsOfPartner(bank.store.db, subscriber.partnerId)[0]!.iban;
  const entity = await ok(ctx, 'entities.create', { name: `Kontor ${version} GmbH` });
  const account = await ok(ctx, 'bankAccounts.create', { entityId: entity.id, bankAccessId: access.id, name: 'Konto', iban });
  await ok(ctx, 'entities.update', { id: entity.id, values: { name: entity.name, preferredBankAccountId: account.id } });
  const supplier = await ok(ctx, 'accounts.create', { kind: 'supplier', number: 'L-1', name: 'Lieferant Eins GmbH' });
  await ok(ctx, 'instruments.create', {
    accountId: supplier.id,
    entityId: entity.id,
    kind: 'bank_details',
    holderName: 'Lieferant Eins GmbH',
    iban: 'DE02120300000000202051',
    direction: 'out',
  });
  const desk: Desk = {
    version,
    dataDir,
    secretsFile,
    ctx,
    accessId: access.id,
    entityId: entity.id,
    supplierId: supplier.id,
    actAs(next: string) {
      identity = next;
    },
    reopen() {
      if (desk.ctx.db.open) desk.ctx.db.close();
      desk.ctx = open();
    },
    close() {
      if (desk.ctx.db.open) desk.ctx.db.close();
    },
  };
  return desk;
}

/** A fresh approved credit transfer order from one new payable (built by Kontor's own builder), SEPA Instant if asked. */
export async function newOrder(desk: Desk, clock: Clock, n: number, amountCents: number, instant = false): Promise<{ id: number; sha256: string }> {
  await ok(desk.ctx, 'entries.create', {
    entityId: desk.entityId,
    accountId: desk.supplierId,
    type: 'Credit',
    number: `ER-${n}`,
    statementDate: clock.today(),
    dueDate: addDays(clock.today(), 5),
    amountCents,
    requestedMethod: 'sepa',
  });
  const { orders } = await ok(desk.ctx, 'orders.build', instant ? { instant } : {});
  if (orders.length !== 1) throw new Error(`expected one new order, got ${orders.length}`);
  const order = orders[0]!;
  // Four eyes: another person approves the run, then the desk acts as before.
  const builder = desk.ctx.actor();
  await ok(desk.ctx, 'users.grant', { user: 'zweite.person', role: 'approver' });
  desk.actAs('zweite.person');
  try {
    await ok(desk.ctx, 'orders.approve', { id: order.id });
  } finally {
    desk.actAs(builder);
  }
  return { id: order.id, sha256: order.sha256 };
}

/**
 * The segment size (base64 characters, a multiple of 4) that splits this
 * order's file into `segments` pieces (or as near as rounding allows), and
 * the count it gives.
 */
export function segmentSizeFor(desk: Desk, orderId: number, segments: number): { size: number; segments: number } {
  const deflated = deflateSync(orderFile(desk.ctx.db, orderId)).length;
  const encrypted = (Math.floor(deflated / 16) + 1) * 16;
  const chars = 4 * Math.ceil(encrypted / 3);
  const size = Math.max(4, Math.ceil(Math.ceil(chars / segments) / 4) * 4);
  return { size, segments: Math.ceil(chars / size) };
}
