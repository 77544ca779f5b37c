import type { entriesApi } from '../../../shared/api/entries';
import { getEntry, listEntries } from '../../ledger/repos/entries';
import { importCommit, importProfiles } from '../entries-import/service';
import { preview } from '../csv-import/off-thread';
import type { HandlersOf } from '../handler';
import { settlementsOfEntry } from '../../ledger/repos/settlements';
import { createEntry, decideApproval, updateEntry } from './service';
import { withOrders } from '../orders/in-payment';
import { settleEntry, undoSettlement } from './settle';

export const entryHandlers: HandlersOf<typeof entriesApi> = {
  'entries.list': (input, ctx) => {
    const page = listEntries(ctx.db, input);
    return { ...page, rows: withOrders(ctx, page.rows) };
  },
  'entries.get': ({ id }, ctx) => withOrders(ctx, [getEntry(ctx.db, id)])[0]!,
  'entries.create': (input, ctx) => createEntry(ctx, input),
  'entries.update': ({ id, version, values }, ctx) => updateEntry(ctx, id, version, values),
  'entries.approve': ({ id }, ctx) => decideApproval(ctx, id, 'approved'),
  'entries.reject': ({ id }, ctx) => decideApproval(ctx, id, 'rejected'),
  'entries.importPreview': (input, ctx) => preview(ctx, { kind: 'entries', input }),
  'entries.importCommit': (input, ctx) => importCommit(ctx, input),
  'entries.importProfiles': (_input, ctx) => importProfiles(ctx),
  'entries.settle': (input, ctx) => settleEntry(ctx, input),
  'entries.undoSettlement': ({ id }, ctx) => undoSettlement(ctx, id),
  'entries.settlements': ({ id }, ctx) => {
    getEntry(ctx.db, id);
    return settlementsOfEntry(ctx.db, id);
  },
};
