/**
 * `kontor payments list` and `kontor payments link-refund`: the Payments
 * screen on the command line, through the same API calls. A transfer back to
 * a customer is linked to the collection it refunds; once it is booked the
 * collection shows Refunded.
 */
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { PaymentStatus, type PaymentView } from '../../shared/reconcile';
import { createContext } from '../services/context';
import { recordNumber, stringOption, type ParsedArgs } from './args';
import { callApi } from './call';
import type { CliIo } from './cli';

export const PAYMENTS_HELP = `  payments list [--status STATUS]
                every payment Kontor built: status, amount, Open, Settled, Assigned and
                Available (= Settled − Assigned), and which payment a refund gives back
  payments link-refund <refund-ID> --original <payment-ID>
                marks a transfer to a customer as the refund of a collection from that
                customer; once the transfer is booked, the collection is Refunded`;

function line(p: PaymentView): string {
  const refund = p.refundOfPaymentId ? `  refund of ${p.refundOfPaymentId}` : '';
  return `${String(p.id).padStart(5)}  ${p.kind.padEnd(15)}  ${p.status.padEnd(9)}  ${formatAmount(p.amountCents, 'en').padStart(12)} ${p.currency}  ${(p.counterpartyName ?? '—').padEnd(30)}${refund}`;
}

export async function paymentsCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  if (sub !== 'list' && sub !== 'link-refund') {
    io.err(`Unknown payments command: ${sub ?? '(none)'}\n\n${PAYMENTS_HELP}`);
    return 2;
  }
  const json = args.options.has('json');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    if (sub === 'list') {
      const status = stringOption(args, 'status');
      const checked = status === undefined ? undefined : PaymentStatus.safeParse(status);
      if (checked && !checked.success) throw new KontorError('cli.badOption', `--status takes one of ${PaymentStatus.options.join(', ')}.`);
      const { rows } = await callApi(ctx, 'payments.list', { ...(checked ? { status: checked.data } : {}), limit: 500 });
      io.out(json ? JSON.stringify(rows, null, 2) : rows.length ? rows.map(line).join('\n') : 'No payments yet.');
      return 0;
    }
    const refundId = recordNumber(args.positional[2], 'cli.missingId', 'Name the refund transfer, e.g. kontor payments link-refund 12 --original 7');
    const originalId = recordNumber(stringOption(args, 'original'), 'cli.missingOption', 'Name the payment the transfer refunds with --original ID.');
    const linked = await callApi(ctx, 'payments.linkRefund', { refundId, originalId });
    io.out(
      json
        ? JSON.stringify(linked, null, 2)
        : `Payment ${refundId} is the refund of payment ${originalId}; the latter becomes Refunded once the refund is booked.`,
    );
    return 0;
  } finally {
    ctx.close();
  }
}
