/**
 * INI (signature key), HIA (authentication and encryption keys) and HPB
 * (the bank's keys). INI and HIA are unsigned: the bank stores what came
 * and the clerk compares it with the letter before activating. A subscriber
 * who sent a key may send the identical key again (a lost answer), but not
 * a different one (091004) until the bank resets it; a suspended
 * subscriber starts a new initialisation.
 */
import { inflateSync } from 'node:zlib';
import { encryptTransactionKey, newTransactionKey } from '../../ebics/crypto/e002';
import { addProtocolEntry } from '../store/protocol-log';
import {
  getSubscriber,
  keyToDer,
  resetForNewInitialisation,
  setAuthEncKeys,
  setSignatureKey,
  type SubscriberRow,
  type SubscriberState,
} from '../store/subscribers';
import { authenticate, checkHost, knownSubscriber, type AuthState } from './auth';
import { Refusal } from './codes';
import { nowIso, type BankContext } from './context';
import { parseAuthEncOrderData, parseSignatureKeyOrderData, type ReceivedKey } from './key-order-data';
import { buildHpbOrderData } from './order-data';
import { sealOrderData } from './order-data-wire';
import type { HpbRequest, UnsecuredRequest } from './request';
import { buildKeyManagementResponse } from './response';
import { encryptionTarget } from './subscriber-key-info';

/** INI/HIA order data is small; more than this inflated is refused. */
const MAX_KEY_ORDER_DATA = 1024 * 1024;

function inflateOrderData(base64: string): Buffer {
  try {
    return inflateSync(Buffer.from(base64, 'base64'), { maxOutputLength: MAX_KEY_ORDER_DATA });
  } catch {
    throw new Refusal('090004', 'the order data cannot be decompressed');
  }
}

function sameKey(a: Buffer | null, b: ReceivedKey): boolean {
  return a !== null && a.equals(keyToDer(b.key));
}

function checkIds(req: { partnerId: string; userId: string }, data: { partnerId: string; userId: string }): void {
  if (data.partnerId !== req.partnerId) throw new Refusal('091120', data.partnerId);
  if (data.userId !== req.userId) throw new Refusal('090004', `the order data names user ${data.userId}`);
}

function stateAfter(s: Pick<SubscriberRow, 'iniReceivedAt' | 'hiaReceivedAt'>, received: 'INI' | 'HIA'): SubscriberState {
  const ini = received === 'INI' || s.iniReceivedAt !== null;
  const hia = received === 'HIA' || s.hiaReceivedAt !== null;
  return ini && hia ? 'initialised' : ini ? 'ini_received' : 'hia_received';
}

function receiveIni(ctx: BankContext, req: UnsecuredRequest, s: SubscriberRow): void {
  const data = parseSignatureKeyOrderData(inflateOrderData(req.orderData), req.version, ctx.clock.now());
  checkIds(req, data);
  if (s.iniReceivedAt !== null) {
    if (s.state !== 'ready' && s.signatureVersion === data.signatureVersion && sameKey(s.signatureKeyDer, data.signature)) return;
    throw new Refusal('091004', 'the signature key was already received');
  }
  if (sameKey(s.authenticationKeyDer, data.signature) || sameKey(s.encryptionKeyDer, data.signature)) throw new Refusal('091218');
  const at = nowIso(ctx);
  setSignatureKey(
    ctx.db,
    s.id,
    data.signatureVersion,
    { keyDer: keyToDer(data.signature.key), certificateDer: data.signature.certificate },
    stateAfter(s, 'INI'),
    at,
    true,
  );
  addProtocolEntry(ctx.db, {
    subscriberId: s.id,
    orderId: null,
    orderType: 'INI',
    reasonCode: 'TS01',
    status: 'ACCP',
    text: `Signature key ${data.signatureVersion} received`,
    at,
  });
}

function receiveHia(ctx: BankContext, req: UnsecuredRequest, s: SubscriberRow): void {
  const data = parseAuthEncOrderData(inflateOrderData(req.orderData), req.version, 'HIARequestOrderData', ctx.clock.now());
  checkIds(req, data);
  if (s.hiaReceivedAt !== null) {
    if (s.state !== 'ready' && sameKey(s.authenticationKeyDer, data.authentication) && sameKey(s.encryptionKeyDer, data.encryption)) return;
    throw new Refusal('091004', 'the authentication and encryption keys were already received');
  }
  if (sameKey(s.signatureKeyDer, data.authentication) || sameKey(s.signatureKeyDer, data.encryption)) throw new Refusal('091218');
  const at = nowIso(ctx);
  setAuthEncKeys(
    ctx.db,
    s.id,
    { keyDer: keyToDer(data.authentication.key), certificateDer: data.authentication.certificate },
    { keyDer: keyToDer(data.encryption.key), certificateDer: data.encryption.certificate },
    stateAfter(s, 'HIA'),
    at,
    true,
  );
  addProtocolEntry(ctx.db, {
    subscriberId: s.id,
    orderId: null,
    orderType: 'HIA',
    reasonCode: 'TS01',
    status: 'ACCP',
    text: 'Authentication key X002 and encryption key E002 received',
    at,
  });
}

/** INI or HIA. Returns the key management response. */
export function handleUnsecured(ctx: BankContext, req: UnsecuredRequest): string {
  checkHost(ctx, req.hostId);
  let s = knownSubscriber(ctx, req.partnerId, req.userId);
  if (req.orderType !== 'INI' && req.orderType !== 'HIA') throw new Refusal(req.orderType === 'H3K' ? '091006' : '091005', req.orderType);
  if (req.version === 'H004' && req.orderAttribute !== 'DZNNN') throw new Refusal('091121', req.orderAttribute ?? '');
  if (s.state === 'suspended') {
    resetForNewInitialisation(ctx.db, s.id, nowIso(ctx));
    s = getSubscriber(ctx.db, s.id) ?? s;
  }
  if (req.orderType === 'INI') receiveIni(ctx, req, s);
  else receiveHia(ctx, req, s);
  return buildKeyManagementResponse({ version: req.version, code: '000000' });
}

/** HPB: the bank's keys, encrypted for the subscriber. Only for a ready subscriber. */
export function handleHpb(ctx: BankContext, req: HpbRequest, auth: AuthState): string {
  checkHost(ctx, req.hostId);
  const s = authenticate(ctx, req, auth);
  if (req.orderType !== 'HPB') throw new Refusal('091005', req.orderType);
  if (req.version === 'H004' && req.orderAttribute !== 'DZHNN') throw new Refusal('091121', req.orderAttribute ?? '');
  const target = encryptionTarget(s, req.version);
  const xml = buildHpbOrderData(req.version, ctx.hostId, ctx.keys);
  const txKey = newTransactionKey();
  const orderData = sealOrderData(Buffer.from(xml, 'utf8'), txKey).toString('base64');
  return buildKeyManagementResponse({
    version: req.version,
    code: '000000',
    dataTransfer: { encryptionPubKeyDigest: target.digest, transactionKey: encryptTransactionKey(txKey, target.key), orderData },
  });
}
