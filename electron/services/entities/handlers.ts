import type { entitiesApi } from '../../../shared/api/entities';
import { listBankAccounts } from '../../ledger/repos/bank-accounts';
import { listEntities } from '../../ledger/repos/business-entities';
import type { HandlersOf } from '../handler';
import { createBankAccount, createEntity, linkBankAccount, updateBankAccount, updateEntity } from './service';

export const entityHandlers: HandlersOf<typeof entitiesApi> = {
  'entities.list': (_input, ctx) => listEntities(ctx.db),
  'entities.create': (input, ctx) => createEntity(ctx, input),
  'entities.update': ({ id, values }, ctx) => updateEntity(ctx, id, values),

  'bankAccounts.list': (input, ctx) => listBankAccounts(ctx.db, input),
  'bankAccounts.create': (input, ctx) => createBankAccount(ctx, input),
  'bankAccounts.update': ({ id, values }, ctx) => updateBankAccount(ctx, id, values),
  'bankAccounts.link': ({ id, bankAccessId }, ctx) => linkBankAccount(ctx, id, bankAccessId),
};
