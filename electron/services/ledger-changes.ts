/**
 * Changes other workstations commit to the team ledger, as `ledger.changed`
 * events to whichever host shows screens (the window, the browser host): the
 * renderer reloads what shows the changed areas. A ledger file has one
 * workstation and nothing to hear.
 */
import { isTeamLedger, type PgDatabase } from '../ledger/pg/database';
import type { ChangeListener } from '../ledger/pg/listen';
import type { ServiceContext } from './context';

export interface LedgerChangesOptions {
  onError?: (e: Error) => void;
  retryMs?: number;
}

/** Starts listening when the context's ledger is a team ledger; null for a ledger file. */
export function startLedgerChanges(ctx: Pick<ServiceContext, 'db' | 'events'>, o: LedgerChangesOptions = {}): ChangeListener | null {
  if (!isTeamLedger(ctx.db)) return null;
  return (ctx.db as unknown as PgDatabase).listenForChanges({
    onChange: (change) => ctx.events.emit('ledger.changed', change),
    ...(o.onError ? { onError: o.onError } : {}),
    ...(o.retryMs ? { retryMs: o.retryMs } : {}),
  });
}
