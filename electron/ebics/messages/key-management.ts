/**
 * Key management messages: INI and HIA (`ebicsUnsecuredRequest`, order data
 * deflated and base64-encoded, no nonce, no timestamp, not signed), HPB
 * (`ebicsNoPubKeyDigestsRequest`, signed), and the order-data documents that
 * carry subscriber public keys: `SignaturePubKeyOrderData` (INI, PUB),
 * `HIARequestOrderData` (HIA), `HCARequestOrderData` (HCA) and
 * `HCSRequestOrderData` (HCS). PUB, HCA and HCS themselves are ordinary signed
 * uploads: build them with `buildUploadInitialisation` and
 * `keyManagementOrder('PUB' | 'HCA' | 'HCS', version)`.
 *
 * H004 sends keys as `ds:RSAKeyValue` (modulus, exponent; certificate
 * optional); H005 only as `ds:X509Data` certificates (self-signed accepted).
 */
import { deflateSync } from 'node:zlib';
import { z } from 'zod';
import { AUTHENTICATE, appendAuthSignature } from './auth-signature';
import {
  bytesSchema,
  check,
  securedFields,
  signatureVersionSchema,
  subscriberFields,
  subscriberIdSchema,
  utcTimestampSchema,
  versionSchema,
  type Product,
} from './params';
import { NS, VERSIONS, type EbicsVersion } from './versions';
import {
  b64,
  ebicsRoot,
  finish,
  newDocument,
  nsTextElement,
  textElement,
  writePartnerUserSystem,
  writeProduct,
  writeRsaKeyValue,
  writeX509Data,
  type XMLBuilder,
} from './xml-write';

/** A subscriber public key: modulus/exponent for H004, the DER certificate for H005 (optional in H004). */
export const subscriberPublicKeySchema = z.object({
  modulus: bytesSchema.optional(),
  exponent: bytesSchema.optional(),
  certificate: bytesSchema.optional(),
});
export type SubscriberPublicKey = z.input<typeof subscriberPublicKeySchema>;

function keyFor(version: EbicsVersion, field: string) {
  return subscriberPublicKeySchema.superRefine((k, ctx) => {
    if (VERSIONS[version].publicKeys === 'X509') {
      if (!k.certificate || k.certificate.length === 0)
        ctx.addIssue({ code: 'custom', message: `needs an X.509 certificate for ${version}`, path: [field, 'certificate'] });
    } else {
      if (!k.modulus || k.modulus.length === 0) ctx.addIssue({ code: 'custom', message: `needs the RSA modulus for ${version}`, path: [field, 'modulus'] });
      if (!k.exponent || k.exponent.length === 0) ctx.addIssue({ code: 'custom', message: `needs the RSA exponent for ${version}`, path: [field, 'exponent'] });
    }
  });
}

type Key = z.output<typeof subscriberPublicKeySchema>;

/**
 * The content of a `*PubKeyInfo` element: `ds:X509Data` (H005 always, H004
 * when a certificate is given), for H004 `PubKeyValue` with the RSA key and
 * its time stamp, then the version element. `ns` is the namespace of
 * `PubKeyValue`/`TimeStamp`/the version element (EBICS or S00x).
 */
function writePubKeyInfo(
  info: XMLBuilder,
  version: EbicsVersion,
  ns: string,
  prefix: string,
  key: Key,
  versionElement: string,
  versionValue: string,
  timestamp?: string,
): void {
  const q = (name: string) => (prefix ? `${prefix}:${name}` : name);
  if (key.certificate) writeX509Data(info, key.certificate);
  if (VERSIONS[version].publicKeys === 'RSAKeyValue' && key.modulus && key.exponent) {
    const pkv = info.ele(ns, q('PubKeyValue'));
    writeRsaKeyValue(pkv, key.modulus, key.exponent);
    if (timestamp !== undefined) nsTextElement(pkv, ns, q('TimeStamp'), timestamp);
  }
  nsTextElement(info, ns, q(versionElement), versionValue);
}

// ---------------------------------------------------------------- order data

