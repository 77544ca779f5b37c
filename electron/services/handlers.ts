import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { ApiName, ApiOutput, ApiParsedInput } from '../../shared/api';
import { compareDates } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import type { Settings } from '../../shared/domain';
import { latestVersion, schemaVersion } from '../ledger/migrate';
import * as accounts from '../ledger/repos/accounts';
import * as bankAccounts from '../ledger/repos/bank-accounts';
import * as entities from '../ledger/repos/business-entities';
import * as entries from '../ledger/repos/entries';
import * as instruments from '../ledger/repos/payment-instruments';
import { readSetting, writeSetting } from '../ledger/repos/settings';
import { appendAudit } from '../ledger/repos/audit-log';
import type { ServiceContext } from './context';
import { decideDemoOrder, demoBankOrders, demoBankStatus } from './demo-bank';
import * as bankSetup from './bank-access/setup';
import { now } from './bank-access/connection';
import { exportKeys, importKeys } from './bank-access/key-file';
import { refreshExpiry, suspend } from './bank-access/lifecycle';
import { toBankAccess } from './bank-access/view';
import { buildOrders } from './orders/build';
import { report as eligibilityReport } from './orders/eligibility';
import * as queue from './orders/queue';
import * as recovery from './orders/recovery';
import { toPaymentOrder, toPaymentOrderDetail } from './orders/view';
import { getPaymentOrder, listPaymentOrders } from '../ledger/repos/payment-orders';
import { getBankAccess, listBankAccesses, setStatementFormat, type BankAccessRow } from '../ledger/repos/bank-access';
import { APP_VERSION } from './version';
import { importCommit, importProfiles } from './entries-import/service';
import { preview } from './csv-import/off-thread';
import { fetchStatements } from './statements/fetch';
import { importStatementFile } from './statements/service';
import * as statementViews from './statements/view';
import { bankCsvCommit, bankCsvProfiles } from './statements/bank-csv/service';
import * as reconcile from './reconcile/service';

type Handler<N extends ApiName> = (input: ApiParsedInput<N>, ctx: ServiceContext) => ApiOutput<N> | Promise<ApiOutput<N>>;
export type Handlers = { [N in ApiName]: Handler<N> };

const view = (ctx: ServiceContext, row: BankAccessRow) => toBankAccess(refreshExpiry(ctx, row), ctx.clock.now());

function settings(ctx: ServiceContext): Settings {
  const userName = readSetting(ctx.db, 'userName', ctx.workstationUser());
  return {
    locale: readSetting(ctx.db, 'locale', 'en'),
    userName,
    // One person working alone both prepares and approves; a team sets roles per user.
    role: readSetting(ctx.db, `role:${userName}`, 'both'),
  };
}

function decideApproval(ctx: ServiceContext, id: number, decision: 'approved' | 'rejected'): ReturnType<typeof entries.getEntry> {
  const me = settings(ctx);
  const entry = entries.getEntry(ctx.db, id);
  if (me.role === 'preparer') throw new KontorError('approval.notApprover', 'Your role on this workstation is preparer; an approver has to decide on payments.');
  if (entry.type !== 'Credit' || entry.creditApproval === null) throw new KontorError('approval.notNeeded', 'This entry does not need an approval.');
  if (entry.preparedBy === me.userName) {
    throw new KontorError('approval.ownEntry', 'You prepared this payable yourself; another person has to approve it (four-eyes principle).');
  }
  if (entry.status !== 'Open') throw new KontorError('approval.closed', 'This entry is already settled.');
  ctx.db.transaction(() => {
    ctx.db.prepare('UPDATE entry SET credit_approval = ?, approved_by = ?, updated_at = ? WHERE id = ?').run(decision, me.userName, now(ctx), id);
    appendAudit(ctx.db, now(ctx), { actor: me.userName, action: `entry.${decision}`, subjectType: 'entry', subjectId: id, details: { amountCents: entry.amountCents } });
  })();
  return entries.getEntry(ctx.db, id);
}

