import type { EligibilityReport } from '../../../shared/domain';
import { listBankAccounts } from '../../ledger/repos/bank-accounts';
import { listEntities } from '../../ledger/repos/business-entities';
import { listEntries } from '../../ledger/repos/entries';
import { entriesInActiveOrders } from '../../ledger/repos/payment-orders';
import { instrumentsOfAccounts } from '../../ledger/repos/payment-instruments';
import type { PaymentInstrument, Entry } from '../../../shared/domain';
import { checkEligibility, DEFAULT_HORIZON_DAYS, describeReason, type EligibilityResult } from '../../sepa/eligibility';
import type { ServiceContext } from '../context';

const PAGE = 1000;

function openEntries(ctx: ServiceContext): Entry[] {
  const rows: Entry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listEntries(ctx.db, { status: 'Open', limit: PAGE, offset });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) return rows;
  }
}

/** Eligibility of today's open entries; entries already in an order on its way are left out. */
export function evaluate(ctx: ServiceContext): {
  result: EligibilityResult;
  entries: Map<number, Entry>;
  instruments: Map<number, PaymentInstrument>;
  today: string;
  horizonDays: number;
} {
  const busy = entriesInActiveOrders(ctx.db);
  const entries = openEntries(ctx).filter((e) => !busy.has(e.id));
  const instruments = instrumentsOfAccounts(ctx.db, new Set(entries.map((e) => e.accountId)));
  const today = ctx.today();
  const horizonDays = DEFAULT_HORIZON_DAYS;
  const result = checkEligibility({ today, horizonDays, entries, instruments, bankAccounts: listBankAccounts(ctx.db), entities: listEntities(ctx.db) });
  return { result, entries: new Map(entries.map((e) => [e.id, e])), instruments: new Map(instruments.map((i) => [i.id, i])), today, horizonDays };
}

export function report(ctx: ServiceContext, e = evaluate(ctx)): EligibilityReport {
  const entry = (id: number) => e.entries.get(id)!;
  return {
    today: e.today,
    horizonDays: e.horizonDays,
    eligible: e.result.eligible.map((p) => ({
      entryId: p.entryId,
      number: entry(p.entryId).number,
      accountName: entry(p.entryId).accountName,
      kind: p.kind,
      amountCents: p.amountCents,
      requestedDate: p.requestedDate,
      dateMoved: p.dateMoved,
    })),
    notEligible: e.result.notEligible.map((n) => ({
      entryId: n.entryId,
      number: entry(n.entryId).number,
      accountName: entry(n.entryId).accountName,
      openAmountCents: entry(n.entryId).openAmountCents,
      reasons: [...n.reasons],
      messages: n.reasons.map((r) => describeReason(r, 'en', { horizonDays: e.horizonDays })),
    })),
  };
}
