import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Clock } from '../../shared/dates';
import { isKontorError, KontorError } from '../../shared/errors';
import { defaultDataDir } from '../services/data-dir';
import type { LetterHash } from '../services/key-hashes';
import { migrateLedger, statusOf } from '../services/status';
import { APP_VERSION } from '../services/version';
import { parseArgs, stringOption, type ParsedArgs } from './args';
import { clockFromEnvironment } from './clock-env';

/*
 * The command groups load when they are called: each pulls in its own
 * libraries (EBICS client, XML, PDF, HTTP), which `kontor status` must not
 * wait for. The bundle keeps them in chunks of their own.
 */
const bankCli = () => import('./bank-cli');
const ordersCli = () => import('./orders-cli');
const demoBankCli = () => import('./demo-bank-cli');
const entriesCli = () => import('./entries-cli');
const partiesCli = () => import('./parties-cli');
const statementsCli = () => import('./statements-cli');
const reconcileCli = () => import('./reconcile-cli');
const peopleCli = () => import('./people-cli');
const veuCli = () => import('./veu-cli');
const setupCli = () => import('./setup-cli');
const bankCsvCli = () => import('./bank-csv-cli');
const settleCli = () => import('./entries-settle-cli');
const paymentsCli = () => import('./payments-cli');
const keyHashes = () => import('../services/key-hashes');
const dbCli = () => import('./db-cli');

async function helpText(): Promise<string> {
  const [
    { SETUP_HELP },
    { BANK_HELP },
    { ORDERS_HELP },
    { ENTRIES_HELP },
    { STATEMENTS_HELP },
    { RECONCILE_HELP },
    { DEMO_BANK_HELP },
    { VEU_HELP },
    { PARTIES_HELP },
    { BANK_CSV_HELP },
    { SETTLE_HELP },
    { PEOPLE_HELP },
    { PAYMENTS_HELP },
    { DB_HELP },
  ] = await Promise.all([
    setupCli(),
    bankCli(),
    ordersCli(),
    entriesCli(),
    statementsCli(),
    reconcileCli(),
    demoBankCli(),
    veuCli(),
    partiesCli(),
    bankCsvCli(),
    settleCli(),
    peopleCli(),
    paymentsCli(),
    dbCli(),
  ]);
  return `Kontor ${APP_VERSION} — EBICS bank communication for treasury staff

Usage: kontor [--data-dir DIR | --database postgres://LOGIN@HOST/DB] [--json] <command>

Commands:
  status        data folder, ledger file and schema version, keychain backend
${DB_HELP}
  ebics key-hash <public-key.pem>
                the EBICS 2.5 (H004) public key hash as the initialisation letter shows it
  ebics cert-hash <certificate.pem>
                the EBICS 3.0 (H005) certificate hash (SHA-256 of the DER certificate)
${SETUP_HELP}
${BANK_HELP}
${ORDERS_HELP}
${VEU_HELP}
${PARTIES_HELP}
${ENTRIES_HELP}
${SETTLE_HELP}
${STATEMENTS_HELP}
${BANK_CSV_HELP}
${RECONCILE_HELP}
${PAYMENTS_HELP}
${DEMO_BANK_HELP}
${PEOPLE_HELP}
  help          this text

Options:
  --data-dir DIR   the data folder (default: ${defaultDataDir()}; or set KONTOR_DATA_DIR)
  --database URL   a team ledger on PostgreSQL instead of the data folder's file (or set
                   KONTOR_DATABASE_URL); your password comes from the keychain (db login)
  --json           print machine-readable JSON
`;
}

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Output to a reader that has gone (see dropOutputToClosedPipes) is dropped. */
const consoleIo: CliIo = {
  out: (l) => void (process.stdout.destroyed || process.stdout.write(`${l}\n`)),
  err: (l) => void (process.stderr.destroyed || process.stderr.write(`${l}\n`)),
};

/**
 * `kontor statements list | head`: once the reader has gone, the rest of the
 * output has nowhere to go. It is dropped without the EPIPE stack trace; the
 * command still finishes what it started (an upload or an import is never cut
 * off half-way by a closed pipe) and exits with its own code.
 */
export function dropOutputToClosedPipes(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
    });
  }
}

function dataDirOf(args: ParsedArgs): string {
  return resolve(stringOption(args, 'data-dir') ?? defaultDataDir());
}

function status(args: ParsedArgs, io: CliIo): number {
  const report = statusOf(dataDirOf(args));
  if (args.options.has('json')) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  const { dataDir, databaseFile, schemaVersion: version, latestSchemaVersion: latest, keychain } = report;
  io.out(`Kontor ${APP_VERSION}`);
  io.out(`Data folder:     ${dataDir}`);
  io.out(`Ledger file:     ${databaseFile}${version === null ? ' (not created yet: run `kontor db migrate` or start Kontor)' : ''}`);
  if (version !== null) {
    const note = version === latest ? 'current' : version < latest ? 'will be upgraded on next start' : 'NEWER than this Kontor';
    io.out(`Schema version:  ${version} of ${latest} (${note})`);
  }
  io.out(`Keychain:        ${keychain.backend}${keychain.available ? ' (available)' : ` (NOT available: ${keychain.reason})`}`);
  return 0;
}

