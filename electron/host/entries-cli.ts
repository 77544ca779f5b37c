import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { IMPORT_FIELDS, ImportMapping, type ImportPreview } from '../../shared/entry-import';
import { KontorError } from '../../shared/errors';
import { fieldWords } from '../services/entries-import/mapping';
import type { Clock } from '../../shared/dates';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import { ENTRIES_LIST_HELP } from './entries-list-cli';
import { columnOf, columnsOption, valuesOption } from './import-options';
import type { CliIo } from './cli';

export const ENTRIES_HELP = `  entries import <file.csv> [--profile NAME] [--entity ID] [--skip-invalid] [--dry-run]
                 [--create-accounts] [--save-profile NAME] [--no-header] [--columns FIELD=COL,…]
                 [--type-column COL --receivable VALUES --payable VALUES | --type receivable|payable|sign]
                 [--needs-approval]
                receivables and payables from an ERP's CSV export: prints the preview and
                the errors per row, then imports every row in one go. Rows with errors
                stop the import (exit code 1, nothing imported) unless --skip-invalid;
                --dry-run only shows what would happen. Without --profile the columns are
                mapped from their names; --entity is needed when there are several;
                --create-accounts creates unknown customers/suppliers from the name column.
                --type-column names the column saying receivable or payable (a header name
                or a number, 1 = first), --receivable/--payable its values (e.g. D,S and K,H);
                a file without such a column needs --type (or a profile). COL may be a
                number; --no-header reads a file without header row, columns by number.
                IBAN, BIC, mandate reference and date columns create missing bank details
                and mandates of the customers and suppliers; --needs-approval: the imported
                payables wait for a second person's approval (kontor entries approve)
${ENTRIES_LIST_HELP}`;

/** The business entity of `--entity`, or the only one there is. */
export async function entityOf(ctx: ServiceContext, args: ParsedArgs): Promise<number> {
  const given = stringOption(args, 'entity');
  if (given !== undefined) return recordNumber(given, 'cli.badOption', '--entity takes the number of a business entity.');
  const entities = await callApi(ctx, 'entities.list', {});
  if (entities.length === 1) return entities[0]!.id;
  if (entities.length === 0) throw new KontorError('cli.noEntity', 'There is no business entity yet: create your company in Kontor (Settings) first.');
  throw new KontorError(
    'cli.missingOption',
    `Say which business entity the entries belong to with --entity: ${entities.map((e) => `${e.id} (${e.name})`).join(', ')}.`,
  );
}

/** The CSV file named on the command line. */
export function readCsv(path: string | undefined, example: string): Buffer {
  if (!path) throw new KontorError('cli.missingFile', `Name the CSV file, e.g. ${example}`);
  try {
    return readFileSync(resolve(path));
  } catch {
    throw new KontorError('cli.unreadableFile', `The file ${path} could not be read.`);
  }
}

const SEPARATOR_WORDS: Record<string, string> = { ';': 'semicolon', ',': 'comma', '\t': 'tab', '|': 'bar' };

function describe(p: ImportPreview): string[] {
  const d = p.detected;
  const lines = [
    `File:        ${p.fileName}`,
    `Read as:     ${d.encoding}${d.bom ? ' with BOM' : ''}, ${SEPARATOR_WORDS[d.separator]}-separated, header in line ${d.headerLine}` +
      `${d.metadataLines.length ? ` (${d.metadataLines.length} line(s) above it skipped)` : ''}, decimal ${d.decimal === ',' ? 'comma' : 'point'}, dates ${d.dateFormat}`,
  ];
  if (p.profile) lines.push(`Profile:     ${p.profile}`);
  lines.push('Columns:');
  for (const field of IMPORT_FIELDS) {
    const column = p.mapping.columns[field];
    if (column !== null) lines.push(`  ${fieldWords(field).padEnd(26)} ← ${column}`);
  }
  lines.push(`  ${'receivable or payable'.padEnd(26)} ${typeWords(p.mapping.type)}`);
  if (p.mapping.createAccounts) lines.push('  unknown customers/suppliers are created from the name column');
  if (p.mapping.needsApproval) lines.push('  payables wait for a second person’s approval');
  const t = p.totals;
  lines.push(
    `Rows:        ${t.rows} in the file, ${t.ok} fine, ${t.failed} with errors${t.newAccounts ? `; ${t.newAccounts} new customer(s)/supplier(s)` : ''}`,
  );
  if (t.newMandates || t.newBankDetails) lines.push(`Master data: ${t.newMandates} new mandate(s), ${t.newBankDetails} new bank detail(s)`);
  for (const s of p.typeTotals) {
    lines.push(
      `  ${(s.type === 'Debit' ? 'receivables (in)' : 'payables (out)').padEnd(18)} ${String(s.count).padStart(5)}  ${money(s.amountCents)} ${s.currency}`,
    );
  }
  if (p.sameName) lines.push(`Warning:     a file named "${p.fileName}" was imported on ${p.sameName.importedAt} (with other content).`);
  return lines;
}

