import type { appApi } from '../../../shared/api/app';
import type { HandlersOf } from '../handler';
import { setupChecklist } from './checklist';
import { appStatus, backup } from './service';

export const appHandlers: HandlersOf<typeof appApi> = {
  'app.status': (_input, ctx) => appStatus(ctx),
  'setup.checklist': (_input, ctx) => setupChecklist(ctx),
  'ledger.backup': (_input, ctx) => backup(ctx),
};
