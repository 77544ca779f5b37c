import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { resolveOrder } from './catalogue';
import { buildHevRequest } from './hev';
import { buildHiaRequest, buildHpbRequest, buildIniRequest } from './key-management';
import { at, bankKeyDigests, fullKey, header, parse, textAt, TX_ID, uploadCrypto } from './test-fixtures';
import { buildDownloadInitialisation, buildReceipt, buildUploadInitialisation, buildUploadTransfer } from './transfers';
import { EBICS_VERSIONS, type EbicsVersion } from './versions';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

// Entity-like sequences (`&amp;`, `&T;`, `&#38;`) are the trap: xmlbuilder2 leaves them unescaped on its own.
const hostId = `H&<"'>Ü ö &T; &#38;`;
const product = { name: `AT&T; <b>&amp; "quoted" 'single' äöüß € a]]>b &lt;`, language: 'de', instituteId: `Bank & Co. <Test> "AG" &quot;` };
const fileName = `Zahlungen "März" <&> &amp; 'Q1'.xml`;

function documents(version: EbicsVersion): Array<[string, string]> {
  const h = { ...header(version), hostId, product };
  const { nonce: _n, timestamp: _t, ...unsecured } = h;
  return [
    ['HPB', buildHpbRequest(h)],
    ['INI', buildIniRequest({ ...unsecured, signatureVersion: 'A006', key: fullKey })],
    ['HIA', buildHiaRequest({ ...unsecured, authentication: fullKey, encryption: fullKey })],
    [
      'upload initialisation',
      buildUploadInitialisation({ ...h, order: resolveOrder('credit_transfer', version), bankKeyDigests, numSegments: 1, ...uploadCrypto, fileName }),
    ],
    ['download initialisation', buildDownloadInitialisation({ ...h, order: resolveOrder('intraday_camt', version), bankKeyDigests })],
    ['upload transfer', buildUploadTransfer({ version, hostId, transactionId: TX_ID, segmentNumber: 1, numSegments: 1, orderData: 'AAAA' })],
    ['receipt', buildReceipt({ version, hostId, transactionId: TX_ID, receiptCode: 0 })],
  ];
}

describe.each(EBICS_VERSIONS)('user text with XML special characters, %s', (version) => {
  it.skipIf(xsdSkipReason).each(documents(version))('%s still validates', (_name, xml) => {
    expect(xsdErrors(xml, version)).toEqual([]);
  });

  it.each(documents(version))('%s carries the text unchanged after parsing', (name, xml) => {
    const root = parse(xml);
    expect(textAt(root, 'header', 'static', 'HostID')).toBe(hostId);
    if (!['upload transfer', 'receipt'].includes(name)) {
      const p = at(root, 'header', 'static', 'Product');
      expect(p.textContent).toBe(product.name);
      expect(p.getAttribute('InstituteID')).toBe(product.instituteId);
    }
    expect(xml).not.toContain('<b>');
    expect(xml).not.toContain(']]>');
  });
});

describe('escaping elsewhere', () => {
  it.skipIf(xsdSkipReason)('the BTU file name is an escaped attribute and validates', () => {
    const xml = buildUploadInitialisation({
      ...header('H005'),
      order: resolveOrder('credit_transfer', 'H005'),
      bankKeyDigests,
      numSegments: 1,
      ...uploadCrypto,
      fileName,
    });
    expect(at(parse(xml), 'header', 'static', 'OrderDetails', 'BTUOrderParams').getAttribute('fileName')).toBe(fileName);
    expect(xsdErrors(xml, 'H005')).toEqual([]);
  });

  it.skipIf(xsdSkipReason)('HEV with special characters in the host ID', () => {
    const xml = buildHevRequest({ hostId });
    expect(textAt(parse(xml), 'HostID')).toBe(hostId);
    expect(xsdErrors(xml, 'HEV')).toEqual([]);
  });

  it('refuses text XML cannot carry or the schema forbids, with a typed error', () => {
    const h = header('H004');
    expect(() => buildHpbRequest({ ...h, product: { name: 'bell\u0007', language: 'de' } })).toThrow(KontorError);
    expect(() => buildHpbRequest({ ...h, product: { name: 'two\nlines', language: 'de' } })).toThrow(/product\.name/);
    expect(() => buildHpbRequest({ ...h, hostId: ' LEADING' })).toThrow(/hostId/);
    expect(() => buildHpbRequest({ ...h, hostId: 'X'.repeat(36) })).toThrow(/hostId/);
    expect(() => buildHpbRequest({ ...h, userId: 'USER<1>' })).toThrow(/userId/);
    expect(() => buildHpbRequest({ ...h, nonce: 'not hex at all, not hex at all!!' })).toThrow(/nonce/);
    expect(() => buildHpbRequest({ ...h, timestamp: '2024-01-15T10:00:00+01:00' })).toThrow(/timestamp/);
    expect(() => buildUploadTransfer({ version: 'H004', hostId: 'H', transactionId: TX_ID, segmentNumber: 1, numSegments: 1, orderData: 'AA<A' })).toThrow(
      /orderData/,
    );
  });
});
