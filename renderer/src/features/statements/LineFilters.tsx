import { useId } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { isFiltered, type CheckedField, type LineFilterValues, type ParsedLineFilter } from './filters';

interface Props {
  values: LineFilterValues;
  invalid: ParsedLineFilter['invalid'];
  /** A statement is chosen: clearing the filters forgets it too. */
  statementChosen: boolean;
  onChange: (values: LineFilterValues) => void;
  onClear: () => void;
}

/** Search and filters of the lines; the screen debounces them. */
export function LineFilters({ values, invalid, statementChosen, onChange, onClear }: Props) {
  const { t, problem, locale } = useI18n();
  const id = useId();
  const set = (name: keyof LineFilterValues) => (e: { target: { value: string } }) => onChange({ ...values, [name]: e.target.value });

  const checked = (name: CheckedField, label: string, className: string, placeholder: string) => {
    const error = invalid[name];
    const fieldId = `${id}-${name}`;
    return (
      <div className={`field ${className}${error ? ' field-invalid' : ''}`}>
        <label htmlFor={fieldId}>{label}</label>
        <input
          id={fieldId}
          type="text"
          inputMode={name === 'from' || name === 'to' ? undefined : 'decimal'}
          value={values[name]}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          onChange={set(name)}
        />
        {error && (
          <p id={`${fieldId}-error`} className="field-error">
            {problem(error)}
          </p>
        )}
      </div>
    );
  };

  const amountPlaceholder = locale === 'de' ? '-1.000,00' : '-1,000.00';
  return (
    <div className="filters statement-filters" role="search" aria-label={t('statements.filters')}>
      <div className="field field-grow">
        <label htmlFor={`${id}-text`}>{t('common.search')}</label>
        <input id={`${id}-text`} type="search" maxLength={200} value={values.text} placeholder={t('statements.searchHint')} onChange={set('text')} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-counterparty`}>{t('statements.counterparty')}</label>
        <input id={`${id}-counterparty`} type="search" maxLength={140} value={values.counterparty} onChange={set('counterparty')} />
      </div>
      {checked('from', t('statements.from'), 'field-date', t('date.placeholder'))}
      {checked('to', t('statements.to'), 'field-date', t('date.placeholder'))}
      {checked('minAmount', t('statements.minAmount'), 'field-amount amount-input', amountPlaceholder)}
      {checked('maxAmount', t('statements.maxAmount'), 'field-amount amount-input', amountPlaceholder)}
      <div className="field">
        <label htmlFor={`${id}-direction`}>{t('statements.direction')}</label>
        <select id={`${id}-direction`} value={values.direction} onChange={set('direction')}>
          <option value="all">{t('statements.direction.all')}</option>
          <option value="in">{t('statements.direction.in')}</option>
          <option value="out">{t('statements.direction.out')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-matched`}>{t('statements.matchState')}</label>
        <select id={`${id}-matched`} value={values.matched} onChange={set('matched')}>
          <option value="all">{t('statements.matched.all')}</option>
          <option value="unmatched">{t('statements.matched.unmatched')}</option>
          <option value="matched">{t('statements.matched.matched')}</option>
        </select>
      </div>
      {(isFiltered(values) || statementChosen) && (
        <button type="button" className="filter-reset" onClick={onClear}>
          {t('statements.clearFilters')}
        </button>
      )}
    </div>
  );
}
