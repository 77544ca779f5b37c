/**
 * Which open entries become SEPA payments (docs/sepa.md): pure, no
 * I/O. The caller loads the rows and the clock's today and passes them in.
 *
 * Every rule is evaluated for every entry, so an entry that is not eligible
 * comes back with all its reasons at once; only an entry that is not open at
 * all is reported with `notOpen` alone, since nothing about it needs fixing.
 */
import type { BankAccount, BusinessEntity, Entry, PaymentInstrument } from '../../../shared/domain';
import { addDays, compareDates, isBusinessDate, nextTarget2Day, type BusinessDate } from '../../../shared/dates';
import { DEFAULT_HORIZON_DAYS, NOT_ELIGIBLE_REASONS, type NotEligibleReason } from './reasons';

/** The fields of a ledger row the rules read; full rows fit. */
export type EligibilityEntry = Pick<
  Entry,
  | 'id'
  | 'entityId'
  | 'accountId'
  | 'type'
  | 'dueDate'
  | 'currency'
  | 'openAmountCents'
  | 'requestedMethod'
  | 'requestedInstrumentId'
  | 'requestedBankAccountId'
  | 'creditApproval'
  | 'status'
>;
export type EligibilityInstrument = Pick<
  PaymentInstrument,
  'id' | 'accountId' | 'entityId' | 'kind' | 'mandateId' | 'mandateSignedOn' | 'scheme' | 'direction' | 'active'
>;
export type EligibilityBankAccount = Pick<BankAccount, 'id' | 'entityId' | 'currency'>;
export type EligibilityEntity = Pick<BusinessEntity, 'id' | 'preferredBankAccountId'>;

export interface EligibilityInput {
  /** From the injectable clock. */
  today: BusinessDate;
  /** Open entries. */
  entries: EligibilityEntry[];
  /** All instruments of the entries' accounts (an instrument missing here counts as another account's). */
  instruments: EligibilityInstrument[];
  /** Our accounts. */
  bankAccounts: EligibilityBankAccount[];
  /** Our business entities, with their preferred bank account. */
  entities: EligibilityEntity[];
  /** How many days ahead a due date may lie; default 14. */
  horizonDays?: number;
}

export type PaymentKind = 'direct_debit' | 'credit_transfer';

export interface EligiblePayment {
  entryId: number;
  kind: PaymentKind;
  /** Positive amount to collect or pay: the magnitude of the entry's open amount. */
  amountCents: number;
  instrumentId: number;
  bankAccountId: number;
  /** Execution date (transfer) or collection date (direct debit) after moving. */
  requestedDate: BusinessDate;
  /** True when the due date could not be used as it is and was moved forward. */
  dateMoved: boolean;
  /** Direct debits only. */
  scheme?: NonNullable<PaymentInstrument['scheme']>;
}

export interface NotEligibleEntry {
  entryId: number;
  /** Every reason, in the order of NOT_ELIGIBLE_REASONS; never empty. */
  reasons: NotEligibleReason[];
}

export interface EligibilityResult {
  /** In the order of the input entries. */
  eligible: EligiblePayment[];
  /** In the order of the input entries. */
  notEligible: NotEligibleEntry[];
}

interface Context {
  today: BusinessDate;
  lastDueDate: BusinessDate;
  instrumentsById: Map<number, EligibilityInstrument>;
  /** Each account's instruments, lowest id first. */
  instrumentsByAccount: Map<number, EligibilityInstrument[]>;
  bankAccountsById: Map<number, EligibilityBankAccount>;
  entitiesById: Map<number, EligibilityEntity>;
}

type Reasons = Set<NotEligibleReason>;

export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const horizonDays = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  if (!Number.isSafeInteger(horizonDays) || horizonDays < 0) {
    throw new RangeError(`horizonDays must be a whole number of days, 0 or more: ${horizonDays}`);
  }
  if (!isBusinessDate(input.today)) throw new RangeError(`Not a business date (YYYY-MM-DD): "${input.today}"`);

  const instrumentsByAccount = new Map<number, EligibilityInstrument[]>();
  for (const instrument of [...input.instruments].sort((a, b) => a.id - b.id)) {
    const list = instrumentsByAccount.get(instrument.accountId) ?? [];
    list.push(instrument);
    instrumentsByAccount.set(instrument.accountId, list);
  }
  const ctx: Context = {
    today: input.today,
    lastDueDate: addDays(input.today, horizonDays),
    instrumentsById: new Map(input.instruments.map((i) => [i.id, i])),
    instrumentsByAccount,
    bankAccountsById: new Map(input.bankAccounts.map((a) => [a.id, a])),
    entitiesById: new Map(input.entities.map((e) => [e.id, e])),
  };

  const result: EligibilityResult = { eligible: [], notEligible: [] };
  for (const entry of input.entries) {
    const outcome = evaluate(entry, ctx);
    if ('reasons' in outcome) result.notEligible.push(outcome);
    else result.eligible.push(outcome);
  }
  return result;
}

