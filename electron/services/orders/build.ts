/**
 * From eligible entries to draft payment orders: one payment file per bank
 * account, kind and (for direct debits) scheme, in the format the bank access
 * takes; the payments and their links to the entries in the same transaction.
 */
import type { EligibilityReport, Entry, PaymentInstrument } from '../../../shared/domain';
import { getBankAccess } from '../../ledger/repos/bank-access';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import { getEntity } from '../../ledger/repos/business-entities';
import * as repo from '../../ledger/repos/payment-orders';
import { readSetting, writeSetting } from '../../ledger/repos/settings';
import {
  buildPaymentFile,
  groupCreditTransfers,
  groupDirectDebits,
  SepaIdSequence,
  type CreditTransferFormat,
  type CreditTransferLine,
  type DirectDebitFormat,
  type DirectDebitLine,
} from '../../sepa';
import { sequenceTypeFor, type EligiblePayment } from '../../sepa/eligibility';
import { appendAudit } from '../../ledger/repos/audit-log';
import type { ServiceContext } from '../context';
import { amountLimits, evaluate, paymentsPerFile, report, type Evaluation } from './eligibility';
import { KontorError } from '../../../shared/errors';
import { instantLines } from './instant';

interface AccessFileSettings {
  painFormats?: { creditTransfer?: CreditTransferFormat; directDebit?: DirectDebitFormat };
  oneBlockPerFile?: boolean;
  germanCharset?: boolean;
}

function fileSettings(
  ctx: ServiceContext,
  bankAccessId: number | null,
): Required<Omit<AccessFileSettings, 'painFormats'>> & { ct: CreditTransferFormat; dd: DirectDebitFormat } {
  const s: AccessFileSettings = bankAccessId ? (JSON.parse(getBankAccess(ctx.db, bankAccessId).settings || '{}') as AccessFileSettings) : {};
  return {
    ct: s.painFormats?.creditTransfer ?? 'pain.001.001.09',
    dd: s.painFormats?.directDebit ?? 'pain.008.001.08',
    oneBlockPerFile: s.oneBlockPerFile ?? false,
    germanCharset: s.germanCharset ?? false,
  };
}

/** Ids unique across runs: the counter lives in the ledger. */
function idSequence(ctx: ServiceContext): { seq: SepaIdSequence; save(): void } {
  const start = readSetting<number>(ctx.db, 'sepaIdCounter', 1);
  const seq = new SepaIdSequence('KONTOR', ctx.today(), start);
  return { seq, save: () => writeSetting(ctx.db, 'sepaIdCounter', seq.nextCounter) };
}

interface Line {
  payment: EligiblePayment;
  entry: Entry;
  instrument: PaymentInstrument;
}

export interface BuildOptions {
  /** Only these entries (they must be eligible); all eligible entries when left out. */
  entryIds?: readonly number[];
  /** SEPA Instant: the credit transfers only, executed today (services/orders/instant.ts). */
  instant?: boolean;
}

/**
 * Splits one account's lines into runs whose sums stay within the access's
 * amount limit (or the bank's maximum file amount) and whose counts stay
 * within the bank's maximum payments per file: largest first into the first
 * run with room, so the number of files stays small and the split is the
 * same for the same entries.
 */
export function splitByLimit<T extends { payment: { amountCents: number; entryId: number } }>(
  lines: readonly T[],
  limitCents: number | undefined,
  maxCount = Infinity,
): T[][] {
  if (limitCents === undefined && lines.length <= maxCount) return lines.length ? [[...lines]] : [];
  const limit = limitCents ?? Infinity;
  const sorted = [...lines].sort((a, b) => b.payment.amountCents - a.payment.amountCents || a.payment.entryId - b.payment.entryId);
  const runs: { sum: number; lines: T[] }[] = [];
  for (const line of sorted) {
    const run = runs.find((r) => r.sum + line.payment.amountCents <= limit && r.lines.length < maxCount);
    if (run) {
      run.sum += line.payment.amountCents;
      run.lines.push(line);
    } else runs.push({ sum: line.payment.amountCents, lines: [line] });
  }
  return runs.map((r) => r.lines.sort((a, b) => a.payment.entryId - b.payment.entryId));
}

