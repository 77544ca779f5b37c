/**
 * What the matcher sees, read from the ledger: bank lines with something
 * left to assign, open entries with the IBANs their accounts are known by,
 * and the payments Kontor issued with the entries they pay.
 */
import type { Database } from 'better-sqlite3';
import type { BankLine, IssuedPayment, OpenEntry } from '../../reconcile/match';
import { openEntryRows } from '../../ledger/repos/entries';
import { ibansByAccount } from '../../ledger/repos/payment-instruments';
import { expectedEntriesByPayment, issuedPaymentRows } from '../../ledger/repos/payments';
import { openLineRows } from '../../ledger/repos/statement-lines';

export function openLines(db: Database): BankLine[] {
  return openLineRows(db).map(({ transactions, ...r }) => {
    const line: BankLine = { ...r, isReversal: r.isReversal === 1, isChargeback: r.isChargeback === 1 };
    // A booking of one transaction carries its end-to-end id in the transaction; a batch names its items' ids (the batch pass).
    if (!line.endToEndId && transactions !== '[]') {
      const txs = JSON.parse(transactions) as { endToEndId?: string; mandateId?: string; returnReason?: string }[];
      if (txs.length === 1) {
        line.endToEndId = txs[0]!.endToEndId ?? null;
        line.mandateId ??= txs[0]!.mandateId ?? null;
        line.returnReason ??= txs[0]!.returnReason ?? null;
      } else if (txs.every((t) => t.endToEndId)) {
        line.batchEndToEndIds = txs.map((t) => t.endToEndId!);
      }
    }
    return line;
  });
}

export function openEntries(db: Database): OpenEntry[] {
  const ibans = ibansByAccount(db);
  return openEntryRows(db).map((r) => ({ ...r, accountIbans: ibans.get(r.accountId) ?? [] }));
}

export function issuedPayments(db: Database): IssuedPayment[] {
  const entries = expectedEntriesByPayment(db);
  return issuedPaymentRows(db).map((r) => ({ ...r, executionDate: r.executionDate ?? '', entries: entries.get(r.id) ?? [] }));
}
