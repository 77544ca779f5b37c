import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AuditEntry, Person } from '../../shared/api/people';
import type { Clock } from '../../shared/dates';
import { PersonRole } from '../../shared/domain';
import { KontorError } from '../../shared/errors';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';

export const PEOPLE_HELP = `  users list    the people of this ledger and their roles
  users grant USER ROLE | users revoke USER ROLE
                give or take a role (viewer, preparer, approver, signer, administrator);
                USER is the colleague's login name; administrators only
  audit list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--user USER] [--limit N]
                who did what and when, newest first
  audit verify  recompute the audit log's hash chain; exit code 1 names the first
                record that was changed, deleted or added outside the chain
  audit export [--from …] [--to …] [--user …] --out FILE.csv|FILE.pdf
                the filtered audit log as CSV, or as PDF when the file name ends in .pdf`;

function roleOf(text: string | undefined): PersonRole {
  const r = PersonRole.safeParse(text);
  if (!r.success) throw new KontorError('cli.badRole', `Name a role: ${PersonRole.options.join(', ')}.`);
  return r.data;
}

function printPeople(io: CliIo, people: readonly Person[]): void {
  for (const p of people) {
    const name = p.displayName ? ` (${p.displayName})` : '';
    io.out(`${p.identity}${name}: ${p.roles.length ? p.roles.join(', ') : 'no role'}`);
  }
}

async function users(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const [, sub, user, role] = args.positional;
  const json = args.options.has('json');
  if (sub === 'list') {
    const people = await callApi(ctx, 'users.list', {});
    if (json) io.out(JSON.stringify(people, null, 2));
    else printPeople(io, people);
    return 0;
  }
  if (sub === 'grant' || sub === 'revoke') {
    if (!user) throw new KontorError('cli.missingUser', `Name the login of the person: kontor users ${sub} USER ROLE`);
    const person = await callApi(ctx, sub === 'grant' ? 'users.grant' : 'users.revoke', { user, role: roleOf(role) });
    if (json) io.out(JSON.stringify(person, null, 2));
    else printPeople(io, [person]);
    return 0;
  }
  io.err(`Unknown users command: ${sub ?? '(none)'}\n\n${PEOPLE_HELP}`);
  return 2;
}

function filterOf(args: ParsedArgs) {
  const from = stringOption(args, 'from');
  const to = stringOption(args, 'to');
  const user = stringOption(args, 'user');
  return { ...(from ? { from } : {}), ...(to ? { to } : {}), ...(user ? { user } : {}) };
}

function describeRow(r: AuditEntry): string {
  const subject = [r.subjectType, r.subjectId].filter(Boolean).join(' ');
  return `${String(r.id).padStart(6)}  ${r.at}  ${r.actor.padEnd(16)} ${r.action.padEnd(24)} ${subject}${r.details === '{}' ? '' : `  ${r.details}`}`;
}

async function audit(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  if (sub === 'list') {
    const limit = Number(stringOption(args, 'limit') ?? 200);
    const log = await callApi(ctx, 'audit.list', { ...filterOf(args), limit });
    if (json) io.out(JSON.stringify(log, null, 2));
    else {
      io.out(`${log.rows.length} of ${log.total} record(s), newest first:`);
      for (const r of log.rows) io.out(describeRow(r));
    }
    return 0;
  }
  if (sub === 'verify') {
    const report = await callApi(ctx, 'audit.verify', {});
    if (json) io.out(JSON.stringify(report));
    else if (report.broken) io.out(`The audit log's chain is BROKEN at record ${report.broken.id} (${report.broken.reason}).`);
    else io.out(`The audit log's chain is intact: ${report.rows} record(s) checked, ${report.unchained} from before the chain existed.`);
    return report.broken ? 1 : 0;
  }
  if (sub === 'export') {
    const out = stringOption(args, 'out');
    if (!out) throw new KontorError('cli.missingOption', 'Say where to write the CSV file with --out FILE.csv');
    const file = await callApi(ctx, /\.pdf$/i.test(out) ? 'audit.exportPdf' : 'audit.exportCsv', filterOf(args));
    const path = resolve(out);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    io.out(json ? JSON.stringify({ file: path }) : `Audit log written to ${path}.`);
    return 0;
  }
  io.err(`Unknown audit command: ${sub ?? '(none)'}\n\n${PEOPLE_HELP}`);
  return 2;
}

/** `kontor users …` and `kontor audit …`: as the person logged in to this computer, through the same door as the window. */
export async function peopleCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    return await (args.positional[0] === 'users' ? users(ctx, args, io) : audit(ctx, args, io));
  } finally {
    ctx.close();
  }
}
