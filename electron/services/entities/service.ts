/**
 * The company's business entities and their bank accounts, with the rules
 * that need other rows: a preferred account and a bank account belong to
 * their entity; a bank account reaches the bank through an existing bank
 * access, and orders not yet sent follow the account when its access changes.
 */
import type { z } from 'zod';
import type { BankAccount, BankAccountInput, BusinessEntity, BusinessEntityInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getBankAccess } from '../../ledger/repos/bank-access';
import * as bankAccounts from '../../ledger/repos/bank-accounts';
import * as entities from '../../ledger/repos/business-entities';
import type { ServiceContext } from '../context';

type EntityValues = z.output<typeof BusinessEntityInput>;
type BankAccountValues = z.output<typeof BankAccountInput>;

export function createEntity(ctx: ServiceContext, v: EntityValues): BusinessEntity {
  return entities.createEntity(ctx.db, v, ctx.now());
}

export function updateEntity(ctx: ServiceContext, id: number, v: EntityValues): BusinessEntity {
  if (v.preferredBankAccountId) {
    const account = bankAccounts.getBankAccount(ctx.db, v.preferredBankAccountId);
    if (account.entityId !== id) {
      throw new KontorError('entity.preferredAccountOfOther', 'The preferred bank account must belong to this business entity.');
    }
  }
  return entities.updateEntity(ctx.db, id, v, ctx.now());
}

function requireAccess(ctx: ServiceContext, bankAccessId: number | null): void {
  if (bankAccessId !== null) getBankAccess(ctx.db, bankAccessId);
}

/** Records the link and moves the account's unsent orders with it, in the caller's transaction. */
function followLink(ctx: ServiceContext, account: BankAccount, previous: number | null): void {
  if (account.bankAccessId === previous) return;
  const moved = bankAccounts.moveUnsentOrders(ctx.db, account.id, account.bankAccessId, ctx.now());
  appendAudit(ctx.db, ctx.now(), {
    actor: ctx.actor(),
    action: account.bankAccessId === null ? 'bankAccount.unlinked' : 'bankAccount.linked',
    subjectType: 'bank_account',
    subjectId: account.id,
    details: { bankAccessId: account.bankAccessId, previousBankAccessId: previous, ordersMoved: moved },
  });
}

export function createBankAccount(ctx: ServiceContext, v: BankAccountValues): BankAccount {
  entities.getEntity(ctx.db, v.entityId);
  requireAccess(ctx, v.bankAccessId);
  return ctx.db.transaction(() => {
    const account = bankAccounts.createBankAccount(ctx.db, v, ctx.now());
    // A company's first account is the one it pays from until someone chooses another: without it no entry is eligible for a run.
    entities.preferAccountIfNone(ctx.db, v.entityId, account.id, ctx.now());
    followLink(ctx, account, null);
    return account;
  })();
}

export function updateBankAccount(ctx: ServiceContext, id: number, v: BankAccountValues): BankAccount {
  entities.getEntity(ctx.db, v.entityId);
  requireAccess(ctx, v.bankAccessId);
  return ctx.db.transaction(() => {
    const previous = bankAccounts.getBankAccount(ctx.db, id).bankAccessId;
    const account = bankAccounts.updateBankAccount(ctx.db, id, v, ctx.now());
    followLink(ctx, account, previous);
    return account;
  })();
}

/** Links an own account to a bank access, or unlinks it (`null`); draft and approved orders of the account follow. */
export function linkBankAccount(ctx: ServiceContext, id: number, bankAccessId: number | null): BankAccount {
  requireAccess(ctx, bankAccessId);
  return ctx.db.transaction(() => {
    const previous = bankAccounts.getBankAccount(ctx.db, id).bankAccessId;
    const account = bankAccounts.setBankAccountAccess(ctx.db, id, bankAccessId, ctx.now());
    followLink(ctx, account, previous);
    return account;
  })();
}
