/**
 * A response must come in the EBICS version of its request. A peer (or
 * something in between) that answers an H005 request with an H004 document
 * — or the other way round — is refused with a typed error before anything
 * in the answer is used, and the journal records the step as uncertain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoBank, type DemoBank } from '../demo-bank/server';
import { clientFor, readySubscriber, tempDir, tempLedger } from '../../test/support/demo-bank';
import { testClock } from '../../test/support/clock';
import { ledgerJournal } from '../services/bank-access/journal';
import { createEbicsClient } from './client';
import { createTransport } from './transport';
import { VERSIONS, type EbicsVersion } from './messages/versions';

let bank: DemoBank;
let dir: { path: string; remove: () => void };
beforeAll(async () => {
  dir = tempDir('kontor-client-version-');
  bank = await startDemoBank({ dataDir: `${dir.path}/bank`, clock: testClock });
});
afterAll(async () => {
  await bank.close();
  dir.remove();
});

const other = (v: EbicsVersion): EbicsVersion => (v === 'H004' ? 'H005' : 'H004');

describe.each(['H004', 'H005'] as const)('a response in another EBICS version than the %s request', (version) => {
  it('is refused with ebics.versionMismatch naming both versions', async () => {
    const ledger = tempLedger(dir.path);
    const ids = { userId: `VER${version}` };
    bank.addSubscriber({ partnerId: 'KONTOR01', ...ids, accounts: 0 });
    const { keys, bankKeys } = await readySubscriber(bank, version, ledger, ids);
    const real = createTransport(bank.url, { demoBankOnLoopback: true });
    // Everything as the bank sent it, only the namespace and Version of the other schema.
    const swapped = {
      ...real,
      post: async (xml: string) =>
        (await real.post(xml))
          .replaceAll(VERSIONS[version].namespace, VERSIONS[other(version)].namespace)
          .replace(`Version="${version}"`, `Version="${other(version)}"`),
    };
    expect((await clientFor({ bank, version, keys, ledger, ...ids, bankKeys }).download('user_data')).data).not.toBeNull();
    const viaSwap = createEbicsClient({
      version,
      hostId: bank.hostId,
      partnerId: 'KONTOR01',
      userId: ids.userId,
      transport: swapped,
      keys,
      bankKeys,
      clock: bank.clock,
      journal: ledgerJournal(ledger),
    });
    await expect(viaSwap.download('user_data')).rejects.toMatchObject({
      code: 'ebics.versionMismatch',
      params: { requested: version, answered: other(version) },
    });
    ledger.close();
  });
});
