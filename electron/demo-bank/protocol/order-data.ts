/**
 * Order data documents the bank sends (before compression and encryption):
 * `HPBResponseOrderData` (the bank keys: RSA key values for H004, X.509
 * certificates for H005), `HTDResponseOrderData` / `HKDResponseOrderData`
 * (customer, accounts, permissions), `HAAResponseOrderData` (what can be
 * downloaded) and `HPDResponseOrderData` (bank parameters). Simple, and
 * valid against ebics_orders_H004.xsd / ebics_orders_H005.xsd.
 */
import { modExpOf } from '../../ebics/crypto/keys';
import type { AccountRow } from '../store/accounts';
import type { BankKeys } from '../store/bank-keys';
import type { SubscriberRow } from '../store/subscribers';
import { base64, child, cryptoBinary, dsChild, serialize, startDocument, textChild, type XMLBuilder } from '../xml/write';
import { offeredOrders, type OfferedOrder } from './order-types';
import type { BtfService } from './request';
import { BANK_VERSIONS, type EbicsVersion } from './versions';

function ebicsOrderDocument(version: EbicsVersion, rootName: string): XMLBuilder {
  return startDocument(BANK_VERSIONS[version].ns, rootName, {}, true);
}

/** HPB: the bank's X002 and E002 keys. */
export function buildHpbOrderData(version: EbicsVersion, hostId: string, keys: BankKeys, keysCreatedAt?: string): string {
  const root = ebicsOrderDocument(version, 'HPBResponseOrderData');
  const write = (name: string, versionElement: string, versionValue: string, key: BankKeys['authentication']) => {
    const info = root.ele(name);
    if (BANK_VERSIONS[version].keysAs === 'X509') {
      dsChild(dsChild(info, 'X509Data'), 'X509Certificate', base64(key.certificate));
    } else {
      const { modulus, exponent } = modExpOf(key.publicKey);
      const pkv = info.ele('PubKeyValue');
      const rsa = dsChild(pkv, 'RSAKeyValue');
      dsChild(rsa, 'Modulus', cryptoBinary(modulus));
      dsChild(rsa, 'Exponent', cryptoBinary(exponent));
      if (keysCreatedAt !== undefined) textChild(pkv, 'TimeStamp', keysCreatedAt);
    }
    textChild(info, versionElement, versionValue);
  };
  write('AuthenticationPubKeyInfo', 'AuthenticationVersion', 'X002', keys.authentication);
  write('EncryptionPubKeyInfo', 'EncryptionVersion', 'E002', keys.encryption);
  textChild(root, 'HostID', hostId);
  return serialize(root);
}

function writeService(parent: XMLBuilder, s: BtfService, name = 'Service'): void {
  const el = parent.ele(name);
  textChild(el, 'ServiceName', s.serviceName);
  if (s.scope !== undefined) textChild(el, 'Scope', s.scope);
  if (s.serviceOption !== undefined) textChild(el, 'ServiceOption', s.serviceOption);
  if (s.container !== undefined) child(el, 'Container', { containerType: s.container });
  const attrs: Record<string, string> = {};
  if (s.msgVariant !== undefined) attrs.variant = s.msgVariant;
  if (s.msgVersion !== undefined) attrs.version = s.msgVersion;
  if (s.msgFormat !== undefined) attrs.format = s.msgFormat;
  textChild(el, 'MsgName', s.msgName, attrs);
}

/** EBICS user status of HTD/HKD (`UserStatusType`): 1 ready, 2 new, 3/4 one key sent, 5 initialised, 8/9 suspended. */
export function ebicsUserStatus(s: Pick<SubscriberRow, 'state' | 'suspendedBy'>): number {
  switch (s.state) {
    case 'ready':
      return 1;
    case 'new':
      return 2;
    case 'ini_received':
      return 3;
    case 'hia_received':
      return 4;
    case 'initialised':
      return 5;
    case 'suspended':
      return s.suspendedBy === 'customer' ? 8 : 9;
  }
}

export interface CustomerData {
  version: EbicsVersion;
  hostId: string;
  partnerName: string;
  accounts: readonly AccountRow[];
  /** HTD: the requesting subscriber; HKD: every subscriber of the partner. */
  users: readonly SubscriberRow[];
}

export function accountIdOf(a: AccountRow): string {
  return `ACC${a.id}`;
}

