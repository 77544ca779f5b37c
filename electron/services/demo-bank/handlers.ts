import type { demoBankApi } from '../../../shared/api/demo-bank';
import type { HandlersOf } from '../handler';
import { decideDemoOrder, demoBankOrders, demoBankStatus, letterLocale } from './embedded';

export const demoBankHandlers: HandlersOf<typeof demoBankApi> = {
  'demoBank.status': (_input, ctx) => demoBankStatus(ctx.demoBank, letterLocale(ctx)),
  'demoBank.orders': (_input, ctx) => demoBankOrders(ctx.demoBank),
  'demoBank.decide': ({ orderId, decision }, ctx) => decideDemoOrder(ctx.demoBank, orderId, decision),
};