const orderDataBase = {
  version: versionSchema,
  partnerId: subscriberIdSchema,
  userId: subscriberIdSchema,
  /** Creation time of the keys (H004 `PubKeyValue/TimeStamp`); UTC ISO string. */
  timestamp: utcTimestampSchema.optional(),
};

const signatureKeyParams = z.object({ ...orderDataBase, signatureVersion: signatureVersionSchema, key: subscriberPublicKeySchema });
export type SignaturePubKeyOrderDataParams = z.input<typeof signatureKeyParams>;

/** `SignaturePubKeyOrderData` (S001 for H004, S002 for H005): the order data of INI and PUB. */
export function buildSignaturePubKeyOrderData(params: SignaturePubKeyOrderDataParams): string {
  const p = check(signatureKeyParams, params, 'signature key order data');
  const key = check(keyFor(p.version, 'key'), p.key, 'signature key order data');
  const ns = VERSIONS[p.version].signatureNamespace;
  const root = newDocument(ns, 'SignaturePubKeyOrderData', {}, true);
  writePubKeyInfo(root.ele('SignaturePubKeyInfo'), p.version, ns, '', key, 'SignatureVersion', p.signatureVersion, p.timestamp);
  textElement(root, 'PartnerID', p.partnerId);
  textElement(root, 'UserID', p.userId);
  return finish(root);
}

const authEncParams = z.object({ ...orderDataBase, authentication: subscriberPublicKeySchema, encryption: subscriberPublicKeySchema });
export type AuthEncOrderDataParams = z.input<typeof authEncParams>;

const allKeysParams = authEncParams.extend({ signature: subscriberPublicKeySchema, signatureVersion: signatureVersionSchema });
export type AllKeysOrderDataParams = z.input<typeof allKeysParams>;

type RootName = 'HIARequestOrderData' | 'HCARequestOrderData' | 'HCSRequestOrderData';

function buildKeysOrderData(rootName: RootName, p: z.output<typeof allKeysParams> | z.output<typeof authEncParams>, what: string): string {
  const info = VERSIONS[p.version];
  const ns = info.namespace;
  const root = newDocument(ns, rootName, {}, true);
  const auth = check(keyFor(p.version, 'authentication'), p.authentication, what);
  const enc = check(keyFor(p.version, 'encryption'), p.encryption, what);
  writePubKeyInfo(root.ele('AuthenticationPubKeyInfo'), p.version, ns, '', auth, 'AuthenticationVersion', 'X002', p.timestamp);
  writePubKeyInfo(root.ele('EncryptionPubKeyInfo'), p.version, ns, '', enc, 'EncryptionVersion', 'E002', p.timestamp);
  if ('signature' in p) {
    const sig = check(keyFor(p.version, 'signature'), p.signature, what);
    root.att(NS.xmlns, 'xmlns:esig', info.signatureNamespace);
    const sigInfo = root.ele(info.signatureNamespace, 'esig:SignaturePubKeyInfo');
    writePubKeyInfo(sigInfo, p.version, info.signatureNamespace, 'esig', sig, 'SignatureVersion', p.signatureVersion, p.timestamp);
  }
  textElement(root, 'PartnerID', p.partnerId);
  textElement(root, 'UserID', p.userId);
  return finish(root);
}

/** `HIARequestOrderData`: authentication (X002) and encryption (E002) key, for HIA. */
export function buildHiaOrderData(params: AuthEncOrderDataParams): string {
  return buildKeysOrderData('HIARequestOrderData', check(authEncParams, params, 'HIA order data'), 'HIA order data');
}

/** `HCARequestOrderData`: new authentication and encryption keys, for HCA. */
export function buildHcaOrderData(params: AuthEncOrderDataParams): string {
  return buildKeysOrderData('HCARequestOrderData', check(authEncParams, params, 'HCA order data'), 'HCA order data');
}

/** `HCSRequestOrderData`: all three new keys, for HCS. */
export function buildHcsOrderData(params: AllKeysOrderDataParams): string {
  return buildKeysOrderData('HCSRequestOrderData', check(allKeysParams, params, 'HCS order data'), 'HCS order data');
}

// ---------------------------------------------------------------- requests

