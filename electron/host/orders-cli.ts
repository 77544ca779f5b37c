import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { OrderSummary } from '../../shared/api/orders';
import type { FileDownload, PaymentOrder } from '../../shared/domain';
import type { VopOrderResults, VopResultKind } from '../../shared/api/vop';
import { KontorError } from '../../shared/errors';
import { formatAmount } from '../../shared/money';
import type { Clock } from '../../shared/dates';
import { createContext, type ServiceContext } from '../services/context';
import { callApi } from './call';
import { expectedVersion, type ParsedArgs, recordNumber, stringOption } from './args';
import type { CliIo } from './cli';

export const ORDERS_HELP = `  orders build [--entries ID,ID…] [--instant]
                payment orders (drafts) from today's eligible entries, or only the chosen ones; split at the access's amount limit;
                lists the entries left out with reasons; --instant: the credit transfers as SEPA Instant, executed today
                (only where the bank access offers it, each payment within its instant limit)
  orders list [--status S]  the order queue
  orders change <id> [--remove ID,ID…] [--add ID,ID…] [--expect-version N]
                take entries out of a draft or put eligible ones in (the draft is rebuilt as a new order);
                --expect-version: refused when the draft is no longer at version N (someone changed it meanwhile)
  orders approve <id> [--confirm-other-entity]
                approve a draft order for upload (not by the person who built it); prints the summary;
                payouts to bank details registered for another business entity need --confirm-other-entity
  orders upload <id> [--vop | --no-vop] [--override "reason"]
                upload under the transport signature (a file already sent needs --override); prints the summary;
                transfers with verification of payee (--vop) or waiving it (--no-vop); default: the bank access's setting
  orders vop <id> [--json] [--take-name E2E-ID]
                each payment's verification of payee result (match, close match, no match, not possible), counts and sums;
                --take-name: a close match's name (as the payee's bank holds it) into the supplier's bank details
  orders refresh [--access ID]
                ask the bank now (distributed-signature overview and protocol) about every order it has not decided on;
                for a scheduler job
  orders export <id> <file> [--zip]
                write the payment file for other banking software (a released or uploaded file as a copy);
                --zip: the file with its control list in one ZIP
  orders control-list <id> <file>
                the control list for the signer (PDF)
  orders archive            every file that left Kontor
  orders erp-export <file> [--from DATE] [--to DATE] [--separator ,]
                settled entries for the ERP as CSV (entry number, date paid, amount, bank reference)
  orders recover --access ID
                settle uploads whose outcome is unknown (journal, the bank's overview and protocol; resend only when safe)`;

function line(o: PaymentOrder): string {
  const kind = o.kind === 'credit_transfer' ? (o.instant ? 'instant' : 'transfer') : `debit ${o.scheme}`;
  return `${String(o.id).padStart(4)}  ${o.status.padEnd(9)} ${kind.padEnd(11)} ${o.executionDate}  ${String(o.txCount).padStart(6)} tx  ${formatAmount(o.controlSumCents, 'en', { currency: 'EUR' }).padStart(18)}  ${o.bankAccountIban}  ${o.format}`;
}

/** What the person confirms in the window, printed before the CLI acts. */
function summaryText(s: OrderSummary): string {
  const what = s.kind === 'credit_transfer' ? `${s.instant ? 'SEPA Instant ' : ''}credit transfers, execution date` : 'direct debits, collection date';
  return [
    `Order ${s.id}: ${s.count} ${what} ${s.date}`,
    `  total    ${formatAmount(s.totalCents, 'en', { currency: s.currency })}`,
    `  account  ${s.bankAccountName}  ${s.bankAccountIban}`,
    `  bank     ${s.bank ? `${s.bank.name} (${s.bank.hostId}, ${s.bank.url})` : 'no bank access: export the file'}`,
    `  built by ${s.builtBy ?? 'unknown'}`,
    ...(s.otherEntityDetails.length
      ? [
          `WARNING  ${s.otherEntityDetails.length} payment(s) go to bank details registered for another business entity:`,
          ...s.otherEntityDetails.map((p) => `  ${p.payee ?? '—'}  ${p.iban ?? '—'}  registered for ${p.detailsEntity}, the entry is ${p.entryEntity}'s`),
        ]
      : []),
  ].join('\n');
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
  return recordNumber(args.positional[2], 'cli.missingArgument', 'Name the order by its number (see kontor orders list).');
}

function idList(args: ParsedArgs, name: string): number[] | undefined {
  const text = stringOption(args, name);
  if (text === undefined) return undefined;
  const ids = text.split(',').map((s) => Number(s.trim()));
  if (ids.some((id) => !Number.isInteger(id) || id <= 0))
    throw new KontorError('cli.badArgument', `--${name} takes entry numbers as the ledger counts them (ids), separated by commas: --${name} 3,4`);
  return ids;
}

