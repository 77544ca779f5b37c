import { useId } from 'react';
import type { BankCsvMapping, BankCsvPreview } from '../../../../shared/bank-csv';
import { describedBy, Field } from '../../components/Field';
import { useI18n } from '../../i18n/I18nProvider';
import { filterMark } from './bankCsvState';

interface Props {
  mapping: BankCsvMapping;
  preview: BankCsvPreview;
  /** The filter as typed (sent with the next preview). */
  filterText: string;
  onFilter: (text: string) => void;
  onChange: (m: BankCsvMapping) => void;
}

/** Which rows count: the filter, with where it went wrong, and "every row is a chargeback". */
export function BankCsvOptions({ mapping, preview, filterText, onFilter, onChange }: Props) {
  const { t, problem } = useI18n();
  const filterId = useId();
  const chargebackId = useId();
  const filterError = preview.filterError;
  const mark = filterError ? filterMark(preview.mapping.filter ?? '', filterError.position) : undefined;
  return (
    <div className="bankcsv-options">
      <Field
        id={filterId}
        label={t('bankCsv.filter')}
        hint={filterError ? undefined : t('bankCsv.filterHint')}
        error={filterError ? problem({ code: filterError.code, fallback: filterError.message }) : undefined}
        className="bankcsv-filter"
      >
        <input
          id={filterId}
          type="text"
          className="mono"
          maxLength={500}
          value={filterText}
          spellCheck={false}
          aria-invalid={filterError ? true : undefined}
          aria-describedby={describedBy(filterId, !filterError, filterError)}
          placeholder={`"Buchungstext" contains 'LASTSCHRIFT' and Betrag < 0`}
          onChange={(e) => onFilter(e.target.value)}
        />
      </Field>
      {mark && filterError && (
        <p className="bankcsv-filter-mark" data-testid="bankcsv-filter-mark">
          <span className="muted">{t('bankCsv.filterAt', { position: filterError.position + 1 })} </span>
          <code>
            {mark.before}
            <mark>{mark.at}</mark>
            {mark.after}
          </code>
        </p>
      )}
      <div className="field field-checkbox">
        <input id={chargebackId} type="checkbox" checked={mapping.chargeback} onChange={(e) => onChange({ ...mapping, chargeback: e.target.checked })} />
        <label htmlFor={chargebackId}>{t('bankCsv.chargeback')}</label>
      </div>
    </div>
  );
}
