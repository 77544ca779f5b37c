/**
 * `kontor parties list` and `kontor parties edit ID…`: the bulk edit of the
 * parties screen on the command line, through the same API call. The plan is
 * printed first (the window's confirmation step), then the change is made in
 * one step; `--dry-run` stops after the plan.
 */
import type { ApiInput } from '../../shared/api';
import type { AccountKind } from '../../shared/domain';
import { KontorError } from '../../shared/errors';
import type { PartyBulkEditResult } from '../../shared/parties';
import type { ServiceContext } from '../services/context';
import { recordNumber, stringOption, type ParsedArgs } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

const METHODS: Record<string, 'sepa' | 'other' | null> = { sepa: 'sepa', other: 'other', none: null };
const methodWords = (m: 'sepa' | 'other' | null) => (m === null ? 'not said' : m === 'sepa' ? 'SEPA' : 'other');

export async function partiesList(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const kind = stringOption(args, 'kind');
  if (kind !== undefined && kind !== 'customer' && kind !== 'supplier') throw new KontorError('cli.badOption', '--kind takes customer or supplier.');
  const search = stringOption(args, 'search');
  const rows = await callApi(ctx, 'accounts.list', { ...(kind ? { kind: kind as AccountKind } : {}), ...(search ? { search } : {}) });
  if (args.options.has('json')) io.out(JSON.stringify(rows, null, 2));
  else if (rows.length === 0) io.out('No customers or suppliers.');
  else
    for (const a of rows)
      io.out(`${String(a.id).padStart(5)}  ${a.kind.padEnd(8)}  ${a.number.padEnd(12)}  ${a.name.padEnd(40)}  ${methodWords(a.paymentMethod)}`);
  return 0;
}

/** The record numbers after `edit`: `3 5 8` or `3,5,8`. */
function idsOf(args: ParsedArgs): number[] {
  const words = args.positional.slice(2).flatMap((w) => w.split(','));
  if (words.length === 0)
    throw new KontorError('cli.missingId', 'Name the customers or suppliers to change, e.g. kontor parties edit 3 5 8 --payment-method sepa');
  return words.map((w) => recordNumber(w.trim(), 'cli.badId', `"${w}" is not the record number of a customer or supplier (see kontor parties list).`));
}

function inputOf(args: ParsedArgs): ApiInput<'parties.bulkEdit'> {
  const input: ApiInput<'parties.bulkEdit'> = { accountIds: idsOf(args) };
  const method = stringOption(args, 'payment-method');
  if (method !== undefined) {
    if (!(method in METHODS)) throw new KontorError('cli.badOption', '--payment-method takes sepa, other or none.');
    input.paymentMethod = METHODS[method]!;
  }
  const iban = stringOption(args, 'iban');
  const bic = stringOption(args, 'bic');
  const entity = stringOption(args, 'entity');
  if (iban !== undefined) input.iban = iban;
  if (bic !== undefined) input.bic = bic;
  if (entity !== undefined) input.entityId = recordNumber(entity, 'cli.badOption', '--entity takes the number of a business entity.');
  return input;
}

function describe(r: PartyBulkEditResult): string[] {
  const lines: string[] = [];
  if (r.iban)
    lines.push(
      `Bank details: ${r.iban}${r.bic ? `, BIC ${r.bic}${r.bicDerived ? ' (derived from the IBAN)' : ''}` : ', no BIC'} (business entity ${r.entityId})`,
    );
  for (const row of r.rows) {
    const parts: string[] = [];
    if (row.paymentMethod) parts.push(`payment method ${methodWords(row.paymentMethod.from)} → ${methodWords(row.paymentMethod.to)}`);
    if (row.bankDetails) parts.push(`bank details → ${row.bankDetails.iban}${row.bankDetails.replaced ? ` (replaces ${row.bankDetails.replaced})` : ''}`);
    lines.push(`  ${String(row.accountId).padStart(5)}  ${row.number.padEnd(12)}  ${row.name.padEnd(30)}  ${parts.join('; ') || 'unchanged'}`);
  }
  lines.push(`${r.dryRun ? 'Would change' : 'Changed'}: ${r.changed} customer(s)/supplier(s); ${r.unchanged} unchanged.`);
  return lines;
}

export async function partiesEdit(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const input = inputOf(args);
  const json = args.options.has('json');
  const plan = await callApi(ctx, 'parties.bulkEdit', { ...input, dryRun: true });
  if (args.options.has('dry-run') || plan.changed === 0) {
    if (json) io.out(JSON.stringify(plan, null, 2));
    else io.out([...describe(plan), ...(plan.changed === 0 ? [] : ['Dry run: nothing changed.'])].join('\n'));
    return 0;
  }
  const done = await callApi(ctx, 'parties.bulkEdit', input);
  io.out(json ? JSON.stringify(done, null, 2) : describe(done).join('\n'));
  return 0;
}
