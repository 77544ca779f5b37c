import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import {
  buildHcaOrderData,
  buildHcsOrderData,
  buildHiaOrderData,
  buildHiaRequest,
  buildHpbRequest,
  buildIniRequest,
  buildSignaturePubKeyOrderData,
} from './key-management';
import { at, authenticated, certificate, childNames, fullKey, has, header, inflateBase64, NS, parse, rsaKey, textAt, TIMESTAMP } from './test-fixtures';
import { EBICS_VERSIONS, VERSIONS } from './versions';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

const ids = { partnerId: 'PARTNER1', userId: 'USER0001' };
const subscriber = (version: 'H004' | 'H005') => {
  const { nonce: _n, timestamp: _t, ...rest } = header(version);
  return rest;
};

describe.each(EBICS_VERSIONS)('key management messages, %s', (version) => {
  const sigSchema = VERSIONS[version].signatureSchema;

  describe('against the official schema', () => {
    it.skipIf(xsdSkipReason)('INI request validates', () => {
      expect(xsdErrors(buildIniRequest({ ...subscriber(version), signatureVersion: 'A006', key: fullKey, timestamp: TIMESTAMP }), version)).toEqual([]);
    });
    it.skipIf(xsdSkipReason)('HIA request validates', () => {
      expect(xsdErrors(buildHiaRequest({ ...subscriber(version), authentication: fullKey, encryption: fullKey, timestamp: TIMESTAMP }), version)).toEqual([]);
    });
    it.skipIf(xsdSkipReason)('HPB request validates', () => {
      expect(xsdErrors(buildHpbRequest(header(version)), version)).toEqual([]);
    });
    it.skipIf(xsdSkipReason)('SignaturePubKeyOrderData (INI, PUB) validates against the signature schema', () => {
      const xml = buildSignaturePubKeyOrderData({ version, ...ids, signatureVersion: 'A005', key: fullKey, timestamp: TIMESTAMP });
      expect(xsdErrors(xml, sigSchema)).toEqual([]);
    });
    it.skipIf(xsdSkipReason)('HIA, HCA and HCS order data validate', () => {
      const keys = { version, ...ids, authentication: fullKey, encryption: fullKey, timestamp: TIMESTAMP };
      expect(xsdErrors(buildHiaOrderData(keys), version)).toEqual([]);
      expect(xsdErrors(buildHcaOrderData(keys), version)).toEqual([]);
      expect(xsdErrors(buildHcsOrderData({ ...keys, signature: fullKey, signatureVersion: 'A006' }), version)).toEqual([]);
    });
  });

  it('INI carries the deflated SignaturePubKeyOrderData and no nonce or timestamp', () => {
    const root = parse(buildIniRequest({ ...subscriber(version), signatureVersion: 'A006', key: fullKey }));
    expect(root.localName).toBe('ebicsUnsecuredRequest');
    expect(root.namespaceURI).toBe(VERSIONS[version].namespace);
    expect(root.getAttribute('Version')).toBe(version);
    expect(root.getAttribute('Revision')).toBe('1');
    const st = at(root, 'header', 'static');
    expect(childNames(st)).toEqual(['HostID', 'PartnerID', 'UserID', 'Product', 'OrderDetails', 'SecurityMedium']);
    expect(has(root, 'AuthSignature')).toBe(false);
    const orderData = parse(inflateBase64(textAt(root, 'body', 'DataTransfer', 'OrderData')));
    expect(orderData.localName).toBe('SignaturePubKeyOrderData');
    expect(orderData.namespaceURI).toBe(VERSIONS[version].signatureNamespace);
    expect(textAt(orderData, 'SignaturePubKeyInfo', 'SignatureVersion')).toBe('A006');
    expect(textAt(orderData, 'PartnerID')).toBe('PARTNER1');
  });

  it('HIA names its order type the way the version addresses orders', () => {
    const root = parse(buildHiaRequest({ ...subscriber(version), authentication: fullKey, encryption: fullKey }));
    const details = at(root, 'header', 'static', 'OrderDetails');
    if (version === 'H004') {
      expect(childNames(details)).toEqual(['OrderType', 'OrderAttribute']);
      expect(textAt(details, 'OrderType')).toBe('HIA');
      expect(textAt(details, 'OrderAttribute')).toBe('DZNNN');
    } else {
      expect(childNames(details)).toEqual(['AdminOrderType']);
      expect(textAt(details, 'AdminOrderType')).toBe('HIA');
    }
    const orderData = parse(inflateBase64(textAt(root, 'body', 'DataTransfer', 'OrderData')));
    expect(orderData.localName).toBe('HIARequestOrderData');
    expect(textAt(orderData, 'AuthenticationPubKeyInfo', 'AuthenticationVersion')).toBe('X002');
    expect(textAt(orderData, 'EncryptionPubKeyInfo', 'EncryptionVersion')).toBe('E002');
  });

  it('HPB is signed: nonce, timestamp, AuthSignature skeleton, only the header authenticated', () => {
    const root = parse(buildHpbRequest(header(version)));
    expect(root.localName).toBe('ebicsNoPubKeyDigestsRequest');
    expect(childNames(root)).toEqual(['header', 'AuthSignature', 'body']);
    expect(textAt(root, 'header', 'static', 'Nonce')).toBe('0123456789ABCDEF0123456789ABCDEF');
    expect(textAt(root, 'header', 'static', 'Timestamp')).toBe(TIMESTAMP);
    expect(authenticated(root)).toEqual(['header']);
    expect(root.getAttribute('xmlns:ds')).toBe(NS.ds);
    const details = at(root, 'header', 'static', 'OrderDetails');
    expect(textAt(details, version === 'H004' ? 'OrderType' : 'AdminOrderType')).toBe('HPB');
    if (version === 'H004') expect(textAt(details, 'OrderAttribute')).toBe('DZHNN');
  });
});

