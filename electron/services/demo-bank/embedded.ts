import { join } from 'node:path';
import { DEMO_BANK_PORT } from '../../demo-bank/admin';
import { DEMO_HOST_ID } from '../../demo-bank/ids';
import { DEFAULT_PARTNER_ID, DEFAULT_USER_ID, startDemoBank, type DemoBank } from '../../demo-bank/server';
import { KontorError } from '../../../shared/errors';
import type { DemoBankOrder } from '../../../shared/domain';
import { blocksOfOrder } from '../../demo-bank/store/payment-blocks';
import { listOrders } from '../../demo-bank/store/orders';
import { getSubscriber, listSubscribers } from '../../demo-bank/store/subscribers';
import type { DemoBankRegister } from '../../../shared/api/demo-bank';
import { moveDemoAccesses } from '../../ledger/repos/bank-access';
import { readSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../context';

/**
 * The demo bank Kontor runs beside itself, so a user can try everything
 * without a bank contract. Its state lives in `<data folder>/demo-bank`.
 * It prefers a fixed port so a bank access set up against it keeps working
 * after a restart; when that port is taken it takes a free one.
 */
export async function startEmbeddedDemoBank(ctx: ServiceContext, env: NodeJS.ProcessEnv = process.env): Promise<DemoBank | null> {
  if (env.KONTOR_DEMO_BANK === 'off') return null;
  const dataDir = join(ctx.dataDir, 'demo-bank');
  const preferred = env.KONTOR_DEMO_BANK_PORT ? Number(env.KONTOR_DEMO_BANK_PORT) : DEMO_BANK_PORT;
  const quiet = () => undefined;
  let bank: DemoBank;
  try {
    bank = await startDemoBank({ dataDir, port: preferred, clock: ctx.clock, log: quiet });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    bank = await startDemoBank({ dataDir, port: 0, clock: ctx.clock, log: quiet });
  }
  followDemoBank(ctx, bank.url);
  return bank;
}

/**
 * When the preferred port was taken the demo bank runs elsewhere this time:
 * bank accesses set up against it move along, or they could not reach it.
 */
export function followDemoBank(ctx: ServiceContext, url: string): void {
  moveDemoAccesses(ctx.db, DEMO_HOST_ID, url, ctx.now());
}

/** The user's language: the demo bank writes its letters in it, as a bank writes to its customer. */
export function letterLocale(ctx: Pick<ServiceContext, 'db'>): 'de' | 'en' {
  return readSetting<string>(ctx.db, 'locale', 'en') === 'de' ? 'de' : 'en';
}

export function demoBankStatus(bank: DemoBank | null, locale: 'de' | 'en' = 'en') {
  if (!bank) return { running: false as const };
  return {
    running: true as const,
    url: bank.url,
    hostId: bank.hostId,
    partnerId: DEFAULT_PARTNER_ID,
    userId: DEFAULT_USER_ID,
    letter: bank.userLetter(DEFAULT_PARTNER_ID, DEFAULT_USER_ID, locale),
  };
}

function running(bank: DemoBank | null): DemoBank {
  if (!bank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  return bank;
}

export function demoBankOrders(bank: DemoBank | null): DemoBankOrder[] {
  const db = running(bank).store.db;
  return listOrders(db)
    .map((o) => {
      const blocks = blocksOfOrder(db, o.orderId);
      const signer = getSubscriber(db, o.subscriberId);
      return {
        orderId: o.orderId,
        orderType: o.serviceName ? `${o.orderType} ${o.serviceName}${o.serviceOption ? ` ${o.serviceOption}` : ''}` : o.orderType,
        partnerId: signer?.partnerId ?? o.signerPartnerId,
        userId: signer?.userId ?? o.signerUserId,
        state: o.state,
        transactions: blocks.reduce((n, b) => n + b.transactions, 0),
        amountCents: blocks.reduce((n, b) => n + b.amountCents, 0),
        receivedAt: o.receivedAt,
      };
    })
    .reverse();
}

export function decideDemoOrder(bank: DemoBank | null, orderId: string, decision: 'release' | 'reject'): DemoBankOrder[] {
  const b = running(bank);
  if (decision === 'release') b.release(orderId);
  else b.reject(orderId);
  return demoBankOrders(b);
}

/**
 * Demo mode: what the demo bank's clerk sees of the verification of payee
 * and the distributed signature — the register of account holders the
 * check compares names with, and the signers with their signature class.
 */
export function demoBankRegister(bank: DemoBank | null): DemoBankRegister {
  if (!bank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  return {
    holders: bank.holders.list(),
    signers: listSubscribers(bank.store.db).map((s) => ({
      partnerId: s.partnerId,
      userId: s.userId,
      name: s.name,
      signatureClass: s.signatureClass,
      ready: s.state === 'ready',
    })),
  };
}

export function addDemoBankHolder(bank: DemoBank | null, iban: string, name: string): DemoBankRegister {
  if (!bank) throw new KontorError('demoBank.notRunning', 'The demo bank is not running.');
  bank.holders.add(iban, name);
  return demoBankRegister(bank);
}
