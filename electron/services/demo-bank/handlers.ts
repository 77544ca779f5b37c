import type { demoBankApi } from '../../../shared/api/demo-bank';
import type { HandlersOf } from '../handler';
import { addDemoBankHolder, decideDemoOrder, demoBankOrders, demoBankRegister, demoBankStatus, letterLocale } from './embedded';

export const demoBankHandlers: HandlersOf<typeof demoBankApi> = {
  'demoBank.status': (_input, ctx) => demoBankStatus(ctx.demoBank, letterLocale(ctx)),
  'demoBank.orders': (_input, ctx) => demoBankOrders(ctx.demoBank),
  'demoBank.decide': ({ orderId, decision }, ctx) => decideDemoOrder(ctx.demoBank, orderId, decision),
  'demoBank.register': (_input, ctx) => demoBankRegister(ctx.demoBank),
  'demoBank.addHolder': ({ iban, name }, ctx) => addDemoBankHolder(ctx.demoBank, iban, name),
};
