import type { EligibilityReport } from '../../../shared/domain';
import { getBankAccess } from '../../ledger/repos/bank-access';
import { listBankAccounts } from '../../ledger/repos/bank-accounts';
import { listEntities } from '../../ledger/repos/business-entities';
import { listEntries } from '../../ledger/repos/entries';
import { entriesInActiveOrders } from '../../ledger/repos/payment-orders';
import { instrumentsOfAccounts } from '../../ledger/repos/payment-instruments';
import type { PaymentInstrument, Entry } from '../../../shared/domain';
import { checkEligibility, DEFAULT_HORIZON_DAYS, describeReason, type EligibilityResult } from '../../sepa/eligibility';
import type { ServiceContext } from '../context';
import { accessSettings } from '../bank-access/access-settings';

const PAGE = 1000;

function openEntries(ctx: ServiceContext): Entry[] {
  const rows: Entry[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = listEntries(ctx.db, { status: 'Open', limit: PAGE, offset });
    rows.push(...page.rows);
    if (page.rows.length < PAGE) return rows;
  }
}

/** Left out by the run, not by SEPA: one payment above the bank access's amount limit cannot be split. */
export const OVER_AMOUNT_LIMIT = 'overAmountLimit';
const OVER_LIMIT_TEXT = {
  en: 'The amount is above the amount limit of the bank access; a single payment cannot be split.',
  de: 'Der Betrag liegt über dem Betragslimit des Bankzugangs; eine einzelne Zahlung lässt sich nicht aufteilen.',
};

/** The amount limit of each own bank account's access (none when the account has no access or the access no limit). */
export function amountLimits(ctx: ServiceContext): Map<number, number> {
  const limits = new Map<number, number>();
  for (const account of listBankAccounts(ctx.db)) {
    if (account.bankAccessId === null) continue;
    const access = getBankAccess(ctx.db, account.bankAccessId);
    // The bank's maximum file amount bounds a file as the access's own limit does: the lower one counts.
    const bounds = [access.amountLimitCents, accessSettings(access).maxFileAmountCents].filter((c): c is number => c !== null);
    if (bounds.length) limits.set(account.id, Math.min(...bounds));
  }
  return limits;
}

/** The bank's maximum number of payments per file, by own account (only where the access names one). */
export function paymentsPerFile(ctx: ServiceContext): Map<number, number> {
  const maxima = new Map<number, number>();
  for (const account of listBankAccounts(ctx.db)) {
    if (account.bankAccessId === null) continue;
    const max = accessSettings(getBankAccess(ctx.db, account.bankAccessId)).maxPaymentsPerFile;
    if (max !== null) maxima.set(account.id, max);
  }
  return maxima;
}

export interface Evaluation {
  result: EligibilityResult;
  entries: Map<number, Entry>;
  instruments: Map<number, PaymentInstrument>;
  today: string;
  horizonDays: number;
  /** Eligible by SEPA's rules but above the access's amount limit. */
  overLimit: EligibilityResult['eligible'];
}

/** Eligibility of today's open entries; entries already in an order on its way are left out. */
export function evaluate(ctx: ServiceContext): Evaluation {
  const busy = entriesInActiveOrders(ctx.db);
  const entries = openEntries(ctx).filter((e) => !busy.has(e.id));
  const instruments = instrumentsOfAccounts(ctx.db, new Set(entries.map((e) => e.accountId)));
  const today = ctx.today();
  const horizonDays = DEFAULT_HORIZON_DAYS;
  const checked = checkEligibility({ today, horizonDays, entries, instruments, bankAccounts: listBankAccounts(ctx.db), entities: listEntities(ctx.db) });
  const limits = amountLimits(ctx);
  const fits = (p: EligibilityResult['eligible'][number]) => p.amountCents <= (limits.get(p.bankAccountId) ?? Number.MAX_SAFE_INTEGER);
  const result = { ...checked, eligible: checked.eligible.filter(fits) };
  return {
    result,
    entries: new Map(entries.map((e) => [e.id, e])),
    instruments: new Map(instruments.map((i) => [i.id, i])),
    today,
    horizonDays,
    overLimit: checked.eligible.filter((p) => !fits(p)),
  };
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
      currency: entry(p.entryId).currency,
      bankAccountId: p.bankAccountId,
      requestedDate: p.requestedDate,
      dateMoved: p.dateMoved,
    })),
    notEligible: [
      ...e.result.notEligible.map((n) => ({
        entryId: n.entryId,
        number: entry(n.entryId).number,
        accountName: entry(n.entryId).accountName,
        openAmountCents: entry(n.entryId).openAmountCents,
        reasons: [...n.reasons],
        messages: n.reasons.map((r) => describeReason(r, 'en', { horizonDays: e.horizonDays })),
      })),
      ...e.overLimit.map((p) => ({
        entryId: p.entryId,
        number: entry(p.entryId).number,
        accountName: entry(p.entryId).accountName,
        openAmountCents: entry(p.entryId).openAmountCents,
        reasons: [OVER_AMOUNT_LIMIT],
        messages: [OVER_LIMIT_TEXT.en],
      })),
    ],
  };
}