function chosenLines(ctx: ServiceContext, evaluation: Evaluation, entryIds: readonly number[] | undefined, instant: boolean): Line[][] {
  const wanted = entryIds ? new Set(entryIds) : null;
  if (wanted) {
    const eligible = new Set(evaluation.result.eligible.map((p) => p.entryId));
    const missing = [...wanted].filter((id) => !eligible.has(id));
    if (missing.length)
      throw new KontorError('order.entryNotEligible', 'An entry you chose cannot be paid in this run; see the list of entries left out and why.', {
        entries: missing.map((id) => evaluation.entries.get(id)?.number ?? String(id)).join(', '),
      });
  }
  const byAccount = new Map<string, Line[]>();
  for (const payment of evaluation.result.eligible) {
    if (wanted && !wanted.has(payment.entryId)) continue;
    const key = `${payment.kind}|${payment.bankAccountId}`;
    const line = { payment, entry: evaluation.entries.get(payment.entryId)!, instrument: evaluation.instruments.get(payment.instrumentId)! };
    byAccount.set(key, [...(byAccount.get(key) ?? []), line]);
  }
  const limits = amountLimits(ctx);
  const counts = paymentsPerFile(ctx);
  const groups = instant ? [...byAccount.values()].map((lines) => instantLines(ctx, lines, wanted !== null)).filter((l) => l.length) : [...byAccount.values()];
  return groups.flatMap((lines) => {
    const account = lines[0]!.payment.bankAccountId;
    return splitByLimit(lines, limits.get(account), counts.get(account));
  });
}

export function buildOrders(ctx: ServiceContext, o: BuildOptions = {}): { orders: repo.PaymentOrderRow[]; report: EligibilityReport } {
  // Which entries are eligible, the message ids and the writes in one write transaction: another process building
  // at the same time (a second workstation, the CLI beside the window) waits and then finds these entries taken.
  // Checked outside, two builders both saw an entry free and put it into two runs (test/team/concurrency.test.ts).
  const instant = o.instant === true;
  const { created, rep } = ctx.db
    .transaction(() => {
      const evaluation = evaluate(ctx);
      const runs = chosenLines(ctx, evaluation, o.entryIds, instant);
      const ids = idSequence(ctx);
      const made: number[] = [];
      for (const lines of runs) made.push(...buildRun(ctx, lines, ids.seq, instant));
      ids.save();
      return { created: made, rep: report(ctx, evaluation) };
    })
    .immediate();
  return { orders: created.map((id) => repo.getPaymentOrder(ctx.db, id)), report: rep };
}

