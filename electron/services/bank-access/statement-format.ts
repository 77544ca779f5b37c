import { getBankAccess, setStatementFormat, type BankAccessRow } from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import { audit } from './connection';

/** camt.053 or MT940 for the end-of-day statements: not part of the letter, so it can change at any time; recorded in the audit log. */
export function changeStatementFormat(ctx: ServiceContext, id: number, format: 'camt' | 'mt940'): BankAccessRow {
  return ctx.db.transaction(() => {
    const row = setStatementFormat(ctx.db, getBankAccess(ctx.db, id).id, format, ctx.now());
    audit(ctx, id, 'bankAccess.statementFormat', { statementFormat: format });
    return row;
  })();
}