function dbMigrate(args: ParsedArgs, io: CliIo): number {
  const { databaseFile: file, from, to } = migrateLedger(dataDirOf(args));
  if (args.options.has('json')) io.out(JSON.stringify({ databaseFile: file, from, to }));
  else io.out(from === to ? `Ledger ${file} is already at schema version ${to}.` : `Ledger ${file} migrated from schema version ${from} to ${to}.`);
  return 0;
}

function readPem(path: string | undefined, what: string): string {
  if (!path) throw new KontorError('cli.missingFile', `Name the ${what} file, e.g. kontor ebics key-hash bank-x002.pem`);
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new KontorError('cli.unreadableFile', `The file ${path} could not be read.`);
  }
}

function printHash(args: ParsedArgs, io: CliIo, hash: LetterHash): number {
  io.out(args.options.has('json') ? JSON.stringify(hash) : hash.letter);
  return 0;
}

async function keyHash(args: ParsedArgs, io: CliIo, path: string | undefined): Promise<number> {
  const pem = readPem(path, 'public key');
  return printHash(args, io, (await keyHashes()).publicKeyHashOfPem(pem, String(path)));
}

async function certHash(args: ParsedArgs, io: CliIo, path: string | undefined): Promise<number> {
  const pem = readPem(path, 'certificate');
  return printHash(args, io, (await keyHashes()).certificateHashOfPem(pem, String(path)));
}

/** Resolves on Ctrl+C / SIGTERM: long-running commands stop cleanly on it. */
function interrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/**
 * `clock` is Kontor's (and a demo bank's) one clock; tests pass a fixed one,
 * a terminal gets the workstation's or the one KONTOR_CLOCK_START and
 * KONTOR_CLOCK_OFFSET_DAYS describe, as the browser host does.
 */
export async function runCli(argv: readonly string[], io: CliIo = consoleIo, stop: () => Promise<void> = interrupted, clock?: Clock): Promise<number> {
  const args = parseArgs(
    argv,
    new Set([
      'json',
      'help',
      'dry-run',
      'skip-invalid',
      'create-accounts',
      'accept-exact',
      'cancel',
      'vop',
      'no-vop',
      'no-header',
      'sure',
      'needs-approval',
      'preferred',
      'confirm-other-entity',
      'password-stdin',
    ]),
  );
  // --database names the team ledger for every command of this call; the contexts read it from the environment.
  const databaseBefore = process.env.KONTOR_DATABASE_URL;
  const database = stringOption(args, 'database');
  if (database !== undefined) process.env.KONTOR_DATABASE_URL = database;
  try {
    return await runCommand(args, io, stop, clock);
  } finally {
    if (databaseBefore === undefined) delete process.env.KONTOR_DATABASE_URL;
    else process.env.KONTOR_DATABASE_URL = databaseBefore;
  }
}

async function runCommand(args: ParsedArgs, io: CliIo, stop: () => Promise<void>, clock: Clock | undefined): Promise<number> {
  const [command, sub] = args.positional;
  try {
    const now = clock ?? clockFromEnvironment();
    if (!command || command === 'help' || args.options.has('help')) {
      io.out(await helpText());
      return 0;
    }
    if (command === 'status') return status(args, io);
    if (command === 'db' && (sub !== 'migrate' || process.env.KONTOR_DATABASE_URL)) return await (await dbCli()).teamDbCommand(args, io, now);
    if (command === 'db' && sub === 'migrate') return dbMigrate(args, io);
    if (command === 'ebics' && sub === 'key-hash') return await keyHash(args, io, args.positional[2]);
    if (command === 'ebics' && sub === 'cert-hash') return await certHash(args, io, args.positional[2]);
    if (command === 'demo-bank') return await (await demoBankCli()).demoBankCommand(args, io, stop, now);
    if (command === 'entity' || command === 'accounts' || command === 'setup') return await (await setupCli()).setupCommands(args, io, dataDirOf(args), now);
    if (command === 'bank') return await (await bankCli()).bankCommand(args, io, dataDirOf(args), now);
    if (command === 'orders') return await (await ordersCli()).ordersCommand(args, io, dataDirOf(args), now);
    if (command === 'veu') return await (await veuCli()).veuCommand(args, io, dataDirOf(args), now);
    if (command === 'parties') return await (await partiesCli()).partiesCommand(args, io, dataDirOf(args), now);
    if (command === 'entries') return await (await entriesCli()).entriesCommand(args, io, dataDirOf(args), now);
    if (command === 'statements') return await (await statementsCli()).statementsCommand(args, io, dataDirOf(args), now);
    if (command === 'reconcile') return await (await reconcileCli()).reconcileCommand(args, io, dataDirOf(args), now);
    if (command === 'users' || command === 'audit') return await (await peopleCli()).peopleCommand(args, io, dataDirOf(args), now);
    if (command === 'payments') return await (await paymentsCli()).paymentsCommand(args, io, dataDirOf(args), now);
    if (command === 'bank-csv') return await (await bankCsvCli()).bankCsvCommand(args, io, dataDirOf(args), now);
    io.err(`Unknown command: ${args.positional.join(' ')}\n\n${await helpText()}`);
    return 2;
  } catch (e) {
    io.err(isKontorError(e) ? `Error: ${e.message}` : `Error: ${(e as Error).message}`);
    return 1;
  }
}