function writePartnerInfo(root: XMLBuilder, d: CustomerData, orders: readonly OfferedOrder[]): void {
  const partner = root.ele('PartnerInfo');
  textChild(partner.ele('AddressInfo'), 'Name', d.partnerName);
  textChild(partner.ele('BankInfo'), 'HostID', d.hostId);
  for (const a of d.accounts) {
    const acc = child(partner, 'AccountInfo', { Currency: a.currency, ID: accountIdOf(a), Description: `Demo account ${a.currency}` });
    textChild(acc, 'AccountNumber', a.iban, { international: 'true' });
    textChild(acc, 'BankCode', a.bic, { international: 'true' });
    textChild(acc, 'AccountHolder', a.ownerName);
  }
  for (const o of orders) {
    const info = partner.ele('OrderInfo');
    if (d.version === 'H004') {
      textChild(info, 'OrderType', o.orderType);
      textChild(info, 'TransferType', o.purpose.direction === 'upload' ? 'Upload' : 'Download');
    } else {
      textChild(info, 'AdminOrderType', o.orderType);
      if (o.service) writeService(info, o.service);
    }
    textChild(info, 'Description', o.description);
    // Transport signature: the order waits in the VEU for one release.
    if (o.purpose.kind === 'payment') textChild(info, 'NumSigRequired', '1');
  }
}

function writeUserInfo(root: XMLBuilder, d: CustomerData, user: SubscriberRow, orders: readonly OfferedOrder[]): void {
  const info = root.ele('UserInfo');
  textChild(info, 'UserID', user.userId, { Status: String(ebicsUserStatus(user)) });
  textChild(info, 'Name', user.name);
  const uploads = orders.filter((o) => o.purpose.direction === 'upload');
  const downloads = orders.filter((o) => o.purpose.direction === 'download');
  if (d.version === 'H004') {
    textChild(child(info, 'Permission', { AuthorisationLevel: user.signatureClass }), 'OrderTypes', uploads.map((o) => o.orderType).join(' '));
    textChild(info.ele('Permission'), 'OrderTypes', downloads.map((o) => o.orderType).join(' '));
    return;
  }
  for (const o of orders) {
    const p = o.purpose.direction === 'upload' ? child(info, 'Permission', { AuthorisationLevel: user.signatureClass }) : info.ele('Permission');
    textChild(p, 'AdminOrderType', o.orderType);
    if (o.service) writeService(p, o.service);
  }
}

/** HTD: the partner's data and the requesting subscriber's permissions. */
export function buildHtdOrderData(d: CustomerData): string {
  const orders = offeredOrders(d.version);
  const root = ebicsOrderDocument(d.version, 'HTDResponseOrderData');
  writePartnerInfo(root, d, orders);
  const user = d.users[0];
  if (!user) throw new Error('HTD needs the requesting subscriber');
  writeUserInfo(root, d, user, orders);
  return serialize(root);
}

/** HKD: the partner's data and every subscriber of the partner. */
export function buildHkdOrderData(d: CustomerData): string {
  const orders = offeredOrders(d.version);
  const root = ebicsOrderDocument(d.version, 'HKDResponseOrderData');
  writePartnerInfo(root, d, orders);
  for (const user of d.users) writeUserInfo(root, d, user, orders);
  return serialize(root);
}

/** HAA: the download orders that have data ready. */
export function buildHaaOrderData(version: EbicsVersion, available: readonly OfferedOrder[]): string {
  const root = ebicsOrderDocument(version, 'HAAResponseOrderData');
  if (version === 'H004') {
    textChild(root, 'OrderTypes', available.map((o) => o.orderType).join(' '));
  } else {
    for (const o of available) if (o.service) writeService(root, o.service);
  }
  return serialize(root);
}

/** HPD: access and protocol parameters. */
export function buildHpdOrderData(version: EbicsVersion, hostId: string, url: string): string {
  const root = ebicsOrderDocument(version, 'HPDResponseOrderData');
  const access = root.ele('AccessParams');
  textChild(access, 'URL', url);
  textChild(access, 'Institute', 'Kontor Demo Bank');
  textChild(access, 'HostID', hostId);
  const protocol = root.ele('ProtocolParams');
  const v = protocol.ele('Version');
  textChild(v, 'Protocol', 'H004 H005');
  textChild(v, 'Authentication', 'X002');
  textChild(v, 'Encryption', 'E002');
  textChild(v, 'Signature', 'A005 A006');
  // Recovery: an identical re-sent segment is accepted and a gap answered with 061101.
  child(protocol, 'Recovery', { supported: 'true' });
  child(protocol, 'PreValidation', { supported: 'false' });
  if (version === 'H004') child(protocol, 'X509Data', { supported: 'false' });
  child(protocol, 'ClientDataDownload', { supported: 'true' });
  child(protocol, 'DownloadableOrderData', { supported: 'true' });
  return serialize(root);
}
