/**
 * Reading the subscriber keys a client sends: `SignaturePubKeyOrderData`
 * (INI, PUB; S001/S002), `HIARequestOrderData` (HIA), `HCARequestOrderData`
 * (HCA) and `HCSRequestOrderData` (HCS). H004 carries RSA key values
 * (a certificate is optional and must then carry the same key); H005 carries
 * X.509 certificates only (self-signed accepted, validity period checked).
 */
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { certificatePublicKey, publicKeyFromModExp, rsaKeyBits } from '../../ebics/crypto/keys';
import { parseXml } from '../../ebics/crypto/xml';
import { NS, VERSIONS, type EbicsVersion } from '../../ebics/messages/versions';
import { Refusal, type ReturnCode } from './codes';
import { Sequence, base64Of, text, token } from './xml-walk';

export const MIN_KEY_BITS = 2048;
export const MAX_KEY_BITS = 4096;

export interface ReceivedKey {
  key: KeyObject;
  certificate: Buffer | null;
}

export interface SignatureKeyData {
  signatureVersion: 'A005' | 'A006';
  signature: ReceivedKey;
  partnerId: string;
  userId: string;
}

export interface AuthEncKeyData {
  authentication: ReceivedKey;
  encryption: ReceivedKey;
  partnerId: string;
  userId: string;
}

export interface AllKeysData extends AuthEncKeyData {
  signatureVersion: 'A005' | 'A006';
  signature: ReceivedKey;
}

const BAD_DATA: ReturnCode = '090004';
const ID = /^[a-zA-Z0-9,=]{1,35}$/;

type Purpose = 'signature' | 'authentication' | 'encryption';
const LENGTH_CODE: Record<Purpose, ReturnCode> = { signature: '091204', authentication: '091205', encryption: '091206' };

function parseOrderXml(data: Buffer): Element {
  try {
    const doc = parseXml(data.toString('utf8'));
    if (!doc.documentElement) throw new Error('no root');
    return doc.documentElement;
  } catch (e) {
    throw new Refusal(BAD_DATA, e instanceof KontorError ? e.message : 'the order data is not XML');
  }
}

function spki(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}

function checkCertificateDates(der: Buffer, now: Date): void {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw new Refusal('091219', 'the certificate cannot be read');
  }
  if (Date.parse(cert.validFrom) > now.getTime()) throw new Refusal('091209');
  if (Date.parse(cert.validTo) < now.getTime()) throw new Refusal('091208');
}

/**
 * One `*PubKeyInfo`: optional `ds:X509Data`, for H004 `PubKeyValue`
 * (`ds:RSAKeyValue`, optional `TimeStamp`), then the version element, all
 * but ds in `ns`.
 */
function readPubKeyInfo(info: Element, version: EbicsVersion, ns: string, versionElement: string, purpose: Purpose, now: Date): { version: string; key: ReceivedKey } {
  const seq = new Sequence(info, ns, BAD_DATA);
  const x509 = seq.optional('X509Data', NS.ds);
  const pkv = seq.optional('PubKeyValue');
  const keyVersion = text(seq.required(versionElement));
  seq.end();

  let certificate: Buffer | null = null;
  if (x509) {
    const certEl = new Sequence(x509, NS.ds, BAD_DATA).optional('X509Certificate');
    if (certEl) certificate = base64Of(certEl, 'X509Certificate', BAD_DATA);
  }
  let fromValue: KeyObject | undefined;
  if (pkv) {
    const p = new Sequence(pkv, ns, BAD_DATA);
    const rsa = new Sequence(p.required('RSAKeyValue', NS.ds), NS.ds, BAD_DATA);
    const modulus = base64Of(rsa.required('Modulus'), 'Modulus', BAD_DATA);
    const exponent = base64Of(rsa.required('Exponent'), 'Exponent', BAD_DATA);
    try {
      fromValue = publicKeyFromModExp(modulus, exponent);
    } catch {
      throw new Refusal(BAD_DATA, 'the RSA key value cannot be read');
    }
  }
  if (VERSIONS[version].publicKeys === 'X509' && !certificate) throw new Refusal(BAD_DATA, `EBICS 3.0 sends keys as X.509 certificates (${versionElement})`);
  if (VERSIONS[version].publicKeys === 'RSAKeyValue' && !fromValue) throw new Refusal(BAD_DATA, `PubKeyValue missing (${versionElement})`);

  let fromCertificate: KeyObject | undefined;
  if (certificate) {
    try {
      fromCertificate = certificatePublicKey(certificate);
    } catch {
      throw new Refusal('091219', 'the certificate cannot be read');
    }
    checkCertificateDates(certificate, now);
  }
  if (fromValue && fromCertificate && !spki(fromValue).equals(spki(fromCertificate))) {
    throw new Refusal('091219', 'the certificate carries a different key than the key value');
  }
  const key = (fromValue ?? fromCertificate) as KeyObject;
  const bits = rsaKeyBits(key);
  if (bits < MIN_KEY_BITS || bits > MAX_KEY_BITS) throw new Refusal(LENGTH_CODE[purpose], `${bits} bits`);
  return { version: keyVersion, key: { key, certificate } };
}

