import { z } from 'zod';
import { AppStatus } from '../domain';
import { SetupChecklist } from '../setup';
import { call, none, type CallSpec } from './call';

export const appApi = {
  'app.status': call(none, AppStatus),

  /** The first-run checklist: which set-up steps the ledger shows done. */
  'setup.checklist': call(none, SetupChecklist),

  'ledger.backup': call(none, z.object({ file: z.string(), pages: z.number().int() })),
} as const satisfies Record<string, CallSpec>;
