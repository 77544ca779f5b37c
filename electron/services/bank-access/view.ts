import type { BankAccess } from '../../../shared/domain';
import type { BankAccessRow } from '../../ledger/repos/bank-access';

const DAY_MS = 86_400_000;

export function daysLeft(expiresAt: string | null, now: Date): number | null {
  if (!expiresAt) return null;
  return Math.floor((Date.parse(expiresAt) - now.getTime()) / DAY_MS);
}

/** Uppercase hex pairs, as letters print hashes. */
export function pairs(hex: string): string {
  return (hex.toUpperCase().match(/../g) ?? []).join(' ');
}

export function toBankAccess(r: BankAccessRow, now: Date): BankAccess {
  const key = (version: string, createdAt: string | null, expiresAt: string | null) => ({ version, createdAt, expiresAt, daysLeft: daysLeft(expiresAt, now) });
  return {
    id: r.id,
    name: r.name,
    hostUrl: r.hostUrl,
    hostId: r.hostId,
    partnerId: r.partnerId,
    userId: r.userId,
    ebicsVersion: r.ebicsVersion,
    keySize: r.keySize,
    signatureVersion: r.signatureVersion,
    state: r.state,
    isDemo: r.isDemo === 1,
    amountLimitCents: r.amountLimitCents,
    statementFormat: r.statementFormat,
    version: r.version,
    keys: {
      signature: key(r.signatureVersion, r.signatureKeyCreatedAt, r.signatureKeyExpiresAt),
      authentication: key('X002', r.authKeyCreatedAt, r.authKeyExpiresAt),
      encryption: key('E002', r.encryptionKeyCreatedAt, r.encryptionKeyExpiresAt),
    },
    bankKeys:
      r.bankAuthHash && r.bankEncryptionHash
        ? { authenticationHash: pairs(r.bankAuthHash), encryptionHash: pairs(r.bankEncryptionHash), trustedAt: r.bankKeysTrustedAt }
        : null,
    tlsVerified: r.hostUrl.startsWith('https:'),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
