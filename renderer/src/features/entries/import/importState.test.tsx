import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ImportMapping, type ImportPreview, type ImportPreviewRow } from '../../../../../shared/entry-import';
import { makeTranslator } from '../../../i18n/translator';
import { PreviewTable } from './PreviewTable';
import { withFormat } from '../../csv-import/importFlow';
import { columnOptions, parseValues, readiness, typeChoiceOf, visibleRows, withColumn, withTypeChoice, withTypeValues } from './importState';

const base = ImportMapping.parse({
  columns: { number: 'Beleg', statementDate: 'Datum', amount: 'Betrag', accountNumber: 'Kunde' },
  type: { from: 'constant', value: 'Debit' },
});

const row = (line: number, ok: boolean): ImportPreviewRow => ({
  line,
  ok,
  values: {},
  errors: ok ? [] : [{ code: 'import.amountZero', message: 'The amount is zero.' }],
});

function previewWith(over: Partial<ImportPreview> = {}): ImportPreview {
  return {
    fileName: 'op.csv',
    sha256: 'x',
    detected: { encoding: 'utf-8', bom: false, separator: ';', headerLine: 1, metadataLines: [], footerLines: [], decimal: ',', dateFormat: 'dd.mm.yyyy' },
    columns: ['Beleg', 'Datum', 'Betrag', 'Kunde'],
    examples: ['RE-1', '01.02.2026', '1.234,56', 'eine sehr lange Kundennummer mit Text'],
    mapping: base,
    profile: null,
    mappingIssues: [],
    rows: [row(2, true), row(3, false)],
    truncated: false,
    totals: { rows: 2, ok: 1, failed: 1, newAccounts: 0, newMandates: 0, newBankDetails: 0 },
    typeTotals: [],
    alreadyImported: null,
    sameName: null,
    ...over,
  };
}

describe('editing the mapping', () => {
  it('moves a column to the field it is chosen for, so no two fields read the same column', () => {
    const m = withColumn(base, 'paymentReference', 'Beleg');
    expect(m.columns.paymentReference).toBe('Beleg');
    expect(m.columns.number).toBeNull();
    expect(withColumn(m, 'paymentReference', null).columns.paymentReference).toBeNull();
  });

  it('switches the type to "from a column" when a type column is chosen, and asks again (assuming nothing) when it is cleared', () => {
    const byColumn = withColumn(base, 'type', 'Kunde');
    expect(byColumn.type).toEqual({ from: 'column', receivable: [], payable: [] });
    expect(byColumn.columns.accountNumber).toBeNull();
    expect(withColumn(byColumn, 'type', null).type).toEqual({ from: 'ask' });
    // Taking the type column away for another field does the same.
    expect(withColumn(byColumn, 'accountNumber', 'Kunde').type).toEqual({ from: 'ask' });
  });

  it('keeps the values the user maps for a type column: D, K typed as text', () => {
    const byColumn = withColumn(base, 'type', 'Kunde');
    const mapped = withTypeValues(withTypeValues(byColumn, 'receivable', parseValues(' D, d ,,RE')), 'payable', parseValues('K,GS'));
    expect(mapped.type).toEqual({ from: 'column', receivable: ['D', 'RE'], payable: ['K', 'GS'] });
    // Switching away and back keeps them.
    expect(withTypeChoice(mapped, 'column').type).toEqual(mapped.type);
    expect(withTypeValues(base, 'payable', ['K']).type).toEqual(base.type);
  });

  it('makes amounts signed when the sign decides the type, and offers one select value per source', () => {
    const bySign = withTypeChoice(base, 'amountSign');
    expect(bySign).toMatchObject({ type: { from: 'amountSign' }, amountSign: 'signed' });
    expect(typeChoiceOf(bySign)).toBe('amountSign');
    expect(typeChoiceOf(withTypeChoice(base, 'Credit'))).toBe('Credit');
    expect(withTypeChoice(base, 'Credit').type).toEqual({ from: 'constant', value: 'Credit' });
  });

  it('sets a reading setting and removes it again to detect it', () => {
    const m = withFormat(base, 'separator', ',');
    expect(m.format).toEqual({ separator: ',' });
    expect(withFormat(m, 'separator', undefined).format).toEqual({});
    expect(base.format).toEqual({});
  });

  it('labels column choices with a shortened example value', () => {
    expect(columnOptions(previewWith()).map((o) => o.label)).toEqual([
      'Beleg — RE-1',
      'Datum — 01.02.2026',
      'Betrag — 1.234,56',
      'Kunde — eine sehr lange Kundenn…',
    ]);
  });
});

describe('the Import button', () => {
  it('stays disabled while rows have errors, and counts only the good rows once skipping is ticked', () => {
    expect(readiness(undefined, false)).toEqual({ count: 0, allowed: false, reason: 'import.noFile' });
    expect(readiness(previewWith(), false)).toEqual({ count: 1, allowed: false, reason: 'import.rowsHaveErrorsShort' });
    expect(readiness(previewWith(), true)).toEqual({ count: 1, allowed: true });
  });

  it('refuses a file imported before and a mapping with gaps even when skipping', () => {
    expect(readiness(previewWith({ alreadyImported: { fileName: 'a.csv', importedAt: '2026-11-20' } }), true).reason).toBe('import.alreadyImportedShort');
    expect(readiness(previewWith({ mappingIssues: [{ field: 'amount', code: 'import.fieldNotMapped', message: '' }] }), true).reason).toBe(
      'import.mappingIncompleteShort',
    );
    expect(readiness(previewWith({ totals: { rows: 1, ok: 0, failed: 1, newAccounts: 0, newMandates: 0, newBankDetails: 0 } }), true).reason).toBe(
      'import.nothingToImportShort',
    );
  });
});

describe('the preview rows on screen', () => {
  it('keeps every failed row within the limit and fills up with the first good ones, in line order', () => {
    const rows = [row(2, true), row(3, true), row(4, false), row(5, true), row(6, false)];
    expect(visibleRows(rows, false, 3).map((r) => r.line)).toEqual([2, 4, 6]);
    expect(visibleRows(rows, true).map((r) => r.line)).toEqual([4, 6]);
    expect(visibleRows(rows, false).map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('shows each row’s problems in words, with the column they come from', () => {
    const failed: ImportPreviewRow = {
      line: 7,
      ok: false,
      values: { number: 'R-2', amount: '12,3,4' },
      errors: [
        {
          field: 'amount',
          column: 'Betrag',
          code: 'import.badAmount',
          message: 'Not a valid amount: "12,3,4" (decimal comma expected).',
          params: { value: '12,3,4', decimal: ',' },
        },
      ],
    };
    const html = renderToStaticMarkup(<PreviewTable rows={[failed]} />);
    expect(html).toContain('import-row-failed');
    expect(html).toContain('<strong>Betrag: </strong>Not a valid amount: “12,3,4”.');
    expect(html).toContain('<td class="nowrap">R-2</td>');
    expect(makeTranslator('de').problem({ code: failed.errors[0]!.code, params: failed.errors[0]!.params! })).toBe('Kein gültiger Betrag: „12,3,4“.');
  });
});
