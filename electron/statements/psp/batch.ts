/**
 * What every PSP reader produces — one settlement batch: the payments,
 * refunds, chargebacks, fees and corrections on the PSP's balance and the
 * payout that empties it to the merchant's bank account — and how a batch
 * becomes a statement of the PSP clearing account in the one statement
 * model. Accountants keep a PSP as a clearing account (Geldtransitkonto):
 * the customers' payments arrive there one by one, and the bank's single
 * payout line is a transfer from it. So each payment can be matched to its
 * open entry like a bank line, and the payout to the bank line it became.
 */
import type { ParsedLine, ParsedStatement } from '../model';
import type { TextEncoding } from '../encoding';

export type PspProvider = 'adyen' | 'stripe' | 'paypal' | 'mollie';
export type PspItemKind = 'payment' | 'refund' | 'chargeback' | 'fee' | 'payout' | 'adjustment';

export const PSP_NAMES: Readonly<Record<PspProvider, string>> = { adyen: 'Adyen', stripe: 'Stripe', paypal: 'PayPal', mollie: 'Mollie' };

/** The bank transaction code a PSP booking carries (`PSP:PAYMENT`, `PSP:FEE`, …): the services settle fees and link payouts by it. */
export const pspTxCode = (kind: PspItemKind) => `PSP:${kind.toUpperCase()}`;

export interface PspItem {
  kind: PspItemKind;
  date: string;
  /** Signed minor units on the PSP balance: + money in (a payment), − money out (refund, fee, payout). */
  amountCents: number;
  /** The PSP's id of the transaction (Adyen PSP reference, Stripe txn_, PayPal transaction id, Mollie tr_). */
  pspReference?: string;
  /** The shop's reference — the invoice or order number the open entry is found by. */
  merchantReference?: string;
  /** The type as the report writes it (`Settled`, `charge`, `T0006`). */
  typeText: string;
  customerName?: string;
  /** For a payout: the text the PSP sends with the transfer (Adyen `TX…XT batch 4`, Mollie's settlement reference). */
  payoutReference?: string;
  /** Where in the file: the record's physical lines. */
  rawStart: number;
  rawEnd: number;
}

export interface PspBatch {
  provider: PspProvider;
  /** The merchant account or PSP account id, as the report names it. */
  account: string;
  /** Batch, payout or settlement id: unique per account. */
  batchId: string;
  currency: string;
  items: PspItem[];
}

function lineOf(item: PspItem, currency: string, provider: PspProvider): ParsedLine {
  const line: ParsedLine = {
    bookingDate: item.date,
    amountCents: item.amountCents,
    currency,
    isReversal: false,
    status: 'BOOK',
    bankTxCode: pspTxCode(item.kind),
    bookingText: `${PSP_NAMES[provider]} ${item.typeText}`.trim(),
    transactions: [],
    rawStart: item.rawStart,
    rawEnd: item.rawEnd,
  };
  if (item.pspReference) line.bankReference = item.pspReference;
  if (item.merchantReference) {
    line.entryReference = item.merchantReference;
    line.remittance = item.merchantReference;
  }
  if (item.payoutReference) line.remittance = item.payoutReference;
  if (item.customerName) line.counterparty = { name: item.customerName };
  return line;
}

/**
 * The batch as a statement of the clearing account. The balance starts at
 * zero and a paid-out batch ends at zero again: opening + Σ = closing is
 * the report's own check that its lines add up to the payout.
 */
export function batchStatement(batch: PspBatch, encoding: TextEncoding): ParsedStatement {
  const lines = batch.items.map((i) => lineOf(i, batch.currency, batch.provider));
  const dates = lines.map((l) => l.bookingDate).sort();
  const from = dates[0] ?? '';
  const to = dates[dates.length - 1] ?? from;
  const sum = lines.reduce((s, l) => s + l.amountCents, 0);
  const paidOut = batch.items.some((i) => i.kind === 'payout');
  const opening = { type: 'OPBD', amountCents: 0, currency: batch.currency, date: from };
  const closing = { type: 'CLBD', amountCents: paidOut ? 0 : sum, currency: batch.currency, date: to };
  const ok = closing.amountCents === sum;
  return {
    format: 'psp',
    kind: 'psp',
    messageName: `${PSP_NAMES[batch.provider]} settlement`,
    messageId: batch.batchId,
    statementId: `${batch.provider}:${batch.account}:${batch.batchId}`,
    account: { other: `${PSP_NAMES[batch.provider]} ${batch.account} ${batch.currency}`, currency: batch.currency, name: PSP_NAMES[batch.provider] },
    periodFrom: from,
    periodTo: to,
    opening,
    closing,
    balances: [opening, closing],
    lines,
    balanceCheck: { ok, openingCents: 0, sumCents: sum, closingCents: closing.amountCents, differenceCents: closing.amountCents - sum },
    warnings: ok ? [] : ['statement.balanceMismatch'],
    dialect: batch.provider,
    encoding,
  };
}
