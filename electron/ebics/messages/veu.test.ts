import { describe, expect, it } from 'vitest';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';
import { at, authenticated, bankKeyDigests, childNames, header, parse, textAt, uploadCrypto } from './test-fixtures';
import { buildVeuDownloadInitialisation, buildVeuSignatureRequest, type VeuOrderRef } from './veu';
import { EBICS_VERSIONS, type EbicsVersion } from './versions';

const ref = (version: EbicsVersion): VeuOrderRef =>
  version === 'H004'
    ? { partnerId: 'PARTNER1', orderId: 'A00C', orderType: 'CTV' }
    : { partnerId: 'PARTNER1', orderId: 'A00C', service: { serviceName: 'SCT', scope: 'DE', serviceOption: 'VOI', msgName: 'pain.001' } };
const digest = { signatureVersion: 'A006' as const, digest: Buffer.alloc(32, 0x3c) };

const download = (version: EbicsVersion, orderType: 'HVD' | 'HVT') =>
  buildVeuDownloadInitialisation({
    ...header(version),
    orderType,
    ref: ref(version),
    bankKeyDigests,
    ...(orderType === 'HVT' ? { flags: { fetchLimit: 100 } } : {}),
  });
const signature = (version: EbicsVersion, orderType: 'HVE' | 'HVS') =>
  buildVeuSignatureRequest({ ...header(version), orderType, ref: ref(version), bankKeyDigests, ...uploadCrypto, dataDigest: digest });

describe.each(EBICS_VERSIONS)('VEU requests, %s', (version) => {
  it.skipIf(xsdSkipReason).each(['HVD', 'HVT'] as const)('%s download initialisation validates against the official schema', (orderType) => {
    expect(xsdErrors(download(version, orderType), version)).toEqual([]);
  });

  it.skipIf(xsdSkipReason).each(['HVE', 'HVS'] as const)('%s signature request validates against the official schema', (orderType) => {
    expect(xsdErrors(signature(version, orderType), version)).toEqual([]);
  });

  it('names the referenced order by partner, order type or service, and order ID', () => {
    const params = at(parse(download(version, 'HVD')), 'header', 'static', 'OrderDetails', 'HVDOrderParams');
    expect(textAt(params, 'PartnerID')).toBe('PARTNER1');
    expect(textAt(params, 'OrderID')).toBe('A00C');
    if (version === 'H004') expect(textAt(params, 'OrderType')).toBe('CTV');
    else expect(childNames(at(params, 'Service'))).toEqual(['ServiceName', 'Scope', 'ServiceOption', 'MsgName']);
  });

  it('asks HVT for the transaction details, not the original file', () => {
    const flags = at(parse(download(version, 'HVT')), 'header', 'static', 'OrderDetails', 'HVTOrderParams', 'OrderFlags');
    expect(flags.getAttribute('completeOrderData')).toBe('false');
    expect(flags.getAttribute('fetchLimit')).toBe('100');
    expect(flags.getAttribute('fetchOffset')).toBe('0');
  });

  it('sends HVE and HVS as a signature without order data (no segments; H004 UZHNN, H005 the digest)', () => {
    const root = parse(signature(version, 'HVE'));
    const st = at(root, 'header', 'static');
    expect(textAt(st, 'NumSegments')).toBe('0');
    if (version === 'H004') expect(textAt(st, 'OrderDetails', 'OrderAttribute')).toBe('UZHNN');
    else expect(Buffer.from(textAt(root, 'body', 'DataTransfer', 'DataDigest'), 'base64')).toEqual(digest.digest);
    expect(authenticated(root)).toEqual(['header', 'DataEncryptionInfo', 'SignatureData']);
  });

  it('refuses a reference without the order type (H004) or service (H005) of the order', () => {
    const bare = { partnerId: 'PARTNER1', orderId: 'A00C' };
    expect(() => buildVeuDownloadInitialisation({ ...header(version), orderType: 'HVD', ref: bare, bankKeyDigests })).toThrow(
      version === 'H004' ? /ref\.orderType is required/ : /ref\.service is required/,
    );
    expect(() => buildVeuDownloadInitialisation({ ...header(version), orderType: 'HVD', ref: { ...ref(version), orderId: '1234' }, bankKeyDigests })).toThrow(
      /ref\.orderId/,
    );
  });
});
