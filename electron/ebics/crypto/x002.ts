/**
 * X002 authentication signature (XML-DSig in `AuthSignature`, between
 * `header` and `body`): DigestValue = base64 SHA-256 over the concatenated
 * inclusive C14N of every `authenticate="true"` element in document order;
 * SignatureValue = RSASSA-PKCS1-v1_5 / SHA-256 over C14N(ds:SignedInfo).
 */
import { createHash, createPublicKey, sign, timingSafeEqual, verify, constants, type KeyObject } from 'node:crypto';
import type { Document, Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { canonicalize } from './c14n';
import { childElements, descendantElements, parseXml } from './xml';

export const DS_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
export const C14N_ALGORITHM = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const RSA_SHA256_ALGORITHM = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256_DIGEST_ALGORITHM = 'http://www.w3.org/2001/04/xmlenc#sha256';
export const AUTHENTICATED_REFERENCE_URI = "#xpointer(//*[@authenticate='true'])";

export interface AuthSignatureXmlOptions {
  /**
   * Declare `xmlns:ds` on AuthSignature itself. Leave it off (the default)
   * when the root element declares `xmlns:ds="http://www.w3.org/2000/09/xmldsig#"`,
   * as the EBICS examples and banks' own messages do. Both forms canonicalise
   * correctly; the bank recomputes the digest from whatever we send.
   */
  declareDsNamespace?: boolean;
}

/**
 * The `AuthSignature` element, with empty DigestValue and SignatureValue, for
 * the message builders to place between `header` and `body`. AuthSignature
 * itself has no prefix, so it is in the message's default (EBICS) namespace;
 * its children are in the XML-DSig namespace with the prefix `ds`.
 */
export function authSignatureXml(options: AuthSignatureXmlOptions = {}): string {
  const ns = options.declareDsNamespace === true ? ` xmlns:ds="${DS_NAMESPACE}"` : '';
  return (
    `<AuthSignature${ns}>` +
    '<ds:SignedInfo>' +
    `<ds:CanonicalizationMethod Algorithm="${C14N_ALGORITHM}"/>` +
    `<ds:SignatureMethod Algorithm="${RSA_SHA256_ALGORITHM}"/>` +
    `<ds:Reference URI="${AUTHENTICATED_REFERENCE_URI}">` +
    `<ds:Transforms><ds:Transform Algorithm="${C14N_ALGORITHM}"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="${SHA256_DIGEST_ALGORITHM}"/>` +
    '<ds:DigestValue></ds:DigestValue>' +
    '</ds:Reference>' +
    '</ds:SignedInfo>' +
    '<ds:SignatureValue></ds:SignatureValue>' +
    '</AuthSignature>'
  );
}

/** `//*[@authenticate='true']`: the elements covered by the digest, in document order. */
export function authenticatedElements(doc: Document): Element[] {
  const root = doc.documentElement;
  if (root === null) return [];
  return descendantElements(root).filter((el) => el.getAttribute('authenticate') === 'true');
}

function digestBytes(doc: Document): Buffer {
  const hash = createHash('sha256');
  for (const el of authenticatedElements(doc)) hash.update(canonicalize(el), 'utf8');
  return hash.digest();
}

/** The DigestValue (base64) a document's authenticated elements call for. */
export function digestOf(xml: string | Document): string {
  return digestBytes(typeof xml === 'string' ? parseXml(xml) : xml).toString('base64');
}

const NO_AUTH_SIGNATURE = 'no AuthSignature element';

interface SignatureParts {
  signedInfo: Element;
  digestValue: Element;
  signatureValue: Element;
}

/** Why a signature structure is unusable, or the parts. */
function findSignature(doc: Document): SignatureParts | string {
  const root = doc.documentElement;
  if (root === null) return 'no root element';
  const authSignatures = childElements(root).filter((el) => el.localName === 'AuthSignature');
  const authSignature = authSignatures[0];
  if (authSignature === undefined) return NO_AUTH_SIGNATURE;
  if (authSignatures.length > 1) return 'more than one AuthSignature element';
  const ds = (parent: Element, name: string): Element[] => childElements(parent).filter((el) => el.localName === name && el.namespaceURI === DS_NAMESPACE);
  const one = (parent: Element, name: string): Element | string => {
    const found = ds(parent, name);
    return found.length === 1 && found[0] !== undefined ? found[0] : `expected exactly one ds:${name} in ${parent.localName}`;
  };
  const signedInfo = one(authSignature, 'SignedInfo');
  if (typeof signedInfo === 'string') return signedInfo;
  const signatureValue = one(authSignature, 'SignatureValue');
  if (typeof signatureValue === 'string') return signatureValue;
  const c14nMethod = one(signedInfo, 'CanonicalizationMethod');
  if (typeof c14nMethod === 'string') return c14nMethod;
  if (c14nMethod.getAttribute('Algorithm') !== C14N_ALGORITHM) return 'unsupported CanonicalizationMethod';
  const signatureMethod = one(signedInfo, 'SignatureMethod');
  if (typeof signatureMethod === 'string') return signatureMethod;
  if (signatureMethod.getAttribute('Algorithm') !== RSA_SHA256_ALGORITHM) return 'unsupported SignatureMethod';
  const reference = one(signedInfo, 'Reference');
  if (typeof reference === 'string') return reference;
  if (reference.getAttribute('URI') !== AUTHENTICATED_REFERENCE_URI) return 'unsupported Reference URI';
  const transformsList = ds(reference, 'Transforms');
  if (transformsList.length > 1) return 'more than one ds:Transforms';
  for (const transforms of transformsList) {
    const transformList = ds(transforms, 'Transform');
    if (transformList.length !== 1 || transformList[0]?.getAttribute('Algorithm') !== C14N_ALGORITHM) return 'unsupported Transforms';
  }
  const digestMethod = one(reference, 'DigestMethod');
  if (typeof digestMethod === 'string') return digestMethod;
  if (digestMethod.getAttribute('Algorithm') !== SHA256_DIGEST_ALGORITHM) return 'unsupported DigestMethod';
  const digestValue = one(reference, 'DigestValue');
  if (typeof digestValue === 'string') return digestValue;
  return { signedInfo, digestValue, signatureValue };
}

function setText(doc: Document, el: Element, text: string): void {
  while (el.firstChild !== null) el.removeChild(el.firstChild);
  el.appendChild(doc.createTextNode(text));
}

/**
 * Put `value` as the only content of the single element named `localName`
 * (any prefix) in the serialized document, leaving every other byte alone.
 */
function substituteElementText(xml: string, localName: string, value: string): string {
  const pattern = new RegExp(`<((?:[A-Za-z_][\\w.-]*:)?)${localName}(\\s[^>]*?)?\\s*(?:/>|>[^<]*</\\1${localName}\\s*>)`, 'g');
  const matches = xml.match(pattern) ?? [];
  if (matches.length !== 1) throw new Error(`signRequest: expected one ${localName} element, found ${matches.length}`);
  return xml.replace(pattern, (_m, prefix: string, attrs: string | undefined) => `<${prefix}${localName}${attrs ?? ''}>${value}</${prefix}${localName}>`);
}

/**
 * Fill DigestValue and SignatureValue of a request whose AuthSignature is in
 * place with empty values. Returns the document with only those two text
 * nodes changed, byte for byte.
 */
export function signRequest(xml: string, authKey: KeyObject): string {
  if (authKey.type !== 'private') throw new TypeError('signRequest needs the private X002 key');
  const doc = parseXml(xml);
  const parts = findSignature(doc);
  if (typeof parts === 'string') throw new Error(`signRequest: ${parts}`);
  if (authenticatedElements(doc).length === 0) throw new Error('signRequest: no element has authenticate="true"');

  const digest = digestBytes(doc).toString('base64');
  setText(doc, parts.digestValue, digest);
  const signedInfo = canonicalize(parts.signedInfo);
  const signature = sign('sha256', Buffer.from(signedInfo, 'utf8'), { key: authKey, padding: constants.RSA_PKCS1_PADDING }).toString('base64');

  const signed = substituteElementText(substituteElementText(xml, 'DigestValue', digest), 'SignatureValue', signature);

  // The substitution works on text; confirm on the final document that the
  // values sit where the bank will look and still match what they cover.
  const check = parseXml(signed);
  const checkParts = findSignature(check);
  if (
    typeof checkParts === 'string' ||
    checkParts.digestValue.textContent !== digest ||
    checkParts.signatureValue.textContent !== signature ||
    digestBytes(check).toString('base64') !== digest ||
    canonicalize(checkParts.signedInfo) !== signedInfo
  ) {
    throw new Error('signRequest: the signed document does not reproduce its own signature');
  }
  return signed;
}

function refuse(reason: string, message: string): never {
  throw new KontorError('ebics.badBankSignature', message, { reason });
}

function decodeBase64Strict(text: string): Buffer | null {
  const compact = text.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return null;
  return Buffer.from(compact, 'base64');
}

/**
 * Check the bank's X002 signature on a response with the bank's validated
 * X002 public key; throws KontorError('ebics.badBankSignature') when the
 * signature is missing, malformed, or does not match the digest or the key.
 */
export function verifyResponse(xml: string, bankAuthKey: KeyObject): void {
  const doc = parseXml(xml);
  const parts = findSignature(doc);
  if (typeof parts === 'string') {
    refuse(parts === NO_AUTH_SIGNATURE ? 'missing' : 'malformed', `The bank's response has no usable authentication signature (${parts}).`);
  }
  if (authenticatedElements(doc).length === 0) refuse('missing', "The bank's response authenticates no element.");

  const claimedDigest = decodeBase64Strict(parts.digestValue.textContent ?? '');
  const actualDigest = digestBytes(doc);
  if (claimedDigest === null || claimedDigest.length !== actualDigest.length || !timingSafeEqual(claimedDigest, actualDigest)) {
    refuse('digest', "The bank's response was altered: its content does not match the signed digest.");
  }

  const signature = decodeBase64Strict(parts.signatureValue.textContent ?? '');
  if (signature === null) refuse('signature', "The bank's response carries an unreadable signature value.");
  const publicKey = bankAuthKey.type === 'private' ? createPublicKey(bankAuthKey) : bankAuthKey;
  let valid = false;
  try {
    valid = verify('sha256', Buffer.from(canonicalize(parts.signedInfo), 'utf8'), { key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    valid = false;
  }
  if (!valid) refuse('signature', "The bank's signature on its response does not match the bank's authentication key.");
}
