/**
 * The bank CSV import's parts of the shared import steps
 * (csv-import/ImportFlowDialog): banners, what was detected, the metadata
 * lines, the mapping with filter and chargeback option, and the counts.
 */
import type { BankCsvCommitResult, BankCsvMapping, BankCsvPreview } from '../../../../shared/bank-csv';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { ENCODINGS, SEPARATORS } from '../csv-import/CsvFormatFields';
import type { ImportFlow } from '../csv-import/useImportFlow';
import { periodText } from '../statements/labels';
import { BankCsvMappingEditor } from './BankCsvMappingEditor';
import { BankCsvOptions } from './BankCsvOptions';
import { editorFields, withFailedSkipped } from './bankCsvState';

export interface BankFlowOptions {
  /** Our account as chosen ('' = the one the file names). */
  account: string;
  /** The filter as typed; sent with the user's mapping. */
  filterText: string;
}

export type BankFlow = ImportFlow<BankCsvMapping, BankCsvPreview, BankCsvCommitResult, BankFlowOptions>;

interface StepProps {
  flow: BankFlow;
  preview: BankCsvPreview;
  shown: BankCsvMapping;
}

/** The file was imported before; the profile Kontor proposes. */
export function BankCsvBanners({ flow, preview }: Omit<StepProps, 'shown'>) {
  const { t, date } = useI18n();
  const { profile, mapping } = flow.state;
  return (
    <>
      {preview.alreadyImported && (
        <p className="banner banner-warn" role="alert" data-testid="bankcsv-already-imported">
          {t('bankCsv.alreadyImported', { fileName: preview.alreadyImported.fileName, date: date(preview.alreadyImported.importedAt.slice(0, 10)) })}
        </p>
      )}
      {preview.profile && !profile && !mapping && (
        <p className="banner banner-info" data-testid="bankcsv-proposal">
          {preview.profile.score > 0 ? t('bankCsv.proposed', { name: preview.profile.name }) : t('bankCsv.proposedWeak', { name: preview.profile.name })}
        </p>
      )}
    </>
  );
}

/** How the file was read, in one line. */
export function BankCsvDetected({ preview }: Pick<StepProps, 'preview'>) {
  const { t } = useI18n();
  const d = preview.detected;
  return (
    <p className="muted import-note" data-testid="bankcsv-detected">
      {t('bankCsv.detectedSummary', {
        encoding: t(ENCODINGS[d.encoding]) + (d.bom ? ' (BOM)' : ''),
        separator: t(SEPARATORS[d.separator]),
        header: d.headerLine,
        decimal: t(d.decimal === ',' ? 'import.decComma' : 'import.decPoint'),
        dateFormat: d.dateFormat,
      })}
    </p>
  );
}

/** The lines above the header (account, period…), as the bank wrote them. */
export function BankCsvMetadata({ preview }: Pick<StepProps, 'preview'>) {
  const { plural } = useI18n();
  const lines = preview.detected.metadataLines;
  if (lines.length === 0) return null;
  return (
    <div className="bankcsv-metadata">
      <p className="muted">{plural(lines.length, 'bankCsv.metadataOne', 'bankCsv.metadataOther')}</p>
      <ul className="mono" data-testid="bankcsv-metadata">
        {lines.map((l, i) => (
          <li key={i}>{l}</li>
        ))}
      </ul>
    </div>
  );
}

/** The statement-line fields, the mapping's problems the editor does not show at a field, the filter and the chargeback option. */
export function BankCsvMappingStep({ flow, preview, shown }: StepProps) {
  const visibleFields = new Set(editorFields(shown.amountMode));
  const otherIssues = preview.mappingIssues.filter((i) => !visibleFields.has(i.field));
  const changeFilter = (filterText: string) => {
    // Typing a filter makes the mapping on screen the user's own.
    if (!flow.state.mapping) flow.change(preview.mapping);
    flow.dispatch({ type: 'options', options: { filterText } });
  };
  return (
    <>
      <BankCsvMappingEditor mapping={shown} preview={preview} onChange={flow.change} />
      <ErrorBanner problems={otherIssues.map((i) => ({ code: i.code, fallback: i.message, ...(i.params ? { params: i.params } : {}) }))} />
      <BankCsvOptions mapping={shown} preview={preview} filterText={flow.state.options.filterText} onFilter={changeFilter} onChange={flow.change} />
    </>
  );
}

/** The rows by state, their sum and period, skipping all failed rows at once, and the failed lines. */
export function BankCsvCounts({ flow, preview, shown }: StepProps) {
  const { t, plural, amount, date } = useI18n();
  const failedRows = preview.rows.filter((r) => r.state === 'failed');
  const { totals } = preview;
  return (
    <>
      <div className="list-meta">
        <p role="status" data-testid="bankcsv-counts">
          {t('bankCsv.counts', { rows: totals.rows, ok: totals.ok, skipped: totals.skipped, filtered: totals.filtered, failed: totals.failed })}
          {' · '}
          {t('bankCsv.sum', { sum: amount(totals.sumCents, shown.currency) })}
          {totals.firstDate && <> · {periodText(date, { periodFrom: totals.firstDate, periodTo: totals.lastDate ?? totals.firstDate })}</>}
          {flow.pending && <> · {t('import.reading')}</>}
        </p>
        {failedRows.length > 0 && (
          <button type="button" className="small" onClick={() => flow.change(withFailedSkipped(shown, preview.rows))}>
            {plural(failedRows.length, 'bankCsv.skipFailedOne', 'bankCsv.skipFailedOther')}
          </button>
        )}
      </div>
      {failedRows.length > 0 && (
        <p className="banner banner-error" data-testid="bankcsv-failed-lines">
          {t('bankCsv.failedLines', { lines: failedRows.map((r) => r.line).join(', ') })}
        </p>
      )}
    </>
  );
}
