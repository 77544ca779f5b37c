import { describe, expect, it } from 'vitest';
import { at, certificate, childNames, has, parse, textAt } from './test-fixtures';
import { buildUserSignatureData } from './user-signature';
import { EBICS_VERSIONS, NS, VERSIONS } from './versions';
import { xsdErrors, xsdSkipReason } from '../../../test/support/ebics-xsd';

const signature = { signatureVersion: 'A006' as const, signatureValue: Buffer.alloc(256, 0x3c), partnerId: 'PARTNER1', userId: 'USER0001' };

describe.each(EBICS_VERSIONS)('UserSignatureData, %s', (version) => {
  const schema = VERSIONS[version].signatureSchema;

  it.skipIf(xsdSkipReason)('validates against the signature schema, with and without certificate', () => {
    expect(xsdErrors(buildUserSignatureData({ version, signatures: [signature] }), schema)).toEqual([]);
    expect(xsdErrors(buildUserSignatureData({ version, signatures: [{ ...signature, certificate }] }), schema)).toEqual([]);
  });

  it(`is in the ${VERSIONS[version].signatureSchema} namespace and carries version, value and signer`, () => {
    const root = parse(buildUserSignatureData({ version, signatures: [signature] }));
    expect(root.localName).toBe('UserSignatureData');
    expect(root.namespaceURI).toBe(VERSIONS[version].signatureNamespace);
    const sig = at(root, 'OrderSignatureData');
    expect(childNames(sig)).toEqual(['SignatureVersion', 'SignatureValue', 'PartnerID', 'UserID']);
    expect(textAt(sig, 'SignatureVersion')).toBe('A006');
    expect(Buffer.from(textAt(sig, 'SignatureValue'), 'base64')).toEqual(signature.signatureValue);
    expect(textAt(sig, 'PartnerID')).toBe('PARTNER1');
    expect(textAt(sig, 'UserID')).toBe('USER0001');
    expect(has(sig, 'X509Data')).toBe(false);
  });

  it('adds the certificate as ds:X509Data after UserID', () => {
    const sig = at(parse(buildUserSignatureData({ version, signatures: [{ ...signature, certificate }] })), 'OrderSignatureData');
    expect(childNames(sig)).toEqual(['SignatureVersion', 'SignatureValue', 'PartnerID', 'UserID', 'X509Data']);
    expect(at(sig, 'X509Data').namespaceURI).toBe(NS.ds);
  });

  it('refuses an empty signature list and an unknown signature version', () => {
    expect(() => buildUserSignatureData({ version, signatures: [] })).toThrow(/signatures/);
    expect(() => buildUserSignatureData({ version, signatures: [{ ...signature, signatureVersion: 'A004' as never }] })).toThrow(/signatureVersion/);
  });
});
