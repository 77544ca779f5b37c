import { readFileSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { parseBusinessDate, type Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import type { StatementFetchResult, StatementSummary } from '../../shared/statements';
import { createContext } from '../services/context';
import { parseStatementFile, withRawText } from '../services/statements/parse-file';
import { callApi } from './call';
import { stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';

export const STATEMENTS_HELP = `  statements fetch [--access ID] [--from YYYY-MM-DD --to YYYY-MM-DD] [--kind eod|intraday|notifications]
                end-of-day statements up to yesterday from every ready bank access (for schedulers)
  statements import <file>  store a camt or MT940 file (or a ZIP of them) like a download
  statements parse <file> [--json]
                print the normalised statement model of any camt/MT940 file; stores nothing
  statements list [--account IBAN]  stored statements`;

const money = (cents: number | null | undefined, currency: string) => (cents === null || cents === undefined ? '—' : formatAmount(cents, 'en', { currency }));

function summaryLine(s: StatementSummary): string {
  const check = s.balanced === null ? 'no balances' : s.balanced ? 'adds up' : `DOES NOT ADD UP (${money(s.differenceCents, s.currency)})`;
  return `${String(s.id).padStart(5)}  ${s.iban.padEnd(24)} ${s.reportKind.padEnd(8)} ${s.periodFrom}…${s.periodTo}  ${s.statementId.padEnd(20)} ${String(s.lineCount).padStart(6)} line${s.lineCount === 1 ? ' ' : 's'}  closing ${money(s.closingCents, s.currency)}  ${check}`;
}

function dateOption(args: ParsedArgs, name: string): string | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  try {
    return parseBusinessDate(v);
  } catch {
    throw new KontorError('cli.badDate', `--${name} must be a date like 2026-11-20.`);
  }
}

function readInput(path: string | undefined): { name: string; bytes: Buffer } {
  if (!path) throw new KontorError('cli.missingFile', 'Name the statement file, e.g. kontor statements parse camt053.xml');
  try {
    if (statSync(path).isDirectory()) throw new Error('directory');
    return { name: basename(path), bytes: readFileSync(resolve(path)) };
  } catch {
    throw new KontorError('cli.unreadableFile', `The file ${path} could not be read.`);
  }
}

/** An error as the CLI reports it: on stdout as JSON with --json, else one line on stderr naming code, file and place. */
export interface CliError {
  code: string;
  message: string;
  file: string | null;
  line: number | null;
  byte: number | null;
}

function cliError(e: KontorError, file: string | undefined): CliError {
  const p = e.params;
  return {
    code: e.code,
    message: e.message,
    file: typeof p.file === 'string' ? p.file : (file ?? null),
    line: typeof p.line === 'number' ? p.line : null,
    byte: typeof p.byte === 'number' ? p.byte : null,
  };
}

function reportError(io: CliIo, json: boolean, e: KontorError, file: string | undefined): number {
  const err = cliError(e, file);
  if (json) io.out(JSON.stringify({ error: err }, null, 2));
  else {
    const where = err.line !== null ? `, line ${err.line}` : err.byte !== null ? `, byte ${err.byte}` : '';
    io.err(`Error: ${err.file !== null ? `${err.file}${where}: ` : ''}${err.message} [${err.code}]`);
  }
  return 1;
}

function parseCommand(args: ParsedArgs, io: CliIo): number {
  const { name, bytes } = readInput(args.positional[2]);
  const parsed = parseStatementFile(name, bytes);
  if (args.options.has('json')) {
    io.out(
      JSON.stringify(
        parsed.map((p) => ({ file: p.file, format: p.format, statements: withRawText(p) })),
        null,
        2,
      ),
    );
    return 0;
  }
  for (const p of parsed) {
    io.out(`${p.file}: ${p.format}, ${p.statements.length} statement(s)`);
    for (const s of p.statements) {
      const currency = s.account.currency ?? s.opening?.currency ?? 'EUR';
      const check =
        s.balanceCheck === null
          ? 'no opening/closing balance'
          : s.balanceCheck.ok
            ? 'adds up'
            : `DOES NOT ADD UP: difference ${money(s.balanceCheck.differenceCents, currency)}`;
      io.out(
        `  ${s.kind} ${s.statementId}  ${s.account.iban ?? s.account.other ?? '?'}  ${s.periodFrom}…${s.periodTo}  ${s.lines.length} line${s.lines.length === 1 ? '' : 's'}  opening ${money(s.opening?.amountCents, currency)}  closing ${money(s.closing?.amountCents, currency)}  ${check}`,
      );
      io.out(`    read as ${s.dialect}, ${s.encoding}`);
      for (const w of s.warnings) io.out(`    warning: ${w}`);
    }
  }
  return 0;
}

async function importCommand(args: ParsedArgs, io: CliIo, dataDir: string): Promise<number> {
  const { name, bytes } = readInput(args.positional[2]);
  const ctx = createContext({ dataDir, host: 'cli' });
  try {
    const result = await callApi(ctx, 'statements.import', { fileName: name, base64: bytes.toString('base64') });
    if (args.options.has('json')) io.out(JSON.stringify(result, null, 2));
    else {
      io.out(`${result.stored.length} statement(s) stored${result.duplicates ? `, ${result.duplicates} already stored before` : ''}.`);
      for (const s of result.stored) io.out(summaryLine(s));
    }
    return 0;
  } finally {
    ctx.close();
  }
}

function fetchSummary(r: StatementFetchResult['accesses'][number]): string {
  if (r.error) return `${r.name}: failed — ${r.error.message}`;
  if (r.noData) return `${r.name}: the bank has no new statements.`;
  return `${r.name}: ${r.stored} statement(s) stored${r.duplicates ? `, ${r.duplicates} already stored before` : ''}${r.paymentsUpdated ? `, ${r.paymentsUpdated} payment(s) updated` : ''}.`;
}

export async function statementsCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  if (sub === 'parse' || sub === 'import') {
    // File errors name the file and the place in it, on stdout as JSON when asked for JSON.
    const file = args.positional[2];
    try {
      return sub === 'parse' ? parseCommand(args, io) : await importCommand(args, io, dataDir);
    } catch (e) {
      if (e instanceof KontorError) return reportError(io, json, e, file !== undefined ? basename(file) : undefined);
      throw e;
    }
  }
  if (!['fetch', 'list'].includes(sub ?? '')) {
    io.err(`Unknown statements command: ${sub ?? '(none)'}\n\n${STATEMENTS_HELP}`);
    return 2;
  }
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    if (sub === 'fetch') {
      const access = stringOption(args, 'access');
      const kind = stringOption(args, 'kind') ?? 'eod';
      if (!['eod', 'intraday', 'notifications'].includes(kind)) throw new KontorError('cli.badOption', '--kind must be eod, intraday or notifications.');
      const from = dateOption(args, 'from');
      const to = dateOption(args, 'to');
      if (!json) ctx.events.listen((_e, p) => io.out(`  ${(p as { done: number }).done} of ${(p as { total: number }).total} segments`));
      const result = await callApi(ctx, 'statements.fetch', {
        kind: kind as 'eod',
        ...(access !== undefined ? { bankAccessId: Number(access) } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
      });
      if (json) io.out(JSON.stringify(result, null, 2));
      else if (result.accesses.length === 0) io.out('No bank access is ready; set one up first (kontor bank …).');
      else for (const r of result.accesses) io.out(fetchSummary(r));
      return result.accesses.some((r) => r.error) ? 1 : 0;
    }
    const iban = stringOption(args, 'account');
    const list = await callApi(ctx, 'statements.list', iban ? { iban } : {});
    if (json) io.out(JSON.stringify(list, null, 2));
    else if (list.length === 0) io.out('No statements stored yet.');
    else for (const s of list) io.out(summaryLine(s));
    return 0;
  } finally {
    ctx.close();
  }
}