function writeDownload(io: CliIo, json: boolean, file: string | undefined, download: FileDownload, usage: string): void {
  if (!file) throw new KontorError('cli.missingArgument', `Name the file to write: ${usage}`);
  const path = resolve(file);
  writeFileSync(path, Buffer.from(download.base64, 'base64'));
  io.out(json ? JSON.stringify({ file: path, fileName: download.fileName, mimeType: download.mimeType }, null, 2) : `Written to ${path}`);
}

interface Run {
  args: ParsedArgs;
  io: CliIo;
  json: boolean;
  ctx: ServiceContext;
}
type Command = (r: Run) => Promise<number>;

const print = (r: Run, value: unknown, text: () => string) => r.io.out(r.json ? JSON.stringify(value, null, 2) : text());

const commands: Record<string, Command> = {
  async build(r) {
    const entryIds = idList(r.args, 'entries');
    const instant = r.args.options.has('instant') ? { instant: true } : {};
    const { orders, report } = await callApi(r.ctx, 'orders.build', { ...(entryIds ? { entryIds } : {}), ...instant });
    if (r.json) {
      r.io.out(JSON.stringify({ orders, report }, null, 2));
      return 0;
    }
    r.io.out(orders.length ? `${orders.length} order(s) built:` : 'No entry is due for payment today.');
    for (const o of orders) r.io.out(line(o));
    if (report.notEligible.length) {
      r.io.out(`\n${report.notEligible.length} open entr${report.notEligible.length === 1 ? 'y is' : 'ies are'} not eligible:`);
      for (const n of report.notEligible) r.io.out(`  ${n.number.padEnd(16)} ${n.accountName}: ${n.messages.join(' ')}`);
    }
    return 0;
  },
  async list(r) {
    const status = stringOption(r.args, 'status');
    const orders = await callApi(r.ctx, 'orders.list', status ? { status: status as 'draft' } : {});
    if (r.json) r.io.out(JSON.stringify(orders, null, 2));
    else if (orders.length === 0) r.io.out('The order queue is empty.');
    else for (const o of orders) r.io.out(line(o));
    return 0;
  },
  async change(r) {
    const id = idOf(r.args);
    const version = expectedVersion(r.args) ?? (await callApi(r.ctx, 'orders.get', { id })).version;
    const { orders } = await callApi(r.ctx, 'orders.changeDraft', {
      id,
      version,
      remove: idList(r.args, 'remove') ?? [],
      add: idList(r.args, 'add') ?? [],
    });
    print(r, { orders }, () => (orders.length ? `Rebuilt as:\n${orders.map(line).join('\n')}` : 'The draft is empty and canceled.'));
    return 0;
  },
  async approve(r) {
    const id = idOf(r.args);
    if (!r.json) r.io.out(summaryText(await callApi(r.ctx, 'orders.summary', { id })));
    const confirmed = r.args.options.has('confirm-other-entity') ? { confirmOtherEntityDetails: true as const } : {};
    const order = await callApi(r.ctx, 'orders.approve', { id, ...confirmed });
    print(r, order, () => `Approved by ${order.approvedBy ?? ''}.\n${line(order)}`);
    return 0;
  },
  async upload(r) {
    const id = idOf(r.args);
    const reason = stringOption(r.args, 'override');
    if (!r.json) r.io.out(summaryText(await callApi(r.ctx, 'orders.summary', { id })));
    r.ctx.events.listen((_e, p) => {
      const { done, total } = p as { done: number; total: number };
      if (!r.json) r.io.out(`  segment ${done} of ${total}`);
    });
    if (r.args.options.has('vop') && r.args.options.has('no-vop')) throw new KontorError('cli.conflictingOptions', 'Choose --vop or --no-vop, not both.');
    const vop = r.args.options.has('vop') ? { vop: true } : r.args.options.has('no-vop') ? { vop: false } : {};
    const order = await callApi(r.ctx, 'orders.upload', { id, ...vop, ...(reason ? { override: { confirm: true as const, reason } } : {}) });
    print(r, order, () => `${line(order)}\nUploaded as EBICS order ${order.ebicsOrderId}; it waits for release in the bank's distributed signature.`);
    return 0;
  },
  async vop(r) {
    const take = stringOption(r.args, 'take-name');
    if (take !== undefined) {
      const taken = await callApi(r.ctx, 'vop.takeBankName', { id: idOf(r.args), endToEndId: take });
      print(r, taken, () => `The supplier's bank details now carry the name "${taken.holderName}".`);
      return 0;
    }
    const result = await callApi(r.ctx, 'vop.results', { id: idOf(r.args) });
    print(r, result, () => vopLines(result).join('\n'));
    return 0;
  },
  async refresh(r) {
    const access = stringOption(r.args, 'access');
    const bankAccessId =
      access === undefined ? undefined : recordNumber(access, 'cli.missingArgument', 'Name the bank access by its number: kontor orders refresh --access 1');
    const result = await callApi(r.ctx, 'orders.follow', bankAccessId === undefined ? {} : { bankAccessId });
    const waiting = [...(await callApi(r.ctx, 'orders.list', { status: 'uploaded' })), ...(await callApi(r.ctx, 'orders.list', { status: 'uploading' }))];
    print(r, { ...result, waiting }, () => {
      if (result.accesses.length === 0) return 'No order waits for the bank’s decision.';
      const asked = result.accesses.map((a) =>
        a.error
          ? `Bank access ${a.bankAccessId}: the bank could not be asked: ${a.error.message}`
          : `Bank access ${a.bankAccessId}: ${a.updated} order(s) updated`,
      );
      return [...asked, ...(waiting.length ? ['Still waiting for the bank:', ...waiting.map(line)] : ['Every order is decided.'])].join('\n');
    });
    return result.accesses.some((a) => a.error) ? 1 : 0;
  },
  async export(r) {
    const id = idOf(r.args);
    const zip = r.args.options.has('zip');
    const download = await callApi(r.ctx, zip ? 'orders.handoff' : 'orders.export', { id });
    writeDownload(r.io, r.json, r.args.positional[3], download, `kontor orders export ${id} ${zip ? 'handoff.zip --zip' : 'transfer.xml'}`);
    return 0;
  },
  async 'control-list'(r) {
    const id = idOf(r.args);
    writeDownload(r.io, r.json, r.args.positional[3], await callApi(r.ctx, 'orders.controlList', { id }), `kontor orders control-list ${id} control.pdf`);
    return 0;
  },
  async archive(r) {
    const files = await callApi(r.ctx, 'orders.archive', {});
    print(r, files, () =>
      files.length === 0
        ? 'No file has left Kontor yet.'
        : files
            .map(
              (f) =>
                `${String(f.id).padStart(4)}  ${f.status.padEnd(9)} ${f.sentAt ?? ''}  ${String(f.txCount).padStart(6)} tx  ${formatAmount(f.controlSumCents, 'en', { currency: 'EUR' }).padStart(18)}  ${f.messageId}  ${f.sha256}`,
            )
            .join('\n'),
    );
    return 0;
  },
  async 'erp-export'(r) {
    const [from, to] = [stringOption(r.args, 'from'), stringOption(r.args, 'to')];
    const separator = stringOption(r.args, 'separator') === ',' ? ',' : ';';
    const csv = await callApi(r.ctx, 'orders.erpExport', { ...(from ? { from } : {}), ...(to ? { to } : {}), separator });
    const file = r.args.positional[2];
    writeDownload({ ...r.io, out: () => undefined }, false, file, csv, 'kontor orders erp-export settled.csv');
    print(r, { file: resolve(file!), rows: csv.rows }, () => `${csv.rows} settlement(s) written to ${resolve(file!)}`);
    return 0;
  },
  async recover(r) {
    const access = recordNumber(stringOption(r.args, 'access'), 'cli.missingArgument', 'Name the bank access: kontor orders recover --access 1');
    const result = await callApi(r.ctx, 'orders.recover', { bankAccessId: access });
    if (r.json) {
      r.io.out(JSON.stringify(result, null, 2));
      return result.bankError ? 1 : 0;
    }
    if (result.bankError) r.io.err(`The bank could not be asked: ${result.bankError.message}`);
    if (result.orders.length === 0) r.io.out('No upload with an unknown outcome.');
    for (const o of result.orders) {
      const when = o.notBefore ? ` (not before ${o.notBefore})` : '';
      r.io.out(`${String(o.orderId).padStart(4)}  ${o.action.padEnd(9)} ${o.status.padEnd(9)} ${o.rule}${when}${o.error ? `: ${o.error.message}` : ''}`);
    }
    return result.bankError ? 1 : 0;
  },
};

export async function ordersCommand(args: ParsedArgs, io: CliIo, dataDir: string, clock: Clock): Promise<number> {
  const sub = args.positional[1];
  const command = sub !== undefined && Object.hasOwn(commands, sub) ? commands[sub] : undefined;
  if (!command) {
    io.err(`Unknown orders command: ${sub ?? '(none)'}\n\n${ORDERS_HELP}`);
    return 2;
  }
  const ctx = createContext({ dataDir, host: 'cli', clock });
  try {
    return await command({ args, io, json: args.options.has('json'), ctx });
  } finally {
    ctx.close();
  }
}
