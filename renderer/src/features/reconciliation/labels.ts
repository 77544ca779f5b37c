import type { DirectionTotal, EntryRef } from '../../../../shared/reconcile';
import type { StatementLine } from '../../../../shared/statements';
import type { Translator } from '../../i18n/translator';

type Tr = Pick<Translator, 'amount' | 'date'>;

/** A bank line in a few words, for accessible names: `2026-01-05, EUR 1,234.56, Muster GmbH`. */
export function lineLabel(tr: Tr, line: Pick<StatementLine, 'bookingDate' | 'amountCents' | 'currency' | 'counterpartyName' | 'counterpartyIban'>): string {
  const who = line.counterpartyName ?? line.counterpartyIban ?? '';
  return [tr.date(line.bookingDate), tr.amount(line.amountCents, line.currency), who].filter(Boolean).join(', ');
}

/** Whether an allocation settles the entry (moves its open amount towards zero) or reopens it (a return). */
export function settles(entry: Pick<EntryRef, 'type'>, allocationCents: number): boolean {
  return entry.type === 'Debit' ? allocationCents < 0 : allocationCents > 0;
}

/** `95 %` */
export function confidenceText(confidence: number): string {
  return `${Math.round(Math.max(0, Math.min(1, confidence)) * 100)} %`;
}

/**
 * Totals per direction and currency, money in and money out never added:
 * `Money in: EUR 500.00 (2) · Money out: EUR 123.45 (1)`.
 */
export function directionTotalsText(tr: Tr & Pick<Translator, 't'>, totals: readonly DirectionTotal[]): string {
  const part = (direction: 'in' | 'out') => {
    const mine = totals.filter((x) => x.direction === direction);
    if (mine.length === 0) return null;
    const count = mine.reduce((s, x) => s + x.count, 0);
    const sums = mine.map((x) => tr.amount(x.cents, x.currency)).join(' + ');
    return tr.t(direction === 'in' ? 'settle.totalIn' : 'settle.totalOut', { amount: sums, count });
  };
  return [part('in'), part('out')].filter(Boolean).join(' · ') || tr.amount(0);
}
