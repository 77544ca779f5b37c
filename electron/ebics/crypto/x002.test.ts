import { constants, createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { canonicalize } from './c14n';
import { generateKeyPair } from './keys';
import { HAS_KAT, NO_KAT_MESSAGE, katJson, katText } from '../../../test/support/kat';
import { authSignatureXml, digestOf, DS_NAMESPACE, signRequest, verifyResponse } from './x002';
import { descendantElements, parseXml } from './xml';

if (!HAS_KAT) console.warn(NO_KAT_MESSAGE);

function textOf(xml: string, localName: string): string {
  const root = parseXml(xml).documentElement;
  if (root === null) throw new Error('no root');
  const el = descendantElements(root).find((e) => e.localName === localName);
  if (el === undefined) throw new Error(`no ${localName}`);
  return el.textContent ?? '';
}

function refusal(fn: () => void): KontorError {
  try {
    fn();
  } catch (e) {
    if (e instanceof KontorError) return e;
    throw e;
  }
  throw new Error('expected a KontorError');
}

describe.skipIf(!HAS_KAT)('X002 known answers (../shared/kat b1, b2, d1)', () => {
  it('b1: signing the unsigned epics HPB request reproduces DigestValue, SignatureValue and the signed file byte for byte', () => {
    const dir = 'b1-x002-auth-signature-epics';
    const v = katJson<{ digestValue: string; signatureValue: string }>(`${dir}/expected.json`);
    const unsigned = katText(`${dir}/hpb_request_unsigned.xml`);
    expect(digestOf(unsigned)).toBe(v.digestValue);
    const signed = signRequest(unsigned, createPrivateKey(katText(`${dir}/x002.private.pem`)));
    expect(textOf(signed, 'DigestValue')).toBe(v.digestValue);
    expect(textOf(signed, 'SignatureValue')).toBe(v.signatureValue);
    expect(signed).toBe(katText(`${dir}/hpb_request_signed.xml`));
    verifyResponse(signed, createPublicKey(katText(`${dir}/x002.public.pem`)));
  });

  it('b2: signing the ebics-client-php HPB request (made by a third library) reproduces both values', () => {
    const dir = 'b2-x002-auth-signature-ebics-client-php';
    const v = katJson<{ digestValue: string; signatureValue: string }>(`${dir}/expected.json`);
    const signed = signRequest(katText(`${dir}/hpb_unsigned.xml`), createPrivateKey(katText(`${dir}/x002.private.pem`)));
    expect(textOf(signed, 'DigestValue')).toBe(v.digestValue);
    expect(textOf(signed, 'SignatureValue')).toBe(v.signatureValue);
    expect(signed).toBe(katText(`${dir}/hpb_signed.xml`));
  });

  it('b1 negative vector: refuses a document whose SignedInfo signature is valid but whose digest is not', () => {
    const dir = 'b1-x002-auth-signature-epics';
    const xml = katText(`${dir}/extra_fixture_hpb_request.xml`);
    const publicKey = createPublicKey(katText(`${dir}/x002.public.pem`));
    // The RSA signature alone does verify, so only the digest check can catch it.
    const signedInfo = descendantElements(parseXml(xml).documentElement!).find((e) => e.localName === 'SignedInfo')!;
    const signature = Buffer.from(textOf(xml, 'SignatureValue'), 'base64');
    expect(verify('sha256', Buffer.from(canonicalize(signedInfo)), { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature)).toBe(true);
    expect(digestOf(xml)).toBe('3PyIbUqImICMDMrzTvrc9pEnEIbgfg5xR386vCs3u7c=');
    const e = refusal(() => verifyResponse(xml, publicKey));
    expect(e.code).toBe('ebics.badBankSignature');
    expect(e.params.reason).toBe('digest');
  });

  const d1 = 'd1-bank-x002-verify-epics';

  it('d1: accepts the bank response signed with the bank key (three authenticated elements)', () => {
    const xml = katText(`${d1}/upload_init_response.xml`);
    expect(digestOf(xml)).toBe(katJson<{ digestValue: string }>(`${d1}/expected.json`).digestValue);
    expect(() => verifyResponse(xml, createPublicKey(katText(`${d1}/bank_x002.public.pem`)))).not.toThrow();
  });

  it('d1: refuses it under the wrong key', () => {
    const e = refusal(() => verifyResponse(katText(`${d1}/upload_init_response.xml`), createPublicKey(katText(`${d1}/wrong_key.public.pem`))));
    expect(e.code).toBe('ebics.badBankSignature');
    expect(e.params.reason).toBe('signature');
  });

  it('d1: refuses a changed DigestValue, a changed return code and changed whitespace in the header', () => {
    const xml = katText(`${d1}/upload_init_response.xml`);
    const key = createPublicKey(katText(`${d1}/bank_x002.public.pem`));
    const digest = '0/3J0Cne3ncZmTUNZuD8S8HOKI95bo9fP1AvVyVZDfc=';
    const tampered = [
      xml.replace(digest, `1${digest.slice(1)}`),
      xml.replace('<ReturnCode authenticate="true">000000</ReturnCode>', '<ReturnCode authenticate="true">091116</ReturnCode>'),
      xml.replace('    <static>', '   <static>'),
    ];
    for (const t of tampered) {
      expect(t).not.toBe(xml);
      expect(refusal(() => verifyResponse(t, key)).code).toBe('ebics.badBankSignature');
    }
  });
});

const { privateKey, publicKey } = generateKeyPair(2048);

function request(extraRootNamespaces = ''): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone=\'yes\'?>\n' +
    `<ebicsRequest xmlns="urn:org:ebics:H005" xmlns:ds="${DS_NAMESPACE}"${extraRootNamespaces} Version='H005' Revision="1">` +
    '<header authenticate="true"><static><HostID>KONTOR</HostID><Nonce>0123456789ABCDEF0123456789ABCDEF</Nonce>' +
    '<Product Language="de">Kontor &amp; Co &gt; 1</Product><SecurityMedium>0000</SecurityMedium></static>' +
    '<mutable><TransactionPhase>Initialisation</TransactionPhase></mutable></header>' +
    authSignatureXml() +
    '<body><!-- not authenticated --><DataTransfer><OrderData>AAAA</OrderData></DataTransfer></body></ebicsRequest>'
  );
}

