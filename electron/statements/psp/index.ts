/**
 * PSP settlement reports (Adyen, Stripe, PayPal, Mollie) read into the one
 * statement model: each settlement batch a statement of the PSP clearing
 * account (see batch.ts). `detectPspReport` looks at the head of a file
 * the camt and MT940 detection did not claim.
 */
import { decode } from '../../csv/decode';
import { parseRecords } from '../../csv/parse';
import { detectSeparator } from '../../csv/sniff';
import type { ParsedStatement } from '../model';
import { statementError } from '../errors';
import { isAdyenReport, readAdyen } from './adyen';
import { batchStatement, type PspProvider } from './batch';
import { isMollieReport, readMollie } from './mollie';
import { isPayPalReport, readPayPal } from './paypal';
import { isStripeReport, readStripe } from './stripe';
import { readTable } from './table';

export { PSP_NAMES, pspTxCode, type PspProvider } from './batch';

/** The provider whose report this is, from the file's first lines; null for anything else. */
export function detectPspReport(head: Uint8Array): PspProvider | null {
  let text: string;
  try {
    text = decode(head).text;
  } catch {
    return null;
  }
  const records = parseRecords(text, detectSeparator(text), { maxRecords: 20 });
  const header = records[0]?.cells ?? [];
  if (isPayPalReport(records)) return 'paypal';
  if (isAdyenReport(header)) return 'adyen';
  if (isStripeReport(header)) return 'stripe';
  if (isMollieReport(header)) return 'mollie';
  return null;
}

/** The report's batches as statements; a report without a single booking is refused. */
export function parsePspReport(bytes: Uint8Array, provider: PspProvider): ParsedStatement[] {
  const table = readTable(bytes);
  const read = { adyen: readAdyen, stripe: readStripe, paypal: readPayPal, mollie: readMollie }[provider];
  const batches = read(table).filter((b) => b.items.length > 0);
  if (batches.length === 0) throw statementError('statement.noStatement', 'The settlement report holds no booking.', { provider });
  return batches.map((b) => batchStatement(b, table.encoding));
}
