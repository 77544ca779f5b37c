import { expect } from '@playwright/test';
import type { KontorHost } from './kontor-host';

/** Creates what a screen needs through the API, as a script would; fails loudly if refused. */
export async function seed<T = { id: number }>(host: KontorHost, name: string, input: unknown): Promise<T> {
  const result = await host.invoke(name, input);
  expect(result, `${name} refused: ${JSON.stringify(result.error)}`).toMatchObject({ ok: true });
  return result.value as T;
}

/** The demo bank as a quick script sets it up: letter data, INI/HIA, the clerk's activation, the bank's keys. */
export async function demoBankAccess(host: KontorHost): Promise<{ accessId: number; ownIban: string }> {
  const status = await seed<{ url: string; hostId: string; partnerId: string; userId: string; letter: string }>(host, 'demoBank.status', {});
  const access = await seed(host, 'bankAccess.create', {
    name: 'Demobank',
    hostUrl: status.url,
    hostId: status.hostId,
    partnerId: status.partnerId,
    userId: status.userId,
    ebicsVersion: 'H004',
    isDemo: true,
  });
  await seed(host, 'bankAccess.initialise', { id: access.id });
  await seed(host, 'bankAccess.demoActivate', { id: access.id });
  const fetched = await seed<{ bankKeys: { authenticationHash: string; encryptionHash: string } }>(host, 'bankAccess.fetchBankKeys', { id: access.id });
  await seed(host, 'bankAccess.acceptBankKeys', { id: access.id, ...fetched.bankKeys });
  const ibanLine = /IBAN (DE[0-9 ]+?)\s{2,}/.exec(status.letter);
  if (!ibanLine) throw new Error(`no IBAN in the demo bank's letter:\n${status.letter}`);
  return { accessId: access.id, ownIban: ibanLine[1]!.replace(/ /g, '') };
}
