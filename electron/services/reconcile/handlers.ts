import type { reconcileApi } from '../../../shared/api/reconcile';
import type { HandlersOf } from '../handler';
import * as reconcile from './service';

export const reconcileHandlers: HandlersOf<typeof reconcileApi> = {
  'reconcile.run': ({ acceptSure }, ctx) => reconcile.runMatching(ctx, { acceptSure }),
  'reconcile.proposals': (filter, ctx) => reconcile.listProposals(ctx, filter),
  'reconcile.accept': ({ id, allocations }, ctx) => reconcile.acceptProposal(ctx, id, allocations),
  'reconcile.reject': ({ id }, ctx) => reconcile.rejectProposal(ctx, id),
  'reconcile.acceptSure': (_input, ctx) => reconcile.acceptSure(ctx),
  'reconcile.assign': ({ lineId, allocations }, ctx) => reconcile.assignByHand(ctx, lineId, allocations),
  'reconcile.undo': ({ id }, ctx) => reconcile.undoAssignment(ctx, id),
  'reconcile.assignments': ({ lineId }, ctx) => reconcile.assignmentsOfLine(ctx, lineId),
  'reconcile.searchEntries': (input, ctx) => reconcile.searchEntries(ctx, input),
};
