/**
 * A demo-bank subscriber set up on a given clock: keys (with certificates
 * valid around the clock's instant for H005), INI, HIA, activation by the
 * clerk, HPB and the bank keys trusted — every request stamped with that
 * clock, so the bank may run on a fixed date and no test reads the real one.
 */
import type { Database } from 'better-sqlite3';
import type { Clock } from '../../../shared/dates';
import type { DemoBank } from '../../../electron/demo-bank/server';
import { clientFor, trust } from '../../support/demo-bank';
import type { EbicsClient } from '../../../electron/ebics/client';
import { generateKeyPairAsync, selfSignedCertificate, type RsaKeyPair } from '../../../electron/ebics/crypto/keys';
import type { EbicsVersion } from '../../../electron/ebics/messages/versions';
import type { SubscriberKeys, TrustedBankKeys } from '../../../electron/ebics/subscriber';

const DAY_MS = 86_400_000;

export async function subscriberKeysAt(version: EbicsVersion, clock: Clock): Promise<SubscriberKeys> {
  const [sig, auth, enc] = await Promise.all([generateKeyPairAsync(2048), generateKeyPairAsync(2048), generateKeyPairAsync(2048)]);
  const at = clock.now().getTime();
  const cert = (pair: RsaKeyPair, usage: 'signature' | 'authentication' | 'encryption') =>
    version === 'H005'
      ? {
          certificate: selfSignedCertificate(pair, {
            commonName: `Kontor reliability ${usage}`,
            notBefore: new Date(at - DAY_MS),
            notAfter: new Date(at + 365 * DAY_MS),
            usage,
          }),
        }
      : {};
  return {
    signature: { ...sig, ...cert(sig, 'signature'), version: 'A006' },
    authentication: { ...auth, ...cert(auth, 'authentication') },
    encryption: { ...enc, ...cert(enc, 'encryption') },
  };
}

export async function readySubscriberAt(
  bank: DemoBank,
  version: EbicsVersion,
  ledger: Database,
  ids: { partnerId: string; userId: string },
  clock: Clock,
): Promise<{ keys: SubscriberKeys; bankKeys: TrustedBankKeys; client: EbicsClient }> {
  const keys = await subscriberKeysAt(version, clock);
  const first = clientFor({ bank, version, keys, ledger, clock, ...ids });
  await first.sendIni();
  await first.sendHia();
  bank.activate(ids.partnerId, ids.userId);
  const bankKeys = trust(await first.fetchBankKeys(), version === 'H005' ? 'certificate' : 'publicKey');
  return { keys, bankKeys, client: clientFor({ bank, version, keys, ledger, clock, bankKeys, ...ids }) };
}
