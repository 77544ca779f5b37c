/**
 * The two EBICS schema versions as the bank reads and answers them, written
 * from the schemas (ebics_H004.xsd, ebics_H005.xsd and their S001/S002
 * signature schemas), not taken from the client.
 */

/** H004 = EBICS 2.5, H005 = EBICS 3.0. */
export type EbicsVersion = 'H004' | 'H005';

export { XMLDSIG_NS } from '../xml/write';
/** `ebicsHEVRequest` / `ebicsHEVResponse` carry no version: their own namespace. */
export const HEV_NS = 'http://www.ebics.org/H000';

/** XML-DSig algorithm identifiers EBICS prescribes for X002 and the key digests. */
export const C14N_URI = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const RSA_SHA256_URI = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';
export const SHA256_URI = 'http://www.w3.org/2001/04/xmlenc#sha256';

export interface BankVersion {
  /** Namespace of the protocol messages and of the order data documents (HPB, HTD, HIA, …). */
  readonly ns: string;
  /** Namespace of `UserSignatureData` and `SignaturePubKeyOrderData`. */
  readonly signatureNs: string;
  /** The release HEV names for the version. */
  readonly release: string;
  /** H004 carries keys as `PubKeyValue/ds:RSAKeyValue` (a certificate may come along); H005 only as X.509 certificates. */
  readonly keysAs: 'RSAKeyValue' | 'X509';
}

export const BANK_VERSIONS: Readonly<Record<EbicsVersion, BankVersion>> = {
  H004: { ns: 'urn:org:ebics:H004', signatureNs: 'http://www.ebics.org/S001', release: '02.50', keysAs: 'RSAKeyValue' },
  H005: { ns: 'urn:org:ebics:H005', signatureNs: 'http://www.ebics.org/S002', release: '03.00', keysAs: 'X509' },
};

/** The version whose protocol namespace `ns` is; undefined for anything else (H003 included: the bank does not speak it). */
export function versionOf(ns: string | null | undefined): EbicsVersion | undefined {
  if (ns === BANK_VERSIONS.H004.ns) return 'H004';
  if (ns === BANK_VERSIONS.H005.ns) return 'H005';
  return undefined;
}
