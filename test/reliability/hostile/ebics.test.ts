/**
 * Hostile input, EBICS: the client's reading of what a bank sends, over
 * mutations of real answers captured from the demo bank over HTTP (H004 and
 * H005: key management, HPB, uploads, downloads, receipts, HEV) and of the
 * order data inside them (HPB keys, HAC customer protocol, HVU overview,
 * statement ZIP containers). Each target runs the code the client runs on
 * that answer; every case ends in a result or a KontorError.
 */
import type { KeyObject } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseHevResponse } from '../../../electron/ebics/messages/hev';
import { parseHpbOrderData, type HpbOrderData } from '../../../electron/ebics/messages/hpb-order-data';
import { parseEbicsResponse, type EbicsResponse } from '../../../electron/ebics/messages/responses';
import { checkResponse } from '../../../electron/ebics/messages/return-codes';
import { verifyResponse } from '../../../electron/ebics/crypto/x002';
import { parseHac, type ProtocolEvent } from '../../../electron/services/orders/hac';
import { parseVeuOverview, type WaitingOrder } from '../../../electron/services/orders/hvu';
import { unpackZip } from '../../../electron/services/statements/container';
import { captureFromDemoBank, type Captured } from './corpus';
import { FULL, casesPerParser, expectClean, fuzz, fuzzSeed, invariant, type FuzzTarget } from './fuzz';

const seed = fuzzSeed();
const cases = casesPerParser();
let captured: Captured;

beforeAll(async () => {
  console.log(`[hostile] ebics: seed ${seed} (replay with KONTOR_FUZZ_SEED=${seed}), ${cases} cases per parser, ${FULL ? 'full' : 'short'} mode`);
  captured = await captureFromDemoBank();
});

const sixDigits = (s: unknown) => typeof s === 'string' && /^\d{6}$/.test(s);
const optionalCount = (n: unknown) => n === undefined || (Number.isSafeInteger(n) && (n as number) >= 0);

function checkResponseShape(r: EbicsResponse): void {
  invariant(r.kind === 'ebicsResponse' || r.kind === 'ebicsKeyManagementResponse', 'kind');
  invariant(sixDigits(r.technical.code), 'technical code');
  invariant(r.business === undefined || sixDigits(r.business.code), 'business code');
  invariant(optionalCount(r.segmentNumber) && optionalCount(r.numSegments), 'segment numbers');
  invariant(r.transactionPhase === undefined || ['Initialisation', 'Transfer', 'Receipt'].includes(r.transactionPhase), 'phase');
  invariant(r.orderData === undefined || !/\s/.test(r.orderData), 'order data without whitespace');
}

describe('hostile EBICS answers', () => {
  it('ebicsResponse / ebicsKeyManagementResponse: parsed, X002-verified and checked as the client does', () => {
    const bankKey = captured.bankAuthKey as KeyObject;
    expect(captured.responses.length).toBeGreaterThan(10);
    const target: FuzzTarget = {
      parser: 'ebics-response',
      corpus: captured.responses,
      parse(bytes) {
        // The client's exchange(): parse, verify the bank's signature on an ebicsResponse, then read the return codes.
        const response = parseEbicsResponse(bytes.toString('utf8'));
        checkResponseShape(response);
        if (response.kind === 'ebicsResponse') verifyResponse(response.raw, bankKey);
        checkResponse(response, { download: true });
        return response;
      },
    };
    const report = fuzz(target, seed, cases);
    expectClean(report, cases);
    // The untouched answers (1 % of the cases) verify and pass; altered ones are refused by signature or parse.
    expect(report.ok).toBeGreaterThan(0);
    expect(report.codes['ebics.badBankSignature'] ?? 0).toBeGreaterThan(0);
  });

  it('HEV: version lists', () => {
    const target: FuzzTarget = {
      parser: 'ebics-hev',
      corpus: [...captured.hev, ...captured.responses.slice(0, 3)],
      parse(bytes) {
        const r = parseHevResponse(bytes);
        invariant(sixDigits(r.returnCode) || typeof r.returnCode === 'string', 'return code');
        for (const v of r.versions) invariant(typeof v.protocol === 'string' && typeof v.version === 'string', 'version strings');
        return r;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });

  it('HPB order data: the bank keys', () => {
    expect(captured.hpb.length).toBe(2);
    const target: FuzzTarget = {
      parser: 'ebics-hpb',
      corpus: captured.hpb,
      parse(bytes) {
        const r: HpbOrderData = parseHpbOrderData(bytes);
        for (const k of [r.authentication, r.encryption]) {
          invariant(Array.isArray(k.certificates) && k.certificates.every((c) => Buffer.isBuffer(c)), 'certificates are bytes');
          invariant(k.modulus === undefined || Buffer.isBuffer(k.modulus), 'modulus bytes');
        }
        return r;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });

  it('HAC: the customer protocol (pain.002)', () => {
    expect(captured.hac.length).toBe(2);
    const target: FuzzTarget = {
      parser: 'ebics-hac',
      corpus: captured.hac,
      parse(bytes) {
        const events: ProtocolEvent[] = parseHac(bytes.toString('utf8'));
        for (const e of events) invariant(typeof e.orderId === 'string' && e.orderId !== '' && typeof e.reasonCode === 'string', 'event fields');
        return events;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });

  it('HVU: the distributed signature overview', () => {
    expect(captured.hvu.length).toBe(2);
    const target: FuzzTarget = {
      parser: 'ebics-hvu',
      corpus: captured.hvu,
      parse(bytes) {
        const orders: WaitingOrder[] = parseVeuOverview(bytes.toString('utf8'));
        for (const o of orders) {
          invariant(o.orderId !== '', 'order id');
          invariant(
            [o.dataSize, o.signatures.done, o.signatures.required].every((n) => Number.isSafeInteger(n) && n >= 0),
            'counts',
          );
        }
        return orders;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });

  it('statement downloads: ZIP containers', () => {
    expect(captured.zips.length).toBe(2);
    const target: FuzzTarget = {
      parser: 'statement-zip',
      corpus: captured.zips,
      parse(bytes) {
        const files = unpackZip(bytes, { maxTotalBytes: 16 * 1024 * 1024, maxFiles: 500 });
        for (const f of files) invariant(typeof f.name === 'string' && f.bytes instanceof Uint8Array, 'file entries');
        return files;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });
});
