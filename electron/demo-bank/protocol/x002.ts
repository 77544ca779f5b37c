/**
 * X002, the authentication signature, as the bank places and checks it:
 * `AuthSignature` between `header` and `body` holds an XML-DSig
 * `ds:SignedInfo` with one reference, `#xpointer(//*[@authenticate='true'])`.
 * Its digest is SHA-256 over the inclusive C14N 1.0 of every element that
 * carries `authenticate="true"`, one after the other in document order; the
 * signature is RSASSA-PKCS1-v1_5 with SHA-256 over the C14N of
 * `ds:SignedInfo` once the digest is in it.
 *
 * Canonicalisation is the one primitive shared with Kontor's client
 * (`ebics/crypto/c14n`); which elements are covered, where the values go and
 * what a usable signature looks like are decided here, so a mistake in the
 * client's signer fails against the bank instead of agreeing with itself.
 */
import { constants, createHash, createPublicKey, sign, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { canonicalize } from '../../ebics/crypto/c14n';
import { childElements, elementsInOrder, readXml } from '../xml/read';
import { child, dsChild, type XMLBuilder } from '../xml/write';
import { C14N_URI, RSA_SHA256_URI, SHA256_URI, XMLDSIG_NS } from './versions';

/** The attribute that puts an element under the signature. */
export const AUTHENTICATE = { authenticate: 'true' } as const;
export const AUTHENTICATED_URI = "#xpointer(//*[@authenticate='true'])";

/** Every element with an unqualified `authenticate` attribute of "true", the root included, in document order. */
export function authenticatedElements(doc: Document): Element[] {
  const root = doc.documentElement;
  if (root === null) return [];
  return elementsInOrder(root).filter((el) => el.getAttributeNS(null, 'authenticate') === 'true');
}

/** The DigestValue a document calls for: SHA-256 over the concatenated canonical forms. */
export function authDigest(doc: Document): Buffer {
  const hash = createHash('sha256');
  for (const el of authenticatedElements(doc)) hash.update(canonicalize(el), 'utf8');
  return hash.digest();
}

/** `AuthSignature` with empty values, for the bank's own answers; `signResponse` fills them. */
export function writeAuthSignature(parent: XMLBuilder): void {
  const signature = child(parent, 'AuthSignature');
  const info = dsChild(signature, 'SignedInfo');
  dsChild(info, 'CanonicalizationMethod', undefined, { Algorithm: C14N_URI });
  dsChild(info, 'SignatureMethod', undefined, { Algorithm: RSA_SHA256_URI });
  const reference = dsChild(info, 'Reference', undefined, { URI: AUTHENTICATED_URI });
  dsChild(dsChild(reference, 'Transforms'), 'Transform', undefined, { Algorithm: C14N_URI });
  dsChild(reference, 'DigestMethod', undefined, { Algorithm: SHA256_URI });
  dsChild(reference, 'DigestValue');
  dsChild(signature, 'SignatureValue');
}

interface SignatureParts {
  signedInfo: Element;
  digestValue: Element;
  signatureValue: Element;
}

function dsChildren(parent: Element, localName: string): Element[] {
  return childElements(parent).filter((el) => el.namespaceURI === XMLDSIG_NS && el.localName === localName);
}

function onlyChild(parent: Element, localName: string): Element | string {
  const found = dsChildren(parent, localName);
  return found.length === 1 ? found[0]! : `ds:${localName} must occur once in ${parent.localName}`;
}

function algorithmIs(parent: Element, localName: string, uri: string): string | null {
  const el = onlyChild(parent, localName);
  if (typeof el === 'string') return el;
  return el.getAttribute('Algorithm') === uri ? null : `ds:${localName} names an algorithm EBICS does not use`;
}

/**
 * The parts of the root's AuthSignature, or why it is no X002 signature:
 * C14N 1.0, RSA-SHA256, exactly one reference to the authenticated
 * elements, its transforms (if any) C14N 1.0, digest SHA-256.
 */
function readAuthSignature(doc: Document): SignatureParts | string {
  const root = doc.documentElement;
  if (root === null) return 'no root element';
  const holders = childElements(root).filter((el) => el.localName === 'AuthSignature' && el.namespaceURI === root.namespaceURI);
  if (holders.length !== 1) return holders.length === 0 ? 'no AuthSignature' : 'more than one AuthSignature';
  const holder = holders[0]!;
  const signedInfo = onlyChild(holder, 'SignedInfo');
  if (typeof signedInfo === 'string') return signedInfo;
  const signatureValue = onlyChild(holder, 'SignatureValue');
  if (typeof signatureValue === 'string') return signatureValue;
  const wrongAlgorithm = algorithmIs(signedInfo, 'CanonicalizationMethod', C14N_URI) ?? algorithmIs(signedInfo, 'SignatureMethod', RSA_SHA256_URI);
  if (wrongAlgorithm !== null) return wrongAlgorithm;
  const reference = onlyChild(signedInfo, 'Reference');
  if (typeof reference === 'string') return reference;
  if (reference.getAttribute('URI') !== AUTHENTICATED_URI) return 'the reference does not select the authenticated elements';
  const transformLists = dsChildren(reference, 'Transforms');
  if (transformLists.length > 1) return 'ds:Transforms occurs more than once';
  for (const list of transformLists) {
    const transforms = dsChildren(list, 'Transform');
    if (transforms.length === 0 || transforms.some((t) => t.getAttribute('Algorithm') !== C14N_URI)) return 'a transform other than C14N 1.0';
  }
  const wrongDigest = algorithmIs(reference, 'DigestMethod', SHA256_URI);
  if (wrongDigest !== null) return wrongDigest;
  const digestValue = onlyChild(reference, 'DigestValue');
  if (typeof digestValue === 'string') return digestValue;
  return { signedInfo, digestValue, signatureValue };
}

function pkcs1(key: KeyObject): { key: KeyObject; padding: number } {
  return { key, padding: constants.RSA_PKCS1_PADDING };
}

/**
 * Computes both values for a document whose AuthSignature is in place:
 * the digest goes into the DOM's DigestValue (the signature covers it), the
 * signature is returned alongside.
 */
export function authSignatureValues(doc: Document, privateKey: KeyObject): { digestValue: string; signatureValue: string } {
  const parts = readAuthSignature(doc);
  if (typeof parts === 'string') throw new Error(`X002: ${parts}`);
  if (authenticatedElements(doc).length === 0) throw new Error('X002: no element has authenticate="true"');
  const digestValue = authDigest(doc).toString('base64');
  while (parts.digestValue.firstChild !== null) parts.digestValue.removeChild(parts.digestValue.firstChild);
  parts.digestValue.appendChild(doc.createTextNode(digestValue));
  const signatureValue = sign('sha256', Buffer.from(canonicalize(parts.signedInfo), 'utf8'), pkcs1(privateKey)).toString('base64');
  return { digestValue, signatureValue };
}

/** Puts `value` into the one empty `<qname></qname>` of `xml` (the form xml/write.ts gives an empty element). */
function fillEmpty(xml: string, qname: string, value: string): string {
  const empty = `<${qname}></${qname}>`;
  const at = xml.indexOf(empty);
  if (at < 0 || xml.indexOf(empty, at + empty.length) >= 0) throw new Error(`X002: expected one empty ${qname}`);
  return `${xml.slice(0, at)}<${qname}>${value}</${qname}>${xml.slice(at + empty.length)}`;
}

/** Largest answer the bank signs: a download segment of at most a few MB plus its envelope. */
const MAX_SIGNED_CHARS = 64 * 1024 * 1024;

/**
 * Signs one of the bank's own answers (written with `writeAuthSignature`):
 * the two values are computed on the parsed document and written into the
 * text as it is, so nothing else of the answer changes.
 */
export function signResponse(xml: string, privateKey: KeyObject): string {
  if (privateKey.type !== 'private') throw new TypeError('signResponse needs the bank’s private X002 key');
  const { digestValue, signatureValue } = authSignatureValues(readXml(xml, MAX_SIGNED_CHARS), privateKey);
  return fillEmpty(fillEmpty(xml, 'ds:DigestValue', digestValue), 'ds:SignatureValue', signatureValue);
}

export type AuthCheck = { ok: true } | { ok: false; reason: string };

function strictBase64(text: string): Buffer | null {
  const compact = text.replace(/[ \t\r\n]+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/** Whether the X002 signature of a received document verifies under the sender's authentication key. */
export function checkAuthSignature(doc: Document, publicKey: KeyObject): AuthCheck {
  const parts = readAuthSignature(doc);
  if (typeof parts === 'string') return { ok: false, reason: parts };
  if (authenticatedElements(doc).length === 0) return { ok: false, reason: 'no element is authenticated' };
  const stated = strictBase64(parts.digestValue.textContent ?? '');
  const actual = authDigest(doc);
  if (stated === null || stated.length !== actual.length || !timingSafeEqual(stated, actual))
    return { ok: false, reason: 'the digest does not match the authenticated elements' };
  const signature = strictBase64(parts.signatureValue.textContent ?? '');
  if (signature === null) return { ok: false, reason: 'the signature value is not base64' };
  const key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  let valid: boolean;
  try {
    valid = verify('sha256', Buffer.from(canonicalize(parts.signedInfo), 'utf8'), pkcs1(key), signature);
  } catch {
    valid = false;
  }
  return valid ? { ok: true } : { ok: false, reason: 'the signature does not verify with the key' };
}
