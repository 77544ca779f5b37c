/**
 * Receivables and payables: the rules that need other rows (the chosen
 * mandate, bank details and bank account belong to the entry's parties) and
 * four eyes on payables (an approver other than the preparer decides).
 */
import type { z } from 'zod';
import { compareDates } from '../../../shared/dates';
import type { Entry, EntryInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import * as accounts from '../../ledger/repos/accounts';
import { appendAudit } from '../../ledger/repos/audit-log';
import * as bankAccounts from '../../ledger/repos/bank-accounts';
import * as entities from '../../ledger/repos/business-entities';
import * as entries from '../../ledger/repos/entries';
import * as instruments from '../../ledger/repos/payment-instruments';
import { rolesOf } from '../../ledger/repos/people';
import { touchVersion } from '../../ledger/repos/versions';
import type { ServiceContext } from '../context';
import { versionedEdit } from '../versioned-edit';

type EntryValues = z.output<typeof EntryInput>;

function checkEntry(ctx: ServiceContext, v: EntryValues): void {
  entities.getEntity(ctx.db, v.entityId);
  accounts.getAccount(ctx.db, v.accountId);
  if (v.requestedInstrumentId) {
    const instrument = instruments.getInstrument(ctx.db, v.requestedInstrumentId);
    if (instrument.accountId !== v.accountId) {
      throw new KontorError('entry.instrumentOfOtherAccount', 'The chosen mandate or bank details belong to another customer or supplier.');
    }
  }
  if (v.requestedBankAccountId) {
    const account = bankAccounts.getBankAccount(ctx.db, v.requestedBankAccountId);
    if (account.entityId !== v.entityId) {
      throw new KontorError('entry.bankAccountOfOtherEntity', 'The chosen bank account belongs to another business entity.');
    }
  }
  if (v.dueDate && compareDates(v.dueDate, v.statementDate) < 0) {
    throw new KontorError('entry.dueBeforeStatement', 'The due date lies before the document date.');
  }
}

/** A new entry, prepared by whoever acts now. */
export function createEntry(ctx: ServiceContext, v: EntryValues): Entry {
  checkEntry(ctx, v);
  return entries.createEntry(ctx.db, v, ctx.now(), ctx.actor());
}

/** An edit of the entry as the person loaded it (`version`); refused when someone else changed it meanwhile. */
export function updateEntry(ctx: ServiceContext, id: number, version: number, v: EntryValues): Entry {
  checkEntry(ctx, v);
  return versionedEdit(ctx, 'entry', id, version, () => entries.updateEntry(ctx.db, id, v, ctx.now()));
}

export function decideApproval(ctx: ServiceContext, id: number, decision: 'approved' | 'rejected'): Entry {
  const me = ctx.actor();
  const entry = entries.getEntry(ctx.db, id);
  // Dispatch already asked for the approver role; the ledger's triggers hold both rules even for a direct write.
  if (!rolesOf(ctx.db, me).includes('approver'))
    throw new KontorError('approval.notApprover', 'You do not hold the approver role; an approver has to decide on payments.');
  if (entry.type !== 'Credit' || entry.creditApproval === null) throw new KontorError('approval.notNeeded', 'This entry does not need an approval.');
  if (entry.preparedBy === me) {
    throw new KontorError('approval.ownEntry', 'You prepared this payable yourself; another person has to approve it (four-eyes principle).');
  }
  if (entry.status !== 'Open') throw new KontorError('approval.closed', 'This entry is already settled.');
  ctx.db.transaction(() => {
    const at = ctx.now();
    entries.setApproval(ctx.db, id, decision, me, at);
    // A form opened before the decision would otherwise save over it unnoticed.
    touchVersion(ctx.db, 'entry', id, me, at);
    appendAudit(ctx.db, at, {
      actor: me,
      action: `entry.${decision}`,
      subjectType: 'entry',
      subjectId: id,
      details: { amountCents: entry.amountCents },
    });
  })();
  return entries.getEntry(ctx.db, id);
}
