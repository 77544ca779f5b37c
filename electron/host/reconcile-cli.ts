import { formatAmount } from '../../shared/money';
import type { Proposal } from '../../shared/reconcile';
import type { Clock } from '../../shared/dates';
import { createContext } from '../services/context';
import { callApi } from './call';
import type { ParsedArgs } from './args';
import type { CliIo } from './cli';

export const RECONCILE_HELP = `  reconcile run [--accept-exact]
                propose matches of bank lines to open entries and print them with their reasons;
                --accept-exact assigns only the exact-key ones (end-to-end id, mandate, unambiguous reference)`;

function describe(p: Proposal): string {
  const l = p.line;
  const amount = formatAmount(l.amountCents, 'en', { currency: l.currency });
  const targets = p.allocations.map((a) => `${a.number} (${formatAmount(-a.amountCents, 'en')})`).join(', ') || '—';
  const rest = p.restCents ? `, rest ${formatAmount(p.restCents, 'en')}` : '';
  const notes = p.notes.length ? `  [${p.notes.map((n) => n.text).join('; ')}]` : '';
  return `${p.sure ? 'SURE  ' : 'REVIEW'} ${l.bookingDate} ${amount.padStart(16)}  ${(l.counterpartyName ?? '').slice(0, 28).padEnd(28)} → ${targets}${rest}: ${p.reason.text}${notes}`;
}

export async function reconcileCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub !== 'run') {
    io.err(`Unknown reconcile command: ${sub ?? '(none)'}\n\n${RECONCILE_HELP}`);
    return 2;
  }
  const json = args.options.has('json');
  const acceptExact = args.options.has('accept-exact');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
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
