import { getBankAccess, setStatementFormat, type BankAccessRow } from '../../ledger/repos/bank-access';
import { touchVersion } from '../../ledger/repos/versions';
import type { ServiceContext } from '../context';
import { audit } from './connection';

/** camt.053 or MT940 for the end-of-day statements: not part of the letter, so it can change at any time; recorded in the audit log. */
export function changeStatementFormat(ctx: ServiceContext, id: number, format: 'camt' | 'mt940'): BankAccessRow {
  return ctx.db.transaction(() => {
    setStatementFormat(ctx.db, getBankAccess(ctx.db, id).id, format, ctx.now());
    // The settings form shows the format too: one opened before this change is refused rather than saving the old one back.
    touchVersion(ctx.db, 'bank_access', id, ctx.actor(), ctx.now());
    const row = getBankAccess(ctx.db, id);
    audit(ctx, id, 'bankAccess.statementFormat', { statementFormat: format });
    return row;
  })();
}
