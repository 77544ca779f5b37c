import { z } from 'zod';

/**
 * What another workstation changed in the team ledger, by area: the renderer
 * reloads the screens that show an area when it hears of a change to it. The
 * areas name kinds of data, never the data itself.
 */
export const LedgerArea = z.enum(['entries', 'orders', 'statements', 'parties', 'entities', 'banks', 'people', 'settings', 'audit']);
export type LedgerArea = z.infer<typeof LedgerArea>;
export const LEDGER_AREAS = LedgerArea.options;

export const LedgerChanged = z.object({
  areas: z.array(LedgerArea),
  /** The database login whose transaction committed; null when changes may have been missed (the connection was lost) and every area is reloaded. */
  by: z.string().nullable(),
});
export type LedgerChanged = z.infer<typeof LedgerChanged>;
