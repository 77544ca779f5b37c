/**
 * Issue 10, EBICS rows:
 * - ebics.upload-50mb: a 50 MB pain.001 (about 135,000 transfers, built
 *   untimed) uploaded to the demo bank over loopback HTTP with Kontor's real
 *   client: order signature, deflate, encryption, segmentation, X002 per
 *   request, transfer, and the bank's own checks (decrypt, inflate, verify
 *   the signature, read the pain file). Bank and client share this process
 *   and its event loop, so the figure is the sum of both sides' work.
 * - ebics.keys: three 2048-bit subscriber keys as Kontor creates them
 *   (Node's crypto on the thread pool, in parallel) against node-forge's
 *   pure-JavaScript generator.
 * Checks: the bank holds the order with the file's exact bytes (SHA-256);
 * every key is a 2048-bit RSA key with exponent 65537 that signs and verifies.
 */
import { createHash, createSign, createVerify, type KeyObject } from 'node:crypto';
import { createRequire } from 'node:module';
import { startDemoBank } from '../../../electron/demo-bank';
import { readySubscriber, tempDir, tempLedger } from '../../support/demo-bank';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { generateKeyPairAsync } from '../../../electron/ebics/crypto/keys';
import { buildPaymentFile, groupCreditTransfers, SepaIdSequence } from '../../../electron/sepa';
import { maxRssMb, timed, type Figure, type RatioLine, type Workload } from '../figure';
import { transferLines } from './sepa-build';

const MB = 1024 * 1024;

/** A pain.001 of at least `bytes`: the benchmark's payroll lines, repeated with fresh end-to-end ids. */
function painOf(bytes: number, debtorIban: string): Buffer {
  const base = transferLines(1001).map((l) => ({ ...l, debtor: { name: 'Kontor Demo GmbH', iban: debtorIban } }));
  const lines = [...base, ...base.slice(0, 45_000).map((l, i) => ({ ...l, endToEndId: `PAY-2026-12-${String(i + 1).padStart(7, '0')}` }))];
  const ids = new SepaIdSequence('KONTOR', '2026-11-21');
  const [file] = groupCreditTransfers(lines, { nextPaymentInfoId: () => ids.next() });
  const built = buildPaymentFile({
    format: 'pain.001.001.09',
    messageId: 'KONTOR-BENCH-50MB',
    createdAt: '2026-11-21T09:30:00Z',
    initiatingParty: 'Kontor Demo GmbH',
    blocks: file!.blocks,
  });
  if (built.xml.length < bytes) throw new Error(`pain file only ${built.xml.length} bytes`);
  return built.xml;
}

export const ebicsUpload: Workload = {
  name: 'ebics.upload-50mb',
  async run() {
    const dir = tempDir('kontor-bench-upload-');
    const bank = await startDemoBank({ dataDir: dir.path, port: 0, log: () => undefined, limits: { maxOrderDataBytes: 200 * MB } });
    try {
      const ledger = tempLedger(dir.path);
      const { client } = await readySubscriber(bank, 'H005', ledger);
      const data = painOf(50_000_000, accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban);
      const sha = createHash('sha256').update(data).digest('hex');
      const { value, ms } = await timed(() => client.upload('credit_transfer', data));
      const stored = bank.store.db.prepare('SELECT data FROM bank_order WHERE order_id = ?').get(value.orderId) as { data: Buffer } | undefined;
      if (!stored || createHash('sha256').update(stored.data).digest('hex') !== sha) throw new Error('the bank does not hold the file that was sent');
      ledger.close();
      return [
        {
          workload: 'ebics.upload-50mb',
          tool: 'kontor',
          n: data.length,
          ms,
          max_rss_mb: maxRssMb(),
          check: `order ${value.orderId} at the bank with the file's SHA-256 ${sha.slice(0, 12)} (${(data.length / 1e6).toFixed(1)} MB pain.001, EBICS 3.0)`,
        },
      ];
    } finally {
      await bank.close();
      dir.remove();
    }
  },
};

function checkKey(publicKey: KeyObject, privateKey: KeyObject): void {
  const details = publicKey.asymmetricKeyDetails;
  if (publicKey.asymmetricKeyType !== 'rsa' || details?.modulusLength !== 2048 || details.publicExponent !== 65537n)
    throw new Error('not a 2048-bit RSA key with e = 65537');
  const signature = createSign('sha256').update('kontor').sign(privateKey);
  if (!createVerify('sha256').update('kontor').verify(publicKey, signature)) throw new Error('the key pair does not sign and verify');
}

export const keyGeneration: Workload = {
  name: 'ebics.keys',
  async run() {
    const ours = await timed(() => Promise.all([generateKeyPairAsync(2048), generateKeyPairAsync(2048), generateKeyPairAsync(2048)]));
    for (const k of ours.value) checkKey(k.publicKey, k.privateKey);
    const oursRss = maxRssMb();
    const forge = createRequire(import.meta.url)('node-forge') as typeof import('node-forge');
    // Otherwise forge hands the work to Node's crypto and measures the same thing twice.
    (forge as unknown as { options: { usePureJavaScript: boolean } }).options.usePureJavaScript = true;
    const theirs = await timed(() => [0, 1, 2].map(() => forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 })));
    const { createPrivateKey, createPublicKey } = await import('node:crypto');
    for (const k of theirs.value) checkKey(createPublicKey(forge.pki.publicKeyToPem(k.publicKey)), createPrivateKey(forge.pki.privateKeyToPem(k.privateKey)));
    const figures: (Figure | RatioLine)[] = [
      { workload: 'ebics.keys', tool: 'kontor', n: 3, ms: ours.ms, max_rss_mb: oursRss, check: 'three 2048-bit RSA keys, e = 65537, each signs and verifies' },
      {
        workload: 'ebics.keys',
        tool: 'node-forge',
        n: 3,
        ms: theirs.ms,
        max_rss_mb: maxRssMb(),
        check: 'three 2048-bit RSA keys, e = 65537, each signs and verifies',
      },
      { workload: 'ebics.keys', tool: 'ratio', peer: 'node-forge', ratio: Math.round((theirs.ms / ours.ms) * 100) / 100 },
    ];
    return figures as Figure[];
  },
};