/** Rules that need other rows or "today" and so cannot live in the input schema. */
function checkInstrument(ctx: ServiceContext, v: ApiParsedInput<'instruments.create'>): void {
  accounts.getAccount(ctx.db, v.accountId);
  entities.getEntity(ctx.db, v.entityId);
  if (v.mandateSignedOn && compareDates(v.mandateSignedOn, ctx.clock.today()) > 0) {
    throw new KontorError('mandate.signedInFuture', 'The mandate cannot be signed in the future.');
  }
}

function checkEntry(ctx: ServiceContext, v: ApiParsedInput<'entries.create'>): void {
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

function checkBankAccount(ctx: ServiceContext, v: ApiParsedInput<'bankAccounts.create'>): void {
  entities.getEntity(ctx.db, v.entityId);
}

export const handlers: Handlers = {
  'app.status': (_input, ctx) => ({
    version: APP_VERSION,
    host: ctx.host,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    schemaVersion: schemaVersion(ctx.db),
    latestSchemaVersion: latestVersion(),
    keychain: ctx.keychainStatus(),
    today: ctx.clock.today(),
  }),

  'settings.get': (_input, ctx) => settings(ctx),
  'settings.update': (input, ctx) => {
    ctx.db.transaction(() => {
      if (input.locale) writeSetting(ctx.db, 'locale', input.locale);
      if (input.userName) writeSetting(ctx.db, 'userName', input.userName);
      if (input.role) writeSetting(ctx.db, `role:${input.userName ?? settings(ctx).userName}`, input.role);
    })();
    return settings(ctx);
  },

  'entities.list': (_input, ctx) => entities.listEntities(ctx.db),
  'entities.create': (input, ctx) => entities.createEntity(ctx.db, input, now(ctx)),
  'entities.update': ({ id, values }, ctx) => {
    if (values.preferredBankAccountId) {
      const account = bankAccounts.getBankAccount(ctx.db, values.preferredBankAccountId);
      if (account.entityId !== id) {
        throw new KontorError('entity.preferredAccountOfOther', 'The preferred bank account must belong to this business entity.');
      }
    }
    return entities.updateEntity(ctx.db, id, values, now(ctx));
  },

  'bankAccounts.list': (input, ctx) => bankAccounts.listBankAccounts(ctx.db, input),
  'bankAccounts.create': (input, ctx) => {
    checkBankAccount(ctx, input);
    return bankAccounts.createBankAccount(ctx.db, input, now(ctx));
  },
  'bankAccounts.update': ({ id, values }, ctx) => {
    checkBankAccount(ctx, values);
    return bankAccounts.updateBankAccount(ctx.db, id, values, now(ctx));
  },

  'accounts.list': (input, ctx) => accounts.listAccounts(ctx.db, input),
  'accounts.get': ({ id }, ctx) => accounts.getAccount(ctx.db, id),
  'accounts.create': (input, ctx) => accounts.createAccount(ctx.db, input, now(ctx)),
  'accounts.update': ({ id, values }, ctx) => accounts.updateAccount(ctx.db, id, values, now(ctx)),

  'instruments.list': ({ accountId }, ctx) => instruments.listInstruments(ctx.db, accountId),
  'instruments.create': (input, ctx) => {
    checkInstrument(ctx, input);
    return instruments.createInstrument(ctx.db, input, now(ctx));
  },
  'instruments.update': ({ id, values }, ctx) => {
    checkInstrument(ctx, values);
    return instruments.updateInstrument(ctx.db, id, values, now(ctx));
  },

  'entries.list': (input, ctx) => entries.listEntries(ctx.db, input),
  'entries.get': ({ id }, ctx) => entries.getEntry(ctx.db, id),
  'entries.create': (input, ctx) => {
    checkEntry(ctx, input);
    return entries.createEntry(ctx.db, input, now(ctx), settings(ctx).userName);
  },
  'entries.approve': ({ id }, ctx) => decideApproval(ctx, id, 'approved'),
  'entries.reject': ({ id }, ctx) => decideApproval(ctx, id, 'rejected'),
  'entries.update': ({ id, values }, ctx) => {
    checkEntry(ctx, values);
    return entries.updateEntry(ctx.db, id, values, now(ctx));
  },
  'entries.importPreview': (input, ctx) => preview(ctx, { kind: 'entries', input }),
  'entries.importCommit': (input, ctx) => importCommit(ctx, input),
  'entries.importProfiles': (_input, ctx) => importProfiles(ctx),

  'demoBank.status': (_input, ctx) => demoBankStatus(ctx.demoBank),
  'demoBank.orders': (_input, ctx) => demoBankOrders(ctx.demoBank),
  'demoBank.decide': ({ orderId, decision }, ctx) => decideDemoOrder(ctx.demoBank, orderId, decision),

  'bankAccess.probe': ({ hostUrl, hostId }, ctx) => bankSetup.probe(hostUrl, hostId, ctx.demoBank !== null && hostUrl === ctx.demoBank.url),
  'bankAccess.list': (_input, ctx) => listBankAccesses(ctx.db).map((r) => view(ctx, r)),
  'bankAccess.get': ({ id }, ctx) => view(ctx, getBankAccess(ctx.db, id)),
  'bankAccess.create': (input, ctx) => view(ctx, bankSetup.create(ctx, input)),
  'bankAccess.update': ({ id, values }, ctx) => view(ctx, bankSetup.update(ctx, id, values)),
  'bankAccess.initialise': async ({ id }, ctx) => {
    const taskId = `bank-init-${id}-${Date.now()}`;
    const row = await bankSetup.initialise(ctx, id, (done, total, label) => ctx.events.emit('progress', { taskId, label: `bankAccess.initialise.${label}`, done, total }));
    return view(ctx, row);
  },
  'bankAccess.letter': ({ id, locale, place }, ctx) => bankSetup.letter(ctx, id, locale, place),
  'bankAccess.fetchBankKeys': async ({ id }, ctx) => view(ctx, await bankSetup.fetchBankKeys(ctx, id)),
  'bankAccess.acceptBankKeys': (input, ctx) => view(ctx, bankSetup.acceptBankKeys(ctx, input)),
  'bankAccess.suspend': async ({ id, confirmation }, ctx) => view(ctx, await suspend(ctx, id, confirmation)),
  'bankAccess.reinitialise': async ({ id, confirmation }, ctx) => view(ctx, await bankSetup.reinitialise(ctx, id, confirmation)),
  'bankAccess.exportKeys': ({ id, password, confirmation }, ctx) => exportKeys(ctx, id, password, confirmation),
  'bankAccess.importKeys': async ({ id, password, base64, confirmation }, ctx) => view(ctx, await importKeys(ctx, id, password, base64, confirmation)),
  'bankAccess.demoActivate': ({ id }, ctx) => bankSetup.demoActivate(ctx, id),

  'orders.eligibility': (_input, ctx) => eligibilityReport(ctx),
  'orders.build': (_input, ctx) => {
    const { orders, report } = buildOrders(ctx);
    return { orders: orders.map((o) => toPaymentOrder(ctx.db, o)), report };
  },
  'orders.list': ({ status }, ctx) => listPaymentOrders(ctx.db, status).map((o) => toPaymentOrder(ctx.db, o)),
  'orders.get': ({ id }, ctx) => toPaymentOrderDetail(ctx.db, getPaymentOrder(ctx.db, id)),
  'orders.approve': ({ id }, ctx) => toPaymentOrder(ctx.db, queue.approve(ctx, id)),
  'orders.cancel': ({ id }, ctx) => toPaymentOrder(ctx.db, queue.cancel(ctx, id)),
  'orders.upload': async ({ id, override }, ctx) => {
    const taskId = `order-upload-${id}-${Date.now()}`;
    const row = await queue.upload(ctx, id, {
      ...(override ? { override } : {}),
      onProgress: (done, total) => ctx.events.emit('progress', { taskId, label: 'orders.upload', done, total, subject: { type: 'payment_order', id } }),
    });
    return toPaymentOrder(ctx.db, row);
  },
  'orders.export': ({ id }, ctx) => queue.exportFile(ctx, id),
  'orders.refreshStatus': ({ bankAccessId }, ctx) => recovery.refreshStatus(ctx, bankAccessId),
  'orders.recover': ({ bankAccessId }, ctx) => recovery.recoverUploads(ctx, bankAccessId),

  'bankAccess.setStatementFormat': ({ id, statementFormat }, ctx) => {
    const row = setStatementFormat(ctx.db, getBankAccess(ctx.db, id).id, statementFormat, now(ctx));
    appendAudit(ctx.db, now(ctx), { actor: settings(ctx).userName, action: 'bankAccess.statementFormat', subjectType: 'bank_access', subjectId: id, details: { statementFormat } });
    return view(ctx, row);
  },
  'statements.accounts': (_input, ctx) => statementViews.statementAccounts(ctx.db),
  'statements.balanceHistory': ({ iban }, ctx) => statementViews.balanceHistory(ctx.db, iban),
  'statements.list': (input, ctx) => statementViews.listStatements(ctx.db, input),
  'statements.lines': (input, ctx) => statementViews.pageLines(ctx.db, input),
  'statements.line': ({ id }, ctx) => statementViews.lineDetail(ctx.db, id),
  'statements.exportCsv': (filter, ctx) => statementViews.exportLinesCsv(ctx.db, filter, settings(ctx).locale, ctx.clock.today()),
  'statements.import': ({ fileName, base64 }, ctx) => importStatementFile(ctx, fileName, Buffer.from(base64, 'base64')),
  'statements.fetch': (input, ctx) => {
    const taskId = `statements-fetch-${Date.now()}`;
    return fetchStatements(ctx, { ...input, onProgress: (p) => ctx.events.emit('progress', { taskId, ...p }) });
  },

  'bankCsv.preview': (input, ctx) => preview(ctx, { kind: 'bankCsv', input }),
  'bankCsv.commit': (input, ctx) => bankCsvCommit(ctx, input),
  'bankCsv.profiles': (_input, ctx) => bankCsvProfiles(ctx),

  'reconcile.run': ({ acceptSure }, ctx) => reconcile.runMatching(ctx, { acceptSure }),
  'reconcile.proposals': (filter, ctx) => reconcile.listProposals(ctx, filter),
  'reconcile.accept': ({ id, allocations }, ctx) => reconcile.acceptProposal(ctx, id, allocations),
  'reconcile.reject': ({ id }, ctx) => reconcile.rejectProposal(ctx, id),
  'reconcile.acceptSure': (_input, ctx) => reconcile.acceptSure(ctx),
  'reconcile.assign': ({ lineId, allocations }, ctx) => reconcile.assignByHand(ctx, lineId, allocations),
  'reconcile.undo': ({ id }, ctx) => reconcile.undoAssignment(ctx, id),
  'reconcile.assignments': ({ lineId }, ctx) => reconcile.assignmentsOfLine(ctx, lineId),
  'reconcile.searchEntries': (input, ctx) => reconcile.searchEntries(ctx, input),

  'ledger.backup': async (_input, ctx) => {
    const dir = join(ctx.dataDir, 'backups');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ledger-${now(ctx).replace(/[:.]/g, '-')}.sqlite`);
    const taskId = `backup-${Date.now()}`;
    const result = await ctx.db.backup(file, {
      progress({ totalPages, remainingPages }) {
        ctx.events.emit('progress', { taskId, label: 'ledger.backup', done: totalPages - remainingPages, total: totalPages });
        return 100;
      },
    });
    ctx.events.emit('progress', { taskId, label: 'ledger.backup', done: result.totalPages, total: result.totalPages });
    return { file, pages: result.totalPages };
  },
};
