/**
 * The statement use cases the API and CLI call.
 */
import { KontorError } from '../../../shared/errors';
import type { StatementImportResult } from '../../../shared/statements';
import type { ServiceContext } from '../context';
import { storeStatementFile } from './store-file';
import { getStatementSummary } from '../../ledger/repos/statements';

/** A file the user chose or dropped. Its content imported before is refused, whatever its name. */
export function importStatementFile(ctx: ServiceContext, fileName: string, bytes: Uint8Array): StatementImportResult {
  const result = storeStatementFile(ctx, { fileName, bytes });
  if (result.duplicateFiles === result.files) {
    throw new KontorError('statement.duplicateFile', 'This file was imported before; its statements are already stored.', { fileName });
  }
  return {
    stored: result.stored.map((id) => getStatementSummary(ctx.db, id)),
    duplicates: result.duplicates + result.duplicateFiles,
    paymentsUpdated: result.paymentsUpdated,
  };
}