describe('X002 signing and verification', () => {
  it('signs a request built with authSignatureXml so that it verifies with the public key', () => {
    const signed = signRequest(request(), privateKey);
    expect(textOf(signed, 'DigestValue')).toBe(digestOf(signed));
    expect(textOf(signed, 'SignatureValue')).toMatch(/^[A-Za-z0-9+/]{342}==$/);
    expect(() => verifyResponse(signed, publicKey)).not.toThrow();
  });

  it('changes nothing but the two values, byte for byte', () => {
    const unsigned = request();
    const signed = signRequest(unsigned, privateKey);
    const digest = textOf(signed, 'DigestValue');
    const signature = textOf(signed, 'SignatureValue');
    expect(signed.replace(digest, '').replace(signature, '')).toBe(unsigned);
  });

  it('covers every namespace declared on the root: the same request with xsi and foo gets another digest', () => {
    const plain = signRequest(request(), privateKey);
    const extended = signRequest(request(' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:foo="urn:foo"'), privateKey);
    expect(textOf(extended, 'DigestValue')).not.toBe(textOf(plain, 'DigestValue'));
    expect(() => verifyResponse(extended, publicKey)).not.toThrow();
  });

  it('works with xmlns:ds declared on AuthSignature instead of the root', () => {
    const xml = request()
      .replace(` xmlns:ds="${DS_NAMESPACE}"`, '')
      .replace(authSignatureXml(), authSignatureXml({ declareDsNamespace: true }));
    expect(xml).toContain(`<AuthSignature xmlns:ds="${DS_NAMESPACE}">`);
    expect(() => verifyResponse(signRequest(xml, privateKey), publicKey)).not.toThrow();
  });

  it('refuses a response whose authenticated content was changed after signing', () => {
    const signed = signRequest(request(), privateKey);
    const e = refusal(() => verifyResponse(signed.replace('<HostID>KONTOR</HostID>', '<HostID>KONTOS</HostID>'), publicKey));
    expect(e.code).toBe('ebics.badBankSignature');
    expect(e.params.reason).toBe('digest');
  });

  it('refuses a response whose SignatureValue was changed', () => {
    const signed = signRequest(request(), privateKey);
    const signature = textOf(signed, 'SignatureValue');
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const e = refusal(() => verifyResponse(signed.replace(signature, flipped), publicKey));
    expect(e.code).toBe('ebics.badBankSignature');
    expect(e.params.reason).toBe('signature');
  });

  it('refuses a response signed with another key', () => {
    const other = generateKeyPair(2048);
    const e = refusal(() => verifyResponse(signRequest(request(), other.privateKey), publicKey));
    expect(e.params.reason).toBe('signature');
  });

  it('refuses a response without AuthSignature, or with empty values', () => {
    const unsigned = request();
    const withoutSignature = unsigned.replace(authSignatureXml(), '');
    expect(refusal(() => verifyResponse(withoutSignature, publicKey)).params.reason).toBe('missing');
    expect(refusal(() => verifyResponse(unsigned, publicKey)).code).toBe('ebics.badBankSignature');
  });

  it('refuses a response whose authenticate attributes were removed', () => {
    const signed = signRequest(request(), privateKey);
    const e = refusal(() => verifyResponse(signed.replace(' authenticate="true"', ''), publicKey));
    expect(e.code).toBe('ebics.badBankSignature');
  });

  it('refuses a signature that names another algorithm', () => {
    const signed = signRequest(request(), privateKey).replace('xmldsig-more#rsa-sha256', 'xmldsig-more#rsa-sha512');
    expect(refusal(() => verifyResponse(signed, publicKey)).params.reason).toBe('malformed');
  });

  it('refuses a DOCTYPE before parsing (no entity expansion)', () => {
    const xml = `<!DOCTYPE r [<!ENTITY e SYSTEM "file:///etc/passwd">]>${request().replace(/^<\?xml[^>]*>\n/, '')}`;
    expect(refusal(() => verifyResponse(xml, publicKey)).code).toBe('ebics.badXml');
    expect(refusal(() => signRequest(xml, privateKey)).code).toBe('ebics.badXml');
  });

  it('does not sign a request without AuthSignature or without authenticated elements', () => {
    expect(() => signRequest(request().replace(authSignatureXml(), ''), privateKey)).toThrow(/AuthSignature/);
    expect(() => signRequest(request().replace(' authenticate="true"', ''), privateKey)).toThrow(/authenticate/);
  });

  it('emits an AuthSignature fragment in the EBICS namespace with ds children', () => {
    const doc = parseXml(`<ebicsRequest xmlns="urn:org:ebics:H004" xmlns:ds="${DS_NAMESPACE}">${authSignatureXml()}</ebicsRequest>`);
    const els = descendantElements(doc.documentElement!);
    expect(els[1]?.localName).toBe('AuthSignature');
    expect(els[1]?.namespaceURI).toBe('urn:org:ebics:H004');
    expect(els.slice(2).every((el) => el.namespaceURI === DS_NAMESPACE && el.prefix === 'ds')).toBe(true);
    expect(els.slice(2).map((el) => el.localName)).toEqual([
      'SignedInfo',
      'CanonicalizationMethod',
      'SignatureMethod',
      'Reference',
      'Transforms',
      'Transform',
      'DigestMethod',
      'DigestValue',
      'SignatureValue',
    ]);
  });
});
