/** The embedded demo bank prefers its port; when that is taken, accesses set up against it follow it to the new one. */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startEmbeddedDemoBank } from '../../electron/services/demo-bank/embedded';
import { ok, tempContext } from './helpers';

describe('embedded demo bank', () => {
  it('moves demo bank accesses to the port it got when its preferred one is taken', async () => {
    const ctx = tempContext();
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const access = await ok(ctx, 'bankAccess.create', {
        name: 'Demo',
        hostUrl: `http://127.0.0.1:${taken}/ebicsweb`,
        hostId: 'KONTORDEMO',
        partnerId: 'KONTOR01',
        userId: 'USER01',
        ebicsVersion: 'H004',
        isDemo: true,
      });
      const real = await ok(ctx, 'bankAccess.create', {
        name: 'Hausbank',
        hostUrl: 'https://ebics.bank.example/ebicsweb',
        hostId: 'KONTORDEMO',
        partnerId: 'P',
        userId: 'U',
        ebicsVersion: 'H004',
      });
      ctx.demoBank = await startEmbeddedDemoBank(ctx, { KONTOR_DEMO_BANK_PORT: String(taken) });
      expect(ctx.demoBank!.port).not.toBe(taken);
      expect((await ok(ctx, 'bankAccess.get', { id: access.id })).hostUrl).toBe(ctx.demoBank!.url);
      expect((await ok(ctx, 'bankAccess.get', { id: real.id })).hostUrl).toBe('https://ebics.bank.example/ebicsweb');
    } finally {
      blocker.close();
      await ctx.demoBank?.close();
      ctx.cleanup();
    }
  });
});