/** base64(zlib-deflate(UTF-8 XML)): how INI and HIA carry their order data. */
export function deflatedOrderData(orderDataXml: string): string {
  return b64(deflateSync(Buffer.from(orderDataXml, 'utf8')));
}

interface UnsecuredHeader {
  version: EbicsVersion;
  hostId: string;
  partnerId: string;
  userId: string;
  systemId?: string | undefined;
  product: Product;
  securityMedium: string;
}

function buildUnsecuredRequest(h: UnsecuredHeader, orderType: 'INI' | 'HIA', orderDataXml: string): string {
  const root = ebicsRoot(h.version, 'ebicsUnsecuredRequest', false);
  const header = root.ele('header', AUTHENTICATE);
  const st = header.ele('static');
  textElement(st, 'HostID', h.hostId);
  writePartnerUserSystem(st, h);
  writeProduct(st, h.product);
  const details = st.ele('OrderDetails');
  if (h.version === 'H004') {
    textElement(details, 'OrderType', orderType);
    textElement(details, 'OrderAttribute', 'DZNNN');
  } else {
    textElement(details, 'AdminOrderType', orderType);
  }
  textElement(st, 'SecurityMedium', h.securityMedium);
  header.ele('mutable');
  textElement(root.ele('body').ele('DataTransfer'), 'OrderData', deflatedOrderData(orderDataXml));
  return finish(root);
}

const iniParams = z.object({
  ...subscriberFields,
  signatureVersion: signatureVersionSchema,
  key: subscriberPublicKeySchema,
  timestamp: utcTimestampSchema.optional(),
});
export type IniRequestParams = z.input<typeof iniParams>;

/** INI: sends the signature key (A005/A006). */
export function buildIniRequest(params: IniRequestParams): string {
  const p = check(iniParams, params, 'INI request');
  const orderData = buildSignaturePubKeyOrderData({
    version: p.version,
    partnerId: p.partnerId,
    userId: p.userId,
    signatureVersion: p.signatureVersion,
    key: p.key,
    timestamp: p.timestamp,
  });
  return buildUnsecuredRequest(p, 'INI', orderData);
}

const hiaParams = z.object({
  ...subscriberFields,
  authentication: subscriberPublicKeySchema,
  encryption: subscriberPublicKeySchema,
  timestamp: utcTimestampSchema.optional(),
});
export type HiaRequestParams = z.input<typeof hiaParams>;

/** HIA: sends the authentication (X002) and encryption (E002) keys. */
export function buildHiaRequest(params: HiaRequestParams): string {
  const p = check(hiaParams, params, 'HIA request');
  const orderData = buildHiaOrderData({
    version: p.version,
    partnerId: p.partnerId,
    userId: p.userId,
    authentication: p.authentication,
    encryption: p.encryption,
    timestamp: p.timestamp,
  });
  return buildUnsecuredRequest(p, 'HIA', orderData);
}

const hpbParams = z.object(securedFields);
export type HpbRequestParams = z.input<typeof hpbParams>;

/** HPB: fetches the bank's public keys. Signed (X002 skeleton included), no bank key digests. */
export function buildHpbRequest(params: HpbRequestParams): string {
  const p = check(hpbParams, params, 'HPB request');
  const root = ebicsRoot(p.version, 'ebicsNoPubKeyDigestsRequest', true);
  const header = root.ele('header', AUTHENTICATE);
  const st = header.ele('static');
  textElement(st, 'HostID', p.hostId);
  textElement(st, 'Nonce', p.nonce);
  textElement(st, 'Timestamp', p.timestamp);
  writePartnerUserSystem(st, p);
  writeProduct(st, p.product);
  const details = st.ele('OrderDetails');
  if (p.version === 'H004') {
    textElement(details, 'OrderType', 'HPB');
    textElement(details, 'OrderAttribute', 'DZHNN');
  } else {
    textElement(details, 'AdminOrderType', 'HPB');
  }
  textElement(st, 'SecurityMedium', p.securityMedium);
  header.ele('mutable');
  appendAuthSignature(root);
  root.ele('body');
  return finish(root);
}
