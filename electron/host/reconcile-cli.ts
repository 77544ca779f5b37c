import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { differenceOfProposal, type DifferenceChoice, type Proposal } from '../../shared/reconcile';
import type { Clock } from '../../shared/dates';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import type { CliIo } from './cli';
import { RECONCILE_SETTINGS_HELP, reconcileSettings } from './reconcile-settings-cli';

export const RECONCILE_HELP = `  reconcile run [--accept-exact]
                propose matches of bank lines to open entries and print them with their reasons;
                --accept-exact assigns only the exact-key ones (end-to-end id, mandate, unambiguous reference)
  reconcile accept <proposal-id> [--difference fee|difference [--note TEXT]] | --sure
                accept a reviewed proposal as printed by reconcile run (with --difference, what the
                match leaves is booked as a bank fee or a difference), or every sure one
${RECONCILE_SETTINGS_HELP}`;

function describe(p: Proposal): string {
  const l = p.line;
  const amount = formatAmount(l.amountCents, 'en', { currency: l.currency });
  const targets = p.allocations.map((a) => `${a.number} (${formatAmount(-a.amountCents, 'en')})`).join(', ') || '—';
  const rest = p.restCents ? `, rest ${formatAmount(p.restCents, 'en')}` : '';
  const notes = p.notes.length ? `  [${p.notes.map((n) => n.text).join('; ')}]` : '';
  return `#${String(p.id).padEnd(4)} ${p.sure ? 'SURE  ' : 'REVIEW'} ${l.bookingDate} ${amount.padStart(16)}  ${(l.counterpartyName ?? '').slice(0, 28).padEnd(28)} → ${targets}${rest}: ${p.reason.text}${notes}`;
}

async function accept(ctx: ServiceContext, args: ParsedArgs, io: CliIo): Promise<number> {
  const json = args.options.has('json');
  if (args.options.has('sure')) {
    const r = await callApi(ctx, 'reconcile.acceptSure', {});
    io.out(json ? JSON.stringify(r) : `${r.accepted} sure proposal(s) accepted.`);
    return 0;
  }
  const id = recordNumber(args.positional[2], 'cli.badOption', 'Name the proposal to accept by its number (see kontor reconcile run --json), or pass --sure.');
  const kind = stringOption(args, 'difference');
  if (kind !== undefined && kind !== 'fee' && kind !== 'difference') throw new KontorError('cli.badOption', '--difference takes fee or difference.');
  let difference: DifferenceChoice | undefined;
  if (kind) {
    const p = (await callApi(ctx, 'reconcile.proposals', { limit: 500 })).rows.find((r) => r.id === id);
    if (!p) throw new KontorError('reconcile.alreadyDecided', 'This proposal was decided already or replaced by a newer run.', { id });
    const note = stringOption(args, 'note');
    difference = { kind, amountCents: differenceOfProposal(p), ...(note ? { note } : {}) };
  }
  const a = await callApi(ctx, 'reconcile.accept', { id, ...(difference ? { difference } : {}) });
  if (json) io.out(JSON.stringify(a, null, 2));
  else io.out(`Proposal ${id} accepted: ${a.items.map((i) => `${i.number} (${formatAmount(-i.amountCents, 'en')})`).join(', ')}.`);
  return 0;
}

export async function reconcileCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub !== 'run' && sub !== 'accept' && sub !== 'settings') {
    io.err(`Unknown reconcile command: ${sub ?? '(none)'}\n\n${RECONCILE_HELP}`);
    return 2;
  }
  const json = args.options.has('json');
  const acceptExact = args.options.has('accept-exact');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    if (sub === 'accept') return await accept(ctx, args, io);
    if (sub === 'settings') return await reconcileSettings(ctx, args, io);
    const run = await callApi(ctx, 'reconcile.run', { acceptSure: acceptExact });
    const open = await callApi(ctx, 'reconcile.proposals', { limit: 500 });
    if (json) {
      io.out(JSON.stringify({ run, proposals: open.rows }, null, 2));
      return 0;
    }
    io.out(`${run.lines} bank line(s) with something to assign: ${run.proposals} proposal(s), ${run.sure} of them exact.`);
    if (acceptExact) io.out(`${run.accepted} exact match(es) assigned.`);
    if (open.total) io.out(`\n${open.total} proposal(s) wait for a decision${open.total > open.rows.length ? ` (first ${open.rows.length} shown)` : ''}:`);
    for (const p of open.rows) io.out(describe(p));
    return 0;
  } finally {
    ctx.close();
  }
}
