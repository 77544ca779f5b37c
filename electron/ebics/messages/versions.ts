/**
 * The two EBICS schema versions Kontor speaks, and what differs between them
 * on the wire. Everything version-specific that is a constant lives here;
 * builders read it instead of branching on version strings.
 */

export const EBICS_VERSIONS = ['H004', 'H005'] as const;
/** H004 = EBICS 2.5, H005 = EBICS 3.0. */
export type EbicsVersion = (typeof EBICS_VERSIONS)[number];

export const NS = {
  ds: 'http://www.w3.org/2000/09/xmldsig#',
  hev: 'http://www.ebics.org/H000',
  /** EBICS 2.4; read (never written) because some banks and fixtures still answer with it. */
  h003: 'http://www.ebics.org/H003',
  xmlns: 'http://www.w3.org/2000/xmlns/',
} as const;

export const ALGORITHM = {
  c14n: 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315',
  rsaSha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  sha256: 'http://www.w3.org/2001/04/xmlenc#sha256',
} as const;

export interface VersionInfo {
  readonly version: EbicsVersion;
  /** The EBICS release the schema version belongs to, as HEV reports it. */
  readonly release: string;
  readonly namespace: string;
  /** `Version` attribute on every root element. */
  readonly versionAttribute: EbicsVersion;
  /** `Revision` attribute on every root element. */
  readonly revision: '1';
  /** Namespace of `UserSignatureData` and `SignaturePubKeyOrderData`. */
  readonly signatureNamespace: string;
  readonly signatureSchema: 'S001' | 'S002';
  /**
   * How an order is named in `OrderDetails`: H004 `OrderType` + `OrderAttribute`,
   * H005 `AdminOrderType` (BTU/BTD carry a `Service` block instead of an order type).
   */
  readonly orderAddressing: 'OrderType+OrderAttribute' | 'AdminOrderType+Service';
  /**
   * How subscriber and bank public keys travel: H004 as `PubKeyValue/ds:RSAKeyValue`
   * (certificate optional), H005 only as `ds:X509Data` certificates.
   */
  readonly publicKeys: 'RSAKeyValue' | 'X509';
  /** H005 upload initialisation carries `DataDigest` (SHA-256 of the order data). */
  readonly uploadDataDigest: boolean;
}

export const VERSIONS: Readonly<Record<EbicsVersion, VersionInfo>> = {
  H004: {
    version: 'H004',
    release: '02.50',
    namespace: 'urn:org:ebics:H004',
    versionAttribute: 'H004',
    revision: '1',
    signatureNamespace: 'http://www.ebics.org/S001',
    signatureSchema: 'S001',
    orderAddressing: 'OrderType+OrderAttribute',
    publicKeys: 'RSAKeyValue',
    uploadDataDigest: false,
  },
  H005: {
    version: 'H005',
    release: '03.00',
    namespace: 'urn:org:ebics:H005',
    versionAttribute: 'H005',
    revision: '1',
    signatureNamespace: 'http://www.ebics.org/S002',
    signatureSchema: 'S002',
    orderAddressing: 'AdminOrderType+Service',
    publicKeys: 'X509',
    uploadDataDigest: true,
  },
};

export function isEbicsVersion(value: unknown): value is EbicsVersion {
  return value === 'H004' || value === 'H005';
}

/** The schema version a namespace belongs to; H003 is recognised for reading only. */
export function versionOfNamespace(namespace: string | null | undefined): EbicsVersion | 'H003' | undefined {
  if (namespace === VERSIONS.H004.namespace) return 'H004';
  if (namespace === VERSIONS.H005.namespace) return 'H005';
  if (namespace === NS.h003) return 'H003';
  return undefined;
}
