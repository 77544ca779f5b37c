import { z } from 'zod';
import { BusinessDateSchema, PersonRole } from '../domain';
import { call, none, type CallSpec } from './call';

export const Person = z.object({
  identity: z.string(),
  displayName: z.string().nullable(),
  firstSeenAt: z.string(),
  roles: z.array(PersonRole),
});
export type Person = z.infer<typeof Person>;

/** `user` names whose roles change; who changes them is always the one who acts. */
const RoleChange = z.object({ user: z.string().trim().min(1).max(100), role: PersonRole }).strict();

export const AuditFilter = z
  .object({
    from: BusinessDateSchema.optional(),
    to: BusinessDateSchema.optional(),
    /** The identity whose actions to show (a filter, not who asks). */
    user: z.string().trim().min(1).max(100).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type AuditFilter = z.input<typeof AuditFilter>;

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  osAccount: z.string().nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  details: z.string(),
  hash: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditChainReport = z.object({
  rows: z.number().int(),
  unchained: z.number().int(),
  broken: z.object({ id: z.number().int(), reason: z.enum(['hashMismatch', 'linkBroken', 'rowMissing', 'unchainedRow']) }).nullable(),
});
export type AuditChainReport = z.infer<typeof AuditChainReport>;

export const FileDownload = z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string() });

/** The people of this ledger, their roles, and the audit log of who did what. */
export const peopleApi = {
  'users.list': call(none, z.array(Person)),
  /** Administrators only. */
  'users.grant': call(RoleChange, Person),
  'users.revoke': call(RoleChange, Person),
  'audit.list': call(AuditFilter, z.object({ rows: z.array(AuditEntry), total: z.number().int() })),
  /** Recomputes the hash chain from the first row; names the first row that does not fit. */
  'audit.verify': call(none, AuditChainReport),
  'audit.exportCsv': call(AuditFilter.omit({ limit: true, offset: true }), FileDownload),
  /** The same records as a PDF for the auditor's file, each line with its hash. */
  'audit.exportPdf': call(AuditFilter.omit({ limit: true, offset: true }), FileDownload),
} as const satisfies Record<string, CallSpec>;
