import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { BankCsvMapping, type BankCsvPreview, type BankCsvPreviewRow } from '../../../../shared/bank-csv';
import { BankCsvPreviewTable } from './BankCsvPreviewTable';
import {
  editorFields,
  filterMark,
  readiness,
  requestMapping,
  requiredFields,
  withAmountMode,
  withColumn,
  withFailedSkipped,
  withSkipped,
} from './bankCsvState';
import { classifyFile } from './fileKind';

const bytes = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0) & 0xff));

describe('a file dropped onto the window', () => {
  it('goes to the statement import when it is camt, MT940 or a ZIP, to the bank CSV dialog otherwise', () => {
    expect(classifyFile('auszug.xml', bytes('<?xml version="1.0"?><Document>'))).toBe('statement');
    expect(classifyFile('auszug.xml', bytes('\u00ef\u00bb\u00bf  <Document>'))).toBe('statement');
    expect(classifyFile('umsatz.sta', bytes(':20:STARTUMS\r\n:25:DE89370400440532013000'))).toBe('statement');
    expect(classifyFile('umsatz.txt', bytes('{1:F01BANKDEFFXXXX0000000000}{2:I940}'))).toBe('statement');
    expect(classifyFile('umsatz.txt', bytes('\r\nHEADER\r\n:20:X\r\n:25:DE89/1\r\n:28C:1\r\n'))).toBe('statement');
    expect(classifyFile('auszuege.zip', bytes('PK\u0003\u0004rest'))).toBe('statement');
    expect(classifyFile('umsatz.csv', bytes('"Auftragskonto";"Buchungstag";"Betrag"\r\n'))).toBe('csv');
    // PSP settlement reports are statements of the PSP clearing account.
    expect(
      classifyFile(
        'settlement_detail_report_batch_7.csv',
        bytes('Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type\r\n'),
      ),
    ).toBe('statement');
    expect(classifyFile('payout.csv', bytes('automatic_payout_id,balance_transaction_id,created,currency,gross,fee,net,reporting_category\n'))).toBe(
      'statement',
    );
    expect(classifyFile('STL-20261129.CSV', bytes('"RH","2026/11/30 06:00:00 +0100","X","ACC","009"\r\n"FH","01"'))).toBe('statement');
    expect(classifyFile('mollie.csv', bytes('"ID","Date","Payment method","Currency","Amount","Settlement reference"\n'))).toBe('statement');
    expect(classifyFile('export.txt', bytes('Buchung;Valuta;Betrag\r\n03.11.2026;03.11.2026;1,00'))).toBe('csv');
    expect(classifyFile('umsatz.xlsx', bytes('PK\u0003\u0004'))).toBe('spreadsheet');
    expect(classifyFile('umsatz.xls', bytes('\u00d0\u00cf\u0011\u00e0'))).toBe('spreadsheet');
    // UTF-16 LE with BOM: "<D" as XML.
    expect(classifyFile('a.xml', new Uint8Array([0xff, 0xfe, 0x3c, 0x00, 0x44, 0x00]))).toBe('statement');
  });
});

const base = BankCsvMapping.parse({ columns: { bookingDate: 'Buchungstag', amount: 'Betrag', remittance: 'Verwendungszweck' } });

describe('editing a bank CSV mapping', () => {
  it('moves a column to the field it is chosen for', () => {
    const m = withColumn(base, 'reference', 'Verwendungszweck');
    expect(m.columns.reference).toBe('Verwendungszweck');
    expect(m.columns.remittance).toBeNull();
  });

  it('shows and requires the amount columns of the mode, and clears the others', () => {
    expect(editorFields('signed')).toContain('amount');
    expect(editorFields('signed')).not.toContain('debit');
    expect(requiredFields('debitCredit')).toEqual(['bookingDate', 'debit', 'credit']);
    const m = withAmountMode({ ...base, columns: { ...base.columns, direction: 'S/H' } }, 'debitCredit');
    expect(m.amountMode).toBe('debitCredit');
    expect(m.columns.amount).toBeNull();
    expect(m.columns.direction).toBeNull();
  });

  it('skips rows by their line in the file, and all failed ones at once', () => {
    const m = withSkipped(withSkipped(base, 9, true), 7, true);
    expect(m.skipLines).toEqual([7, 9]);
    expect(withSkipped(m, 9, false).skipLines).toEqual([7]);
    const rows: BankCsvPreviewRow[] = [
      { line: 8, state: 'failed', values: {}, errors: [] },
      { line: 10, state: 'ok', values: {}, errors: [] },
    ];
    expect(withFailedSkipped(m, rows).skipLines).toEqual([7, 8, 9]);
  });

  it('sends the filter as typed, none when empty, and marks where it is wrong', () => {
    expect(requestMapping(base, '  Betrag < 0 ').filter).toBe('Betrag < 0');
    expect(requestMapping(base, '   ').filter).toBeNull();
    expect(filterMark('Betrag <', 8)).toEqual({ before: 'Betrag <', at: ' ', after: '' });
    expect(filterMark('"Betrag" > x y', 13)).toEqual({ before: '"Betrag" > x ', at: 'y', after: '' });
    expect(filterMark('abc', -3).before).toBe('');
  });
});

