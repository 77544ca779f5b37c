import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { isKontorError } from '../../shared/errors';
import { openLedger } from '../ledger/database';
import { latestVersion, migrate, schemaVersion } from '../ledger/migrate';
import { databaseFileIn, defaultDataDir } from '../services/data-dir';
import { APP_VERSION } from '../services/version';
import { probeKeychain } from '../vault/keychain';
import { parseArgs, stringOption, type ParsedArgs } from './args';

const HELP = `Kontor ${APP_VERSION} — EBICS bank communication for treasury staff

Usage: kontor [--data-dir DIR] [--json] <command>

Commands:
  status        data folder, ledger file and schema version, keychain backend
  db migrate    create the ledger or bring it to the current schema
  help          this text

Options:
  --data-dir DIR   the data folder (default: ${defaultDataDir()}; or set KONTOR_DATA_DIR)
  --json           print machine-readable JSON
`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const consoleIo: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

function dataDirOf(args: ParsedArgs): string {
  return resolve(stringOption(args, 'data-dir') ?? defaultDataDir());
}

/** Reads the schema version without changing the file: status must not migrate. */
function readSchemaVersion(file: string): number | null {
  if (!existsSync(file)) return null;
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    return schemaVersion(db);
  } finally {
    db.close();
  }
}

function status(args: ParsedArgs, io: CliIo): number {
  const dataDir = dataDirOf(args);
  const databaseFile = databaseFileIn(dataDir);
  const version = readSchemaVersion(databaseFile);
  const keychain = probeKeychain();
  const report = {
    version: APP_VERSION,
    dataDir,
    databaseFile,
    databaseExists: version !== null,
    schemaVersion: version,
    latestSchemaVersion: latestVersion(),
    keychain,
  };
  if (args.options.has('json')) {
    io.out(JSON.stringify(report, null, 2));
    return 0;
  }
  io.out(`Kontor ${APP_VERSION}`);
  io.out(`Data folder:     ${dataDir}`);
  io.out(`Ledger file:     ${databaseFile}${version === null ? ' (not created yet: run `kontor db migrate` or start Kontor)' : ''}`);
  if (version !== null) {
    const note = version === latestVersion() ? 'current' : version < latestVersion() ? 'will be upgraded on next start' : 'NEWER than this Kontor';
    io.out(`Schema version:  ${version} of ${latestVersion()} (${note})`);
  }
  io.out(`Keychain:        ${keychain.backend}${keychain.available ? ' (available)' : ` (NOT available: ${keychain.reason})`}`);
  return 0;
}

function dbMigrate(args: ParsedArgs, io: CliIo): number {
  const file = databaseFileIn(dataDirOf(args));
  const db = openLedger(file, { migrate: false });
  try {
    const { from, to } = migrate(db);
    if (args.options.has('json')) io.out(JSON.stringify({ databaseFile: file, from, to }));
    else io.out(from === to ? `Ledger ${file} is already at schema version ${to}.` : `Ledger ${file} migrated from schema version ${from} to ${to}.`);
    return 0;
  } finally {
    db.close();
  }
}

export async function runCli(argv: readonly string[], io: CliIo = consoleIo): Promise<number> {
  const args = parseArgs(argv, new Set(['json', 'help']));
  const [command, sub] = args.positional;
  try {
    if (!command || command === 'help' || args.options.has('help')) {
      io.out(HELP);
      return 0;
    }
    if (command === 'status') return status(args, io);
    if (command === 'db' && sub === 'migrate') return dbMigrate(args, io);
    io.err(`Unknown command: ${args.positional.join(' ')}\n\n${HELP}`);
    return 2;
  } catch (e) {
    io.err(isKontorError(e) ? `Error: ${e.message}` : `Error: ${(e as Error).message}`);
    return 1;
  }
}
