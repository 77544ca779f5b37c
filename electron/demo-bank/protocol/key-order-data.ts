/**
 * Reading the subscriber keys a client sends: `SignaturePubKeyOrderData`
 * (INI, PUB; S001/S002), `HIARequestOrderData` (HIA), `HCARequestOrderData`
 * (HCA) and `HCSRequestOrderData` (HCS). H004 carries RSA key values
 * (a certificate is optional and must then carry the same key); H005 carries
 * X.509 certificates only (self-signed accepted, validity period checked).
 *
 * `ds:X509Data` is read as the signature schema defines it: its children in
 * any order and number (X509IssuerSerial, X509SKI, X509SubjectName,
 * X509Certificate, X509CRL, elements of other namespaces). The subscriber's
 * certificate is the one that carries the key value (H004) or, among
 * several, the one no other certificate of the element was issued by.
 */
import { X509Certificate, createPublicKey, type KeyObject } from 'node:crypto';
import type { Element } from '@xmldom/xmldom';
import { certificatePublicKey, publicKeyFromModExp, rsaKeyBits } from '../../ebics/crypto/keys';
import { childElements, readXml, XmlReadError } from '../xml/read';
import { Refusal, type ReturnCode } from './codes';
import { BANK_VERSIONS, XMLDSIG_NS, type EbicsVersion } from './versions';
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

/** Key order data is a few kilobytes. */
const MAX_KEY_ORDER_CHARS = 1024 * 1024;

function parseOrderXml(data: Buffer): Element {
  try {
    return readXml(data.toString('utf8'), MAX_KEY_ORDER_CHARS).documentElement!;
  } catch (e) {
    throw new Refusal(BAD_DATA, e instanceof XmlReadError ? e.message : 'the order data is not XML');
  }
}

const X509_CHILDREN = new Set(['X509IssuerSerial', 'X509SKI', 'X509SubjectName', 'X509Certificate', 'X509CRL']);

/** The DER certificates of one `ds:X509Data`, whatever the order of its children. */
function certificatesOf(x509: Element): Buffer[] {
  const children = childElements(x509);
  if (children.length === 0) throw new Refusal(BAD_DATA, 'ds:X509Data is empty');
  const certificates: Buffer[] = [];
  for (const el of children) {
    if (el.namespaceURI !== XMLDSIG_NS) continue;
    if (!X509_CHILDREN.has(el.localName ?? '')) throw new Refusal(BAD_DATA, `ds:X509Data holds an unknown ds:${el.localName}`);
    if (el.localName === 'X509Certificate') certificates.push(base64Of(el, 'X509Certificate', BAD_DATA));
  }
  return certificates;
}

function readCertificate(der: Buffer): X509Certificate {
  try {
    return new X509Certificate(der);
  } catch {
    throw new Refusal('091219', 'the certificate cannot be read');
  }
}

