/**
 * Keys live a year. Every use of a ready access goes through `withBankClient`:
 * an expired access is disabled; a key in its last 30 days is renewed first
 * (HCS), and Kontor switches to the new keys only after the bank confirmed.
 */
import { KontorError } from '../../../shared/errors';
import type { EbicsClient, TransferProgress } from '../../ebics/client';
import { generateSubscriberKeys } from '../../ebics/key-generation';
import * as repo from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { requireConfirmation } from './confirmation';
import { accessKeys, audit, clientFor, reload, requireState } from './connection';
import { toKeySet } from './key-store';
import { daysLeft } from './view';

export const RENEW_WITHIN_DAYS = 30;

function earliestExpiry(row: repo.BankAccessRow): string | null {
  const dates = [row.signatureKeyExpiresAt, row.authKeyExpiresAt, row.encryptionKeyExpiresAt].filter((d): d is string => d !== null);
  return dates.sort()[0] ?? null;
}

/** Marks a ready access whose keys have run out as expired; returns the current row. */
export function refreshExpiry(ctx: ServiceContext, row: repo.BankAccessRow): repo.BankAccessRow {
  const left = daysLeft(earliestExpiry(row), ctx.clock.now());
  if (row.state === 'ready' && left !== null && left < 0) {
    ctx.db.transaction(() => {
      repo.setState(ctx.db, row.id, 'expired', ctx.now());
      audit(ctx, row.id, 'bankAccess.expired', { expiresAt: earliestExpiry(row) });
    })();
    return reload(ctx, row.id);
  }
  return row;
}

/** HCS with fresh keys; the vault holds them as pending until the bank has them. */
async function renewKeys(ctx: ServiceContext, row: repo.BankAccessRow, client: EbicsClient): Promise<boolean> {
  const vault = accessKeys(ctx, row.id);
  const bundle = vault.load();
  if (!bundle) throw new KontorError('keys.missing', 'No keys for this bank access were found in the keychain.');
  const dated = await generateSubscriberKeys({
    bits: row.keySize,
    signatureVersion: row.signatureVersion,
    withCertificates: row.ebicsVersion === 'H005',
    subject: { commonName: `${row.partnerId} ${row.userId}` },
    now: ctx.clock.now(),
  });
  vault.save({ ...bundle, pending: toKeySet(dated) });
  try {
    await client.changeKeys('HCS', dated.keys);
  } catch (e) {
    // The old keys stay valid; renewal is tried again on the next use.
    audit(ctx, row.id, 'keys.renewalFailed', { reason: (e as Error).message });
    return false;
  }
  vault.save({ ...bundle, keys: toKeySet(dated), pending: undefined });
  ctx.db.transaction(() => {
    repo.setKeyDates(ctx.db, row.id, dated.createdAt, dated.expiresAt, ctx.now());
    audit(ctx, row.id, 'keys.renewed', { expiresAt: dated.expiresAt });
  })();
  return true;
}

/**
 * Runs `work` with a client of a ready access: refuses an expired one, renews
 * keys in their last 30 days first. Keys from a renewal the bank never
 * confirmed are not used: `pending` is only promoted after the bank's OK.
 */
export async function withBankClient<T>(
  ctx: ServiceContext,
  id: number,
  work: (client: EbicsClient) => Promise<T>,
  o: { onProgress?: (p: TransferProgress) => void } = {},
): Promise<T> {
  let row = refreshExpiry(ctx, reload(ctx, id));
  refuseExpired(row);
  requireState(row, ['ready'], 'talk to the bank');
  const vault = accessKeys(ctx, id);
  let client = clientFor(ctx, row, vault.current(), { trusted: true, ...o });
  const left = daysLeft(earliestExpiry(row), ctx.clock.now());
  if (left !== null && left <= RENEW_WITHIN_DAYS && (await renewKeys(ctx, row, client))) {
    row = reload(ctx, id);
    client = clientFor(ctx, row, vault.current(), { trusted: true, ...o });
  }
  return work(client);
}

function refuseExpired(row: repo.BankAccessRow): void {
  if (row.state === 'expired') {
    throw new KontorError('bankAccess.expired', 'The keys of this bank access have expired. Initialise the access again; the bank needs a new letter.');
  }
}

/** SPR, after the person at the keyboard confirmed; an access that could not talk to the bank anyway is refused before asking. */
export async function suspend(ctx: ServiceContext, id: number, code?: { id: string; code: string }): Promise<repo.BankAccessRow> {
  const row = refreshExpiry(ctx, reload(ctx, id));
  refuseExpired(row);
  requireState(row, ['ready'], 'talk to the bank');
  await requireConfirmation(ctx, 'bankAccess.suspend', row, code);
  await withBankClient(ctx, id, (client) => client.suspend());
  ctx.db.transaction(() => {
    repo.setState(ctx.db, id, 'suspended', ctx.now());
    audit(ctx, id, 'bankAccess.suspended');
  })();
  return reload(ctx, id);
}
