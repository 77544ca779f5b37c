import { z } from 'zod';
import { Account, AccountFilter, AccountInput, IdSchema, PaymentInstrument, PaymentInstrumentInput } from '../domain';
import { byId, call, update, type CallSpec } from './call';

/** Customers and suppliers (the parties), with their mandates and bank details. */
export const accountsApi = {
  'accounts.list': call(AccountFilter, z.array(Account)),
  'accounts.get': call(byId, Account),
  'accounts.create': call(AccountInput, Account),
  'accounts.update': call(update(AccountInput), Account),

  'instruments.list': call(z.object({ accountId: IdSchema }), z.array(PaymentInstrument)),
  'instruments.create': call(PaymentInstrumentInput, PaymentInstrument),
  'instruments.update': call(z.object({ id: IdSchema, values: PaymentInstrumentInput }), PaymentInstrument),
} as const satisfies Record<string, CallSpec>;
