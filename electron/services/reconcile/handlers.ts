import type { reconcileApi } from '../../../shared/api/reconcile';
import type { HandlersOf } from '../handler';
import { matchSettings, setMatchSettings } from './match-settings';
import * as payments from './payments';
import * as reconcile from './service';

export const reconcileHandlers: HandlersOf<typeof reconcileApi> = {
  'reconcile.run': ({ acceptSure }, ctx) => reconcile.runMatching(ctx, { acceptSure }),
  'reconcile.proposals': (filter, ctx) => reconcile.listProposals(ctx, filter),
  'reconcile.accept': ({ id, allocations, difference }, ctx) => reconcile.acceptProposal(ctx, id, allocations, difference),
  'reconcile.totals': (filter, ctx) => reconcile.proposalTotals(ctx, filter),
  'reconcile.reject': ({ id }, ctx) => reconcile.rejectProposal(ctx, id),
  'reconcile.acceptSure': (_input, ctx) => reconcile.acceptSure(ctx),
  'reconcile.assign': ({ lineId, allocations, difference }, ctx) => reconcile.assignByHand(ctx, lineId, allocations, difference),
  'reconcile.undo': ({ id }, ctx) => reconcile.undoAssignment(ctx, id),
  'reconcile.assignments': ({ lineId }, ctx) => reconcile.assignmentsOfLine(ctx, lineId),
  'reconcile.searchEntries': (input, ctx) => reconcile.searchEntries(ctx, input),
  'reconcile.matchSettings': (_input, ctx) => matchSettings(ctx),
  'reconcile.setMatchSettings': (input, ctx) => setMatchSettings(ctx, input),
  'payments.list': (filter, ctx) => payments.listPayments(ctx, filter),
  'payments.linkRefund': ({ refundId, originalId }, ctx) => payments.linkRefund(ctx, refundId, originalId),
};
