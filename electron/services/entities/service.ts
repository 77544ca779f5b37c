/**
 * The company's business entities and their bank accounts, with the rules
 * that need other rows: a preferred account and a bank account belong to
 * their entity.
 */
import type { z } from 'zod';
import type { BankAccount, BankAccountInput, BusinessEntity, BusinessEntityInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
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

export function createBankAccount(ctx: ServiceContext, v: BankAccountValues): BankAccount {
  entities.getEntity(ctx.db, v.entityId);
  return bankAccounts.createBankAccount(ctx.db, v, ctx.now());
}

export function updateBankAccount(ctx: ServiceContext, id: number, v: BankAccountValues): BankAccount {
  entities.getEntity(ctx.db, v.entityId);
  return bankAccounts.updateBankAccount(ctx.db, id, v, ctx.now());
}
