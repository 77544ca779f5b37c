/**
 * People and the audit log: who holds which role (granted and revoked by an
 * administrator, each change logged), the log read with filters, its hash
 * chain checked, and its CSV export.
 */
import type { z } from 'zod';
import type { AuditChainReport, AuditFilter, Person } from '../../../shared/api/people';
import type { PersonRole } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import { writeCsv } from '../../csv/write';
import { appendAudit, listAudit, verifyAuditChain, type AuditRow } from '../../ledger/repos/audit-log';
import * as people from '../../ledger/repos/people';
import type { ServiceContext } from '../context';

export function listUsers(ctx: ServiceContext): Person[] {
  return people.listPeople(ctx.db);
}

function personOrRefuse(ctx: ServiceContext, identity: string): Person {
  const person = people.getPerson(ctx.db, identity);
  if (!person) {
    throw new KontorError('users.unknown', `${identity} has not opened this ledger yet; a role can be granted once they have.`, { user: identity });
  }
  return person;
}

export function grantRole(ctx: ServiceContext, identity: string, role: PersonRole): Person {
  ctx.db
    .transaction(() => {
      const at = ctx.now();
      // A colleague who has not opened Kontor yet can be prepared for: their OS account name is enough.
      people.registerPerson(ctx.db, identity, at);
      if (people.grantRole(ctx.db, identity, role, ctx.actor(), at)) {
        appendAudit(ctx.db, at, { actor: ctx.actor(), action: 'users.granted', subjectType: 'person', subjectId: identity, details: { role } });
      }
    })
    .immediate();
  return personOrRefuse(ctx, identity);
}

export function revokeRole(ctx: ServiceContext, identity: string, role: PersonRole): Person {
  personOrRefuse(ctx, identity);
  ctx.db
    .transaction(() => {
      if (role === 'administrator' && people.holdersOf(ctx.db, 'administrator').every((a) => a === identity)) {
        throw new KontorError('users.lastAdministrator', 'This is the last administrator of the ledger; grant the role to someone else first.', {
          user: identity,
        });
      }
      if (people.revokeRole(ctx.db, identity, role)) {
        appendAudit(ctx.db, ctx.now(), { actor: ctx.actor(), action: 'users.revoked', subjectType: 'person', subjectId: identity, details: { role } });
      }
    })
    .immediate();
  return personOrRefuse(ctx, identity);
}

type Filter = z.output<typeof AuditFilter>;

function publicRow({ prevHash: _prev, ...row }: AuditRow) {
  return row;
}

export function auditList(ctx: ServiceContext, f: Filter) {
  const { rows, total } = listAudit(ctx.db, { ...f, ...(f.user ? { actor: f.user } : {}) });
  return { rows: rows.map(publicRow), total };
}

export function auditVerify(ctx: ServiceContext): AuditChainReport {
  return verifyAuditChain(ctx.db);
}

const HEADER = {
  en: ['No.', 'Time (UTC)', 'User', 'OS account', 'Action', 'Subject', 'Subject ID', 'Details', 'Hash'],
  de: ['Nr.', 'Zeitpunkt (UTC)', 'Benutzer', 'Betriebssystem-Konto', 'Aktion', 'Objekt', 'Objekt-ID', 'Einzelheiten', 'Prüfsumme'],
} as const;

/** The whole filtered log, oldest first, as a spreadsheet opens it (the locale's separator). */
export function auditCsv(ctx: ServiceContext, f: Omit<Filter, 'limit' | 'offset'>, locale: 'de' | 'en') {
  const { total } = listAudit(ctx.db, { ...f, ...(f.user ? { actor: f.user } : {}), limit: 1 });
  const { rows } = listAudit(ctx.db, { ...f, ...(f.user ? { actor: f.user } : {}), limit: Math.max(total, 1) });
  const lines = [...rows].reverse().map((r) => [String(r.id), r.at, r.actor, r.osAccount, r.action, r.subjectType, r.subjectId, r.details, r.hash]);
  const text = writeCsv([HEADER[locale], ...lines], { separator: locale === 'de' ? ';' : ',' });
  const range = [f.from, f.to].filter(Boolean).join('_');
  return { fileName: `audit-log${range ? `-${range}` : ''}.csv`, mimeType: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64') };
}
