import type { appApi } from '../../../shared/api/app';
import type { HandlersOf } from '../handler';
import { appStatus, backup } from './service';

export const appHandlers: HandlersOf<typeof appApi> = {
  'app.status': (_input, ctx) => appStatus(ctx),
  'ledger.backup': (_input, ctx) => backup(ctx),
};
