/**
 * Bulk edit of customers and suppliers: one payment method and/or one set of
 * bank details for every selected party, in one transaction. The plan is
 * made first (every value checked, every party read) and written only when
 * nothing was refused, so a bad IBAN or an unknown party leaves no party
 * half-changed. Each party that changes gets one audit record.
 *
 * "Set bank details" means: these become the party's active bank details
 * for the business entity; other active bank details of that entity are
 * deactivated (kept for the record), mandates are not touched.
 */
import type { z } from 'zod';
import { BicSchema, IbanSchema, PaymentInstrumentInput, type Account, type PaymentInstrument } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import type { PartyBulkEditInput, PartyBulkEditResult, PartyBulkEditRow } from '../../../shared/parties';
import { accountsByIds, setAccountPaymentMethod } from '../../ledger/repos/accounts';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getEntity, listEntities } from '../../ledger/repos/business-entities';
import { createInstrument, listInstruments, updateInstrument } from '../../ledger/repos/payment-instruments';
import { touchVersion } from '../../ledger/repos/versions';
import type { ServiceContext } from '../context';
import { bankKey } from './bank-details';
import { partyLedger } from './lookup';

type Input = z.output<typeof PartyBulkEditInput>;
interface Bank {
  entityId: number;
  iban: string;
  bic: string | null;
  bicDerived: boolean;
}

/** The IBAN and BIC asked for, checked; a refused one refuses the whole change. */
function bankOf(ctx: ServiceContext, input: Input): Bank | null {
  if (input.iban === undefined) {
    if (input.bic !== undefined) throw new KontorError('parties.bicWithoutIban', 'A BIC is given without an IBAN.');
    return null;
  }
  const iban = IbanSchema.safeParse(input.iban);
  if (!iban.success)
    throw new KontorError('parties.badIban', `"${input.iban}" is not a valid IBAN (its check digits or length do not fit); no party was changed.`, {
      value: input.iban,
    });
  const entityId = input.entityId ?? onlyEntity(ctx);
  getEntity(ctx.db, entityId);
  if (input.bic !== undefined) {
    const bic = BicSchema.safeParse(input.bic);
    if (!bic.success)
      throw new KontorError('parties.badBic', `"${input.bic}" is not a valid BIC (8 or 11 letters and digits); no party was changed.`, { value: input.bic });
    return { entityId, iban: iban.data, bic: bic.data, bicDerived: false };
  }
  const key = bankKey(iban.data);
  const derived = key === null ? null : partyLedger(ctx.db, entityId).knownBic(key);
  return { entityId, iban: iban.data, bic: derived, bicDerived: derived !== null };
}

function onlyEntity(ctx: ServiceContext): number {
  const all = listEntities(ctx.db);
  if (all.length === 1) return all[0]!.id;
  throw new KontorError('parties.entityRequired', 'Say which business entity the bank details are for.');
}

function activeBankDetails(ctx: ServiceContext, accountId: number, entityId: number): PaymentInstrument[] {
  return listInstruments(ctx.db, accountId).filter((i) => i.kind === 'bank_details' && i.entityId === entityId && i.active);
}

/** What changes for one party. */
function planRow(ctx: ServiceContext, a: Account, input: Input, bank: Bank | null): PartyBulkEditRow {
  const method = input.paymentMethod !== undefined && input.paymentMethod !== a.paymentMethod ? { from: a.paymentMethod, to: input.paymentMethod } : null;
  let bankDetails: PartyBulkEditRow['bankDetails'] = null;
  if (bank) {
    const active = activeBankDetails(ctx, a.id, bank.entityId);
    const same = active.length === 1 && active[0]!.iban === bank.iban && (active[0]!.bic === bank.bic || bank.bic === null);
    if (!same) bankDetails = { iban: bank.iban, bic: bank.bic, replaced: active.filter((i) => i.iban !== bank.iban).length };
  }
  return {
    accountId: a.id,
    number: a.number,
    name: a.name,
    kind: a.kind,
    changed: method !== null || bankDetails !== null,
    paymentMethod: method,
    bankDetails,
  };
}

