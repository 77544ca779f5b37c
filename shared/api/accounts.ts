import { z } from 'zod';
import { Account, AccountFilter, AccountInput, IdSchema, PaymentInstrument, PaymentInstrumentInput } from '../domain';
import { byId, call, versionedUpdate, type CallSpec } from './call';

/** Customers and suppliers (the parties), with their mandates and bank details. */
export const accountsApi = {
  'accounts.list': call(AccountFilter, z.array(Account)),
  'accounts.get': call(byId, Account),
  'accounts.create': call(AccountInput, Account),
  /** Refused with `edit.changedMeanwhile` when the party is no longer at `version`. */
  'accounts.update': call(versionedUpdate(AccountInput), Account),

  'instruments.list': call(z.object({ accountId: IdSchema }), z.array(PaymentInstrument)),
  'instruments.create': call(PaymentInstrumentInput, PaymentInstrument),
  'instruments.update': call(versionedUpdate(PaymentInstrumentInput), PaymentInstrument),
} as const satisfies Record<string, CallSpec>;
