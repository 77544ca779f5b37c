/**
 * What a file dropped onto the window is, from its name and first bytes:
 * a bank statement (camt XML, MT940/MT942, a ZIP of them) or a PSP
 * settlement report (Adyen, Stripe, PayPal, Mollie) goes to the statement
 * import, a spreadsheet is refused with a hint, anything else is
 * read as a bank's CSV export.
 */

export type DroppedKind = 'statement' | 'spreadsheet' | 'csv';

/** How many bytes of the file `classifyFile` looks at. */
export const HEAD_BYTES = 4096;

const SPREADSHEET = /\.(xlsx|xlsm|xls|ods|numbers)$/i;

function headText(head: Uint8Array): string {
  // UTF-16 (with BOM, or ASCII with every second byte zero).
  const utf16le = (head[0] === 0xff && head[1] === 0xfe) || (head.length > 3 && head[0] !== 0 && head[1] === 0 && head[3] === 0);
  const utf16be = (head[0] === 0xfe && head[1] === 0xff) || (head.length > 3 && head[0] === 0 && head[1] !== 0 && head[2] === 0);
  let text = '';
  if (utf16le || utf16be) {
    const bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff) ? 2 : 0;
    for (let i = bom + (utf16le ? 0 : 1); i < head.length; i += 2) text += String.fromCharCode(head[i]!);
  } else {
    for (const b of head) text += String.fromCharCode(b);
  }
  return text.replace(/^(\u00ef\u00bb\u00bf|\u00ff\u00fe|\u00fe\u00ff|\ufeff)/, '');
}

/**
 * The header words of the PSP settlement reports the statement import reads
 * (electron/statements/psp decides for sure; this only routes the drop).
 */
const PSP_HEADERS: readonly RegExp[] = [
  /Merchant Account.*Psp Reference.*Type/i,
  /balance_transaction_id.*reporting_category|reporting_category.*balance_transaction_id/i,
  /^"?RH"?,/,
  /Settlement reference/i,
];

export function classifyFile(name: string, head: Uint8Array): DroppedKind {
  if (SPREADSHEET.test(name)) return 'spreadsheet';
  // ZIP (of statements); an Excel workbook is a ZIP too, but its name said so above.
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'statement';
  // An old Excel workbook (OLE compound file).
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) return 'spreadsheet';
  const text = headText(head);
  const start = text.trimStart();
  if (start.startsWith('<')) return 'statement';
  if (/^(\{1:|:20:|:940:|:942:)/.test(start)) return 'statement';
  // MT940 after a line or two of file header: the tags of a statement at line starts.
  if (/^:20:/m.test(text) && /^:(25|28C|60F|60M):/m.test(text)) return 'statement';
  const firstLine = start.split(/\r?\n/, 1)[0] ?? '';
  if (PSP_HEADERS.some((h) => h.test(firstLine))) return 'statement';
  return 'csv';
}
