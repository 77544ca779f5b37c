/**
 * `HPBResponseOrderData`, the decrypted and inflated order data of HPB: the
 * bank's authentication (X002) and encryption (E002) public keys. H004 banks
 * send `PubKeyValue/ds:RSAKeyValue` (sometimes also a certificate); H005 banks
 * send `ds:X509Data` certificates, from which the crypto code takes the key.
 */
import type { Element } from '@xmldom/xmldom';
import { KontorError } from '../../../shared/errors';
import { NS, versionOfNamespace, type EbicsVersion } from './versions';
import { base64Bytes, child, childElements, childrenNamed, parseXmlSafely, text, type ReadOptions } from './xml-read';

export interface BankPublicKey {
  /** `X002` / `E002` as the bank declares it. */
  version: string;
  /** Unsigned big-endian integer, leading zero bytes removed (banks often send a sign byte). */
  modulus?: Buffer | undefined;
  exponent?: Buffer | undefined;
  /** DER certificates from `ds:X509Data`, in document order. */
  certificates: Buffer[];
  /** `PubKeyValue/TimeStamp` when present. */
  timestamp?: string | undefined;
}

export interface HpbOrderData {
  version: EbicsVersion | 'H003';
  hostId: string;
  authentication: BankPublicKey;
  encryption: BankPublicKey;
}

function invalid(detail: string): KontorError {
  return new KontorError('ebics.bankKeysInvalid', `The bank keys (HPB) could not be read: ${detail}.`, { detail });
}

function stripLeadingZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0) i++;
  return b.subarray(i);
}

function readKey(info: Element | undefined, ns: string, versionElement: string, label: string): BankPublicKey {
  if (!info) throw invalid(`no ${label} key`);
  const version = text(child(info, ns, versionElement));
  if (!version) throw invalid(`no ${versionElement}`);
  const certificates = childrenNamed(info, NS.ds, 'X509Data')
    .flatMap((x) => childrenNamed(x, NS.ds, 'X509Certificate'))
    .map((c) => base64Bytes(c) ?? Buffer.alloc(0))
    .filter((c) => c.length > 0);
  // PubKeyValue is in the EBICS namespace; accept it in any namespace to be lenient with H005 banks.
  const pkv = childElements(info).find((e) => e.localName === 'PubKeyValue');
  const rsa = pkv ? child(pkv, NS.ds, 'RSAKeyValue') : undefined;
  const modulus = base64Bytes(child(rsa, NS.ds, 'Modulus'));
  const exponent = base64Bytes(child(rsa, NS.ds, 'Exponent'));
  const timestamp = pkv ? text(childElements(pkv).find((e) => e.localName === 'TimeStamp')) : undefined;
  const hasRsa = modulus !== undefined && modulus.length > 0 && exponent !== undefined && exponent.length > 0;
  if (!hasRsa && certificates.length === 0) throw invalid(`the ${label} key has neither an RSA key value nor a certificate`);
  return {
    version,
    modulus: hasRsa ? stripLeadingZeros(modulus) : undefined,
    exponent: hasRsa ? stripLeadingZeros(exponent) : undefined,
    certificates,
    timestamp,
  };
}

/** Parses decrypted HPB order data (XML text or bytes). */
export function parseHpbOrderData(xml: string | Uint8Array, options?: ReadOptions): HpbOrderData {
  const doc = parseXmlSafely(xml, 'bank key data (HPB)', options);
  const root = doc.documentElement;
  const version = versionOfNamespace(root?.namespaceURI);
  if (!root || !version || root.localName !== 'HPBResponseOrderData') {
    throw new KontorError('ebics.responseUnexpected', 'The HPB order data is not an HPBResponseOrderData document.', { root: root?.localName ?? '' });
  }
  const ns = root.namespaceURI as string;
  const hostId = text(child(root, ns, 'HostID'));
  if (!hostId) throw invalid('no HostID');
  return {
    version,
    hostId,
    authentication: readKey(child(root, ns, 'AuthenticationPubKeyInfo'), ns, 'AuthenticationVersion', 'authentication'),
    encryption: readKey(child(root, ns, 'EncryptionPubKeyInfo'), ns, 'EncryptionVersion', 'encryption'),
  };
}
