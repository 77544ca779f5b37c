import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'xmlbuilder2';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { parseHpbOrderData } from './hpb-order-data';
import { parseEbicsResponse } from './responses';
import { EbicsError, checkResponse } from './return-codes';
import { certificate, TX_ID } from './test-fixtures';
import { EBICS_VERSIONS, NS, VERSIONS, type EbicsVersion } from './versions';
import { sharedDir, xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

const kat = join(sharedDir, 'kat');
const katSkip = existsSync(kat) ? undefined : `known-answer vectors not found at ${kat}`;
const katFile = (p: string) => readFileSync(join(kat, p));

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e.code;
    throw e;
  }
  throw new Error('expected a KontorError');
}

interface ResponseSpec {
  version: EbicsVersion;
  technical?: string;
  business?: string;
  reportText?: string;
  phase?: 'Initialisation' | 'Transfer' | 'Receipt';
  segment?: { number: number; last: boolean };
  numSegments?: number;
  orderId?: string;
  orderData?: string;
}

/** An ebicsResponse as a bank sends it (AuthSignature with placeholder values). */
function ebicsResponse(s: ResponseSpec): string {
  const ns = VERSIONS[s.version].namespace;
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(ns, 'ebicsResponse', { Version: s.version, Revision: '1' });
  root.att('http://www.w3.org/2000/xmlns/', 'xmlns:ds', NS.ds);
  const header = root.ele('header', { authenticate: 'true' });
  const st = header.ele('static');
  st.ele('TransactionID').txt(TX_ID);
  if (s.numSegments !== undefined) st.ele('NumSegments').txt(String(s.numSegments));
  const mutable = header.ele('mutable');
  mutable.ele('TransactionPhase').txt(s.phase ?? 'Initialisation');
  if (s.segment) mutable.ele('SegmentNumber', { lastSegment: String(s.segment.last) }).txt(String(s.segment.number));
  if (s.orderId) mutable.ele('OrderID').txt(s.orderId);
  mutable.ele('ReturnCode').txt(s.technical ?? '000000');
  mutable.ele('ReportText').txt(s.reportText ?? '[EBICS_OK] OK');
  const sig = root.ele('AuthSignature');
  const info = sig.ele(NS.ds, 'ds:SignedInfo');
  info.ele(NS.ds, 'ds:CanonicalizationMethod', { Algorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' });
  info.ele(NS.ds, 'ds:SignatureMethod', { Algorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256' });
  const ref = info.ele(NS.ds, 'ds:Reference', { URI: "#xpointer(//*[@authenticate='true'])" });
  ref.ele(NS.ds, 'ds:Transforms').ele(NS.ds, 'ds:Transform', { Algorithm: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315' });
  ref.ele(NS.ds, 'ds:DigestMethod', { Algorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  ref.ele(NS.ds, 'ds:DigestValue').txt('AAAA');
  sig.ele(NS.ds, 'ds:SignatureValue').txt('AAAA');
  const body = root.ele('body');
  if (s.orderData !== undefined) {
    const dt = body.ele('DataTransfer');
    if (s.segment?.number === 1 || s.segment === undefined) {
      const dei = dt.ele('DataEncryptionInfo', { authenticate: 'true' });
      dei
        .ele('EncryptionPubKeyDigest', { Version: 'E002', Algorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' })
        .txt(Buffer.alloc(32, 0xe2).toString('base64'));
      dei.ele('TransactionKey').txt(Buffer.alloc(256, 0x11).toString('base64'));
    }
    dt.ele('OrderData').txt(s.orderData);
  }
  body.ele('ReturnCode', { authenticate: 'true' }).txt(s.business ?? '000000');
  body.ele('TimestampBankParameter', { authenticate: 'true' }).txt('2024-01-15T10:00:01Z');
  return root.end();
}

/** H005 HPB order data: keys only as certificates. */
function hpbOrderDataH005(): string {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(VERSIONS.H005.namespace, 'HPBResponseOrderData');
  root.att('http://www.w3.org/2000/xmlns/', 'xmlns:ds', NS.ds);
  for (const [el, versionEl, v] of [
    ['AuthenticationPubKeyInfo', 'AuthenticationVersion', 'X002'],
    ['EncryptionPubKeyInfo', 'EncryptionVersion', 'E002'],
  ] as const) {
    const info = root.ele(el);
    info
      .ele(NS.ds, 'ds:X509Data')
      .ele(NS.ds, 'ds:X509Certificate')
      .txt(certificate.toString('base64').replace(/(.{20})/g, '$1\n'));
    info.ele(versionEl).txt(v);
  }
  root.ele('HostID').txt('EXAMPLEH');
  return root.end();
}

describe('reading real responses (known-answer vectors)', () => {
  it.skipIf(katSkip)('c1: an H004 HPB key management response in prefixed form', () => {
    const r = parseEbicsResponse(katFile('c1-e002-decrypt-epics/hpb_response_ebics_ns.xml'));
    expect(r.kind).toBe('ebicsKeyManagementResponse');
    expect(r.version).toBe('H004');
    expect(r.technical).toEqual({ code: '000000', reportText: '[EBICS_OK] OK' });
    expect(r.business).toEqual({ code: '000000' });
    // The digest of the subscriber's E002 key (kat a3, e002.pem).
    expect(r.encryptionPubKeyDigest?.digest.toString('base64')).toBe('rwIxSUJAVEFDQ0sdYe+CybdspMllDG6ArNtdCzUbT1E=');
    expect(r.encryptionPubKeyDigest?.version).toBe('E002');
    expect(r.transactionKey?.length).toBe(256);
    expect(Buffer.from(r.orderData ?? '', 'base64').length).toBe(528);
    expect(r.timestampBankParameter).toBe('2007-10-19T14:58:39.467Z');
    expect(checkResponse(r)).toEqual({ noData: false, warnings: [] });
  });

  it.skipIf(katSkip)('c2: an H004 HPB response in default-namespace form', () => {
    const r = parseEbicsResponse(katFile('c2-e002-decrypt-node-ebics/HPB_response.xml').toString('utf8'));
    expect(r.encryptionPubKeyDigest?.digest.toString('base64')).toBe('nuZyAjQoIvH4MwnrCWB82TC/vcNqigpqPtMXwO1Xk9U=');
    expect(Buffer.from(r.orderData ?? '', 'base64').length).toBe(624);
    expect(r.transactionId).toBeUndefined();
  });

  it.skipIf(katSkip)('d1: an upload initialisation response (H003) keeps the raw text for signature checks', () => {
    const raw = katFile('d1-bank-x002-verify-epics/upload_init_response.xml').toString('utf8');
    const r = parseEbicsResponse(raw);
    expect(r.kind).toBe('ebicsResponse');
    expect(r.version).toBe('H003');
    expect(r.transactionId).toBe('ABF70F5E704E03CFE5B50692BEE55ABA');
    expect(r.transactionPhase).toBe('Initialisation');
    expect(r.business?.code).toBe('000000');
    expect(r.raw).toBe(raw);
  });

  it.skipIf(katSkip)('c1: the decrypted HPB order data yields the bank key of kat a3 (bank_e.pem)', () => {
    const hpb = parseHpbOrderData(katFile('c1-e002-decrypt-epics/hpb_response_order.xml'));
    const a3 = JSON.parse(katFile('a3-pubkey-hash-epics/expected.json').toString('utf8')) as { keys: Record<string, { modulusHex: string }> };
    expect(hpb.hostId).toBe('SIZBN001');
    expect(hpb.authentication.version).toBe('X002');
    expect(hpb.encryption.version).toBe('E002');
    // The XML carries a leading sign byte (AJ2/...); the parser drops it.
    expect(hpb.encryption.modulus?.toString('hex')).toBe(a3.keys['bank_e.pem']?.modulusHex);
    expect(hpb.encryption.exponent?.toString('hex')).toBe('010001');
    expect(hpb.authentication.timestamp).toBe('2007-03-13T11:33:16.616Z');
    expect(hpb.encryption.certificates).toEqual([]);
  });

  it.skipIf(katSkip)('c2: the HPB order data equals the bank keys node-ebics stored', () => {
    const hpb = parseHpbOrderData(katFile('c2-e002-decrypt-node-ebics/HPB_response_data.xml').toString('utf8'));
    const jwk = createPublicKey(katFile('c2-e002-decrypt-node-ebics/bank_x002.public.pem')).export({ format: 'jwk' });
    expect(hpb.hostId).toBe('CRSISOTB');
    expect(hpb.authentication.modulus).toEqual(Buffer.from(jwk.n ?? '', 'base64url'));
    expect(hpb.authentication.exponent).toEqual(Buffer.from(jwk.e ?? '', 'base64url'));
  });
});

describe.each(EBICS_VERSIONS)('reading built responses, %s', (version) => {
  it.skipIf(xsdSkipReason)('the test responses are schema-valid', () => {
    expect(xsdErrors(ebicsResponse({ version, numSegments: 3, segment: { number: 1, last: false }, orderId: 'A1B2', orderData: 'AAAA' }), version)).toEqual([]);
    expect(xsdErrors(ebicsResponse({ version, business: '090005' }), version)).toEqual([]);
  });

  it('a download initialisation response: transaction, segment 1 of n, encrypted key and data', () => {
    const r = parseEbicsResponse(ebicsResponse({ version, numSegments: 3, segment: { number: 1, last: false }, orderData: 'QUJD\nREVG\r\n  R0hJ' }));
    expect(r.version).toBe(version);
    expect(r.transactionId).toBe(TX_ID);
    expect(r.transactionPhase).toBe('Initialisation');
    expect(r.numSegments).toBe(3);
    expect(r.segmentNumber).toBe(1);
    expect(r.lastSegment).toBe(false);
    expect(r.orderData).toBe('QUJDREVGR0hJ');
    expect(r.transactionKey).toEqual(Buffer.alloc(256, 0x11));
    expect(r.encryptionPubKeyDigest?.digest).toEqual(Buffer.alloc(32, 0xe2));
  });

  it('a transfer response: last segment, no transaction key', () => {
    const r = parseEbicsResponse(ebicsResponse({ version, phase: 'Transfer', segment: { number: 3, last: true }, orderData: 'AAAA' }));
    expect(r.segmentNumber).toBe(3);
    expect(r.lastSegment).toBe(true);
    expect(r.transactionKey).toBeUndefined();
  });

  it('an upload response: the order ID assigned by the bank', () => {
    expect(parseEbicsResponse(ebicsResponse({ version, orderId: 'N0X1' })).orderId).toBe('N0X1');
  });

  it('a header OK with a body failure is a failure of the business layer', () => {
    const r = parseEbicsResponse(ebicsResponse({ version, business: '091303' }));
    expect(r.technical.code).toBe('000000');
    let err: unknown;
    try {
      checkResponse(r);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EbicsError);
    expect((err as EbicsError).code).toBe('ebics.amountCheckFailed');
    expect((err as EbicsError).layer).toBe('business');
  });

  it('a technical failure is reported with the report text', () => {
    const r = parseEbicsResponse(ebicsResponse({ version, technical: '061001', reportText: '[EBICS_AUTHENTICATION_FAILED] Authentication failed' }));
    expect(() => checkResponse(r)).toThrow(
      expect.objectContaining({ code: 'ebics.authenticationFailed', layer: 'technical', reportText: '[EBICS_AUTHENTICATION_FAILED] Authentication failed' }),
    );
  });

  it('090005 on a download means no data, on anything else it is an error', () => {
    const r = parseEbicsResponse(ebicsResponse({ version, business: '090005' }));
    expect(checkResponse(r, { download: true })).toEqual({ noData: true, warnings: [] });
    expect(() => checkResponse(r)).toThrow(expect.objectContaining({ code: 'ebics.noDownloadDataAvailable' }));
  });

  it('031001 passes with a warning', () => {
    const result = checkResponse(parseEbicsResponse(ebicsResponse({ version, business: '031001' })), { download: true });
    expect(result.noData).toBe(false);
    expect(result.warnings.map((w) => [w.code, w.layer, w.info?.name])).toEqual([['031001', 'business', 'orderParamsIgnored']]);
  });

  it('a receipt response with 011000 is a success', () => {
    const r = parseEbicsResponse(
      ebicsResponse({ version, phase: 'Receipt', technical: '011000', reportText: '[EBICS_DOWNLOAD_POSTPROCESS_DONE] Positive acknowledgement received' }),
    );
    expect(checkResponse(r, { download: true })).toEqual({ noData: false, warnings: [] });
  });
});

describe('HPB order data of H005 (certificates)', () => {
  it.skipIf(xsdSkipReason)('the test document is schema-valid', () => {
    expect(xsdErrors(hpbOrderDataH005(), 'H005')).toEqual([]);
  });

  it('returns the certificates and no RSA key value', () => {
    const hpb = parseHpbOrderData(hpbOrderDataH005());
    expect(hpb.version).toBe('H005');
    expect(hpb.authentication.certificates).toEqual([certificate]);
    expect(hpb.encryption.certificates).toEqual([certificate]);
    expect(hpb.authentication.modulus).toBeUndefined();
  });

  it('refuses a key with neither RSA value nor certificate', () => {
    const xml = hpbOrderDataH005().replace(/<ds:X509Data>[\s\S]*?<\/ds:X509Data>/, '');
    expect(codeOf(() => parseHpbOrderData(xml))).toBe('ebics.bankKeysInvalid');
  });
});

describe('safe reading', () => {
  const ok = ebicsResponse({ version: 'H004' });

  it('refuses a DOCTYPE with entity declarations (no entity expansion)', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>${ok.replace(/^<\?xml[^>]*\?>/, '').replace('[EBICS_OK] OK', '&lol2;')}`;
    expect(codeOf(() => parseEbicsResponse(laughs))).toBe('ebics.responseUnsafe');
  });

  it('refuses an external entity reference', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><r>&xxe;</r>`;
    expect(codeOf(() => parseEbicsResponse(xxe))).toBe('ebics.responseUnsafe');
    expect(codeOf(() => parseHpbOrderData(xxe))).toBe('ebics.responseUnsafe');
  });

  it('refuses input above the size limit before parsing', () => {
    expect(codeOf(() => parseEbicsResponse(ok, { maxBytes: 100 }))).toBe('ebics.responseTooLarge');
    const huge = ok.replace('[EBICS_OK] OK', 'x'.repeat(9 * 1024 * 1024));
    expect(codeOf(() => parseEbicsResponse(huge))).toBe('ebics.responseTooLarge');
    expect(codeOf(() => parseEbicsResponse(Buffer.from(huge)))).toBe('ebics.responseTooLarge');
  });

  it('refuses malformed XML, foreign documents and responses without return code', () => {
    expect(codeOf(() => parseEbicsResponse(ok.slice(0, -20)))).toBe('ebics.responseMalformed');
    expect(codeOf(() => parseEbicsResponse('<html><body>502 Bad Gateway</body></html>'))).toBe('ebics.responseUnexpected');
    expect(codeOf(() => parseEbicsResponse(ok.replace(VERSIONS.H004.namespace, 'urn:org:ebics:H009')))).toBe('ebics.responseUnexpected');
    expect(codeOf(() => parseEbicsResponse(ok.replace(/<ReturnCode>000000<\/ReturnCode>/, '')))).toBe('ebics.responseMalformed');
    expect(codeOf(() => parseEbicsResponse(ok.replace('<TransactionPhase>Initialisation', '<TransactionPhase>Finished')))).toBe('ebics.responseMalformed');
    expect(codeOf(() => parseEbicsResponse(''))).toBe('ebics.responseMalformed');
  });
});
