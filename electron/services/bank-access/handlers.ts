import type { bankAccessApi } from '../../../shared/api/bank-access';
import type { BankAccess } from '../../../shared/domain';
import { getBankAccess, listBankAccesses, type BankAccessRow } from '../../ledger/repos/bank-access';
import type { ServiceContext } from '../context';
import type { HandlersOf } from '../handler';
import { accessSettings, changeAccessSettings } from './access-settings';
import { exportKeys, importKeys } from './key-file';
import { offeredAccounts } from './offered-accounts';
import { refreshExpiry, suspend } from './lifecycle';
import * as bankSetup from './setup';
import { changeStatementFormat } from './statement-format';
import { toBankAccess } from './view';

/** An access as the API shows it, its expiry brought up to date first. */
const view = (ctx: ServiceContext, row: BankAccessRow): BankAccess => toBankAccess(refreshExpiry(ctx, row), ctx.clock.now());

export const bankAccessHandlers: HandlersOf<typeof bankAccessApi> = {
  'bankAccess.probe': ({ hostUrl, hostId }, ctx) => bankSetup.probe(hostUrl, hostId, ctx.demoBank !== null && hostUrl === ctx.demoBank.url),
  'bankAccess.list': (_input, ctx) => listBankAccesses(ctx.db).map((r) => view(ctx, r)),
  'bankAccess.get': ({ id }, ctx) => view(ctx, getBankAccess(ctx.db, id)),
  'bankAccess.create': (input, ctx) => view(ctx, bankSetup.create(ctx, input)),
  'bankAccess.update': ({ id, values }, ctx) => view(ctx, bankSetup.update(ctx, id, values)),
  'bankAccess.initialise': async ({ id }, ctx) => {
    const taskId = ctx.events.taskId(`bank-init-${id}`);
    const row = await bankSetup.initialise(ctx, id, (done, total, label) =>
      ctx.events.emit('progress', { taskId, label: `bankAccess.initialise.${label}`, done, total }),
    );
    return view(ctx, row);
  },
  'bankAccess.letter': ({ id, locale, place }, ctx) => bankSetup.letter(ctx, id, locale, place),
  'bankAccess.fetchBankKeys': async ({ id }, ctx) => view(ctx, await bankSetup.fetchBankKeys(ctx, id)),
  'bankAccess.acceptBankKeys': (input, ctx) => view(ctx, bankSetup.acceptBankKeys(ctx, input)),
  'bankAccess.suspend': async ({ id, confirmation }, ctx) => view(ctx, await suspend(ctx, id, confirmation)),
  'bankAccess.reinitialise': async ({ id, confirmation }, ctx) => view(ctx, await bankSetup.reinitialise(ctx, id, confirmation)),
  'bankAccess.exportKeys': ({ id, password, confirmation }, ctx) => exportKeys(ctx, id, password, confirmation),
  'bankAccess.importKeys': async ({ id, password, base64, confirmation }, ctx) => view(ctx, await importKeys(ctx, id, password, base64, confirmation)),
  'bankAccess.setStatementFormat': ({ id, statementFormat }, ctx) => view(ctx, changeStatementFormat(ctx, id, statementFormat)),
  'bankAccess.settings': ({ id }, ctx) => accessSettings(getBankAccess(ctx.db, id)),
  'bankAccess.updateSettings': ({ id, settings }, ctx) => accessSettings(changeAccessSettings(ctx, id, settings)),
  'bankAccess.offeredAccounts': ({ id }, ctx) => offeredAccounts(ctx, id),
  'bankAccess.demoActivate': ({ id }, ctx) => bankSetup.demoActivate(ctx, id),
};
