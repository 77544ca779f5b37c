import { describe, expect, it } from 'vitest';
import { reloadsOn } from './ledgerChanges';

describe('which loaded calls a change on the team ledger reloads', () => {
  it('reloads the orders and the entries for an approval of an order, not the parties', () => {
    expect(reloadsOn('orders.get', ['orders', 'audit'])).toBe(true);
    expect(reloadsOn('entries.list', ['orders'])).toBe(true);
    expect(reloadsOn('accounts.list', ['orders'])).toBe(false);
  });

  it('reloads the statements and reconciliation for an assignment, and the audit log and status for anything', () => {
    expect(reloadsOn('reconcile.assignments', ['statements'])).toBe(true);
    expect(reloadsOn('statements.lines', ['statements'])).toBe(true);
    expect(reloadsOn('audit.list', ['parties'])).toBe(true);
    expect(reloadsOn('app.status', ['settings'])).toBe(true);
  });

  it('never reloads which ledger is open, and nothing for an empty change', () => {
    expect(reloadsOn('ledger.status', ['settings', 'people'])).toBe(false);
    expect(reloadsOn('app.status', [])).toBe(false);
  });
});
