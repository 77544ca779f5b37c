import { basename } from 'node:path';
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { PARTY_FIELDS, PartyMapping, type PartyImportPreview } from '../../shared/parties';
import { createContext } from '../services/context';
import { partyFieldWords } from '../services/parties/mapping';
import { stringOption, type ParsedArgs } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';
import { entityOf, readCsv } from './entries-cli';
import { columnOf, columnsOption, valuesOption } from './import-options';
import { partiesEdit, partiesList } from './parties-edit-cli';

export const PARTIES_HELP = `  parties import <file.csv> [--profile NAME] [--entity ID] [--skip-invalid] [--dry-run]
                 [--save-profile NAME] [--no-header] [--columns FIELD=COL,…]
                 [--kind-column COL --customer VALUES --supplier VALUES | --kind customer|supplier]
                customers and suppliers with IBAN, BIC (derived from a bank Kontor knows
                when missing) and SEPA mandates (reference, date of signature, sequence)
                from an ERP's master-data CSV: new numbers are created, known ones
                completed with new bank details and mandates, never overwritten.
                --kind-column names the column saying customer or supplier, --customer
                and --supplier its values (e.g. D and K); COL may be a number (1 = first)
  parties list [--kind customer|supplier] [--search TEXT]
                customers and suppliers with their record numbers and payment method
  parties edit <ID…> [--payment-method sepa|other|none] [--iban IBAN [--bic BIC]] [--entity ID] [--dry-run]
                several parties at once (IDs as parties list shows them, or 3,5,8): their
                usual payment method and/or the bank details they are paid to (BIC derived
                from a bank Kontor knows when left out); prints what changes, then changes
                it; all or nothing, one audit record per party changed`;

const KINDS: Record<string, PartyMapping['kind']> = {
  customer: { from: 'constant', value: 'customer' },
  supplier: { from: 'constant', value: 'supplier' },
};

/** The first preview's mapping with what the options say; null when they say nothing. */
function mappingFromOptions(args: ParsedArgs, p: PartyImportPreview): PartyMapping | null {
  const m: PartyMapping = { ...p.mapping, columns: { ...p.mapping.columns, ...columnsOption(args, PARTY_FIELDS, p.columns) } };
  let changed = args.options.has('columns');
  const kindColumn = stringOption(args, 'kind-column');
  if (kindColumn !== undefined) {
    m.columns.kind = columnOf(p.columns, kindColumn, '--kind-column');
    m.kind = { from: 'column', customer: [], supplier: [] };
    changed = true;
  }
  const customer = valuesOption(args, 'customer');
  const supplier = valuesOption(args, 'supplier');
  if (customer || supplier) {
    if (m.kind.from !== 'column')
      throw new KontorError('cli.badOption', '--customer and --supplier map the values of the kind column: name it with --kind-column.');
    m.kind = { from: 'column', customer: customer ?? m.kind.customer, supplier: supplier ?? m.kind.supplier };
    changed = true;
  }
  const kind = stringOption(args, 'kind');
  if (kind !== undefined) {
    const chosen = KINDS[kind];
    if (!chosen) throw new KontorError('cli.badOption', '--kind takes customer or supplier.');
    m.kind = chosen;
    changed = true;
  }
  return changed ? m : null;
}

function describe(p: PartyImportPreview): string[] {
  const lines = [`File:        ${p.fileName}`];
  if (p.profile) lines.push(`Profile:     ${p.profile}`);
  lines.push('Columns:');
  for (const field of PARTY_FIELDS) {
    const column = p.mapping.columns[field];
    if (column !== null) lines.push(`  ${partyFieldWords(field).padEnd(28)} ← ${column}`);
  }
  const k = p.mapping.kind;
  const kindWords =
    k.from === 'constant'
      ? `all ${k.value}s`
      : k.from === 'ask'
        ? 'not said (use --kind-column or --kind)'
        : `from its column (customer: ${k.customer.join(', ') || 'known words'}; supplier: ${k.supplier.join(', ') || 'known words'})`;
  lines.push(`  ${'customer or supplier'.padEnd(28)} ${kindWords}`);
  const t = p.totals;
  lines.push(`Rows:        ${t.rows} in the file, ${t.ok} fine, ${t.failed} with errors`);
  lines.push(`Parties:     ${t.customers} customer(s), ${t.suppliers} supplier(s); ${t.newParties} new, ${t.knownParties} known (completed)`);
  lines.push(`Bank data:   ${t.newMandates} new mandate(s), ${t.newBankDetails} new bank detail(s), ${t.derivedBics} BIC(s) derived from the IBAN`);
  if (p.sameName) lines.push(`Warning:     a file named "${p.fileName}" was imported on ${p.sameName.importedAt} (with other content).`);
  for (const row of p.rows) for (const e of row.errors) lines.push(`  line ${row.line}: ${e.column ? `${e.column}: ` : ''}${e.message}`);
  return lines;
}

