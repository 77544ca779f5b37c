import type { appApi } from '../../../shared/api/app';
import type { HandlersOf } from '../handler';
import { setupChecklist } from './checklist';
import { appStatus, backup } from './service';
import { chooseLedger, ledgerStatus } from '../ledger-choice';

export const appHandlers: HandlersOf<typeof appApi> = {
  'app.status': (_input, ctx) => appStatus(ctx),
  'setup.checklist': (_input, ctx) => setupChecklist(ctx),
  'ledger.backup': (_input, ctx) => backup(ctx),
  'ledger.status': (_input, ctx) => ledgerStatus(ctx),
  'ledger.choose': (input, ctx) => chooseLedger(ctx, input),
};
