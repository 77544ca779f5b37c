import type { accountsApi } from '../../../shared/api/accounts';
import { getAccount, listAccounts } from '../../ledger/repos/accounts';
import { listInstruments } from '../../ledger/repos/payment-instruments';
import type { HandlersOf } from '../handler';
import { createAccount, createInstrument, updateAccount, updateInstrument } from './service';

export const accountHandlers: HandlersOf<typeof accountsApi> = {
  'accounts.list': (input, ctx) => listAccounts(ctx.db, input),
  'accounts.get': ({ id }, ctx) => getAccount(ctx.db, id),
  'accounts.create': (input, ctx) => createAccount(ctx, input),
  'accounts.update': ({ id, version, values }, ctx) => updateAccount(ctx, id, version, values),

  'instruments.list': ({ accountId }, ctx) => listInstruments(ctx.db, accountId),
  'instruments.create': (input, ctx) => createInstrument(ctx, input),
  'instruments.update': ({ id, version, values }, ctx) => updateInstrument(ctx, id, version, values),
};
