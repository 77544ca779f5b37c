/**
 * Order data documents the bank sends (before compression and encryption):
 * `HPBResponseOrderData` (the bank keys: RSA key values for H004, X.509
 * certificates for H005), `HTDResponseOrderData` / `HKDResponseOrderData`
 * (customer, accounts, permissions), `HAAResponseOrderData` (what can be
 * downloaded) and `HPDResponseOrderData` (bank parameters). Simple, and
 * valid against ebics_orders_H004.xsd / ebics_orders_H005.xsd.
 */
import { modExpOf } from '../../ebics/crypto/keys';
import type { EbicsVersion } from '../../ebics/messages/versions';
import { VERSIONS } from '../../ebics/messages/versions';
import { finish, newDocument, textElement, writeRsaKeyValue, writeX509Data, element, type XMLBuilder } from '../../ebics/messages/xml-write';
import type { AccountRow } from '../store/accounts';
import type { BankKeys } from '../store/bank-keys';
import type { SubscriberRow } from '../store/subscribers';
import { offeredOrders, type OfferedOrder } from './order-types';
import type { BtfService } from './request';

function ebicsOrderDocument(version: EbicsVersion, rootName: string): XMLBuilder {
  return newDocument(VERSIONS[version].namespace, rootName, {}, true);
}

/** HPB: the bank's X002 and E002 keys. */
export function buildHpbOrderData(version: EbicsVersion, hostId: string, keys: BankKeys, keysCreatedAt?: string): string {
  const root = ebicsOrderDocument(version, 'HPBResponseOrderData');
  const write = (name: string, versionElement: string, versionValue: string, key: BankKeys['authentication']) => {
    const info = root.ele(name);
    if (VERSIONS[version].publicKeys === 'X509') {
      writeX509Data(info, key.certificate);
    } else {
      const { modulus, exponent } = modExpOf(key.publicKey);
      const pkv = info.ele('PubKeyValue');
      writeRsaKeyValue(pkv, modulus, exponent);
      if (keysCreatedAt !== undefined) textElement(pkv, 'TimeStamp', keysCreatedAt);
    }
    textElement(info, versionElement, versionValue);
  };
  write('AuthenticationPubKeyInfo', 'AuthenticationVersion', 'X002', keys.authentication);
  write('EncryptionPubKeyInfo', 'EncryptionVersion', 'E002', keys.encryption);
  textElement(root, 'HostID', hostId);
  return finish(root);
}

function writeService(parent: XMLBuilder, s: BtfService, name = 'Service'): void {
  const el = parent.ele(name);
  textElement(el, 'ServiceName', s.serviceName);
  if (s.scope !== undefined) textElement(el, 'Scope', s.scope);
  if (s.serviceOption !== undefined) textElement(el, 'ServiceOption', s.serviceOption);
  if (s.container !== undefined) element(el, 'Container', { containerType: s.container });
  const attrs: Record<string, string> = {};
  if (s.msgVariant !== undefined) attrs.variant = s.msgVariant;
  if (s.msgVersion !== undefined) attrs.version = s.msgVersion;
  if (s.msgFormat !== undefined) attrs.format = s.msgFormat;
  textElement(el, 'MsgName', s.msgName, attrs);
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
  textElement(partner.ele('AddressInfo'), 'Name', d.partnerName);
  textElement(partner.ele('BankInfo'), 'HostID', d.hostId);
  for (const a of d.accounts) {
    const acc = element(partner, 'AccountInfo', { Currency: a.currency, ID: accountIdOf(a), Description: `Demo account ${a.currency}` });
    textElement(acc, 'AccountNumber', a.iban, { international: 'true' });
    textElement(acc, 'BankCode', a.bic, { international: 'true' });
    textElement(acc, 'AccountHolder', a.ownerName);
  }
  for (const o of orders) {
    const info = partner.ele('OrderInfo');
    if (d.version === 'H004') {
      textElement(info, 'OrderType', o.orderType);
      textElement(info, 'TransferType', o.purpose.direction === 'upload' ? 'Upload' : 'Download');
    } else {
      textElement(info, 'AdminOrderType', o.orderType);
      if (o.service) writeService(info, o.service);
    }
    textElement(info, 'Description', o.description);
    // Transport signature: the order waits in the VEU for one release.
    if (o.purpose.kind === 'payment') textElement(info, 'NumSigRequired', '1');
  }
}

function writeUserInfo(root: XMLBuilder, d: CustomerData, user: SubscriberRow, orders: readonly OfferedOrder[]): void {
  const info = root.ele('UserInfo');
  textElement(info, 'UserID', user.userId, { Status: String(ebicsUserStatus(user)) });
  textElement(info, 'Name', user.name);
  const uploads = orders.filter((o) => o.purpose.direction === 'upload');
  const downloads = orders.filter((o) => o.purpose.direction === 'download');
  if (d.version === 'H004') {
    textElement(element(info, 'Permission', { AuthorisationLevel: 'T' }), 'OrderTypes', uploads.map((o) => o.orderType).join(' '));
    textElement(info.ele('Permission'), 'OrderTypes', downloads.map((o) => o.orderType).join(' '));
    return;
  }
  for (const o of orders) {
    const p = o.purpose.direction === 'upload' ? element(info, 'Permission', { AuthorisationLevel: 'T' }) : info.ele('Permission');
    textElement(p, 'AdminOrderType', o.orderType);
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
  return finish(root);
}

/** HKD: the partner's data and every subscriber of the partner. */
export function buildHkdOrderData(d: CustomerData): string {
  const orders = offeredOrders(d.version);
  const root = ebicsOrderDocument(d.version, 'HKDResponseOrderData');
  writePartnerInfo(root, d, orders);
  for (const user of d.users) writeUserInfo(root, d, user, orders);
  return finish(root);
}

/** HAA: the download orders that have data ready. */
export function buildHaaOrderData(version: EbicsVersion, available: readonly OfferedOrder[]): string {
  const root = ebicsOrderDocument(version, 'HAAResponseOrderData');
  if (version === 'H004') {
    textElement(root, 'OrderTypes', available.map((o) => o.orderType).join(' '));
  } else {
    for (const o of available) if (o.service) writeService(root, o.service);
  }
  return finish(root);
}

/** HPD: access and protocol parameters. */
export function buildHpdOrderData(version: EbicsVersion, hostId: string, url: string): string {
  const root = ebicsOrderDocument(version, 'HPDResponseOrderData');
  const access = root.ele('AccessParams');
  textElement(access, 'URL', url);
  textElement(access, 'Institute', 'Kontor Demo Bank');
  textElement(access, 'HostID', hostId);
  const protocol = root.ele('ProtocolParams');
  const v = protocol.ele('Version');
  textElement(v, 'Protocol', 'H004 H005');
  textElement(v, 'Authentication', 'X002');
  textElement(v, 'Encryption', 'E002');
  textElement(v, 'Signature', 'A005 A006');
  // Recovery: an identical re-sent segment is accepted and a gap answered with 061101.
  element(protocol, 'Recovery', { supported: 'true' });
  element(protocol, 'PreValidation', { supported: 'false' });
  if (version === 'H004') element(protocol, 'X509Data', { supported: 'false' });
  element(protocol, 'ClientDataDownload', { supported: 'true' });
  element(protocol, 'DownloadableOrderData', { supported: 'true' });
  return finish(root);
}
