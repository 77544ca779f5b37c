import { createPublicKey, type KeyObject } from 'node:crypto';
import { KontorError } from '../../../shared/errors';
import { createEbicsClient, type EbicsClient, type TransferProgress } from '../../ebics/client';
import type { SubscriberKeys, TrustedBankKeys } from '../../ebics/subscriber';
import { createTransport } from '../../ebics/transport';
import { getBankAccess, type BankAccessRow } from '../../ledger/repos/bank-access';
import { appendAudit } from '../../ledger/repos/audit-log';
import { randomBytes } from 'node:crypto';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import type { KeyBundle } from '../../vault/key-bundle';
import { createVault } from '../../vault/vault';
import type { ServiceContext } from '../context';
import { EBICS_USER_AGENT } from '../version';
import { accessSettings, catalogueOverrides } from './access-settings';
import { ledgerJournal } from './journal';
import { loadKeys } from './key-store';

/** @deprecated The context's own `ctx.now()`; kept for the bank-CSV import until it moves. */
export const now = (ctx: ServiceContext) => ctx.now();

/**
 * A random id of this ledger, part of every keychain entry name: two data
 * folders on one machine (a test ledger beside the real one) each have a bank
 * access 1, and one must never overwrite the other's keys.
 */
function installationId(ctx: ServiceContext): string {
  let id = readSetting<string | null>(ctx.db, 'installationId', null);
  if (!id) {
    id = randomBytes(8).toString('hex');
    writeSetting(ctx.db, 'installationId', id);
  }
  return id;
}

/** The keychain entry of one bank access of this ledger. */
export function accessKeys(ctx: ServiceContext, accessId: number) {
  const vault = createVault(ctx.secrets());
  const key = `${installationId(ctx)}:${accessId}`;
  return {
    key,
    load: () => vault.load(key),
    save: (bundle: KeyBundle) => vault.save(key, { ...bundle, bankAccessId: key }),
    remove: () => vault.remove(key),
    /** The current keys, ready to sign and decrypt. */
    current: () => loadKeys(vault, key),
  };
}

/** @deprecated The context's own `ctx.actor()`; kept for the bank-CSV import until it moves. */
export function actor(ctx: ServiceContext): string {
  return ctx.actor();
}

export function audit(ctx: ServiceContext, accessId: number, action: string, details: Record<string, unknown> = {}): void {
  appendAudit(ctx.db, ctx.now(), { actor: ctx.actor(), action, subjectType: 'bank_access', subjectId: accessId, details });
}

export function requireState(row: BankAccessRow, allowed: readonly BankAccessRow['state'][], doing: string): void {
  if (!allowed.includes(row.state)) {
    throw new KontorError('bankAccess.wrongState', `This bank access is ${row.state.replace(/_/g, ' ')}; it cannot ${doing} now.`, { state: row.state });
  }
}

/** The bank's public keys as stored after HPB: public data, kept in the ledger. */
export interface StoredBankKey {
  spki: string;
  certificate?: string;
}

export function trustedBankKeys(row: BankAccessRow): TrustedBankKeys {
  if (!row.bankKeysTrustedAt || !row.bankAuthKey || !row.bankEncryptionKey || !row.bankAuthHash || !row.bankEncryptionHash) {
    throw new KontorError('ebics.bankKeysNotTrusted', 'The bank keys have not been confirmed yet. Fetch them and compare them with the bank’s letter first.');
  }
  const key = (json: string): KeyObject =>
    createPublicKey({ key: Buffer.from((JSON.parse(json) as StoredBankKey).spki, 'base64'), format: 'der', type: 'spki' });
  return {
    authentication: key(row.bankAuthKey),
    encryption: key(row.bankEncryptionKey),
    authenticationDigest: Buffer.from(row.bankAuthHash, 'hex'),
    encryptionDigest: Buffer.from(row.bankEncryptionHash, 'hex'),
  };
}

export function clientFor(
  ctx: ServiceContext,
  row: BankAccessRow,
  keys: SubscriberKeys,
  o: { trusted?: boolean; onProgress?: (p: TransferProgress) => void } = {},
): EbicsClient {
  return createEbicsClient({
    version: row.ebicsVersion,
    hostId: row.hostId,
    partnerId: row.partnerId,
    userId: row.userId,
    transport: createTransport(row.hostUrl, { demoBankOnLoopback: row.isDemo === 1, userAgent: EBICS_USER_AGENT }),
    keys,
    ...(o.trusted ? { bankKeys: trustedBankKeys(row) } : {}),
    clock: ctx.clock,
    journal: ledgerJournal(ctx.db),
    bankAccessId: row.id,
    // The bank's own BTF parameters and the message versions of the pain files this access builds.
    catalogueOverrides: catalogueOverrides(accessSettings(row)),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
}

export function reload(ctx: ServiceContext, id: number): BankAccessRow {
  return getBankAccess(ctx.db, id);
}
