/**
 * The signing PIN of a bank access: what a signer may type instead of the
 * order's total to confirm a signature. Kept only as a salted scrypt hash in
 * the ledger's settings, compared in constant time; never stored or logged
 * in clear.
 */
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import { KontorError } from '../../../shared/errors';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../context';

interface StoredPin {
  salt: string;
  hash: string;
}

const key = (accessId: number) => `veu.signingPin.${accessId}`;
const hashOf = (pin: string, salt: Buffer) => scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 });

export function hasPin(ctx: ServiceContext, accessId: number): boolean {
  return readSetting<StoredPin | null>(ctx.db, key(accessId), null) !== null;
}

export function pinMatches(ctx: ServiceContext, accessId: number, pin: string): boolean {
  const stored = readSetting<StoredPin | null>(ctx.db, key(accessId), null);
  if (!stored) return false;
  const expected = Buffer.from(stored.hash, 'hex');
  const actual = hashOf(pin, Buffer.from(stored.salt, 'hex'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Sets the PIN; changing an existing one needs the current one. */
export function setPin(ctx: ServiceContext, accessId: number, pin: string, currentPin: string | undefined): { pinSet: boolean } {
  if (hasPin(ctx, accessId) && (currentPin === undefined || !pinMatches(ctx, accessId, currentPin))) {
    throw new KontorError('veu.pinWrong', 'The current signing PIN is not correct.');
  }
  const salt = randomBytes(16);
  writeSetting(ctx.db, key(accessId), { salt: salt.toString('hex'), hash: hashOf(pin, salt).toString('hex') } satisfies StoredPin);
  return { pinSet: true };
}
