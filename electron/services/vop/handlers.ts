import type { vopApi } from '../../../shared/api/vop';
import type { HandlersOf } from '../handler';
import { setVopDefault, vopDefault } from './choice';
import { takeBankName, vopResults } from './results';

export const vopHandlers: HandlersOf<typeof vopApi> = {
  'vop.results': ({ id }, ctx) => vopResults(ctx, id),
  'vop.takeBankName': ({ id, endToEndId }, ctx) => takeBankName(ctx, id, endToEndId),
  'vop.default': ({ bankAccessId }, ctx) => ({ bankAccessId, choice: vopDefault(ctx, bankAccessId) }),
  'vop.setDefault': ({ bankAccessId, choice }, ctx) => setVopDefault(ctx, bankAccessId, choice),
};