function refusalOf(p: PartyImportPreview, skipInvalid: boolean): string | null {
  if (p.alreadyImported) return `Nothing imported: this file was imported before (as "${p.alreadyImported.fileName}" on ${p.alreadyImported.importedAt}).`;
  if (p.mappingIssues.length) return `Nothing imported: the columns could not all be assigned.\n${p.mappingIssues.map((i) => `  ${i.message}`).join('\n')}`;
  if (p.totals.failed > 0 && !skipInvalid) return `Nothing imported: ${p.totals.failed} row(s) have errors. Correct the file, or pass --skip-invalid.`;
  if (p.totals.ok === 0) return 'Nothing imported: the file has no row that can be imported.';
  return null;
}

/** `kontor parties import …`: preview, then commit, through the same API calls as the window. */
export async function partiesCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub === 'list' || sub === 'edit') {
    const ctx = createContext({ dataDir, host: 'cli', clock });
    try {
      return sub === 'list' ? await partiesList(ctx, args, io) : await partiesEdit(ctx, args, io);
    } finally {
      ctx.close();
    }
  }
  if (sub !== 'import') {
    io.err(`Unknown parties command: ${args.positional[1] ?? '(none)'}\n\n${PARTIES_HELP}`);
    return 2;
  }
  const path = args.positional[2];
  const bytes = readCsv(path, 'kontor parties import customers.csv');
  const json = args.options.has('json');
  const skipInvalid = args.options.has('skip-invalid');
  const profile = stringOption(args, 'profile');
  const saveProfileAs = stringOption(args, 'save-profile');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const file = { fileName: basename(path!), base64: bytes.toString('base64'), entityId: await entityOf(ctx, args) };
    const noHeader = args.options.has('no-header') ? { mapping: PartyMapping.parse({ format: { noHeader: true }, columns: {}, kind: { from: 'ask' } }) } : {};
    let preview = await callApi(ctx, 'parties.importPreview', { ...file, ...(profile ? { profile } : noHeader) });
    const mapping = mappingFromOptions(args, preview);
    if (mapping) preview = { ...(await callApi(ctx, 'parties.importPreview', { ...file, mapping })), profile: preview.profile };
    const report = (result: Record<string, unknown>) => {
      const { rows, ...summary } = preview;
      if (json) io.out(JSON.stringify({ ...summary, errors: rows.filter((r) => !r.ok).map((r) => ({ line: r.line, errors: r.errors })), ...result }, null, 2));
    };
    if (!json) io.out(describe(preview).join('\n'));
    const refusal = refusalOf(preview, skipInvalid);
    if (refusal) {
      report({ refused: refusal });
      io.err(refusal);
      return 1;
    }
    if (args.options.has('dry-run')) {
      report({ dryRun: true });
      if (!json) io.out('Dry run: nothing imported.');
      return 0;
    }
    const result = await callApi(ctx, 'parties.importCommit', { ...file, mapping: preview.mapping, skipInvalid, ...(saveProfileAs ? { saveProfileAs } : {}) });
    report({ ...result });
    if (!json) {
      io.out(
        `Imported: ${result.created} new customer(s)/supplier(s), ${result.completed} known completed, ${result.mandates} mandate(s), ${result.bankDetails} bank detail(s)` +
          `${result.skipped ? `; skipped ${result.skipped} rows with errors` : ''}.`,
      );
    }
    return 0;
  } finally {
    ctx.close();
  }
}