function signatureVersionOf(v: string): 'A005' | 'A006' {
  if (v !== 'A005' && v !== 'A006') throw new Refusal('091201', v);
  return v;
}

function readIds(seq: Sequence): { partnerId: string; userId: string } {
  const partnerId = token(seq.required('PartnerID'), ID, 'PartnerID', BAD_DATA);
  const userId = token(seq.required('UserID'), ID, 'UserID', BAD_DATA);
  return { partnerId, userId };
}

/** `SignaturePubKeyOrderData` of INI and PUB. */
export function parseSignatureKeyOrderData(data: Buffer, version: EbicsVersion, now: Date): SignatureKeyData {
  const root = parseOrderXml(data);
  const ns = VERSIONS[version].signatureNamespace;
  if (root.localName !== 'SignaturePubKeyOrderData' || root.namespaceURI !== ns) {
    throw new Refusal(BAD_DATA, `expected SignaturePubKeyOrderData in ${ns}`);
  }
  const seq = new Sequence(root, ns, BAD_DATA);
  const info = readPubKeyInfo(seq.required('SignaturePubKeyInfo'), version, ns, 'SignatureVersion', 'signature', now);
  const ids = readIds(seq);
  seq.end();
  return { signatureVersion: signatureVersionOf(info.version), signature: info.key, ...ids };
}

function checkDistinct(keys: ReceivedKey[]): void {
  const ders = keys.map((k) => spki(k.key).toString('base64'));
  if (new Set(ders).size !== ders.length) throw new Refusal('091218');
}

/** `HIARequestOrderData` (HIA), `HCARequestOrderData` (HCA). */
export function parseAuthEncOrderData(data: Buffer, version: EbicsVersion, rootName: 'HIARequestOrderData' | 'HCARequestOrderData', now: Date): AuthEncKeyData {
  const root = parseOrderXml(data);
  const ns = VERSIONS[version].namespace;
  if (root.localName !== rootName || root.namespaceURI !== ns) throw new Refusal(BAD_DATA, `expected ${rootName}`);
  const seq = new Sequence(root, ns, BAD_DATA);
  const auth = readPubKeyInfo(seq.required('AuthenticationPubKeyInfo'), version, ns, 'AuthenticationVersion', 'authentication', now);
  const enc = readPubKeyInfo(seq.required('EncryptionPubKeyInfo'), version, ns, 'EncryptionVersion', 'encryption', now);
  const ids = readIds(seq);
  seq.end();
  if (auth.version !== 'X002') throw new Refusal('091202', auth.version);
  if (enc.version !== 'E002') throw new Refusal('091203', enc.version);
  checkDistinct([auth.key, enc.key]);
  return { authentication: auth.key, encryption: enc.key, ...ids };
}

/** `HCSRequestOrderData` (HCS): all three keys. */
export function parseAllKeysOrderData(data: Buffer, version: EbicsVersion, now: Date): AllKeysData {
  const root = parseOrderXml(data);
  const info = VERSIONS[version];
  const ns = info.namespace;
  if (root.localName !== 'HCSRequestOrderData' || root.namespaceURI !== ns) throw new Refusal(BAD_DATA, 'expected HCSRequestOrderData');
  const seq = new Sequence(root, ns, BAD_DATA);
  const auth = readPubKeyInfo(seq.required('AuthenticationPubKeyInfo'), version, ns, 'AuthenticationVersion', 'authentication', now);
  const enc = readPubKeyInfo(seq.required('EncryptionPubKeyInfo'), version, ns, 'EncryptionVersion', 'encryption', now);
  const sig = readPubKeyInfo(seq.required('SignaturePubKeyInfo', info.signatureNamespace), version, info.signatureNamespace, 'SignatureVersion', 'signature', now);
  const ids = readIds(seq);
  seq.end();
  if (auth.version !== 'X002') throw new Refusal('091202', auth.version);
  if (enc.version !== 'E002') throw new Refusal('091203', enc.version);
  checkDistinct([auth.key, enc.key, sig.key]);
  return { authentication: auth.key, encryption: enc.key, signatureVersion: signatureVersionOf(sig.version), signature: sig.key, ...ids };
}
