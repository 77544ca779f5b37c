/**
 * The steps every flow test takes to reach a demo-bank access that is ready
 * to talk: created, keys sent (INI/HIA), activated in demo mode, the bank's
 * keys fetched and accepted by their hashes. One place, so a change to that
 * path changes every test at once.
 */
import type { ServiceContext } from '../../electron/services/context';
import { ok } from '../reliability/support/api';

export interface ReadyAccessOptions {
  url: string;
  hostId: string;
  partnerId?: string;
  userId?: string;
  ebicsVersion: 'H004' | 'H005';
  name?: string;
}

/** Creates the access and walks it to `ready`; returns its id. */
export async function readyDemoAccess(ctx: ServiceContext, o: ReadyAccessOptions): Promise<number> {
  const access = await ok(ctx, 'bankAccess.create', {
    name: o.name ?? 'Demo',
    hostUrl: o.url,
    hostId: o.hostId,
    partnerId: o.partnerId ?? 'KONTOR01',
    userId: o.userId ?? 'USER01',
    ebicsVersion: o.ebicsVersion,
    isDemo: true,
  });
  await ok(ctx, 'bankAccess.initialise', { id: access.id });
  await ok(ctx, 'bankAccess.demoActivate', { id: access.id });
  const fetched = await ok(ctx, 'bankAccess.fetchBankKeys', { id: access.id });
  await ok(ctx, 'bankAccess.acceptBankKeys', {
    id: access.id,
    authenticationHash: fetched.bankKeys!.authenticationHash,
    encryptionHash: fetched.bankKeys!.encryptionHash,
  });
  return access.id;
}
