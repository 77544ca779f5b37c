/**
 * Who sent a signed request and whether the bank believes it: the
 * subscriber is known (091003) and ready (091002 before activation and
 * after suspension), the X002 signature verifies against the subscriber's
 * HIA key (061001), the timestamp lies within the tolerance around the
 * bank's clock and the nonce was never used (both 091103,
 * EBICS_TX_MESSAGE_REPLAY: Annex 1 describes the replay check as nonce plus
 * tolerance period, so a stale timestamp is a replay, not 061002).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Document } from '@xmldom/xmldom';
import { certificateHash, publicKeyHash } from '../../ebics/crypto/hashes';
import { isNonceUsed, recordNonce } from '../store/nonces';
import { findSubscriber, keyFromDer, type SubscriberRow } from '../store/subscribers';
import { Refusal } from './codes';
import { nowIso, type BankContext } from './context';
import { timestampMillis, type KeyDigest } from './request';
import { SHA256_URI, type EbicsVersion } from './versions';
import { checkAuthSignature } from './x002';

/** Set once a request is authenticated: its nonce is then used up even if the request is refused later. */
export interface AuthState {
  nonce?: { subscriberId: number; nonce: string; timestamp: string } | undefined;
}

export function checkHost(ctx: BankContext, hostId: string): void {
  if (hostId !== ctx.hostId) throw new Refusal('091011', hostId);
}

export function knownSubscriber(ctx: BankContext, partnerId: string, userId: string): SubscriberRow {
  const s = findSubscriber(ctx.db, partnerId, userId);
  if (!s) throw new Refusal('091003', `${partnerId}/${userId}`);
  return s;
}

export function requireReady(s: SubscriberRow): void {
  if (s.state !== 'ready') throw new Refusal('091002', `subscriber state ${s.state}`);
}

/** The X002 signature of a request against the subscriber's current authentication key. */
export function verifyAuthentication(s: SubscriberRow, document: Document): void {
  if (!s.authenticationKeyDer) throw new Refusal('091002', 'no authentication key');
  const check = checkAuthSignature(document, keyFromDer(s.authenticationKeyDer));
  if (!check.ok) throw new Refusal('061001', check.reason);
}

/** Timestamp window and nonce; records the nonce (in the caller's transaction). */
export function checkFreshness(ctx: BankContext, s: SubscriberRow, nonce: string, timestamp: string, auth: AuthState): void {
  const ms = timestampMillis(timestamp);
  if (Number.isNaN(ms)) throw new Refusal('061002', 'Timestamp is not a dateTime');
  const skew = Math.abs(ctx.clock.now().getTime() - ms);
  if (skew > ctx.limits.timestampToleranceMs) throw new Refusal('091103', `timestamp ${Math.round(skew / 1000)} s away from the bank's clock`);
  if (isNonceUsed(ctx.db, s.id, nonce)) throw new Refusal('091103', 'nonce already used');
  const normalised = new Date(ms).toISOString();
  auth.nonce = { subscriberId: s.id, nonce, timestamp: normalised };
  recordNonce(ctx.db, s.id, nonce, normalised, nowIso(ctx));
}

/** Everything a signed initialisation or HPB needs before its order is looked at. */
export function authenticate(
  ctx: BankContext,
  req: { document: Document; nonce: string; timestamp: string; partnerId: string; userId: string },
  auth: AuthState,
): SubscriberRow {
  const s = knownSubscriber(ctx, req.partnerId, req.userId);
  requireReady(s);
  verifyAuthentication(s, req.document);
  checkFreshness(ctx, s, req.nonce, req.timestamp, auth);
  return s;
}

function same(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether a digest names one of the bank's current keys. H004: the
 * public-key hash. H005: banks differ (the specification's X.509 world
 * suggests the certificate hash, many banks kept the public-key hash), so
 * the demo bank accepts both.
 */
export function digestMatches(ctx: BankContext, version: EbicsVersion, usage: 'X002' | 'E002', d: KeyDigest): boolean {
  if (d.version !== usage || d.algorithm !== SHA256_URI) return false;
  const key = usage === 'X002' ? ctx.keys.authentication : ctx.keys.encryption;
  if (same(d.value, publicKeyHash(key.publicKey))) return true;
  return version === 'H005' && same(d.value, certificateHash(key.certificate));
}

/** BankPubKeyDigests (and an upload's EncryptionPubKeyDigest) must name the current bank keys: 091008 otherwise. */
export function checkBankDigests(
  ctx: BankContext,
  version: EbicsVersion,
  digests: { authentication: KeyDigest; encryption: KeyDigest },
  encryption?: KeyDigest,
): void {
  if (!digestMatches(ctx, version, 'X002', digests.authentication) || !digestMatches(ctx, version, 'E002', digests.encryption)) {
    throw new Refusal('091008', 'BankPubKeyDigests do not match the bank keys');
  }
  if (encryption && !digestMatches(ctx, version, 'E002', encryption)) throw new Refusal('091008', 'EncryptionPubKeyDigest does not match the bank key');
}

/** SHA-256 as lower-case hex (as Kontor's journal writes it). */
export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}
