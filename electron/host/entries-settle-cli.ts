import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { SettleReason } from '../../shared/reconcile';
import { createContext } from '../services/context';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

export const SETTLE_HELP = `  entries settle <entry-id> --reason cash|offset|writeoff [--with OTHER-ID] [--note TEXT]
                [--amount 12.34] [--date YYYY-MM-DD]
                settle an entry without a bank line: paid in cash, offset against an entry of
                the other side (--with), or written off (--note says why, required)`;

function idOf(text: string | undefined, what: string): number {
  return recordNumber(text, 'cli.badOption', `${what} takes the number of an entry (see kontor entries list).`);
}

/** Cents from `12.34` or `12,34` as typed in a terminal. */
function centsOf(text: string): number {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) throw new KontorError('cli.badOption', '--amount takes an amount like 12.34.');
  return Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
}

/** `kontor entries settle ID --reason …`: one call to entries.settle. */
export async function settleCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const id = idOf(args.positional[2], 'entries settle');
  const reason = SettleReason.safeParse(stringOption(args, 'reason'));
  if (!reason.success) throw new KontorError('cli.badOption', `--reason takes cash, offset or writeoff.\n\n${SETTLE_HELP}`);
  const withText = stringOption(args, 'with');
  const note = stringOption(args, 'note');
  const amount = stringOption(args, 'amount');
  const date = stringOption(args, 'date');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    const r = await callApi(ctx, 'entries.settle', {
      id,
      reason: reason.data,
      ...(withText !== undefined ? { withId: idOf(withText, '--with') } : {}),
      ...(note !== undefined ? { note } : {}),
      ...(amount !== undefined ? { amountCents: centsOf(amount) } : {}),
      ...(date !== undefined ? { date } : {}),
    });
    if (args.options.has('json')) {
      io.out(JSON.stringify(r, null, 2));
      return 0;
    }
    for (const s of r.settlements) {
      const other = s.otherEntryNumber ? ` against ${s.otherEntryNumber}` : '';
      io.out(`${s.entryNumber}: ${formatAmount(Math.abs(s.entryCents), 'en')} settled by ${s.kind}${other} on ${s.settledOn}${s.note ? ` (${s.note})` : ''}.`);
    }
    const e = r.entry;
    io.out(`${e.number} is ${e.status === 'Balanced' ? 'settled' : `still open: ${formatAmount(e.openAmountCents, 'en', { currency: e.currency })}`}.`);
    return 0;
  } finally {
    ctx.close();
  }
}
