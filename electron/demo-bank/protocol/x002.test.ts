import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signRequest, verifyResponse } from '../../ebics/crypto/x002';
import { REFERENCE_DIR } from '../../../test/support/reference';
import { readXml } from '../xml/read';
import { buildEbicsResponse } from './response';
import { authDigest, authenticatedElements, checkAuthSignature, signResponse } from './x002';

const KAT = join(REFERENCE_DIR, 'kat');
const haveKat = existsSync(KAT);
const kat = (path: string): string => readFileSync(join(KAT, path), 'utf8');
const katJson = (path: string): Record<string, unknown> => JSON.parse(kat(path)) as Record<string, unknown>;
const privateKey = (path: string): KeyObject => createPrivateKey(kat(path));
const publicKey = (path: string): KeyObject => createPublicKey(kat(path));
const doc = (xml: string) => readXml(xml, 16 * 1024 * 1024);
const valueOf = (xml: string, name: string): string => new RegExp(`<ds:${name}>([^<]*)</ds:${name}>`).exec(xml)?.[1] ?? '';

const bankKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const clientKey = generateKeyPairSync('rsa', { modulusLength: 2048 });

describe.skipIf(!haveKat)(`the bank’s X002 against the known-answer vectors${haveKat ? '' : ` (skipped: ${KAT} not found)`}`, () => {
  it.each([
    ['b1-x002-auth-signature-epics', 'hpb_request_unsigned.xml', 'x002.private.pem'],
    ['b2-x002-auth-signature-ebics-client-php', 'hpb_unsigned.xml', 'x002.private.pem'],
  ])('places the digest and signature %s expects', (folder, unsigned, key) => {
    const expected = katJson(`${folder}/expected.json`);
    const signed = signResponse(kat(`${folder}/${unsigned}`), privateKey(`${folder}/${key}`));
    expect(valueOf(signed, 'DigestValue')).toBe(expected.digestValue);
    expect(valueOf(signed, 'SignatureValue')).toBe(expected.signatureValue);
  });

  it('fills the two values and changes no other byte of the document', () => {
    const folder = 'b1-x002-auth-signature-epics';
    const signed = signResponse(kat(`${folder}/hpb_request_unsigned.xml`), privateKey(`${folder}/x002.private.pem`));
    expect(signed.trimEnd()).toBe(kat(`${folder}/hpb_request_signed.xml`).trimEnd());
  });

  it('accepts a signed request and a bank response of other implementations', () => {
    expect(
      checkAuthSignature(doc(kat('b1-x002-auth-signature-epics/hpb_request_signed.xml')), publicKey('b1-x002-auth-signature-epics/x002.public.pem')),
    ).toEqual({ ok: true });
    const d1 = 'd1-bank-x002-verify-epics';
    const response = doc(kat(`${d1}/upload_init_response.xml`));
    expect(authenticatedElements(response).map((el) => el.localName)).toEqual(katJson(`${d1}/expected.json`).authenticatedElements);
    expect(authDigest(response).toString('base64')).toBe(katJson(`${d1}/expected.json`).digestValue);
    expect(checkAuthSignature(response, publicKey(`${d1}/bank_x002.public.pem`))).toEqual({ ok: true });
  });

  it('refuses the wrong key and a digest that does not match, even under a valid RSA signature', () => {
    const d1 = 'd1-bank-x002-verify-epics';
    expect(checkAuthSignature(doc(kat(`${d1}/upload_init_response.xml`)), publicKey(`${d1}/wrong_key.public.pem`))).toMatchObject({
      ok: false,
      reason: /does not verify/,
    });
    const b1 = 'b1-x002-auth-signature-epics';
    expect(checkAuthSignature(doc(kat(`${b1}/extra_fixture_hpb_request.xml`)), publicKey(`${b1}/x002.public.pem`))).toMatchObject({
      ok: false,
      reason: /digest/,
    });
  });
});

describe('the bank’s X002 on the wire', () => {
  const response = () =>
    buildEbicsResponse({ version: 'H005', phase: 'Initialisation', transactionId: 'ABCDEF0123456789ABCDEF0123456789', numSegments: 1, code: '000000' });

  it('signs its answers so that Kontor’s client verifies them', () => {
    const signed = signResponse(response(), bankKey.privateKey);
    expect(() => verifyResponse(signed, bankKey.publicKey)).not.toThrow();
    expect(() => verifyResponse(signed, clientKey.publicKey)).toThrow();
  });

  it('verifies what Kontor’s client signs, and nothing once a covered byte changed', () => {
    const signed = signRequest(response(), clientKey.privateKey);
    expect(checkAuthSignature(doc(signed), clientKey.publicKey)).toEqual({ ok: true });
    expect(checkAuthSignature(doc(signed.replace('<TransactionPhase>Initialisation<', '<TransactionPhase>Transfer<')), clientKey.publicKey)).toMatchObject({
      ok: false,
      reason: /digest/,
    });
  });

  it('covers only unprefixed authenticate attributes that say "true"', () => {
    const d = doc(
      '<r xmlns="urn:org:ebics:H005" xmlns:x="urn:x"><a authenticate="true"/><b x:authenticate="true"/><c authenticate="1"/><d><e authenticate="true">t</e></d></r>',
    );
    expect(authenticatedElements(d).map((el) => el.localName)).toEqual(['a', 'e']);
  });

  it.each([
    ['another reference', (x: string) => x.replace("#xpointer(//*[@authenticate='true'])", '#header'), /reference/],
    [
      'another canonicalisation',
      (x: string) =>
        x.replace(
          '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/TR/2001/REC-xml-c14n-20010315"',
          '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"',
        ),
      /algorithm/,
    ],
    [
      'another digest',
      (x: string) => x.replace('Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"', 'Algorithm="http://www.w3.org/2000/09/xmldsig#sha1"'),
      /algorithm/,
    ],
    ['no AuthSignature', (x: string) => x.replace(/<AuthSignature>.*<\/AuthSignature>/, ''), /no AuthSignature/],
    [
      'a second reference',
      (x: string) =>
        x.replace(
          '</ds:SignedInfo>',
          '<ds:Reference URI="#x"><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>AA==</ds:DigestValue></ds:Reference></ds:SignedInfo>',
        ),
      /once/,
    ],
  ])('refuses a signature with %s', (_what, change, reason) => {
    const signed = signRequest(response(), clientKey.privateKey);
    expect(checkAuthSignature(doc(change(signed)), clientKey.publicKey)).toMatchObject({ ok: false, reason });
  });
});
