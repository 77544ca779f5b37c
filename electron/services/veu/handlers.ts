import type { veuApi } from '../../../shared/api/veu';
import type { HandlersOf } from '../handler';
import { setPin } from './pin';
import { cancelVeu, listVeu, showVeu, signVeu } from './service';

export const veuHandlers: HandlersOf<typeof veuApi> = {
  'veu.list': ({ accessId }, ctx) => listVeu(ctx, accessId),
  'veu.show': ({ accessId, orderId }, ctx) => showVeu(ctx, accessId, orderId),
  'veu.sign': (input, ctx) => signVeu(ctx, input),
  'veu.cancel': (input, ctx) => cancelVeu(ctx, input),
  'veu.setPin': ({ accessId, pin, currentPin }, ctx) => setPin(ctx, accessId, pin, currentPin),
};
