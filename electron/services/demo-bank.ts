import { join } from 'node:path';
import { DEMO_BANK_PORT } from '../demo-bank/admin';
import { DEFAULT_PARTNER_ID, DEFAULT_USER_ID, startDemoBank, type DemoBank } from '../demo-bank/server';
import type { ServiceContext } from './context';

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
  try {
    return await startDemoBank({ dataDir, port: preferred, clock: ctx.clock, log: quiet });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    return startDemoBank({ dataDir, port: 0, clock: ctx.clock, log: quiet });
  }
}

export function demoBankStatus(bank: DemoBank | null) {
  if (!bank) return { running: false as const };
  return {
    running: true as const,
    url: bank.url,
    hostId: bank.hostId,
    partnerId: DEFAULT_PARTNER_ID,
    userId: DEFAULT_USER_ID,
    letter: bank.userLetter(DEFAULT_PARTNER_ID, DEFAULT_USER_ID),
  };
}
