import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selfSignedCertificate } from '../../ebics/crypto/keys';
import { testClock, WIDE_VALIDITY } from '../../../test/support/clock';
import { post, tempDir } from '../../../test/support/demo-bank';
import { REFERENCE_DIR, xmllintErrors, xmllintSkipReason } from '../../../test/support/reference';
import { startDemoBank, type DemoBank } from '../server';
import { findSubscriber, keyToDer } from '../store/subscribers';
import { Refusal } from './codes';
import { parseAuthEncOrderData, parseSignatureKeyOrderData } from './key-order-data';

const DS = 'http://www.w3.org/2000/09/xmldsig#';
const NOW = testClock.now();
const pair = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const auth = pair();
const enc = pair();
const sig = pair();
const der64 = (der: Buffer) => der.toString('base64');
const selfSigned = (p: { privateKey: KeyObject; publicKey: KeyObject }, usage: 'signature' | 'authentication' | 'encryption') =>
  selfSignedCertificate(p, { commonName: `Kontor test ${usage}`, ...WIDE_VALIDITY, usage });
const authCert = selfSigned(auth, 'authentication');
const encCert = selfSigned(enc, 'encryption');
const sigCert = selfSigned(sig, 'signature');

/** A certificate for `subject`'s key issued by a small CA, and the CA's own certificate: a chain of two. */
function issuedByCa(subject: { publicKey: KeyObject }): { leaf: Buffer; ca: Buffer } {
  const caPair = pair();
  const caKeys = {
    publicKey: forge.pki.publicKeyFromPem(caPair.publicKey.export({ type: 'spki', format: 'pem' }).toString()),
    privateKey: forge.pki.privateKeyFromPem(caPair.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()),
  };
  const der = (cert: forge.pki.Certificate) => Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const make = (publicKey: forge.pki.PublicKey, cn: string, issuer: string, serial: string, ca: boolean) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = publicKey;
    cert.serialNumber = serial;
    cert.validity.notBefore = WIDE_VALIDITY.notBefore;
    cert.validity.notAfter = WIDE_VALIDITY.notAfter;
    cert.setSubject([{ shortName: 'CN', value: cn }]);
    cert.setIssuer([{ shortName: 'CN', value: issuer }]);
    cert.setExtensions([{ name: 'basicConstraints', cA: ca }, ...(ca ? [{ name: 'keyUsage', keyCertSign: true, cRLSign: true }] : [])]);
    cert.sign(caKeys.privateKey, forge.md.sha256.create());
    return der(cert);
  };
  const subjectKey = forge.pki.publicKeyFromPem(subject.publicKey.export({ type: 'spki', format: 'pem' }).toString());
  return {
    ca: make(caKeys.publicKey, 'Kontor Test CA', 'Kontor Test CA', '01', true),
    leaf: make(subjectKey, 'Kontor test user', 'Kontor Test CA', '02', false),
  };
}

const issuerSerial =
  '<ds:X509IssuerSerial><ds:X509IssuerName>CN=Kontor test</ds:X509IssuerName><ds:X509SerialNumber>4711</ds:X509SerialNumber></ds:X509IssuerSerial>';
const subjectName = '<ds:X509SubjectName>CN=Kontor test</ds:X509SubjectName>';
const ski = '<ds:X509SKI>AAECAwQ=</ds:X509SKI>';
const crl = '<ds:X509CRL>AAECAwQ=</ds:X509CRL>';
const other = '<x:Note xmlns:x="urn:example:note">kept apart</x:Note>';
const cert = (der: Buffer) => `<ds:X509Certificate>${der64(der)}</ds:X509Certificate>`;

function hia(version: 'H004' | 'H005', authX509: string, encX509 = `<ds:X509Data>${cert(encCert)}</ds:X509Data>`, keyValues = false): string {
  const value = (k: KeyObject) => {
    if (!keyValues) return '';
    const jwk = k.export({ format: 'jwk' });
    const b64 = (s: string | undefined) => Buffer.from(s ?? '', 'base64url').toString('base64');
    return `<PubKeyValue><ds:RSAKeyValue><ds:Modulus>${b64(jwk.n)}</ds:Modulus><ds:Exponent>${b64(jwk.e)}</ds:Exponent></ds:RSAKeyValue></PubKeyValue>`;
  };
  return (
    `<?xml version="1.0" encoding="UTF-8"?><HIARequestOrderData xmlns="urn:org:ebics:${version}" xmlns:ds="${DS}">` +
    `<AuthenticationPubKeyInfo>${authX509}${value(auth.publicKey)}<AuthenticationVersion>X002</AuthenticationVersion></AuthenticationPubKeyInfo>` +
    `<EncryptionPubKeyInfo>${encX509}${value(enc.publicKey)}<EncryptionVersion>E002</EncryptionVersion></EncryptionPubKeyInfo>` +
    '<PartnerID>KONTOR01</PartnerID><UserID>USER01</UserID></HIARequestOrderData>'
  );
}

