import { z } from 'zod';
import { AppStatus } from '../domain';
import { call, none, type CallSpec } from './call';

export const appApi = {
  'app.status': call(none, AppStatus),

  'ledger.backup': call(none, z.object({ file: z.string(), pages: z.number().int() })),
} as const satisfies Record<string, CallSpec>;