function typeWords(type: ImportMapping['type']): string {
  switch (type.from) {
    case 'constant':
      return type.value === 'Debit' ? 'all receivables' : 'all payables';
    case 'amountSign':
      return 'from the amount’s sign';
    case 'ask':
      return 'not said (use --type-column or --type)';
    default:
      return `from its column (receivable: ${type.receivable.join(', ') || 'known words'}; payable: ${type.payable.join(', ') || 'known words'})`;
  }
}

/** Cents as 1,234.56 (the CLI's output is read by people and scripts alike: one fixed notation). */
function money(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}

const TYPE_CHOICES: Record<string, ImportMapping['type']> = {
  receivable: { from: 'constant', value: 'Debit' },
  payable: { from: 'constant', value: 'Credit' },
  sign: { from: 'amountSign' },
};

/** The mapping of the first preview with what the options say; null when they say nothing. */
export function mappingFromOptions(args: ParsedArgs, p: ImportPreview): ImportMapping | null {
  const m: ImportMapping = { ...p.mapping, columns: { ...p.mapping.columns, ...columnsOption(args, IMPORT_FIELDS, p.columns) } };
  let changed = args.options.has('columns');
  const typeColumn = stringOption(args, 'type-column');
  const receivable = valuesOption(args, 'receivable');
  const payable = valuesOption(args, 'payable');
  if (typeColumn !== undefined) {
    m.columns.type = columnOf(p.columns, typeColumn, '--type-column');
    m.type = { from: 'column', receivable: [], payable: [] };
    changed = true;
  }
  if (receivable || payable) {
    if (m.type.from !== 'column')
      throw new KontorError('cli.badOption', '--receivable and --payable map the values of the type column: name it with --type-column.');
    m.type = { from: 'column', receivable: receivable ?? m.type.receivable, payable: payable ?? m.type.payable };
    changed = true;
  }
  const type = stringOption(args, 'type');
  if (type !== undefined) {
    const chosen = TYPE_CHOICES[type];
    if (!chosen) throw new KontorError('cli.badOption', '--type takes receivable, payable or sign.');
    m.type = chosen;
    if (chosen.from === 'amountSign') m.amountSign = 'signed';
    changed = true;
  }
  if (args.options.has('needs-approval') && !m.needsApproval) {
    m.needsApproval = true;
    changed = true;
  }
  if (args.options.has('create-accounts') && !m.createAccounts) {
    m.createAccounts = true;
    changed = true;
  }
  return changed ? m : null;
}

function rowErrors(p: ImportPreview): string[] {
  const lines: string[] = [];
  for (const row of p.rows) {
    for (const e of row.errors) lines.push(`  line ${row.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`);
  }
  const shown = p.rows.filter((r) => !r.ok).length;
  if (shown < p.totals.failed) lines.push(`  … and ${p.totals.failed - shown} more rows with errors`);
  return lines;
}

