/**
 * Choosing the entries a bank line settles, without React: which entries
 * can take money from the line, the amounts proposed (each entry's open
 * amount up to what the line has left, oldest first), and the check that
 * the amounts fit, before `reconcile.assign` or `reconcile.accept` is asked.
 *
 * The user types amounts without sign. The allocation sign follows
 * shared/reconcile.ts: open amount + allocation = new open amount, and the
 * line pays the opposite of its allocations, so money in (+) settles with
 * negative allocations and money out (−) with positive ones.
 */
import type { Allocation, Assignment, EntryRef } from '../../../../shared/reconcile';
import type { Problem } from '../../i18n/problems';
import { parseAmount } from '../../../../shared/money';

export interface EntryChoice {
  entry: EntryRef;
  /** The amount as typed (without sign). */
  text: string;
  /** Typed by the user: defaults no longer change it. */
  edited: boolean;
}

/** What of a line is still free: its amount less what active assignments took (in the line's sign). */
export function availableOf(lineAmountCents: number, assignments: readonly Assignment[]): number {
  let available = lineAmountCents;
  for (const a of assignments) {
    if (a.undoneAt) continue;
    for (const item of a.items) available += item.amountCents;
  }
  return available;
}

/** Why an entry cannot take money from this line, or undefined when it can. */
export function unfitReason(entry: EntryRef, availableCents: number, currency: string): Problem | undefined {
  if (entry.openAmountCents === 0) return { code: 'reconcile.notOpen' };
  if (entry.currency !== currency) return { code: 'reconcile.currencyMismatch', params: { currency: entry.currency, lineCurrency: currency } };
  if (Math.sign(entry.openAmountCents) !== Math.sign(availableCents))
    return { code: availableCents > 0 ? 'reconcile.payableForMoneyIn' : 'reconcile.receivableForMoneyOut' };
  return undefined;
}

/** Oldest first: by due date (none last), then number. */
export function byAge(a: EntryRef, b: EntryRef): number {
  const da = a.dueDate ?? '9999-12-31';
  const db = b.dueDate ?? '9999-12-31';
  return da < db ? -1 : da > db ? 1 : a.number.localeCompare(b.number);
}

export const parseTyped = (text: string, locale: 'de' | 'en'): number => parseAmount(text, { decimal: locale === 'de' ? ',' : '.' });

/**
 * New amounts for the picks the user has not typed into: each entry's open
 * amount, up to what the line has left after the typed ones, oldest first.
 */
export function withDefaults(picks: readonly EntryChoice[], availableCents: number, locale: 'de' | 'en', format: (cents: number) => string): EntryChoice[] {
  let left = Math.abs(availableCents);
  for (const p of picks) {
    if (!p.edited) continue;
    try {
      left -= Math.abs(parseTyped(p.text, locale));
    } catch {
      // Unreadable: the check below reports it.
    }
  }
  const order = picks
    .filter((p) => !p.edited)
    .map((p) => p.entry)
    .sort(byAge);
  const amounts = new Map<number, number>();
  for (const e of order) {
    // A return reopens an entry (its open amount may be 0): only the line limits it.
    const cap = Math.sign(e.openAmountCents) === Math.sign(availableCents) ? Math.abs(e.openAmountCents) : left;
    const amount = Math.max(0, Math.min(cap, left));
    amounts.set(e.entryId, amount);
    left -= amount;
  }
  return picks.map((p) => (p.edited ? p : { ...p, text: format(amounts.get(p.entry.entryId) ?? 0) }));
}

export interface AllocationCheck {
  /** Problems by entry id. */
  rows: Map<number, Problem>;
  /** The sum of the typed amounts (without sign), as far as they are readable. */
  sumCents: number;
  /** Problem of the whole (more than the line has). */
  total: Problem | undefined;
  /** Ready to send: every amount readable and the sum fits. */
  allocations: Allocation[] | null;
}

export function checkAllocations(
  picks: readonly EntryChoice[],
  availableCents: number,
  locale: 'de' | 'en',
  format: (cents: number) => string,
): AllocationCheck {
  const rows = new Map<number, Problem>();
  const allocations: Allocation[] = [];
  let sum = 0;
  const direction = availableCents >= 0 ? -1 : 1;
  for (const p of picks) {
    let cents: number;
    try {
      cents = Math.abs(parseTyped(p.text, locale));
    } catch {
      rows.set(p.entry.entryId, { code: 'amount.invalid' });
      continue;
    }
    if (cents === 0) {
      rows.set(p.entry.entryId, { code: 'reconcile.amountZero' });
      continue;
    }
    const settling = Math.sign(p.entry.openAmountCents) === Math.sign(availableCents);
    if (settling && cents > Math.abs(p.entry.openAmountCents)) {
      rows.set(p.entry.entryId, { code: 'reconcile.moreThanOpen', params: { open: format(Math.abs(p.entry.openAmountCents)) } });
    }
    sum += cents;
    allocations.push({ entryId: p.entry.entryId, amountCents: direction * cents });
  }
  const total =
    sum > Math.abs(availableCents) ? { code: 'reconcile.sumTooHigh', params: { sum: format(sum), available: format(Math.abs(availableCents)) } } : undefined;
  const ready = picks.length > 0 && rows.size === 0 && total === undefined;
  return { rows, sumCents: sum, total, allocations: ready ? allocations : null };
}
