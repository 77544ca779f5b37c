/**
 * Customers and suppliers and their payment instruments (mandates, bank
 * details), with the rules that need other rows or "today".
 */
import type { z } from 'zod';
import { compareDates } from '../../../shared/dates';
import type { Account, AccountInput, PaymentInstrument, PaymentInstrumentInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import * as accounts from '../../ledger/repos/accounts';
import * as entities from '../../ledger/repos/business-entities';
import * as instruments from '../../ledger/repos/payment-instruments';
import type { ServiceContext } from '../context';
import { versionedEdit } from '../versioned-edit';

type InstrumentValues = z.output<typeof PaymentInstrumentInput>;

export function createAccount(ctx: ServiceContext, v: z.output<typeof AccountInput>): Account {
  return accounts.createAccount(ctx.db, v, ctx.now());
}

export function updateAccount(ctx: ServiceContext, id: number, version: number, v: z.output<typeof AccountInput>): Account {
  return versionedEdit(ctx, 'account', id, version, () => accounts.updateAccount(ctx.db, id, v, ctx.now()));
}

/** Rules that need other rows or "today" and so cannot live in the input schema. */
function checkInstrument(ctx: ServiceContext, v: InstrumentValues): void {
  accounts.getAccount(ctx.db, v.accountId);
  entities.getEntity(ctx.db, v.entityId);
  if (v.mandateSignedOn && compareDates(v.mandateSignedOn, ctx.today()) > 0) {
    throw new KontorError('mandate.signedInFuture', 'The mandate cannot be signed in the future.');
  }
}

export function createInstrument(ctx: ServiceContext, v: InstrumentValues): PaymentInstrument {
  checkInstrument(ctx, v);
  return instruments.createInstrument(ctx.db, v, ctx.now());
}

export function updateInstrument(ctx: ServiceContext, id: number, version: number, v: InstrumentValues): PaymentInstrument {
  checkInstrument(ctx, v);
  return versionedEdit(ctx, 'payment_instrument', id, version, () => instruments.updateInstrument(ctx.db, id, v, ctx.now()));
}
