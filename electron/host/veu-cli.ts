import type { VeuDecision, VeuOrder } from '../../shared/api/veu';
import type { Clock } from '../../shared/dates';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { type ParsedArgs, recordNumber, stringOption } from './args';
import type { CliIo } from './cli';

export const VEU_HELP = `  veu list --access ID       orders waiting in the bank's distributed signature (VEU): who signed, who still must
  veu show <order> --access ID
                one order: its signers and its transactions
  veu sign <order> --access ID (--total AMOUNT | --pin PIN)
                add your signature (HVE); confirm each time with the order's total as shown, or your signing PIN
  veu cancel <order> --access ID (--total AMOUNT | --pin PIN)
                cancel the order at the bank (HVS), confirmed the same way
  veu pin --access ID --pin NEW [--current OLD]
                set or change the signing PIN of this bank access (6 to 12 digits; kept only as a salted hash)`;

const money = (cents: number | null, currency: string | null) => (cents === null ? '-' : formatAmount(cents, 'en', { currency: currency ?? 'EUR' }));

function line(o: VeuOrder): string {
  const who = o.signers.map((s) => `${s.userId} (${s.authorisationLevel})`).join(', ') || 'nobody yet';
  return `${o.orderId}  ${o.label.padEnd(16)} ${String(o.transactions ?? '-').padStart(5)} tx  ${money(o.totalCents, o.currency).padStart(18)}  signatures ${o.signatures.done} of ${o.signatures.required}${o.signatures.readyToBeSigned ? ', yours missing' : ''}  signed: ${who}`;
}

function accessOf(args: ParsedArgs): number {
  return recordNumber(stringOption(args, 'access'), 'cli.missingOption', '--access is required: the number of the bank access (see kontor bank list).');
}

function orderOf(args: ParsedArgs): string {
  const id = args.positional[2];
  if (!id) throw new KontorError('cli.missingArgument', 'Name the order by its EBICS order ID (see kontor veu list).');
  return id.toUpperCase();
}

const OUTCOME: Record<VeuDecision['outcome'], string> = {
  signed: 'signed; it waits for further signatures',
  released: 'signed and released: the bank executes it',
  alreadySigned: 'already signed by you before; nothing was counted twice',
  cancelled: 'cancelled at the bank',
};

async function decide(ctx: ServiceContext, args: ParsedArgs, io: CliIo, action: 'sign' | 'cancel'): Promise<number> {
  const accessId = accessOf(args);
  const orderId = orderOf(args);
  const total = stringOption(args, 'total');
  const pin = stringOption(args, 'pin');
  if (total === undefined && pin === undefined) {
    const o = (await callApi(ctx, 'veu.list', { accessId })).find((x) => x.orderId === orderId);
    throw new KontorError(
      'cli.confirmationNeeded',
      `To ${action} order ${orderId}${o ? ` (${o.transactions ?? '?'} transactions, total ${money(o.totalCents, o.currency)})` : ''}, repeat the command with --total and the total as shown, or with --pin.`,
    );
  }
  const confirmation = pin !== undefined ? { kind: 'pin' as const, pin } : { kind: 'total' as const, typed: total ?? '' };
  const r = await callApi(ctx, action === 'sign' ? 'veu.sign' : 'veu.cancel', { accessId, orderId, confirmation });
  io.out(args.options.has('json') ? JSON.stringify(r, null, 2) : `Order ${r.orderId}: ${OUTCOME[r.outcome]}.`);
  return 0;
}

export async function veuCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    switch (sub) {
      case 'list': {
        const orders = await callApi(ctx, 'veu.list', { accessId: accessOf(args) });
        if (json) io.out(JSON.stringify(orders, null, 2));
        else if (orders.length === 0) io.out('No order waits for signatures at the bank.');
        else for (const o of orders) io.out(line(o));
        return 0;
      }
      case 'show': {
        const d = await callApi(ctx, 'veu.show', { accessId: accessOf(args), orderId: orderOf(args) });
        if (json) {
          io.out(JSON.stringify(d, null, 2));
          return 0;
        }
        io.out(line(d));
        for (const t of d.items) io.out(`  ${(t.payee ?? '').padEnd(30)} ${t.iban ?? ''}  ${money(t.amountCents, t.currency).padStart(16)}  ${t.purpose}`);
        return 0;
      }
      case 'sign':
      case 'cancel':
        return await decide(ctx, args, io, sub);
      case 'pin': {
        const pin = stringOption(args, 'pin');
        if (!pin) throw new KontorError('cli.missingOption', '--pin is required: 6 to 12 digits.');
        const current = stringOption(args, 'current');
        await callApi(ctx, 'veu.setPin', { accessId: accessOf(args), pin, ...(current !== undefined ? { currentPin: current } : {}) });
        io.out(json ? JSON.stringify({ pinSet: true }) : 'Signing PIN set.');
        return 0;
      }
      default:
        io.err(`Unknown veu command: ${sub ?? '(none)'}\n\n${VEU_HELP}`);
        return 2;
    }
  } finally {
    ctx.close();
  }
}
