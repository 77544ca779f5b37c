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
import { buildTextLetter } from '../../letters';
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

/** Every record the filter selects, oldest first. */
function allRows(ctx: ServiceContext, f: Omit<Filter, 'limit' | 'offset'>): AuditRow[] {
  const filter = { ...f, ...(f.user ? { actor: f.user } : {}) };
  const { total } = listAudit(ctx.db, { ...filter, limit: 1 });
  return [...listAudit(ctx.db, { ...filter, limit: Math.max(total, 1) }).rows].reverse();
}

function fileName(f: Omit<Filter, 'limit' | 'offset'>, extension: string): string {
  const range = [f.from, f.to].filter(Boolean).join('_');
  return `audit-log${range ? `-${range}` : ''}.${extension}`;
}

/** The whole filtered log, oldest first, as a spreadsheet opens it (the locale's separator). */
export function auditCsv(ctx: ServiceContext, f: Omit<Filter, 'limit' | 'offset'>, locale: 'de' | 'en') {
  const lines = allRows(ctx, f).map((r) => [String(r.id), r.at, r.actor, r.osAccount, r.action, r.subjectType, r.subjectId, r.details, r.hash]);
  const text = writeCsv([HEADER[locale], ...lines], { separator: locale === 'de' ? ';' : ',' });
  return { fileName: fileName(f, 'csv'), mimeType: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64') };
}

const PDF_TITLE = { en: 'Kontor audit log', de: 'Kontor-Protokoll' } as const;

/** The same records as a printable PDF: one block per record, its hash last, and the chain check's verdict on top. */
export async function auditPdf(ctx: ServiceContext, f: Omit<Filter, 'limit' | 'offset'>, locale: 'de' | 'en') {
  const h = HEADER[locale];
  const check = verifyAuditChain(ctx.db);
  const verdict = check.broken ? `BROKEN at ${check.broken.id} (${check.broken.reason})` : `intact (${check.rows}, ${check.unchained} unchained)`;
  const lines = [`${ctx.now()}  ${ctx.actor()}  chain: ${verdict}`, ''];
  for (const r of allRows(ctx, f)) {
    lines.push(`${h[0]} ${r.id}  ${r.at}  ${r.actor}${r.osAccount && r.osAccount !== r.actor ? ` (${r.osAccount})` : ''}`);
    lines.push(`  ${r.action}  ${[r.subjectType, r.subjectId].filter(Boolean).join(' ')}${r.details === '{}' ? '' : `  ${r.details}`}`);
    lines.push(`  ${h[8]}: ${r.hash ?? '—'}`, '');
  }
  const bytes = await buildTextLetter(PDF_TITLE[locale], lines);
  return { fileName: fileName(f, 'pdf'), mimeType: 'application/pdf', base64: Buffer.from(bytes).toString('base64') };
}
