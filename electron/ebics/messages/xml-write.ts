/**
 * Writing EBICS documents with xmlbuilder2: the root element with its
 * namespaces and version attributes, the header parts every request shares,
 * and serialisation. User text only ever enters through `txt()` and attribute
 * values, which xmlbuilder2 escapes; nothing is concatenated.
 */
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { KontorError } from '../../../shared/errors';
import type { Product } from './params';
import { ALGORITHM, NS, VERSIONS, type EbicsVersion } from './versions';

export type { XMLBuilder };

export function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** A new document whose root is in `namespace` (as default namespace) with the given attributes. */
export function newDocument(namespace: string, rootName: string, attributes: Record<string, string> = {}, withDs = false): XMLBuilder {
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele(namespace, rootName, safeAttributes(attributes));
  if (withDs) root.att(NS.xmlns, 'xmlns:ds', NS.ds);
  return root;
}

/**
 * Root of an EBICS protocol message: default namespace of the version,
 * `xmlns:ds` declared on the root (the signer's inclusive C14N relies on it
 * being in scope), `Version` and `Revision`.
 */
export function ebicsRoot(version: EbicsVersion, rootName: string, withDs: boolean): XMLBuilder {
  const info = VERSIONS[version];
  return newDocument(info.namespace, rootName, { Version: info.versionAttribute, Revision: info.revision }, withDs);
}

/** Serialises the document the builder belongs to: UTF-8, XML declaration, no pretty-printing. */
export function finish(node: XMLBuilder): string {
  try {
    // Empty elements are written as start/end pairs (`<ds:DigestValue></ds:DigestValue>`),
    // the form the signing code and the known-answer vectors use.
    return node.doc().end({ prettyPrint: false, allowEmptyTags: true, wellFormed: true });
  } catch (e) {
    throw new KontorError('ebics.invalidParameter', `Cannot build the EBICS document: ${(e as Error).message}`, { field: '(text)' });
  }
}

/**
 * Prepares text for xmlbuilder2. Its serialiser escapes `<`, `>` and `"`, but
 * leaves an `&` alone when it looks like an entity reference (`&amp;`,
 * `&foo;`, `&#38;`): user text "AT&T;" would come out as an undefined entity
 * and "&lt;" would reach the bank as "<". Escaping every `&` first makes the
 * serialiser emit exactly `&amp;` for each one.
 */
export function xmlSafe(value: string): string {
  return value.replace(/&/g, '&amp;');
}

function safeAttributes(attributes: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!attributes) return undefined;
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, xmlSafe(v)]));
}

/** A child element (in the parent's namespace) with escaped attribute values. */
export function element(parent: XMLBuilder, name: string, attributes?: Record<string, string>): XMLBuilder {
  return parent.ele(name, safeAttributes(attributes));
}

/** A child element with text; text and attribute values are escaped. */
export function textElement(parent: XMLBuilder, name: string, value: string, attributes?: Record<string, string>): XMLBuilder {
  return parent.ele(name, safeAttributes(attributes)).txt(xmlSafe(value));
}

/** A child element in namespace `ns` (qualified name `qname`) with escaped text. */
export function nsTextElement(parent: XMLBuilder, ns: string, qname: string, value: string): XMLBuilder {
  return parent.ele(ns, qname).txt(xmlSafe(value));
}

/** `HostID` … `UserID`, `SystemID` as the static headers of all request types start. */
export interface HeaderIdentity {
  hostId: string;
  partnerId: string;
  userId: string;
  systemId?: string | undefined;
}

export function writeProduct(parent: XMLBuilder, product: Product): void {
  const attributes: Record<string, string> = { Language: product.language };
  if (product.instituteId !== undefined) attributes.InstituteID = product.instituteId;
  textElement(parent, 'Product', product.name, attributes);
}

export function writePartnerUserSystem(parent: XMLBuilder, p: HeaderIdentity): void {
  textElement(parent, 'PartnerID', p.partnerId);
  textElement(parent, 'UserID', p.userId);
  if (p.systemId !== undefined) textElement(parent, 'SystemID', p.systemId);
}

/** `BankPubKeyDigests` with the SHA-256 algorithm URI (the same in H004 and H005). */
export function writeBankPubKeyDigests(
  parent: XMLBuilder,
  d: { authentication: { version: string; digest: Uint8Array }; encryption: { version: string; digest: Uint8Array } },
): void {
  const el = parent.ele('BankPubKeyDigests');
  textElement(el, 'Authentication', b64(d.authentication.digest), { Version: d.authentication.version, Algorithm: ALGORITHM.sha256 });
  textElement(el, 'Encryption', b64(d.encryption.digest), { Version: d.encryption.version, Algorithm: ALGORITHM.sha256 });
}

/** `ds:X509Data` with one DER certificate. */
export function writeX509Data(parent: XMLBuilder, certificateDer: Uint8Array): void {
  nsTextElement(parent.ele(NS.ds, 'ds:X509Data'), NS.ds, 'ds:X509Certificate', b64(certificateDer));
}

/** Strips leading zero octets: ds:CryptoBinary is the unsigned big-endian integer, without sign byte. */
export function cryptoBinary(bytes: Uint8Array): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return b64(bytes.subarray(start));
}

/** `ds:RSAKeyValue` with `ds:Modulus` and `ds:Exponent`. */
export function writeRsaKeyValue(parent: XMLBuilder, modulus: Uint8Array, exponent: Uint8Array): void {
  const kv = parent.ele(NS.ds, 'ds:RSAKeyValue');
  nsTextElement(kv, NS.ds, 'ds:Modulus', cryptoBinary(modulus));
  nsTextElement(kv, NS.ds, 'ds:Exponent', cryptoBinary(exponent));
}
