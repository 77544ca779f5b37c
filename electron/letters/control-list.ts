/**
 * The control list of a payment run as PDF, for the person who signs it at
 * the bank: the run's facts (account, bank, date, count, total, the file's
 * fingerprint), every payment with its counterparty, IBAN and amount, and
 * lines to sign. Texts in the user's language; names as written (DejaVu).
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { formatAmount } from '../../shared/money';
import { formatBusinessDate } from '../../shared/dates';
import { loadFonts } from './fonts';
import type { LetterLocale } from './texts';

export interface ControlListData {
  locale: LetterLocale;
  orderId: number;
  kind: 'credit_transfer' | 'direct_debit';
  messageId: string;
  sha256: string;
  date: string;
  currency: string;
  totalCents: number;
  bankAccount: { name: string; iban: string };
  bank: string | null;
  builtBy: string | null;
  approvedBy: string | null;
  /** When the list was printed (ISO instant), from the clock. */
  printedAt: string;
  payments: ReadonlyArray<{ entryNumber: string; counterparty: string; iban: string; amountCents: number; reference: string | null }>;
}

const TEXTS = {
  en: {
    title: (id: number) => `Control list of payment order ${id}`,
    credit_transfer: 'Credit transfers',
    direct_debit: 'Direct debits',
    account: 'Account',
    bank: 'Bank',
    noBank: 'no bank access (exported file)',
    date: { credit_transfer: 'Execution date', direct_debit: 'Collection date' },
    count: 'Payments',
    total: 'Total',
    message: 'Message ID',
    sha: 'File SHA-256',
    builtBy: 'Built by',
    approvedBy: 'Approved by',
    printed: 'Printed',
    columns: ['#', 'Entry', 'Counterparty', 'IBAN', 'Amount'],
    sign: ['Checked (date, signature)', 'Signed at the bank (date, signature)'],
  },
  de: {
    title: (id: number) => `Kontrollliste zum Zahlungsauftrag ${id}`,
    credit_transfer: 'Überweisungen',
    direct_debit: 'Lastschriften',
    account: 'Konto',
    bank: 'Bank',
    noBank: 'kein Bankzugang (exportierte Datei)',
    date: { credit_transfer: 'Ausführungsdatum', direct_debit: 'Fälligkeitsdatum' },
    count: 'Zahlungen',
    total: 'Summe',
    message: 'Nachrichten-ID',
    sha: 'SHA-256 der Datei',
    builtBy: 'Erstellt von',
    approvedBy: 'Freigegeben von',
    printed: 'Gedruckt',
    columns: ['Nr.', 'Beleg', 'Empfänger/Zahler', 'IBAN', 'Betrag'],
    sign: ['Geprüft (Datum, Unterschrift)', 'Bei der Bank unterschrieben (Datum, Unterschrift)'],
  },
} as const;

const A4 = [595.28, 841.89] as const;
const MARGIN = 48;
const COLUMN_X = [MARGIN, MARGIN + 28, MARGIN + 118, MARGIN + 290, A4[0] - MARGIN] as const;

interface Pen {
  pdf: PDFDocument;
  page: PDFPage;
  y: number;
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

function nextLine(pen: Pen, height: number): void {
  pen.y -= height;
  if (pen.y >= MARGIN) return;
  pen.page = pen.pdf.addPage([...A4]);
  pen.y = A4[1] - MARGIN;
}

/** Cuts a text to a width with an ellipsis: a name never runs into the next column. */
function fit(text: string, font: PDFFont, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text;
  let cut = text;
  while (cut.length > 1 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function facts(d: ControlListData): Array<[string, string]> {
  const t = TEXTS[d.locale];
  const money = (c: number) => formatAmount(c, d.locale, { currency: d.currency });
  return [
    [t.account, `${d.bankAccount.name}  ${d.bankAccount.iban}`],
    [t.bank, d.bank ?? t.noBank],
    [t.date[d.kind], formatBusinessDate(d.date, d.locale)],
    [t.count, String(d.payments.length)],
    [t.total, money(d.totalCents)],
    [t.message, d.messageId],
    [t.sha, d.sha256],
    [t.builtBy, d.builtBy ?? '—'],
    [t.approvedBy, d.approvedBy ?? '—'],
    [t.printed, `${formatBusinessDate(d.printedAt.slice(0, 10), d.locale)} ${d.printedAt.slice(11, 16)} UTC`],
  ];
}

function drawPayments(pen: Pen, d: ControlListData): void {
  const t = TEXTS[d.locale];
  const size = 8.5;
  const header = (): void => {
    t.columns.forEach((c, i) => {
      const x = i === 4 ? COLUMN_X[4] - pen.bold.widthOfTextAtSize(c, size) : COLUMN_X[i]!;
      pen.page.drawText(c, { x, y: pen.y, size, font: pen.bold });
    });
    nextLine(pen, 14);
  };
  header();
  d.payments.forEach((p, i) => {
    const before = pen.page;
    const amount = formatAmount(Math.abs(p.amountCents), d.locale);
    const cells = [String(i + 1), p.entryNumber, p.counterparty, p.iban];
    cells.forEach((c, col) => {
      const font = col === 3 ? pen.mono : pen.regular;
      pen.page.drawText(fit(c, font, size, COLUMN_X[col + 1]! - COLUMN_X[col]! - 6), { x: COLUMN_X[col]!, y: pen.y, size, font });
    });
    pen.page.drawText(amount, { x: COLUMN_X[4] - pen.mono.widthOfTextAtSize(amount, size), y: pen.y, size, font: pen.mono });
    nextLine(pen, 12);
    if (pen.page !== before) header();
  });
}

export async function buildControlList(d: ControlListData, options: { fontDir?: string } = {}): Promise<Uint8Array> {
  const t = TEXTS[d.locale];
  const fonts = await loadFonts(options.fontDir);
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(t.title(d.orderId));
  pdf.setCreator('Kontor');
  const pen: Pen = {
    pdf,
    page: pdf.addPage([...A4]),
    y: A4[1] - MARGIN,
    regular: await pdf.embedFont(fonts.regular, { subset: true }),
    bold: await pdf.embedFont(fonts.bold, { subset: true }),
    mono: await pdf.embedFont(fonts.mono, { subset: true }),
  };
  pen.page.drawText(t.title(d.orderId), { x: MARGIN, y: pen.y, size: 15, font: pen.bold, color: rgb(0, 0, 0) });
  nextLine(pen, 18);
  pen.page.drawText(t[d.kind], { x: MARGIN, y: pen.y, size: 11, font: pen.regular });
  nextLine(pen, 22);
  for (const [label, value] of facts(d)) {
    pen.page.drawText(label, { x: MARGIN, y: pen.y, size: 9, font: pen.bold });
    pen.page.drawText(value, { x: MARGIN + 110, y: pen.y, size: 9, font: label === t.sha ? pen.mono : pen.regular });
    nextLine(pen, 13);
  }
  nextLine(pen, 12);
  drawPayments(pen, d);
  nextLine(pen, 36);
  for (const line of t.sign) {
    pen.page.drawLine({ start: { x: MARGIN, y: pen.y + 10 }, end: { x: MARGIN + 260, y: pen.y + 10 }, thickness: 0.5 });
    pen.page.drawText(line, { x: MARGIN, y: pen.y, size: 8, font: pen.regular });
    nextLine(pen, 40);
  }
  return pdf.save();
}
