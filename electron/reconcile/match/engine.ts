/**
 * The matching engine (docs/sepa.md, Reconciliation): bank lines against
 * open entries and the payments Kontor issued, in passes from the surest key
 * to the weakest:
 *
 * 1. end-to-end id of an issued payment; then a batch booking of several
 *    issued payments of one block (their end-to-end ids, or the block's id);
 * 2. mandate id + collection date (± 1 TARGET2 day) with the payment's amount;
 * 3. returns, reversals and chargebacks of issued payments (end-to-end id,
 *    else mandate): they reopen what the payment settled;
 * 4. entry numbers and payment references in the remittance text — one entry
 *    (exact, partial, over-payment) or several (consolidated, oldest first);
 * 5. amount + counterparty IBAN, then 6. amount + counterparty name, within a
 *    date window around the entry's dates.
 *
 * Every line gets at most one proposal and is used at most to its available
 * amount; every entry keeps a running open amount during the run, so two lines
 * never settle more than it owes. Everything is hash lookups: no loop over all
 * entries per line.
 *
 * Each pass is a module of its own under passes/, working on one RunState
 * (run-state.ts): the indexes, what the run has claimed so far and the
 * proposals. A pass only looks at lines no earlier pass decided.
 */
import { createRunState, type RunState } from './run-state';
import { endToEndPass } from './passes/end-to-end';
import { batchPass } from './passes/batch';
import { mandatePass } from './passes/mandate';
import { returnsPass } from './passes/returns';
import { referencesPass } from './passes/references';
import { amountIbanPass, amountNamePass } from './passes/amount-counterparty';
import type { BankLine, IssuedPayment, MatchOptions, OpenEntry, Proposal } from './types';

/** The passes in the order of the file comment: the surest key first. */
const PASSES: readonly ((run: RunState) => void)[] = [endToEndPass, batchPass, mandatePass, returnsPass, referencesPass, amountIbanPass, amountNamePass];

/**
 * Proposes matches for the lines, at most one per line, in the lines' order.
 * Deterministic: the same input (in the same order) gives the same output.
 * Lines without any candidate get no proposal.
 */
export function matchLines(
  lines: readonly BankLine[],
  entries: readonly OpenEntry[],
  payments: readonly IssuedPayment[],
  options: MatchOptions = {},
): Proposal[] {
  const run = createRunState(lines, entries, payments, options);
  for (const pass of PASSES) pass(run);
  const out: Proposal[] = [];
  // An index loop: this one-shot loop over every line ran as an iterator that allocated per step.
  for (let i = 0; i < run.result.length; i++) {
    const p = run.result[i];
    if (p) out.push(p);
  }
  return out;
}
