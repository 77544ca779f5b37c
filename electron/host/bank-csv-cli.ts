import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { createContext } from '../services/context';
import { stringOption, type ParsedArgs } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

export const BANK_CSV_HELP = `  bank-csv import <file.csv> [--profile NAME] [--account IBAN]
                a bank's CSV export as a statement of one of our accounts: the profile is
                proposed from the file unless named; the account is read from the file's
                header lines unless given. Any row with an error imports nothing (exit 1)`;

function readFile(path: string | undefined): Buffer {
  if (!path) throw new KontorError('cli.missingFile', 'Name the CSV file, e.g. kontor bank-csv import umsaetze.csv');
  try {
    return readFileSync(resolve(path));
  } catch {
    throw new KontorError('cli.unreadableFile', `The file ${path} could not be read.`);
  }
}

/** `kontor bank-csv import FILE`: preview, then commit, through the same calls as the import dialog. */
export async function bankCsvCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub !== 'import') {
    io.err(`Unknown bank-csv command: ${sub ?? '(none)'}\n\n${BANK_CSV_HELP}`);
    return 2;
  }
  const path = args.positional[2];
  const bytes = readFile(path);
  const json = args.options.has('json');
  const profile = stringOption(args, 'profile');
  const account = stringOption(args, 'account');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const file = { fileName: basename(path!), base64: bytes.toString('base64') };
    const preview = await callApi(ctx, 'bankCsv.preview', { ...file, ...(profile ? { profile } : {}), ...(account ? { accountIban: account } : {}) });
    const accountIban = account ?? preview.accountIban;
    let refusal: string | null = null;
    if (preview.alreadyImported) refusal = `Nothing imported: this file was imported before (as "${preview.alreadyImported.fileName}").`;
    else if (preview.mappingIssues.length) {
      refusal = `Nothing imported: the columns could not all be assigned.\n${preview.mappingIssues.map((i) => `  ${i.message}`).join('\n')}\nName a profile with --profile.`;
    } else if (preview.totals.failed > 0) refusal = `Nothing imported: ${preview.totals.failed} row(s) have errors.`;
    else if (!accountIban) refusal = 'Nothing imported: the file does not say which account it belongs to; name it with --account IBAN.';
    if (refusal) {
      if (json) io.out(JSON.stringify({ imported: 0, refused: refusal, profile: preview.profile, totals: preview.totals }, null, 2));
      io.err(refusal);
      return 1;
    }
    const result = await callApi(ctx, 'bankCsv.commit', { ...file, mapping: preview.mapping, accountIban: accountIban! });
    if (json) {
      io.out(JSON.stringify({ profile: preview.profile, ...result }, null, 2));
      return 0;
    }
    const sum = formatAmount(preview.totals.sumCents, 'en', { currency: result.statement.currency });
    io.out(`Profile:   ${preview.profile?.name ?? '(own mapping)'}`);
    io.out(
      `Imported ${result.lines} booking(s) into account ${accountIban}, ${preview.totals.firstDate ?? '?'} to ${preview.totals.lastDate ?? '?'}, together ${sum}` +
        `${result.chargebacks ? `; ${result.chargebacks} chargeback(s)` : ''}.`,
    );
    return 0;
  } finally {
    ctx.close();
  }
}