/** One account's run of one kind: its payment files (one per scheme, or per block when the bank wants that) with their payments. */
function buildRun(ctx: ServiceContext, lines: Line[], seq: SepaIdSequence, instant: boolean): number[] {
  const created: number[] = [];
  const at = ctx.now();
  const first = lines[0]!;
  const account = getBankAccount(ctx.db, first.payment.bankAccountId);
  const entity = getEntity(ctx.db, account.entityId);
  const settings = fileSettings(ctx, account.bankAccessId);
  const own = { name: entity.name, iban: account.iban, bic: account.bic };
  const remittance = (e: Entry) => e.paymentReference ?? e.number;
  // An instant payment is executed on receipt: the run asks for today, not the due date.
  const dateOf = (l: Line) => (instant ? ctx.today() : l.payment.requestedDate);
  const e2e = new Map<string, Line>();
  const nextE2e = (l: Line) => {
    const id = seq.next();
    e2e.set(id, l);
    return id;
  };
  const files =
    first.payment.kind === 'credit_transfer'
      ? groupCreditTransfers(
          lines.map<CreditTransferLine>((l) => ({
            endToEndId: nextE2e(l),
            amountCents: l.payment.amountCents,
            creditor: { name: l.instrument.holderName, iban: l.instrument.iban, bic: l.instrument.bic },
            remittance: remittance(l.entry),
            executionDate: dateOf(l),
            batchBooking: true,
            debtor: own,
          })),
          { nextPaymentInfoId: () => seq.next(), oneBlockPerFile: settings.oneBlockPerFile },
        ).map((f) => ({
          kind: 'credit_transfer' as const,
          scheme: null,
          input: { format: settings.ct, blocks: instant ? f.blocks.map((b) => ({ ...b, instant })) : f.blocks },
        }))
      : groupDirectDebits(
          lines.map<DirectDebitLine>((l) => ({
            endToEndId: nextE2e(l),
            amountCents: l.payment.amountCents,
            debtor: { name: l.instrument.holderName, iban: l.instrument.iban, bic: l.instrument.bic },
            mandateId: l.instrument.mandateId!,
            mandateSignedOn: l.instrument.mandateSignedOn!,
            sequenceType: sequenceTypeFor(l.instrument),
            remittance: remittance(l.entry),
            collectionDate: l.payment.requestedDate,
            batchBooking: true,
            scheme: l.payment.scheme ?? 'CORE',
            creditor: own,
            creditorId: entity.creditorId ?? '',
          })),
          { nextPaymentInfoId: () => seq.next(), oneBlockPerFile: settings.oneBlockPerFile },
        ).map((f) => ({ kind: 'direct_debit' as const, scheme: f.scheme, input: { format: settings.dd, blocks: f.blocks } }));

  for (const file of files) {
    const messageId = seq.next();
    const built = buildPaymentFile({ ...file.input, messageId, createdAt: ctx.now(), initiatingParty: entity.name } as Parameters<typeof buildPaymentFile>[0], {
      german: settings.germanCharset,
    });
    const blocks = file.input.blocks as Array<{
      paymentInfoId: string;
      transactions: Array<{ endToEndId: string }>;
      executionDate?: string;
      collectionDate?: string;
    }>;
    const dates = blocks.map((b) => b.executionDate ?? b.collectionDate!).sort();
    const orderId = repo.insertPaymentOrder(
      ctx.db,
      {
        bankAccessId: account.bankAccessId,
        bankAccountId: account.id,
        kind: file.kind,
        format: built.format,
        scheme: file.scheme,
        fileBytes: built.xml,
        sha256: built.sha256,
        messageId,
        txCount: built.count,
        controlSumCents: built.controlSumCents,
        executionDate: dates[0]!,
        warnings: built.warnings,
        builtBy: ctx.actor(),
        instant,
      },
      at,
    );
    for (const block of blocks) {
      for (const tx of block.transactions) {
        const l = e2e.get(tx.endToEndId)!;
        repo.insertPayment(
          ctx.db,
          orderId,
          {
            entityId: entity.id,
            entryId: l.entry.id,
            instrumentId: l.instrument.id,
            bankAccountId: account.id,
            kind: file.kind,
            // A payment that collects money is negative, a payout positive (docs/architecture.md, Conventions).
            amountCents: file.kind === 'direct_debit' ? -l.payment.amountCents : l.payment.amountCents,
            endToEndId: tx.endToEndId,
            paymentInfoId: block.paymentInfoId,
            mandateId: l.instrument.mandateId,
            sequenceType: file.kind === 'direct_debit' ? sequenceTypeFor(l.instrument) : null,
            executionDate: dateOf(l),
            counterpartyName: l.instrument.holderName,
            counterpartyIban: l.instrument.iban,
            counterpartyBic: l.instrument.bic,
            remittance: remittance(l.entry),
          },
          at,
        );
      }
    }
    appendAudit(ctx.db, at, {
      actor: ctx.actor(),
      action: 'order.built',
      subjectType: 'payment_order',
      subjectId: orderId,
      details: { sha256: built.sha256, count: built.count, ...(instant ? { instant } : {}) },
    });
    created.push(orderId);
  }
  return created;
}
