import { z } from 'zod';
import { BankAccount, BankAccountInput, BusinessEntity, BusinessEntityInput, IdSchema } from '../domain';
import { call, none, update, type CallSpec } from './call';

/** The company's own business entities and their bank accounts. */
export const entitiesApi = {
  'entities.list': call(none, z.array(BusinessEntity)),
  'entities.create': call(BusinessEntityInput, BusinessEntity),
  'entities.update': call(update(BusinessEntityInput), BusinessEntity),

  'bankAccounts.list': call(z.object({ entityId: IdSchema.optional() }), z.array(BankAccount)),
  'bankAccounts.create': call(BankAccountInput, BankAccount),
  'bankAccounts.update': call(update(BankAccountInput), BankAccount),
  /** Links an own account to a bank access (`null` unlinks); its draft and approved orders follow the link. */
  'bankAccounts.link': call(z.object({ id: IdSchema, bankAccessId: IdSchema.nullable() }).strict(), BankAccount),
} as const satisfies Record<string, CallSpec>;
