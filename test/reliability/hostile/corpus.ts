/**
 * What the hostile-input suites mutate: the real statement samples beside the
 * repository (`../shared/corpus`, absent in a user's clone: then only the
 * repository's own generated samples), statements the demo bank renders, and
 * real EBICS responses captured from the demo bank over HTTP.
 */
import type { KeyObject } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { addDays, fixedClock } from '../../../shared/dates';
import { startDemoBank, type DemoBank, type ExchangeRecord } from '../../../electron/demo-bank/server';
import { accountsOfPartner } from '../../../electron/demo-bank/store/accounts';
import { samplePain } from '../../support/pain-files';
import { tempDir, tempLedger, trustedFromBank } from '../../support/demo-bank';
import { aesDecrypt, decryptTransactionKey } from '../../../electron/ebics/crypto/e002';
import { buildHevRequest } from '../../../electron/ebics/messages/hev';
import { parseEbicsResponse } from '../../../electron/ebics/messages/responses';
import { createTransport } from '../../../electron/ebics/transport';
import type { StatementKind } from '../../../electron/demo-bank/protocol/order-types';
import { generateCamt053, generateMt940 } from '../../bench/inputs/statements';
import { REFERENCE_DIR } from '../../support/reference';
import { readySubscriberAt } from '../support/subscriber';

export const CORPUS_DIR = join(REFERENCE_DIR, 'corpus');

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** The reference statement samples (camt XML, MT940 text), or a reason why there are none. */
export function referenceStatements(): { files: Buffer[]; skipReason?: string } {
  let all: string[];
  try {
    all = filesUnder(CORPUS_DIR);
  } catch {
    return {
      files: [],
      skipReason: `reference corpus skipped: ${CORPUS_DIR} not found (the reference folder ../shared beside the repository is missing); fuzzing the repository's own generated samples only`,
    };
  }
  const files = all.filter((f) => !/\.(json|md)$/i.test(f)).map((f) => readFileSync(f));
  return { files };
}

/** The repository's own statement generators: camt.053 and MT940 of a few sizes. */
export function generatedStatements(): Buffer[] {
  return [generateCamt053(3, 1), generateCamt053(12, 7), generateCamt053(40, 11), generateMt940(4, 2), generateMt940(15, 5), generateMt940(60, 9)].map((b) =>
    Buffer.from(b),
  );
}

export interface Captured {
  /** Statements the demo bank renders: camt.052/053/054 (.02 and .08), MT940, MT942. */
  statements: Buffer[];
  /** Every EBICS answer of a session per version (key management, HPB, upload, downloads, receipts) and HEV. */
  responses: Buffer[];
  hev: Buffer[];
  /** Decrypted HPB order data (H004, H005). */
  hpb: Buffer[];
  /** Decrypted HAC (pain.002) and HVU order data. */
  hac: Buffer[];
  hvu: Buffer[];
  /** Statement downloads as served (ZIP containers). */
  zips: Buffer[];
  /** The demo bank's X002 public key, to verify its answers as the client does. */
  bankAuthKey: KeyObject | null;
}

const STATEMENT_KINDS: readonly StatementKind[] = ['camt.053', 'camt.052', 'camt.054', 'mt940', 'mt942'];

/** Runs the demo bank, walks a session per EBICS version and keeps everything the bank sent. */
export async function captureFromDemoBank(): Promise<Captured> {
  const dir = tempDir('kontor-hostile-');
  // A fixed day for the bank and the clients: the same statements every run, whatever today is.
  const clock = fixedClock('2026-11-23T08:00:00Z');
  const today = clock.today();
  const period = { start: addDays(today, -20), end: addDays(today, -7) };
  const records: ExchangeRecord[] = [];
  const bank: DemoBank = await startDemoBank({
    dataDir: join(dir.path, 'bank'),
    clock,
    segmentSize: 4096,
    log: () => undefined,
    onExchange: (r) => records.push(r),
  });
  const out: Captured = { statements: [], responses: [], hev: [], hpb: [], hac: [], hvu: [], zips: [], bankAuthKey: null };
  try {
    const iban = accountsOfPartner(bank.store.db, 'KONTOR01')[0]!.iban;
    out.bankAuthKey = trustedFromBank(bank, 'H004').authentication;
    for (const kind of STATEMENT_KINDS) {
      for (const camtVersion of kind.startsWith('camt') ? (['02', '08'] as const) : ([undefined] as const)) {
        const rendered = bank.statement(iban, kind, period.start, period.end, camtVersion ? { camtVersion } : {});
        for (const r of rendered.slice(0, 3)) out.statements.push(Buffer.from(r.content, 'utf8'));
      }
    }
    out.hev.push(Buffer.from(await createTransport(bank.url, { demoBankOnLoopback: true }).post(buildHevRequest({ hostId: bank.hostId })), 'utf8'));

    for (const version of ['H004', 'H005'] as const) {
      const ledger = tempLedger(join(dir.path));
      const partnerId = version === 'H004' ? 'KONTOR01' : 'KONTOR05';
      const userId = 'USER01';
      if (version === 'H005') bank.addSubscriber({ partnerId, userId, name: 'Kontor H005' });
      const ownIban = accountsOfPartner(bank.store.db, partnerId)[0]!.iban;
      const from = records.length;
      const { client, keys } = await readySubscriberAt(bank, version, ledger, { partnerId, userId }, clock);
      // HPB answer: decrypt its order data with the subscriber's key.
      const hpbRaw = records.slice(from).find((r) => r.kind === 'hpb' && r.response !== null)?.response;
      if (hpbRaw) {
        const r = parseEbicsResponse(hpbRaw);
        const txKey = decryptTransactionKey(r.transactionKey!, keys.encryption.privateKey);
        out.hpb.push(inflateSync(aesDecrypt(Buffer.from(r.orderData!, 'base64'), txKey)));
      }
      const up = await client.upload('credit_transfer', samplePain('credit_transfer', { ownIban, date: today, count: 3 }));
      const hvu = await client.download('veu_overview');
      if (hvu.data) out.hvu.push(hvu.data);
      if (up.orderId) bank.reject(up.orderId);
      const hac = await client.download('customer_protocol_xml');
      if (hac.data) out.hac.push(hac.data);
      const st = await client.download('statement_eod_camt', { dateRange: period });
      if (st.data) out.zips.push(st.data);
      ledger.close();
    }
    for (const r of records) if (r.response !== null && r.status === 200) out.responses.push(Buffer.from(r.response, 'utf8'));
  } finally {
    await bank.close();
    dir.remove();
  }
  return out;
}
