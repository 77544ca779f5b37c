import type { EntryRef, Proposal } from '../../../../shared/reconcile';
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

/** What a proposal takes from its line: the line's available amount less the rest (in the line's sign). */
export function usedOfLine(p: Pick<Proposal, 'lineAvailableCents' | 'restCents'>): number {
  return p.lineAvailableCents - p.restCents;
}

/** Sums by currency, e.g. for "accept all sure ones": `EUR 1,234.56 + CHF 10.00`. */
export function totalsText(tr: Tr, parts: readonly { cents: number; currency: string }[]): string {
  const sums = new Map<string, number>();
  for (const p of parts) sums.set(p.currency, (sums.get(p.currency) ?? 0) + p.cents);
  if (sums.size === 0) return tr.amount(0);
  return [...sums].map(([currency, cents]) => tr.amount(cents, currency)).join(' + ');
}
