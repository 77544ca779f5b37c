/**
 * One rule for the sign of every amount a user sees, on every list, preview
 * and total: **from our bank account's point of view — money in positive,
 * money out negative.** A receivable (money to come in) and a direct debit
 * are positive; a payable (money to go out) and a credit transfer negative;
 * a statement line keeps its sign. A total is the sum of what it totals,
 * shown the same way, so a direct-debit order's lines and total are all
 * positive and a credit-transfer order's all negative.
 *
 * The ledger stores some amounts the other way round (docs/architecture.md,
 * Signs: a payment that collects money is negative); these functions turn
 * stored amounts into shown ones. The SEPA control sum inside a file stays
 * unsigned, as the schema wants; only its display follows this rule.
 */
import type { Cents } from './money';

export type Direction = 'in' | 'out' | 'none';

/** A receivable's or payable's amount as shown: stored signs already follow the rule. */
export function shownEntryCents(entry: { amountCents: Cents }): Cents {
  return entry.amountCents;
}

/** A payment of an order as shown: stored as collected-negative, payout-positive, so turned round. */
export function shownPaymentCents(payment: { amountCents: Cents }): Cents {
  return payment.amountCents === 0 ? 0 : -payment.amountCents;
}

/** An order's (or a bank order's) total as shown: a direct debit brings money in, a credit transfer sends it out. */
export function shownOrderCents(kind: 'credit_transfer' | 'direct_debit', cents: Cents): Cents {
  const size = Math.abs(cents);
  return kind === 'credit_transfer' && size !== 0 ? -size : size;
}

/** Which way a shown amount moves money. */
export function directionOf(shownCents: Cents): Direction {
  return shownCents > 0 ? 'in' : shownCents < 0 ? 'out' : 'none';
}

/** The order kind an EBICS order type or BTF service carries money for; undefined for anything else. */
export function kindOfOrderType(orderType: string): 'credit_transfer' | 'direct_debit' | undefined {
  const t = orderType.toUpperCase();
  if (/^(CCT|CCU|XCT|AXZ|CIP)$|SCT/.test(t)) return 'credit_transfer';
  if (/^(CDD|CDB|CDC|CDS)$|SDD/.test(t)) return 'direct_debit';
  return undefined;
}
