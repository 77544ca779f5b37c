import { z } from 'zod';

/**
 * Which ledger this workstation's Kontor opens: the file in its data folder,
 * or a team ledger on PostgreSQL named by a URL with the person's own login
 * and no password (the password goes to the OS keychain).
 */
const LOGIN = /^[a-z_][a-z0-9_.-]{0,62}$/;

function teamUrlProblem(text: string): string | null {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return 'teamLedger.urlInvalid';
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') return 'teamLedger.urlInvalid';
  if (u.password) return 'teamLedger.urlHasPassword';
  if (!u.username) return 'teamLedger.urlNoLogin';
  if (!LOGIN.test(decodeURIComponent(u.username))) return 'teamLedger.urlBadLogin';
  if (!u.hostname || !/^\/[A-Za-z0-9_.-]+$/.test(u.pathname)) return 'teamLedger.urlInvalid';
  if (u.search || u.hash) return 'teamLedger.urlInvalid';
  return null;
}

/** postgres://LOGIN@host[:port]/database — a login of lower-case letters, digits, "_", "." or "-", no password, no options. */
export const TeamLedgerUrl = z
  .string()
  .trim()
  .min(1, 'teamLedger.urlInvalid')
  .max(500)
  .superRefine((text, ctx) => {
    const problem = teamUrlProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const LedgerChoiceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }).strict(),
  z.object({ kind: z.literal('team'), url: TeamLedgerUrl, password: z.string().min(1, 'teamLedger.passwordMissing').max(500) }).strict(),
]);
export type LedgerChoiceInput = z.input<typeof LedgerChoiceInput>;

const Where = z.object({
  engine: z.enum(['file', 'team']),
  /** The file's path, or the team ledger's URL without password. */
  location: z.string(),
});

export const LedgerStatus = Where.extend({
  /** The database login on a team ledger: who acts. */
  login: z.string().nullable(),
  /** What chose the open ledger: KONTOR_DATABASE_URL or `--database` (environment) outrank the choice made in the window. */
  chosenBy: z.enum(['host', 'environment', 'window', 'default']),
  /** What the next start opens by the window's choice (the environment still outranks it). */
  next: Where,
});
export type LedgerStatus = z.infer<typeof LedgerStatus>;
