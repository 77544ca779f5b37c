import { z } from 'zod';
import { AppStatus } from '../domain';
import { LedgerChoiceInput, LedgerStatus } from '../ledger-choice';
import { SetupChecklist } from '../setup';
import { call, none, type CallSpec } from './call';

export const appApi = {
  'app.status': call(none, AppStatus),

  /** The first-run checklist: which set-up steps the ledger shows done. */
  'setup.checklist': call(none, SetupChecklist),

  'ledger.backup': call(none, z.object({ file: z.string(), pages: z.number().int() })),

  /** Which ledger is open (file or team ledger, the login) and which one the next start opens. */
  'ledger.status': call(none, LedgerStatus),
  /** Chooses the ledger for the next start: the file, or a team ledger whose login and password are checked first. */
  'ledger.choose': call(LedgerChoiceInput, LedgerStatus),
} as const satisfies Record<string, CallSpec>;
