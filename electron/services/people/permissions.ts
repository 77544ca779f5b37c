/**
 * Which role each call needs. Reads need any role (a viewer reads); writes
 * need the preparer's; approvals the approver's; what sends money to a bank
 * the signer's; what decides who may talk to the bank or to the ledger the
 * administrator's. A few calls need no role at all: the status, and the
 * person's own language and display name.
 */
import type { ApiName } from '../../../shared/api';
import type { PersonRole } from '../../../shared/domain';

export type Requirement = 'none' | 'read' | PersonRole;

const EXPLICIT: Partial<Record<ApiName, Requirement>> = {
  'app.status': 'none',
  'settings.get': 'none',
  'settings.update': 'none',
  // Which ledger this workstation opens is the person's own choice, like the language: someone without a role on a
  // team ledger must still be able to go back to the file.
  'ledger.status': 'none',
  'ledger.choose': 'none',
  'entries.approve': 'approver',
  'entries.reject': 'approver',
  'orders.approve': 'approver',
  'orders.upload': 'signer',
  'orders.export': 'signer',
  'orders.recover': 'signer',
  'orders.handoff': 'signer',
  'veu.sign': 'signer',
  'veu.cancel': 'signer',
  'veu.setPin': 'signer',
  // Asking the bank how its orders stand moves no money: whoever works with orders may ask.
  'orders.refreshStatus': 'read',
  'reconcile.matchSettings': 'read',
  'orders.follow': 'read',
  'statements.fetch': 'read',
  'orders.summary': 'read',
  'orders.controlList': 'read',
  'orders.archive': 'read',
  'veu.show': 'read',
  'vop.results': 'read',
  'vop.default': 'read',
  'demoBank.decide': 'signer',
  'users.grant': 'administrator',
  'users.revoke': 'administrator',
  'ledger.backup': 'administrator',
  'bankAccess.create': 'administrator',
  'bankAccess.update': 'administrator',
  'bankAccess.initialise': 'administrator',
  'bankAccess.fetchBankKeys': 'administrator',
  'bankAccess.acceptBankKeys': 'administrator',
  'bankAccess.suspend': 'administrator',
  'bankAccess.reinitialise': 'administrator',
  'bankAccess.exportKeys': 'administrator',
  'bankAccess.importKeys': 'administrator',
  'bankAccess.setStatementFormat': 'administrator',
  'bankAccess.demoActivate': 'administrator',
  'audit.exportCsv': 'read',
  'audit.exportPdf': 'read',
  'statements.exportCsv': 'read',
  'bankAccess.probe': 'read',
  'bankAccess.letter': 'read',
};

/** Calls that only read, by their verb; a new call that writes falls to the preparer unless listed above. */
const READ_VERB =
  /\.(list|get|status|eligibility|proposals|assignments|searchEntries|lines|line|accounts|balanceHistory|importProfiles|profiles|importPreview|preview|orders|verify)$/;

export function requirementOf(name: ApiName): Requirement {
  return EXPLICIT[name] ?? (READ_VERB.test(name) ? 'read' : 'preparer');
}

export function allows(roles: readonly PersonRole[], need: Requirement): boolean {
  if (need === 'none') return true;
  if (need === 'read') return roles.length > 0;
  return roles.includes(need);
}