function previewWith(over: Partial<BankCsvPreview> = {}): BankCsvPreview {
  return {
    fileName: 'umsatz.csv',
    sha256: 'x',
    detected: {
      encoding: 'windows-1252',
      bom: false,
      separator: ';',
      headerLine: 5,
      metadataLines: [],
      footerLines: [],
      decimal: ',',
      dateFormat: 'dd.mm.yyyy',
    },
    columns: ['Buchungstag', 'Betrag'],
    examples: ['03.11.26', '1.234,56'],
    profile: { name: 'Sparkasse (CSV-CAMT)', builtIn: true, score: 1 },
    mapping: base,
    mappingIssues: [],
    filterError: null,
    accountIban: 'DE89370400440532013000',
    rows: [],
    totals: { rows: 2, ok: 2, skipped: 0, filtered: 0, failed: 0, sumCents: 100, firstDate: '2026-11-03', lastDate: '2026-11-04' },
    alreadyImported: null,
    ...over,
  };
}

describe('"Import N rows"', () => {
  it('is pressable only when the commit would store what the user sees', () => {
    expect(readiness(undefined, '', false).reason).toBe('bankCsv.noFile');
    expect(readiness(previewWith(), 'DE89370400440532013000', false)).toEqual({ count: 2, allowed: true });
    expect(readiness(previewWith(), 'DE89370400440532013000', true).reason).toBe('bankCsv.pendingShort');
    expect(readiness(previewWith(), '', false).reason).toBe('bankCsv.noAccountShort');
    expect(readiness(previewWith({ alreadyImported: { fileName: 'a.csv', importedAt: '2026-11-20' } }), 'DE89', false).reason).toBe(
      'bankCsv.alreadyImportedShort',
    );
    expect(readiness(previewWith({ filterError: { code: 'bankCsv.filterSyntax', message: 'x', position: 3 } }), 'DE89', false).reason).toBe(
      'bankCsv.filterInvalidShort',
    );
    const failed = previewWith({ totals: { ...previewWith().totals, ok: 1, failed: 1 } });
    expect(readiness(failed, 'DE89', false).reason).toBe('bankCsv.rowsFailedShort');
    expect(readiness(previewWith({ mappingIssues: [{ field: 'amount', code: 'import.fieldNotMapped', message: 'x' }] }), 'DE89', false).reason).toBe(
      'bankCsv.mappingIncompleteShort',
    );
  });
});

describe('the preview table', () => {
  it('shows each row’s state, its parsed values and its problems with the line number, and a box to skip it', () => {
    const rows: BankCsvPreviewRow[] = [
      {
        line: 6,
        state: 'ok',
        values: {},
        parsed: {
          bookingDate: '2026-11-03',
          valueDate: null,
          amountCents: 123456,
          currency: 'EUR',
          counterpartyName: 'Müller & Söhne KG',
          counterpartyIban: 'DE02120300000000202051',
          counterpartyBic: null,
          remittance: 'RE-2026-001 vielen Dank',
          bookingText: null,
          endToEndId: null,
          mandateId: null,
          creditorId: null,
          reference: null,
          chargeback: false,
        },
        errors: [],
      },
      {
        line: 7,
        state: 'failed',
        values: { Betrag: '12,3,4' },
        errors: [{ field: 'amount', column: 'Betrag', code: 'import.badAmount', message: 'x', params: { value: '12,3,4' } }],
      },
    ];
    const html = renderToStaticMarkup(<BankCsvPreviewTable rows={rows} skipLines={[7]} onSkip={() => undefined} />);
    expect(html).toContain('1,234.56');
    expect(html).toContain('2026-11-03');
    expect(html).toContain('DE02 1203 0000 0000 2020 51');
    expect(html).toContain('Line 7:');
    expect(html).toContain('Not a valid amount: “12,3,4”.');
    expect(html).toContain('aria-label="Skip line 7"');
    expect(html).toMatch(/<input type="checkbox" aria-label="Skip line 7" checked=""/);
    expect(html).not.toMatch(/aria-label="Skip line 6" checked/);
  });
});
