import { useState } from 'react';
import type { StatementLine, StatementSummary } from '../../../../shared/statements';
import { call } from '../../api/client';
import { saveDownload } from '../../api/files';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Section } from '../../components/Section';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { NO_LINE_FILTER, type LineFilterValues, type ParsedLineFilter } from './filters';
import { LineFilters } from './LineFilters';
import { LinesTable } from './LinesTable';
import type { LineQuery } from './useLinePages';

interface Props {
  filterValues: LineFilterValues;
  /** The filter fields as typed that cannot be read (shown at once, not debounced). */
  invalid: ParsedLineFilter['invalid'];
  onFilterChange: (values: LineFilterValues) => void;
  /** The filter the table and the export use. */
  lineFilter: Omit<LineQuery, 'sort' | 'descending'>;
  statementId: number | undefined;
  statements: readonly StatementSummary[] | undefined;
  onStatementChange: (id: number | undefined) => void;
  version: number;
  currency: string | undefined;
  onOpen: (line: StatementLine) => void;
}

/** All lines of the chosen account or statement: filters, the CSV export and the grid. */
export function LinesSection(p: Props) {
  const { t } = useI18n();
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState<Problem>();

  const exportCsv = async () => {
    setExporting(true);
    setExportFailed(undefined);
    try {
      saveDownload(await call('statements.exportCsv', p.lineFilter));
    } catch (e) {
      setExportFailed(problemFromError(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Section
      title={t('statements.linesTitle')}
      actions={
        <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
          {exporting ? t('action.working') : t('statements.exportCsv')}
        </button>
      }
    >
      <LineFilters
        values={p.filterValues}
        invalid={p.invalid}
        statementChosen={p.statementId !== undefined}
        onChange={p.onFilterChange}
        onClear={() => {
          p.onFilterChange(NO_LINE_FILTER);
          p.onStatementChange(undefined);
        }}
      />
      {p.statementId !== undefined && (
        <p className="statement-chosen">
          {t('statements.onlyStatement', {
            id: p.statements?.find((s) => s.id === p.statementId)?.statementId ?? String(p.statementId),
          })}{' '}
          <button type="button" className="small" onClick={() => p.onStatementChange(undefined)}>
            {t('statements.showAllLines')}
          </button>
        </p>
      )}
      <ErrorBanner problems={[exportFailed]} />
      <LinesTable filter={p.lineFilter} version={p.version} currency={p.currency} onOpen={p.onOpen} />
    </Section>
  );
}
