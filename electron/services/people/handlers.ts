import type { peopleApi } from '../../../shared/api/people';
import type { HandlersOf } from '../handler';
import { currentSettings } from '../settings/service';
import { auditCsv, auditList, auditPdf, auditVerify, grantRole, listUsers, revokeRole } from './service';

export const peopleHandlers: HandlersOf<typeof peopleApi> = {
  'users.list': (_input, ctx) => listUsers(ctx),
  'users.grant': ({ user, role }, ctx) => grantRole(ctx, user, role),
  'users.revoke': ({ user, role }, ctx) => revokeRole(ctx, user, role),
  'audit.list': (filter, ctx) => auditList(ctx, filter),
  'audit.verify': (_input, ctx) => auditVerify(ctx),
  'audit.exportCsv': (filter, ctx) => auditCsv(ctx, filter, currentSettings(ctx).locale),
  'audit.exportPdf': (filter, ctx) => auditPdf(ctx, filter, currentSettings(ctx).locale),
};