function spki(key: KeyObject): Buffer {
  return (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
}

/**
 * The subscriber's own certificate among those sent: with a key value the
 * one carrying that key (091219 if none does), else the only one, or of a
 * chain the one that issued no other.
 */
function ownCertificate(sent: readonly Buffer[], keyValue: KeyObject | undefined): Buffer | null {
  const ders = sent.filter((der, i) => sent.findIndex((other) => other.equals(der)) === i);
  if (ders.length === 0) return null;
  if (keyValue) {
    const wanted = spki(keyValue);
    const match = ders.find((der) => spki(readCertificate(der).publicKey).equals(wanted));
    if (!match) throw new Refusal('091219', 'the certificate carries a different key than the key value');
    return match;
  }
  if (ders.length === 1) return ders[0]!;
  const certs = ders.map(readCertificate);
  const leaves = certs.filter((c, i) => !certs.some((other, j) => j !== i && other.checkIssued(c)));
  if (leaves.length !== 1) throw new Refusal('091219', 'ds:X509Data holds several certificates, none of them clearly the subscriber’s');
  return ders[certs.indexOf(leaves[0]!)]!;
}

function readKeyValue(pkv: Element, ns: string): KeyObject {
  const p = new Sequence(pkv, ns, BAD_DATA);
  const rsa = new Sequence(p.required('RSAKeyValue', XMLDSIG_NS), XMLDSIG_NS, BAD_DATA);
  const modulus = base64Of(rsa.required('Modulus'), 'Modulus', BAD_DATA);
  const exponent = base64Of(rsa.required('Exponent'), 'Exponent', BAD_DATA);
  rsa.end(false);
  p.optional('TimeStamp');
  p.end();
  try {
    return publicKeyFromModExp(modulus, exponent);
  } catch {
    throw new Refusal(BAD_DATA, 'the RSA key value cannot be read');
  }
}

/**
 * One `*PubKeyInfo`. H004: `ds:X509Data` (optional), `PubKeyValue`
 * (`ds:RSAKeyValue`, optional `TimeStamp`); H005: `ds:X509Data`. Then
 * elements of other namespaces (a `ds:X509Data` among them is read too:
 * the schema lets it through there), then the version element.
 */
function readPubKeyInfo(
  info: Element,
  version: EbicsVersion,
  ns: string,
  versionElement: string,
  purpose: Purpose,
  now: Date,
): { version: string; key: ReceivedKey } {
  const seq = new Sequence(info, ns, BAD_DATA);
  const x509 = [seq.optional('X509Data', XMLDSIG_NS)];
  const pkv = BANK_VERSIONS[version].keysAs === 'RSAKeyValue' ? seq.optional('PubKeyValue') : undefined;
  x509.push(...seq.others().filter((el) => el.namespaceURI === XMLDSIG_NS && el.localName === 'X509Data'));
  const keyVersion = text(seq.required(versionElement));
  seq.end();

  const fromValue = pkv ? readKeyValue(pkv, ns) : undefined;
  const certificate = ownCertificate(
    x509.flatMap((el) => (el ? certificatesOf(el) : [])),
    fromValue,
  );
  if (BANK_VERSIONS[version].keysAs === 'X509' && !certificate) throw new Refusal(BAD_DATA, `EBICS 3.0 sends keys as X.509 certificates (${versionElement})`);
  if (BANK_VERSIONS[version].keysAs === 'RSAKeyValue' && !fromValue) throw new Refusal(BAD_DATA, `PubKeyValue missing (${versionElement})`);

  let key = fromValue;
  if (certificate) {
    const cert = readCertificate(certificate);
    if (Date.parse(cert.validFrom) > now.getTime()) throw new Refusal('091209');
    if (Date.parse(cert.validTo) < now.getTime()) throw new Refusal('091208');
    try {
      key ??= certificatePublicKey(certificate);
    } catch {
      throw new Refusal('091219', 'the certificate cannot be read');
    }
  }
  if (!key) throw new Refusal(BAD_DATA, `no key in ${versionElement}`);
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
  const ns = BANK_VERSIONS[version].signatureNs;
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
  const ns = BANK_VERSIONS[version].ns;
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
  const info = BANK_VERSIONS[version];
  const ns = info.ns;
  if (root.localName !== 'HCSRequestOrderData' || root.namespaceURI !== ns) throw new Refusal(BAD_DATA, 'expected HCSRequestOrderData');
  const seq = new Sequence(root, ns, BAD_DATA);
  const auth = readPubKeyInfo(seq.required('AuthenticationPubKeyInfo'), version, ns, 'AuthenticationVersion', 'authentication', now);
  const enc = readPubKeyInfo(seq.required('EncryptionPubKeyInfo'), version, ns, 'EncryptionVersion', 'encryption', now);
  const sig = readPubKeyInfo(seq.required('SignaturePubKeyInfo', info.signatureNs), version, info.signatureNs, 'SignatureVersion', 'signature', now);
  const ids = readIds(seq);
  seq.end();
  if (auth.version !== 'X002') throw new Refusal('091202', auth.version);
  if (enc.version !== 'E002') throw new Refusal('091203', enc.version);
  checkDistinct([auth.key, enc.key, sig.key]);
  return { authentication: auth.key, encryption: enc.key, signatureVersion: signatureVersionOf(sig.version), signature: sig.key, ...ids };
}
