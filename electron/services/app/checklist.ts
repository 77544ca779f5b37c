/**
 * The first-run checklist, computed from the ledger each time it is asked:
 * nothing to keep in step, and a step ticks as soon as its data exists,
 * whether it came from the window, the CLI or an import.
 */
import type { SetupChecklist, SetupStep } from '../../../shared/setup';
import { setupCounts } from '../../ledger/repos/setup-progress';
import type { ServiceContext } from '../context';

export function setupChecklist(ctx: ServiceContext): SetupChecklist {
  const c = setupCounts(ctx.db);
  const step = (id: SetupStep['id'], count: number, missing = 0): SetupStep => ({ id, done: count > 0, count, missing });
  const steps = [
    step('entity', c.entities),
    step('bankAccounts', c.bankAccounts),
    step('bankAccess', c.readyAccesses),
    step('linked', c.linkedAccounts, c.bankAccounts - c.linkedAccounts),
    step('parties', c.parties),
    step('entries', c.entries),
  ];
  return {
    steps,
    complete: steps.every((s) => s.done),
    firstStart: c.entities === 0 && c.bankAccounts === 0 && c.parties === 0 && c.entries === 0,
  };
}
