/**
 * The documents the bank writes into order data: HPB as the schemas and
 * Kontor's parser want it, and the customer protocol (HAC, PTK).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/dates';
import { modExpOf } from '../ebics/crypto/keys';
import { parseXml } from '../ebics/crypto/xml';
import { parseHpbOrderData } from '../ebics/messages/hpb-order-data';
import { xsdErrors, xsdSkipReason } from '../../test/support/ebics-xsd';
import { buildHac, buildPtk, type ProtocolLine } from './protocol/customer-protocol';
import { buildHpbOrderData } from './protocol/order-data';
import { ensureBankKeys, type BankKeys } from './store/bank-keys';
import { openBankDatabase } from './store/database';
import { tempDir } from '../../test/support/demo-bank';

let keys: BankKeys;
beforeAll(() => {
  const dir = tempDir('kontor-demo-orderdata-');
  const db = openBankDatabase(dir.path);
  keys = ensureBankKeys(db, fixedClock('2024-05-02T08:00:00Z'), 'KONTORDEMO').keys;
  db.close();
  dir.remove();
});

describe('HPB order data', () => {
  it.skipIf(xsdSkipReason !== undefined).each(['H004', 'H005'] as const)('is valid against the %s schema', (version) => {
    expect(xsdErrors(buildHpbOrderData(version, 'KONTORDEMO', keys), version)).toEqual([]);
  });

  it('carries RSA key values for H004 and only certificates for H005, which Kontor reads back as the same keys', () => {
    const h004 = parseHpbOrderData(buildHpbOrderData('H004', 'KONTORDEMO', keys));
    expect(h004.authentication.modulus?.equals(modExpOf(keys.authentication.publicKey).modulus)).toBe(true);
    expect(h004.encryption.certificates).toEqual([]);
    const h005 = parseHpbOrderData(buildHpbOrderData('H005', 'KONTORDEMO', keys));
    expect(h005.authentication.modulus).toBeUndefined();
    expect(h005.authentication.certificates[0]?.equals(keys.authentication.certificate)).toBe(true);
    expect(h005.encryption.certificates[0]?.equals(keys.encryption.certificate)).toBe(true);
    expect(h005.hostId).toBe('KONTORDEMO');
  });

  it('uses self-signed certificates whose keys are the bank’s keys', async () => {
    const { X509Certificate } = await import('node:crypto');
    const cert = new X509Certificate(keys.encryption.certificate);
    expect(cert.subject).toBe(cert.issuer);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.export({ format: 'jwk' })).toEqual(keys.encryption.publicKey.export({ format: 'jwk' }));
    expect(cert.keyUsage ?? []).not.toContain('digitalSignature');
  });
});

describe('customer protocol', () => {
  const line = (over: Partial<ProtocolLine>): ProtocolLine => ({
    id: 1,
    subscriberId: 1,
    orderId: 'A001',
    orderType: 'CCT',
    reasonCode: 'TS01',
    status: 'ACCP',
    text: 'Upload CCT received, 120 bytes',
    at: '2024-05-02T08:00:01.250Z',
    hacDeliveredAt: null,
    ptkDeliveredAt: null,
    partnerId: 'KONTOR01',
    userId: 'USER01',
    ...over,
  });
  const lines = [
    line({}),
    line({ id: 2, reasonCode: 'DS04', status: 'RJCT', text: `Rejected: AT&T <"quoted"> ${'x'.repeat(200)}` }),
    line({ id: 3, orderId: null, orderType: 'INI', text: 'Signature key A006 received' }),
  ];

  it('writes HAC as a well-formed pain.002.001.03 report with one status block per event', () => {
    const xml = buildHac(lines, { hostId: 'KONTORDEMO', messageId: 'HAC20240502', createdAt: '2024-05-02T08:05:00Z' });
    const doc = parseXml(xml);
    expect(doc.documentElement?.namespaceURI).toBe('urn:iso:std:iso:20022:tech:xsd:pain.002.001.03');
    const blocks = doc.getElementsByTagName('OrgnlPmtInfAndSts');
    expect(blocks.length).toBe(3);
    const texts = Array.from(doc.getElementsByTagName('AddtlInf'), (e) => e.textContent ?? '');
    expect(texts[1]?.startsWith('Rejected: AT&T <"quoted">')).toBe(true);
    expect(texts.every((t) => t.length <= 105)).toBe(true);
    expect(Array.from(doc.getElementsByTagName('PmtInfSts'), (e) => e.textContent)).toEqual(['ACCP', 'RJCT', 'ACCP']);
    expect(xml).toContain('<Prtry>OrderID</Prtry>');
    expect(xml).toContain('<Id>2024-05-02T08:00:01Z</Id>');
  });

  it('writes PTK as one CRLF line per event', () => {
    const text = buildPtk(lines, { hostId: 'KONTORDEMO', createdAt: '2024-05-02T08:05:00Z' });
    const rows = text.split('\r\n').filter((l) => /^\d{4}-/.test(l));
    expect(rows).toHaveLength(3);
    expect(rows[0]).toBe('2024-05-02 08:00:01 UTC  A001  CCT  KONTOR01/USER01  TS01  ACCP  Upload CCT received, 120 bytes');
    expect(rows[2]).toContain('----  INI');
  });
});
