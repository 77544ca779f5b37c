/**
 * What leaves Kontor for people and other software besides the payment file:
 * the control list for the signer (PDF), the hand-off of an order (its file
 * and control list in one ZIP), the archive of sent files, and the CSV of
 * settled entries with which the ERP clears its open items.
 */
import { strToU8, zipSync } from 'fflate';
import type { FileDownload } from '../../../shared/domain';
import { readSetting } from '../../ledger/repos/settings';
import { appendAudit } from '../../ledger/repos/audit-log';
import { getBankAccess } from '../../ledger/repos/bank-access';
import { getBankAccount } from '../../ledger/repos/bank-accounts';
import * as repo from '../../ledger/repos/payment-orders';
import { sentFiles, settledItems, type SentFileRow } from '../../ledger/repos/payment-runs';
import { csvNumber, writeCsv, type CsvSeparator } from '../../csv/write';
import { buildControlList } from '../../letters';
import { formatAmount } from '../../../shared/money';
import type { ServiceContext } from '../context';

const locale = (ctx: ServiceContext): 'de' | 'en' => (readSetting<string>(ctx.db, 'locale', 'en') === 'de' ? 'de' : 'en');

async function controlListBytes(ctx: ServiceContext, id: number): Promise<Uint8Array> {
  const order = repo.getPaymentOrder(ctx.db, id);
  const account = getBankAccount(ctx.db, order.bankAccountId);
  const access = order.bankAccessId === null ? null : getBankAccess(ctx.db, order.bankAccessId);
  return buildControlList({
    locale: locale(ctx),
    orderId: order.id,
    kind: order.kind,
    messageId: order.messageId,
    sha256: order.sha256,
    date: order.executionDate,
    currency: account.currency,
    totalCents: order.controlSumCents,
    bankAccount: { name: account.name, iban: account.iban },
    bank: access ? `${access.name} (${access.hostId})` : null,
    builtBy: order.builtBy,
    approvedBy: order.approvedBy,
    printedAt: ctx.now(),
    payments: repo.paymentsOfOrder(ctx.db, id).map((p) => ({
      entryNumber: p.entryNumber,
      counterparty: p.counterpartyName,
      iban: p.counterpartyIban,
      amountCents: p.amountCents,
      reference: p.remittance,
    })),
  });
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

export async function controlList(ctx: ServiceContext, id: number): Promise<FileDownload> {
  const order = repo.getPaymentOrder(ctx.db, id);
  return { fileName: `${order.messageId}-control.pdf`, mimeType: 'application/pdf', base64: base64(await controlListBytes(ctx, id)) };
}

/**
 * The payment file and its control list in one ZIP for other banking
 * software. Like an export it hands the file over, so the same status rules
 * apply (exportFile decides and records); the ZIP is built from the bytes
 * that rule allowed out.
 */
export async function handoff(ctx: ServiceContext, id: number, exportFile: (ctx: ServiceContext, id: number) => FileDownload): Promise<FileDownload> {
  const file = exportFile(ctx, id);
  const order = repo.getPaymentOrder(ctx.db, id);
  const pdf = await controlListBytes(ctx, id);
  const mtime = new Date(Date.parse(ctx.now()));
  const zip = zipSync(
    {
      [file.fileName]: [Buffer.from(file.base64, 'base64'), { mtime }],
      [`${order.messageId}-control.pdf`]: [pdf, { mtime }],
      'README.txt': [strToU8(`Kontor payment order ${order.id}\r\nSHA-256 ${order.sha256}\r\n`), { mtime }],
    },
    { level: 6 },
  );
  appendAudit(ctx.db, ctx.now(), {
    actor: ctx.actor(),
    action: 'order.handedOff',
    subjectType: 'payment_order',
    subjectId: id,
    details: { sha256: order.sha256 },
  });
  return { fileName: `${order.messageId}.zip`, mimeType: 'application/zip', base64: base64(zip) };
}

export function archive(ctx: ServiceContext): SentFileRow[] {
  return sentFiles(ctx.db);
}

/**
 * Settled entries for the ERP: one row per settlement (an entry paid in two
 * parts gives two rows), the amount paid signed like the entry
 * (a receivable's money in positive, a payable's money out negative; the
 * ledger's settlement item has the opposite sign, it reduces the open amount), dot decimals so any ERP reads
 * them; "open_amount" tells the ERP whether the item is cleared ("open_amount": what is open now);
 * "settled_by" says how: bank, or cash, offset, writeoff, fee, difference (settled without a bank line or beside it).
 */
export function erpExport(
  ctx: ServiceContext,
  o: { from?: string | undefined; to?: string | undefined; separator: CsvSeparator },
): FileDownload & { rows: number } {
  const items = settledItems(ctx.db, o);
  const number = (c: number) => csvNumber(formatAmount(c, 'en', { grouping: false }));
  const rows = [
    ['entry_number', 'entry_type', 'date_paid', 'amount', 'currency', 'bank_reference', 'open_amount', 'settled_by'],
    ...items.map((i) => [i.entryNumber, i.entryType, i.datePaid, number(-i.amountCents), i.currency, i.bankReference, number(i.openAmountCents), i.settledBy]),
  ];
  const text = writeCsv(rows, { separator: o.separator });
  const name = `settled-entries-${o.from ?? 'all'}-${o.to ?? ctx.today()}.csv`;
  return { fileName: name, mimeType: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64'), rows: items.length };
}