function evaluate(entry: EligibilityEntry, ctx: Context): EligiblePayment | NotEligibleEntry {
  if (entry.status !== 'Open' || entry.openAmountCents === 0) return { entryId: entry.id, reasons: ['notOpen'] };

  const kind: PaymentKind = entry.type === 'Debit' ? 'direct_debit' : 'credit_transfer';
  const reasons: Reasons = new Set();
  // The type decides the rules; an open amount against the type is a data error to fix.
  const signOk = kind === 'direct_debit' ? entry.openAmountCents > 0 : entry.openAmountCents < 0;
  if (!signOk) reasons.add('wrongSign');
  if (entry.requestedMethod !== 'sepa') reasons.add('methodNotSepa');
  if (entry.currency !== 'EUR') reasons.add('currencyNotEur');
  if (kind === 'credit_transfer') checkApproval(entry, reasons);

  const instrument = kind === 'direct_debit' ? resolveMandate(entry, ctx, reasons) : resolvePayoutDetails(entry, ctx, reasons);
  const bankAccount = resolveBankAccount(entry, ctx, reasons);
  const date = resolveDate(entry, kind, ctx, reasons);

  if (reasons.size > 0 || instrument === null || bankAccount === null || date === null) {
    return { entryId: entry.id, reasons: NOT_ELIGIBLE_REASONS.filter((r) => reasons.has(r)) };
  }
  const payment: EligiblePayment = {
    entryId: entry.id,
    kind,
    amountCents: Math.abs(entry.openAmountCents),
    instrumentId: instrument.id,
    bankAccountId: bankAccount.id,
    requestedDate: date.requestedDate,
    dateMoved: date.dateMoved,
  };
  // resolveMandate only returns mandates with a scheme.
  if (kind === 'direct_debit' && instrument.scheme !== null) payment.scheme = instrument.scheme;
  return payment;
}

/** Approval gates payables only: empty or approved passes, anything else waits. */
function checkApproval(entry: EligibilityEntry, reasons: Reasons): void {
  switch (entry.creditApproval) {
    case null:
    case 'approved':
      return;
    case 'pending':
      reasons.add('approvalPending');
      return;
    case 'held':
      reasons.add('approvalHeld');
      return;
    case 'rejected':
      reasons.add('approvalRejected');
      return;
  }
}

/**
 * What keeps a mandate from collecting this receivable today. An instrument
 * that is not a complete SEPA mandate (bank details, or a mandate without
 * reference, signature date or scheme) counts as no mandate.
 */
function mandateProblems(entry: EligibilityEntry, instrument: EligibilityInstrument, today: BusinessDate): NotEligibleReason[] {
  const signedOn = instrument.mandateSignedOn;
  if (instrument.kind !== 'sepa_mandate' || !instrument.mandateId || instrument.scheme === null || signedOn === null || !isBusinessDate(signedOn)) {
    return ['noMandate'];
  }
  const problems: NotEligibleReason[] = [];
  if (!instrument.active) problems.push('mandateInactive');
  if (instrument.direction === 'out') problems.push('mandateWrongDirection');
  if (instrument.entityId !== entry.entityId) problems.push('mandateEntityMismatch');
  if (compareDates(signedOn, today) > 0) problems.push('mandateSignedInFuture');
  return problems;
}

/** What keeps an instrument from receiving a payout; the payer's entity does not matter for a transfer. */
function payoutProblems(instrument: EligibilityInstrument): NotEligibleReason[] {
  const problems: NotEligibleReason[] = [];
  if (!instrument.active) problems.push('payoutDetailsInactive');
  if (instrument.direction === 'in') problems.push('payoutWrongDirection');
  return problems;
}

/**
 * The requested instrument if it is one of the entry's account's; else the
 * first usable candidate by `prefer`, then lowest id. With no usable
 * candidate, the reasons of the one closest to usable (fewest problems,
 * then lowest id) tell the user what to fix; with no candidate at all,
 * `none`.
 */