/** `kontor entries import …`: preview, then commit, through the same API calls as the screen. */
export async function entriesCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub === 'settle') return (await import('./entries-settle-cli')).settleCommand(args, io, dataDir, clock);
  if (sub === 'list' || sub === 'approve' || sub === 'reject') return (await import('./entries-list-cli')).entriesListCommand(args, io, dataDir, clock);
  if (sub !== 'import') {
    io.err(`Unknown entries command: ${sub ?? '(none)'}\n\n${ENTRIES_HELP}`);
    return 2;
  }
  const path = args.positional[2];
  const bytes = readCsv(path, 'kontor entries import open-items.csv');
  const json = args.options.has('json');
  const dryRun = args.options.has('dry-run');
  const skipInvalid = args.options.has('skip-invalid');
  const profile = stringOption(args, 'profile');
  const saveProfileAs = stringOption(args, 'save-profile');

  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const file = { fileName: basename(path!), base64: bytes.toString('base64'), entityId: await entityOf(ctx, args) };
    const noHeader = args.options.has('no-header') ? { mapping: ImportMapping.parse({ format: { noHeader: true }, columns: {}, type: { from: 'ask' } }) } : {};
    let preview = await callApi(ctx, 'entries.importPreview', { ...file, ...(profile ? { profile } : noHeader) });
    const mapping = mappingFromOptions(args, preview);
    if (mapping) {
      const fromProfile = preview.profile;
      preview = { ...(await callApi(ctx, 'entries.importPreview', { ...file, mapping })), profile: fromProfile };
    }
    const report = (result: Record<string, unknown>) => {
      if (!json) return;
      const { rows, ...summary } = preview;
      io.out(JSON.stringify({ ...summary, errors: rows.filter((r) => !r.ok).map((r) => ({ line: r.line, errors: r.errors })), ...result }, null, 2));
    };
    if (!json) {
      io.out(describe(preview).join('\n'));
      const errors = rowErrors(preview);
      if (errors.length) io.out(`Errors:\n${errors.join('\n')}`);
    }

    let refusal: string | null = null;
    if (preview.alreadyImported) {
      refusal = `Nothing imported: this file was imported before (as "${preview.alreadyImported.fileName}" on ${preview.alreadyImported.importedAt}).`;
    } else if (preview.mappingIssues.length) {
      refusal = `Nothing imported: the columns could not all be assigned.\n${preview.mappingIssues.map((i) => `  ${i.message}`).join('\n')}\nSave a profile in Kontor's import dialog and pass it with --profile.`;
    } else if (preview.totals.failed > 0 && !skipInvalid) {
      refusal = `Nothing imported: ${preview.totals.failed} row(s) have errors. Correct the file, or pass --skip-invalid to import the other ${preview.totals.ok}.`;
    } else if (preview.totals.ok === 0) {
      refusal = 'Nothing imported: the file has no row that can be imported.';
    }
    if (refusal) {
      report({ imported: 0, refused: refusal });
      io.err(refusal);
      return 1;
    }
    if (dryRun) {
      report({ dryRun: true, imported: 0 });
      if (!json)
        io.out(
          `Dry run: nothing imported. Without --dry-run ${preview.totals.ok} entries would be imported${preview.totals.failed ? ` and ${preview.totals.failed} rows skipped` : ''}.`,
        );
      return 0;
    }
    const result = await callApi(ctx, 'entries.importCommit', {
      ...file,
      mapping: preview.mapping,
      skipInvalid,
      ...(saveProfileAs ? { saveProfileAs } : {}),
    });
    report({ ...result });
    if (!json) {
      io.out(
        `Imported ${result.imported} entries${result.skipped ? `, skipped ${result.skipped} rows with errors` : ''}` +
          `${result.accountsCreated ? `, created ${result.accountsCreated} customer(s)/supplier(s)` : ''}` +
          `${result.mandatesCreated ? `, ${result.mandatesCreated} mandate(s)` : ''}${result.bankDetailsCreated ? `, ${result.bankDetailsCreated} bank detail(s)` : ''}.` +
          `${saveProfileAs ? ` Mapping saved as profile "${saveProfileAs}".` : ''}`,
      );
    }
    return 0;
  } finally {
    ctx.close();
  }
}
