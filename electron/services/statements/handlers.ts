import type { bankCsvApi } from '../../../shared/api/bank-csv';
import type { statementsApi } from '../../../shared/api/statements';
import { preview } from '../csv-import/off-thread';
import { pageLines } from '../../ledger/repos/statement-lines';
import { balanceHistory, listStatementSummaries, statementAccounts } from '../../ledger/repos/statements';
import { bankCsvCommit, bankCsvProfiles } from './bank-csv/service';
import type { HandlersOf } from '../handler';
import { currentSettings } from '../settings/service';
import { fetchStatements } from './fetch';
import { importStatementFile } from './service';
import { statementArchiveDir } from './store-file';
import { exportLinesCsv, lineDetail } from './view';

export const statementHandlers: HandlersOf<typeof statementsApi> = {
  'statements.accounts': (_input, ctx) => statementAccounts(ctx.db),
  'statements.balanceHistory': ({ iban }, ctx) => balanceHistory(ctx.db, iban),
  'statements.list': (input, ctx) => listStatementSummaries(ctx.db, input),
  'statements.lines': (input, ctx) => pageLines(ctx.db, input),
  'statements.line': ({ id }, ctx) => lineDetail(ctx.db, id, statementArchiveDir(ctx)),
  'statements.exportCsv': (filter, ctx) => exportLinesCsv(ctx.db, filter, currentSettings(ctx).locale, ctx.today()),
  'statements.import': ({ fileName, base64 }, ctx) => importStatementFile(ctx, fileName, Buffer.from(base64, 'base64')),
  'statements.fetch': (input, ctx) => {
    const taskId = ctx.events.taskId('statements-fetch');
    return fetchStatements(ctx, { ...input, onProgress: (p) => ctx.events.emit('progress', { taskId, ...p }) });
  },
};

/** A bank's CSV export becomes a statement: its calls live with the statements. */
export const bankCsvHandlers: HandlersOf<typeof bankCsvApi> = {
  'bankCsv.preview': (input, ctx) => preview(ctx, { kind: 'bankCsv', input }),
  'bankCsv.commit': (input, ctx) => bankCsvCommit(ctx, input),
  'bankCsv.profiles': (_input, ctx) => bankCsvProfiles(ctx),
};