function resolveInstrument(
  entry: EligibilityEntry,
  ctx: Context,
  reasons: Reasons,
  rules: {
    isCandidate: (i: EligibilityInstrument) => boolean;
    problems: (i: EligibilityInstrument) => NotEligibleReason[];
    none: NotEligibleReason;
    prefer?: (i: EligibilityInstrument) => boolean;
  },
): EligibilityInstrument | null {
  const addAll = (list: NotEligibleReason[]) => list.forEach((r) => reasons.add(r));

  if (entry.requestedInstrumentId !== null) {
    const requested = ctx.instrumentsById.get(entry.requestedInstrumentId);
    if (requested === undefined || requested.accountId !== entry.accountId) {
      reasons.add('mandateOfOtherAccount');
      return null;
    }
    const problems = rules.problems(requested);
    addAll(problems);
    return problems.length === 0 ? requested : null;
  }

  const candidates = (ctx.instrumentsByAccount.get(entry.accountId) ?? []).filter(rules.isCandidate);
  const usable = candidates.filter((i) => rules.problems(i).length === 0);
  const chosen = usable.find((i) => rules.prefer?.(i) ?? true) ?? usable[0];
  if (chosen !== undefined) return chosen;

  let closest: NotEligibleReason[] | null = null;
  for (const candidate of candidates) {
    const problems = rules.problems(candidate);
    if (closest === null || problems.length < closest.length) closest = problems;
  }
  addAll(closest ?? [rules.none]);
  return null;
}

/**
 * The requested mandate, or else the customer's first (lowest id) mandate
 * that can collect now: active, allowing incoming money, given to the entry's
 * business entity and signed no later than today.
 */
function resolveMandate(entry: EligibilityEntry, ctx: Context, reasons: Reasons): EligibilityInstrument | null {
  return resolveInstrument(entry, ctx, reasons, {
    isCandidate: (i) => i.kind === 'sepa_mandate',
    problems: (i) => mandateProblems(entry, i, ctx.today),
    none: 'noMandate',
  });
}

/**
 * The requested bank details, or else the supplier's first (lowest id)
 * active instrument allowing outgoing money, those recorded by the entry's
 * business entity first.
 */
function resolvePayoutDetails(entry: EligibilityEntry, ctx: Context, reasons: Reasons): EligibilityInstrument | null {
  return resolveInstrument(entry, ctx, reasons, {
    isCandidate: () => true,
    problems: payoutProblems,
    none: 'noPayoutDetails',
    prefer: (i) => i.entityId === entry.entityId,
  });
}

/** The requested bank account, or else the business entity's preferred one; it must be the entity's and in euro. */
function resolveBankAccount(entry: EligibilityEntry, ctx: Context, reasons: Reasons): EligibilityBankAccount | null {
  const id = entry.requestedBankAccountId ?? ctx.entitiesById.get(entry.entityId)?.preferredBankAccountId ?? null;
  const account = id === null ? undefined : ctx.bankAccountsById.get(id);
  if (account === undefined) {
    reasons.add('noBankAccount');
    return null;
  }
  let ok = true;
  if (account.entityId !== entry.entityId) {
    reasons.add('bankAccountEntityMismatch');
    ok = false;
  }
  if (account.currency !== 'EUR') {
    reasons.add('currencyNotEur');
    ok = false;
  }
  return ok ? account : null;
}

/**
 * The due date must be set and no later than today + horizon (the due date as
 * entered, before any moving). Then:
 * - direct debit: a collection date must lie after today (the file reaches
 *   the bank at the latest the business day before), so a due date today or
 *   in the past becomes today + 1; the date then moves forward to the next
 *   TARGET2 day.
 * - credit transfer: the execution date must be today or later, so a due date
 *   in the past becomes today + 1, then the next TARGET2 day; a due date today
 *   or later is kept as it is, weekend or not (the bank executes on its next
 *   business day).
 */
function resolveDate(entry: EligibilityEntry, kind: PaymentKind, ctx: Context, reasons: Reasons): { requestedDate: BusinessDate; dateMoved: boolean } | null {
  const due = entry.dueDate;
  if (due === null || !isBusinessDate(due)) {
    reasons.add('noDueDate');
    return null;
  }
  if (compareDates(due, ctx.lastDueDate) > 0) {
    reasons.add('dueTooLate');
    return null;
  }
  const tomorrow = addDays(ctx.today, 1);
  let requestedDate: BusinessDate;
  if (kind === 'direct_debit') {
    requestedDate = nextTarget2Day(compareDates(due, tomorrow) < 0 ? tomorrow : due);
  } else {
    requestedDate = compareDates(due, ctx.today) < 0 ? nextTarget2Day(tomorrow) : due;
  }
  return { requestedDate, dateMoved: requestedDate !== due };
}
