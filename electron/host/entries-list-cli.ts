/**
 * `kontor entries list` and `kontor entries approve|reject`: the numbers the
 * other entries commands take (settle, orders build --entries), and the
 * second person's decision on imported payables (four eyes) without the window.
 */
import type { Entry } from '../../shared/domain';
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { createContext } from '../services/context';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

export const ENTRIES_LIST_HELP = `  entries list [--type receivable|payable] [--status open|settled] [--approval pending|approved|rejected]
               [--search TEXT] [--limit N]
                the entries with their numbers, open amounts and approval (payables)
  entries approve <id>[,<id>…] | entries reject <id>[,<id>…]
                approve or reject payables for payment (four eyes: not the person who imported them)`;

const TYPES: Record<string, Entry['type']> = { receivable: 'Debit', payable: 'Credit' };
const STATUSES: Record<string, Entry['status']> = { open: 'Open', settled: 'Balanced' };
const APPROVALS = ['pending', 'approved', 'rejected'] as const;

function choice<T>(args: ParsedArgs, name: string, values: Record<string, T>): T | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const value = values[text];
  if (value === undefined) throw new KontorError('cli.badOption', `--${name} takes ${Object.keys(values).join(' or ')}.`);
  return value;
}

function line(e: Entry): string {
  const approval = e.creditApproval ? `  approval ${e.creditApproval}` : '';
  const state = e.status === 'Balanced' ? 'settled' : `open ${formatAmount(e.openAmountCents, 'en', { currency: e.currency })}`;
  return `${String(e.id).padStart(5)}  ${e.type === 'Debit' ? 'receivable' : 'payable   '}  ${e.number.padEnd(16)} ${e.dueDate ?? '—'.padEnd(10)}  ${state}${approval}  ${e.accountName}`;
}

async function list(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const approval = stringOption(args, 'approval');
  if (approval !== undefined && !(APPROVALS as readonly string[]).includes(approval)) {
    throw new KontorError('cli.badOption', `--approval takes ${APPROVALS.join(', ')}.`);
  }
  const limitText = stringOption(args, 'limit');
  const type = choice(args, 'type', TYPES);
  const status = choice(args, 'status', STATUSES);
  const search = stringOption(args, 'search');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const page = await callApi(ctx, 'entries.list', {
      ...(type ? { type } : {}),
      ...(status ? { status } : {}),
      ...(search ? { search } : {}),
      limit: limitText === undefined ? 1000 : recordNumber(limitText, 'cli.badOption', '--limit takes a number of entries.'),
    });
    const rows = approval === undefined ? page.rows : page.rows.filter((e) => e.creditApproval === approval);
    if (args.options.has('json')) io.out(JSON.stringify(rows, null, 2));
    else if (rows.length === 0) io.out('No entries.');
    else for (const e of rows) io.out(line(e));
    return 0;
  } finally {
    ctx.close();
  }
}

/** Every entry of `1,2,3`, decided one by one; the first refusal stops the rest (the decided ones stay decided). */
async function decide(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock, decision: 'approve' | 'reject'): Promise<number> {
  const text = args.positional[2];
  const example = `Name the payables by their numbers, e.g. kontor entries ${decision} 12,13 (see kontor entries list --approval pending).`;
  if (!text) throw new KontorError('cli.missingArgument', example);
  const ids = text.split(',').map((part) => recordNumber(part.trim(), 'cli.badOption', example));
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const decided: Entry[] = [];
    for (const id of ids) decided.push(await callApi(ctx, decision === 'approve' ? 'entries.approve' : 'entries.reject', { id }));
    if (args.options.has('json')) io.out(JSON.stringify(decided, null, 2));
    else for (const e of decided) io.out(`${e.number}: ${e.creditApproval} by ${e.approvedBy ?? '—'}.`);
    return 0;
  } finally {
    ctx.close();
  }
}

export async function entriesListCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub === 'approve' || sub === 'reject') return decide(args, io, dataDir, clock, sub);
  return list(args, io, dataDir, clock);
}