function instrumentValues(i: PaymentInstrument, changes: Partial<PaymentInstrument>) {
  const v = { ...i, ...changes };
  return PaymentInstrumentInput.parse({
    accountId: v.accountId,
    entityId: v.entityId,
    kind: v.kind,
    holderName: v.holderName,
    iban: v.iban,
    bic: v.bic,
    mandateId: v.mandateId,
    mandateSignedOn: v.mandateSignedOn,
    scheme: v.scheme,
    mandateType: v.mandateType,
    direction: v.direction,
    active: v.active,
  });
}

/** The bank details become the party's only active ones for the entity: an existing row with the IBAN is reused, others deactivated. */
function writeBankDetails(ctx: ServiceContext, a: Account, bank: Bank, at: string): number {
  const all = listInstruments(ctx.db, a.id).filter((i) => i.kind === 'bank_details' && i.entityId === bank.entityId);
  const by = ctx.actor();
  for (const i of all) {
    if (!i.active || i.iban === bank.iban) continue;
    updateInstrument(ctx.db, i.id, instrumentValues(i, { active: false }), at);
    touchVersion(ctx.db, 'payment_instrument', i.id, by, at);
  }
  const existing = all.find((i) => i.iban === bank.iban);
  if (existing) {
    updateInstrument(ctx.db, existing.id, instrumentValues(existing, { active: true, bic: bank.bic ?? existing.bic }), at);
    touchVersion(ctx.db, 'payment_instrument', existing.id, by, at);
    return existing.id;
  }
  const input = PaymentInstrumentInput.parse({
    accountId: a.id,
    entityId: bank.entityId,
    kind: 'bank_details',
    holderName: a.name.slice(0, 70),
    iban: bank.iban,
    bic: bank.bic,
    direction: a.kind === 'supplier' ? 'out' : 'both',
  });
  return createInstrument(ctx.db, input, at).id;
}

/** Plans the change for every party; writes it (all or nothing) unless it is a dry run. */
export function bulkEditParties(ctx: ServiceContext, input: Input): PartyBulkEditResult {
  if (input.paymentMethod === undefined && input.iban === undefined && input.bic === undefined)
    throw new KontorError('parties.nothingToChange', 'Say what to change: a payment method and/or bank details.');
  const ids = [...new Set(input.accountIds)];
  return ctx.db.transaction((): PartyBulkEditResult => {
    const bank = bankOf(ctx, input);
    const parties = accountsByIds(ctx.db, ids);
    const rows = parties.map((a) => planRow(ctx, a, input, bank));
    if (!input.dryRun) {
      const at = ctx.now();
      for (const [i, row] of rows.entries()) {
        if (!row.changed) continue;
        const a = parties[i]!;
        if (row.paymentMethod) setAccountPaymentMethod(ctx.db, a.id, row.paymentMethod.to, at);
        const instrumentId = row.bankDetails && bank ? writeBankDetails(ctx, a, bank, at) : null;
        // The party's form, opened before this, would otherwise save over the change unnoticed.
        touchVersion(ctx.db, 'account', a.id, ctx.actor(), at);
        appendAudit(ctx.db, at, {
          actor: ctx.actor(),
          action: 'party.bulkEdit',
          subjectType: 'account',
          subjectId: a.id,
          details: { paymentMethod: row.paymentMethod, bankDetails: row.bankDetails && { ...row.bankDetails, entityId: bank?.entityId, instrumentId } },
        });
      }
    }
    const changed = rows.filter((r) => r.changed).length;
    return {
      dryRun: input.dryRun,
      entityId: bank?.entityId ?? null,
      iban: bank?.iban ?? null,
      bic: bank?.bic ?? null,
      bicDerived: bank?.bicDerived ?? false,
      changed,
      unchanged: rows.length - changed,
      rows,
    };
  })();
}
