import type { ordersApi } from '../../../shared/api/orders';
import { getPaymentOrder, listPaymentOrders } from '../../ledger/repos/payment-orders';
import type { HandlersOf } from '../handler';
import { buildOrders } from './build';
import { report as eligibilityReport } from './eligibility';
import * as queue from './queue';
import * as recovery from './recovery';
import * as exports from './exports';
import * as follow from './follow';
import * as runs from './runs';
import { toPaymentOrder, toPaymentOrderDetail } from './view';

export const orderHandlers: HandlersOf<typeof ordersApi> = {
  'orders.eligibility': (_input, ctx) => eligibilityReport(ctx),
  'orders.build': ({ entryIds, instant }, ctx) => {
    const { orders, report } = buildOrders(ctx, { ...(entryIds ? { entryIds } : {}), ...(instant ? { instant } : {}) });
    return { orders: orders.map((o) => toPaymentOrder(ctx.db, o)), report };
  },
  'orders.list': ({ status }, ctx) => listPaymentOrders(ctx.db, status).map((o) => toPaymentOrder(ctx.db, o)),
  'orders.get': ({ id }, ctx) => toPaymentOrderDetail(ctx.db, getPaymentOrder(ctx.db, id)),
  'orders.approve': ({ id, confirmOtherEntityDetails }, ctx) => toPaymentOrder(ctx.db, queue.approve(ctx, id, confirmOtherEntityDetails === true)),
  'orders.cancel': ({ id }, ctx) => toPaymentOrder(ctx.db, queue.cancel(ctx, id)),
  'orders.upload': async ({ id, override, vop }, ctx) => {
    const taskId = ctx.events.taskId(`order-upload-${id}`);
    const row = await queue.upload(ctx, id, {
      ...(override ? { override } : {}),
      ...(vop !== undefined ? { vop } : {}),
      onProgress: (done, total) => ctx.events.emit('progress', { taskId, label: 'orders.upload', done, total, subject: { type: 'payment_order', id } }),
    });
    return toPaymentOrder(ctx.db, row);
  },
  'orders.export': ({ id }, ctx) => queue.exportFile(ctx, id),
  'orders.changeDraft': ({ id, version, remove, add }, ctx) => ({
    orders: runs.changeDraft(ctx, id, version, { remove, add }).map((o) => toPaymentOrder(ctx.db, o)),
  }),
  'orders.summary': ({ id }, ctx) => runs.summary(ctx, id),
  'orders.controlList': ({ id }, ctx) => exports.controlList(ctx, id),
  'orders.handoff': ({ id }, ctx) => exports.handoff(ctx, id, queue.exportFile),
  'orders.archive': (_input, ctx) => exports.archive(ctx),
  'orders.erpExport': (input, ctx) => exports.erpExport(ctx, input),
  'orders.follow': ({ bankAccessId }, ctx) => follow.followOrders(ctx, bankAccessId !== undefined ? { bankAccessId } : { all: true }),
  'orders.refreshStatus': ({ bankAccessId }, ctx) => recovery.refreshStatus(ctx, bankAccessId),
  'orders.recover': ({ bankAccessId }, ctx) => recovery.recoverUploads(ctx, bankAccessId),
};