const x509 = (...children: string[]) => `<ds:X509Data>${children.join('')}</ds:X509Data>`;
const readHia = (xml: string, version: 'H004' | 'H005' = 'H005') => parseAuthEncOrderData(Buffer.from(xml), version, 'HIARequestOrderData', NOW);
const refusal = (f: () => unknown): Refusal => {
  try {
    f();
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  throw new Error('no refusal');
};

/** Every ordering below is one the XML-DSig schema allows (X509DataType: a repeated choice). */
const ORDERINGS: Array<[string, string]> = [
  ['the certificate alone', x509(cert(authCert))],
  ['X509IssuerSerial before the certificate', x509(issuerSerial, cert(authCert))],
  ['X509SubjectName, the certificate, X509IssuerSerial', x509(subjectName, cert(authCert), issuerSerial)],
  ['X509SKI, X509CRL and an element of another namespace around the certificate', x509(ski, other, cert(authCert), crl)],
  ['the certificate twice', x509(cert(authCert), issuerSerial, cert(authCert))],
];

describe('ds:X509Data as the signature schema defines it', () => {
  it.each(ORDERINGS)('takes the key from %s (H005 HIA)', (_what, authX509) => {
    const data = readHia(hia('H005', authX509));
    expect(keyToDer(data.authentication.key).equals(keyToDer(auth.publicKey))).toBe(true);
    expect(data.authentication.certificate?.equals(authCert)).toBe(true);
  });

  const schema = join(REFERENCE_DIR, 'xsd', 'ebics', 'H005', 'ebics_H005.xsd');
  const skip = xmllintSkipReason(join(REFERENCE_DIR, 'xsd', 'ebics'));
  it.skipIf(skip !== undefined)(`those orderings are valid against ebics_H005.xsd${skip ? ` (${skip})` : ''}`, () => {
    for (const [what, authX509] of ORDERINGS) expect(xmllintErrors(hia('H005', authX509), schema), what).toEqual([]);
  });

  it('takes the subscriber’s certificate from a chain: the one no other certificate was issued by', () => {
    const { leaf, ca } = issuedByCa(auth);
    for (const order of [
      [ca, leaf],
      [leaf, ca],
    ]) {
      const data = readHia(hia('H005', x509(...order.map(cert))));
      expect(data.authentication.certificate?.equals(leaf)).toBe(true);
    }
  });

  it('refuses an X509Data without a certificate (schema-valid, but EBICS 3.0 needs the certificate) and an empty one', () => {
    expect(refusal(() => readHia(hia('H005', x509(issuerSerial, subjectName))))).toMatchObject({
      code: '090004',
      detail: expect.stringMatching(/X\.509 certificates/),
    });
    expect(refusal(() => readHia(hia('H005', '<ds:X509Data></ds:X509Data>')))).toMatchObject({ code: '090004', detail: expect.stringMatching(/empty/) });
    expect(refusal(() => readHia(hia('H005', x509('<ds:X509Foo>x</ds:X509Foo>', cert(authCert)))))).toMatchObject({ code: '090004' });
  });

  it('reads INI’s SignaturePubKeyInfo the same way', () => {
    const ini =
      `<?xml version="1.0" encoding="UTF-8"?><SignaturePubKeyOrderData xmlns="http://www.ebics.org/S002" xmlns:ds="${DS}">` +
      `<SignaturePubKeyInfo>${x509(subjectName, issuerSerial, cert(sigCert))}<SignatureVersion>A006</SignatureVersion></SignaturePubKeyInfo>` +
      '<PartnerID>KONTOR01</PartnerID><UserID>USER01</UserID></SignaturePubKeyOrderData>';
    const data = parseSignatureKeyOrderData(Buffer.from(ini), 'H005', NOW);
    expect(data.signature.certificate?.equals(sigCert)).toBe(true);
  });

  it('H004: a certificate beside the key value must carry that key, wherever the schema lets X509Data stand', () => {
    const before = readHia(hia('H004', x509(issuerSerial, cert(authCert)), x509(cert(encCert)), true), 'H004');
    expect(before.authentication.certificate?.equals(authCert)).toBe(true);
    // After PubKeyValue the element falls under `xs:any namespace="##other"`, which the schema allows.
    const after = hia('H004', '', '', true).replace('</PubKeyValue><AuthenticationVersion>', `</PubKeyValue>${x509(cert(authCert))}<AuthenticationVersion>`);
    expect(readHia(after, 'H004').authentication.certificate?.equals(authCert)).toBe(true);
    expect(refusal(() => readHia(hia('H004', x509(cert(encCert)), '', true), 'H004'))).toMatchObject({ code: '091219' });
    expect(readHia(hia('H004', '', '', true), 'H004').authentication.certificate).toBeNull();
  });
});

describe('an HIA over HTTP with X509IssuerSerial before the certificate', () => {
  let bank: DemoBank;
  const dir = tempDir('kontor-bank-x509-');
  beforeAll(async () => {
    bank = await startDemoBank({ dataDir: dir.path, clock: testClock, log: () => undefined });
  });
  afterAll(async () => {
    await bank.close();
    dir.remove();
  });

  it('is received, and the bank keeps the keys and the certificates that came', async () => {
    const orderData = deflateSync(Buffer.from(hia('H005', x509(issuerSerial, cert(authCert)), x509(subjectName, cert(encCert))))).toString('base64');
    const request =
      '<?xml version="1.0" encoding="UTF-8"?><ebicsUnsecuredRequest xmlns="urn:org:ebics:H005" Version="H005" Revision="1"><header authenticate="true"><static>' +
      `<HostID>${bank.hostId}</HostID><PartnerID>KONTOR01</PartnerID><UserID>USER01</UserID><OrderDetails><AdminOrderType>HIA</AdminOrderType></OrderDetails>` +
      `<SecurityMedium>0000</SecurityMedium></static><mutable/></header><body><DataTransfer><OrderData>${orderData}</OrderData></DataTransfer></body></ebicsUnsecuredRequest>`;
    const answer = await post(bank, request);
    expect({ technical: answer.technical.code, business: answer.business?.code }).toEqual({ technical: '000000', business: '000000' });
    const s = findSubscriber(bank.store.db, 'KONTOR01', 'USER01');
    expect(s?.state).toBe('hia_received');
    expect(s?.authenticationCertificateDer?.equals(authCert)).toBe(true);
    expect(s?.encryptionKeyDer?.equals(keyToDer(enc.publicKey))).toBe(true);
  });
});
