import { readFileSync } from 'node:fs';
import type { Clock } from '../../shared/dates';
import { toInstantIso } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { addTeamLogin, initTeamLedger, isTeamUrl, migrateTeamLedger, rememberTeamPassword } from '../services/team-ledger';
import { stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';
import { processTerminal, type Terminal } from './terminal';

export const DB_HELP = `  db migrate [--database postgres://OWNER@HOST/DB]
                create the ledger or bring it to the current schema; with --database (or
                KONTOR_DATABASE_URL) the team ledger on PostgreSQL, connected as its owner
  db init-team --database postgres://OWNER@HOST/DB --admin LOGIN [--password-stdin]
                set up a team ledger in an empty database: the schema, the group roles
                kontor_viewer … kontor_admin with their privileges, and LOGIN as its first
                administrator (its password typed, or one line on standard input)
  db add-login LOGIN --database postgres://OWNER@HOST/DB [--password-stdin]
                create a colleague's database login or set its password; Kontor roles are
                then granted with users grant
  db login --database postgres://LOGIN@HOST/DB [--password-stdin]
                keep your own database password in this computer's keychain, so Kontor
                connects with a URL without password`;

/** The team ledger named by --database or KONTOR_DATABASE_URL; null for the data folder's file. */
export function teamUrlOf(args: ParsedArgs): string | null {
  const url = stringOption(args, 'database') ?? process.env.KONTOR_DATABASE_URL;
  if (url === undefined || url === '') return null;
  if (!isTeamUrl(url)) throw new KontorError('cli.badDatabase', `--database takes a postgres://login@host/database URL, not "${url}".`);
  return url;
}

async function password(args: ParsedArgs, terminal: Terminal, question: string): Promise<string> {
  const typed = args.options.has('password-stdin')
    ? (readFileSync(0, 'utf8').split(/\r?\n/)[0] ?? '')
    : terminal.interactive
      ? await terminal.askSecret(question)
      : '';
  if (typed === '') throw new KontorError('cli.noPassword', 'No password given: type it at the terminal or pass one line with --password-stdin.');
  return typed;
}

function needUrl(args: ParsedArgs): string {
  const url = teamUrlOf(args);
  if (!url) throw new KontorError('cli.missingOption', '--database postgres://login@host/database is required (or set KONTOR_DATABASE_URL).');
  return url;
}

/** `kontor db migrate|init-team|add-login|login` against a team ledger; the file's `db migrate` stays in cli.ts. */
export async function teamDbCommand(args: ParsedArgs, io: CliIo, clock: Clock, terminal: Terminal = processTerminal()): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  const say = (value: object, text: string) => io.out(json ? JSON.stringify(value) : text);
  if (sub === 'migrate') {
    const r = migrateTeamLedger(needUrl(args));
    say(
      r,
      r.from === r.to
        ? `Team ledger ${r.database} is already at schema version ${r.to}.`
        : `Team ledger ${r.database} migrated from schema version ${r.from} to ${r.to}.`,
    );
    return 0;
  }
  if (sub === 'init-team') {
    const url = needUrl(args);
    const admin = stringOption(args, 'admin');
    if (!admin) throw new KontorError('cli.missingOption', '--admin LOGIN is required: the first administrator of the team ledger.');
    const r = initTeamLedger(url, { admin, adminPassword: await password(args, terminal, `New password for ${admin}: `), at: toInstantIso(clock.now()) });
    say(r, `Team ledger ${r.database} set up at schema version ${r.to}; ${r.admin} is its administrator.`);
    return 0;
  }
  if (sub === 'add-login') {
    const login = args.positional[2];
    if (!login) throw new KontorError('cli.missingArgument', 'Name the login: kontor db add-login LOGIN --database postgres://…');
    const r = addTeamLogin(needUrl(args), login, await password(args, terminal, `Password for ${login}: `));
    say(r, `Login ${r.login} can now connect to ${r.database}; an administrator grants its roles with kontor users grant.`);
    return 0;
  }
  if (sub === 'login') {
    const r = rememberTeamPassword(needUrl(args), await password(args, terminal, 'Your database password: '));
    say(r, `Password kept in this computer's keychain (${r.account}).`);
    return 0;
  }
  throw new KontorError('cli.unknownCommand', `Unknown command: db ${sub ?? ''}. See kontor help.`);
}