describe('public keys in order data', () => {
  it('H004 sends modulus and exponent as unsigned big-endian base64, with the key time stamp', () => {
    const doc = parse(buildSignaturePubKeyOrderData({ version: 'H004', ...ids, signatureVersion: 'A005', key: rsaKey, timestamp: TIMESTAMP }));
    const value = at(doc, 'SignaturePubKeyInfo', 'PubKeyValue');
    const modulus = Buffer.from(textAt(value, 'RSAKeyValue', 'Modulus'), 'base64');
    expect(modulus.length).toBe(256);
    expect(modulus[0]).toBe(0xc5);
    expect(textAt(value, 'RSAKeyValue', 'Exponent')).toBe('AQAB');
    expect(textAt(value, 'TimeStamp')).toBe(TIMESTAMP);
    expect(has(doc, 'SignaturePubKeyInfo', 'X509Data')).toBe(false);
  });

  it('H004 adds the certificate as ds:X509Data before PubKeyValue when one is given', () => {
    const doc = parse(buildHiaOrderData({ version: 'H004', ...ids, authentication: fullKey, encryption: rsaKey }));
    expect(childNames(at(doc, 'AuthenticationPubKeyInfo'))).toEqual(['X509Data', 'PubKeyValue', 'AuthenticationVersion']);
    expect(childNames(at(doc, 'EncryptionPubKeyInfo'))).toEqual(['PubKeyValue', 'EncryptionVersion']);
    expect(at(doc, 'AuthenticationPubKeyInfo', 'X509Data').namespaceURI).toBe(NS.ds);
  });

  it('H005 sends only the certificate', () => {
    const doc = parse(buildSignaturePubKeyOrderData({ version: 'H005', ...ids, signatureVersion: 'A006', key: fullKey, timestamp: TIMESTAMP }));
    const info = at(doc, 'SignaturePubKeyInfo');
    expect(childNames(info)).toEqual(['X509Data', 'SignatureVersion']);
    expect(Buffer.from(textAt(info, 'X509Data', 'X509Certificate'), 'base64')).toEqual(certificate);
  });

  it('HCS puts the signature key in the signature namespace between encryption key and IDs', () => {
    for (const version of EBICS_VERSIONS) {
      const doc = parse(buildHcsOrderData({ version, ...ids, authentication: fullKey, encryption: fullKey, signature: fullKey, signatureVersion: 'A005' }));
      expect(childNames(doc)).toEqual(['AuthenticationPubKeyInfo', 'EncryptionPubKeyInfo', 'SignaturePubKeyInfo', 'PartnerID', 'UserID']);
      expect(at(doc, 'SignaturePubKeyInfo').namespaceURI).toBe(VERSIONS[version].signatureNamespace);
      expect(at(doc, 'SignaturePubKeyInfo', 'SignatureVersion').namespaceURI).toBe(VERSIONS[version].signatureNamespace);
    }
  });

  it('refuses an H005 key without certificate and an H004 key without modulus', () => {
    expect(() => buildSignaturePubKeyOrderData({ version: 'H005', ...ids, signatureVersion: 'A006', key: rsaKey })).toThrow(KontorError);
    expect(() => buildHiaOrderData({ version: 'H004', ...ids, authentication: { certificate }, encryption: rsaKey })).toThrow(/authentication\.modulus/);
  });

  it('refuses IDs the schema does not allow, naming the field', () => {
    let err: unknown;
    try {
      buildIniRequest({ ...subscriber('H004'), partnerId: 'PART NER', signatureVersion: 'A006', key: rsaKey });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(KontorError);
    expect((err as KontorError).code).toBe('ebics.invalidParameter');
    expect((err as KontorError).params.field).toBe('partnerId');
  });
});
