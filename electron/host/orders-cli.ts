import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PaymentOrder } from '../../shared/domain';
import type { VopOrderResults, VopResultKind } from '../../shared/api/vop';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import type { Clock } from '../../shared/dates';
import { createContext } from '../services/context';
import { callApi } from './call';
import { stringOption, type ParsedArgs } from './args';
import type { CliIo } from './cli';

export const ORDERS_HELP = `  orders build              payment orders (drafts) from today's eligible entries; lists the others with reasons
  orders list [--status S]  the order queue
  orders approve <id>       approve a draft order for upload
  orders upload <id> [--vop | --no-vop] [--override "reason"]
                upload under the transport signature (a file already sent needs --override);
                transfers with verification of payee (--vop) or waiving it (--no-vop); default: the bank access's setting
  orders vop <id> [--json]  each payment's verification of payee result (match, close match, no match, not possible), counts and sums
  orders export <id> <file> write the payment file for other banking software
  orders recover --access ID
                settle uploads whose outcome is unknown (journal, the bank's overview and protocol; resend only when safe)`;

function line(o: PaymentOrder): string {
  const kind = o.kind === 'credit_transfer' ? 'transfer' : `debit ${o.scheme}`;
  return `${String(o.id).padStart(4)}  ${o.status.padEnd(9)} ${kind.padEnd(11)} ${o.executionDate}  ${String(o.txCount).padStart(6)} tx  ${formatAmount(o.controlSumCents, 'en', { currency: 'EUR' }).padStart(18)}  ${o.bankAccountIban}  ${o.format}`;
}

const RESULT_WORDS: Record<VopResultKind, string> = {
  match: 'match',
  closeMatch: 'close match',
  noMatch: 'NO MATCH',
  notPossible: 'not possible',
  pending: 'pending',
};

function vopLines(r: VopOrderResults): string[] {
  if (r.status === 'notChecked') return [`Order ${r.orderId} was sent without verification of payee.`];
  if (r.status === 'notYet') return [`The bank has not delivered the verification of payee for order ${r.orderId} yet. Ask again in a moment.`];
  const eur = (c: number | null) => formatAmount(c ?? 0, 'en', { currency: 'EUR' });
  const lines = r.payments.map(
    (p) =>
      `${p.endToEndId.padEnd(20)} ${RESULT_WORDS[p.result].padEnd(13)} ${eur(p.amountCents).padStart(16)}  ${p.submittedName ?? ''}${p.bankName ? `  → bank holds "${p.bankName}"` : ''}${p.reason ? `  (${p.reason})` : ''}`,
  );
  const totals = Object.entries(r.summary ?? {})
    .filter(([, v]) => v.count > 0)
    .map(([k, v]) => `${RESULT_WORDS[k as VopResultKind]}: ${v.count} (${eur(v.amountCents)})`);
  return [...lines, '', totals.join(' · ')];
}

function idOf(args: ParsedArgs): number {
  const id = Number(args.positional[2]);
  if (!Number.isInteger(id) || id <= 0) throw new KontorError('cli.missingArgument', 'Name the order by its number (see kontor orders list).');
  return id;
}

export async function ordersCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  const json = args.options.has('json');
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    switch (sub) {
      case 'build': {
        const { orders, report } = await callApi(ctx, 'orders.build', {});
        if (json) {
          io.out(JSON.stringify({ orders, report }, null, 2));
          return 0;
        }
        io.out(orders.length ? `${orders.length} order(s) built:` : 'No entry is due for payment today.');
        for (const o of orders) io.out(line(o));
        if (report.notEligible.length) {
          io.out(`\n${report.notEligible.length} open entr${report.notEligible.length === 1 ? 'y is' : 'ies are'} not eligible:`);
          for (const n of report.notEligible) io.out(`  ${n.number.padEnd(16)} ${n.accountName}: ${n.messages.join(' ')}`);
        }
        return 0;
      }
      case 'list': {
        const status = stringOption(args, 'status');
        const orders = await callApi(ctx, 'orders.list', status ? { status: status as 'draft' } : {});
        if (json) io.out(JSON.stringify(orders, null, 2));
        else if (orders.length === 0) io.out('The order queue is empty.');
        else for (const o of orders) io.out(line(o));
        return 0;
      }
      case 'approve': {
        io.out(line(await callApi(ctx, 'orders.approve', { id: idOf(args) })));
        return 0;
      }
      case 'upload': {
        const reason = stringOption(args, 'override');
        ctx.events.listen((_e, p) => {
          const { done, total } = p as { done: number; total: number };
          if (!json) io.out(`  segment ${done} of ${total}`);
        });
        if (args.options.has('vop') && args.options.has('no-vop')) throw new KontorError('cli.conflictingOptions', 'Choose --vop or --no-vop, not both.');
        const vop = args.options.has('vop') ? { vop: true } : args.options.has('no-vop') ? { vop: false } : {};
        const order = await callApi(ctx, 'orders.upload', { id: idOf(args), ...vop, ...(reason ? { override: { confirm: true as const, reason } } : {}) });
        io.out(
          json
            ? JSON.stringify(order, null, 2)
            : `${line(order)}\nUploaded as EBICS order ${order.ebicsOrderId}; it waits for release in the bank's distributed signature.`,
        );
        return 0;
      }
      case 'vop': {
        const r = await callApi(ctx, 'vop.results', { id: idOf(args) });
        io.out(json ? JSON.stringify(r, null, 2) : vopLines(r).join('\n'));
        return 0;
      }
      case 'export': {
        const file = args.positional[3];
        if (!file) throw new KontorError('cli.missingArgument', 'Name the file to write: kontor orders export 3 transfer.xml');
        const download = await callApi(ctx, 'orders.export', { id: idOf(args) });
        writeFileSync(resolve(file), Buffer.from(download.base64, 'base64'));
        io.out(`Payment file written to ${resolve(file)}`);
        return 0;
      }
      case 'recover': {
        const access = Number(stringOption(args, 'access'));
        if (!Number.isInteger(access) || access <= 0) throw new KontorError('cli.missingArgument', 'Name the bank access: kontor orders recover --access 1');
        const r = await callApi(ctx, 'orders.recover', { bankAccessId: access });
        if (json) {
          io.out(JSON.stringify(r, null, 2));
          return r.bankError ? 1 : 0;
        }
        if (r.bankError) io.err(`The bank could not be asked: ${r.bankError.message}`);
        if (r.orders.length === 0) io.out('No upload with an unknown outcome.');
        for (const o of r.orders) {
          const when = o.notBefore ? ` (not before ${o.notBefore})` : '';
          io.out(`${String(o.orderId).padStart(4)}  ${o.action.padEnd(9)} ${o.status.padEnd(9)} ${o.rule}${when}${o.error ? `: ${o.error.message}` : ''}`);
        }
        return r.bankError ? 1 : 0;
      }
      default:
        io.err(`Unknown orders command: ${sub ?? '(none)'}\n\n${ORDERS_HELP}`);
        return 2;
    }
  } finally {
    ctx.close();
  }
}
