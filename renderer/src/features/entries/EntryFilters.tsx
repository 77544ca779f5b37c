import { useId } from 'react';
import { parseBusinessDate } from '../../../../shared/dates';
import type { Account, EntryFilter } from '../../../../shared/domain';
import { useI18n } from '../../i18n/I18nProvider';

export interface FilterValues {
  type: string;
  status: string;
  accountId: string;
  dueFrom: string;
  dueTo: string;
  search: string;
}

export const NO_FILTER: FilterValues = { type: '', status: '', accountId: '', dueFrom: '', dueTo: '', search: '' };

function parseDate(text: string): string | null | undefined {
  if (!text.trim()) return undefined;
  try {
    return parseBusinessDate(text);
  } catch {
    return null;
  }
}

/** The list query for the typed filters; a date that does not parse is left out (and marked). */
export function toQuery(f: FilterValues, search: string): EntryFilter {
  const q: EntryFilter = {};
  if (f.type === 'Debit' || f.type === 'Credit') q.type = f.type;
  if (f.status === 'Open' || f.status === 'Balanced') q.status = f.status;
  if (f.accountId) q.accountId = Number(f.accountId);
  const from = parseDate(f.dueFrom);
  const to = parseDate(f.dueTo);
  if (from) q.dueFrom = from;
  if (to) q.dueTo = to;
  if (search) q.search = search.slice(0, 100);
  return q;
}

interface Props {
  values: FilterValues;
  accounts: Account[];
  onChange: (values: FilterValues) => void;
}

export function EntryFilters({ values, accounts, onChange }: Props) {
  const { t, sortByText } = useI18n();
  const id = useId();
  const set = (name: keyof FilterValues) => (e: { target: { value: string } }) => onChange({ ...values, [name]: e.target.value });
  const badDate = (text: string) => parseDate(text) === null;
  const active = Object.values(values).some((v) => v !== '');

  const dateFilter = (name: 'dueFrom' | 'dueTo', label: string) => (
    <div className={`field field-date${badDate(values[name]) ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <input
        id={`${id}-${name}`}
        type="text"
        value={values[name]}
        placeholder={t('date.placeholder')}
        aria-invalid={badDate(values[name]) || undefined}
        aria-describedby={badDate(values[name]) ? `${id}-${name}-error` : undefined}
        onChange={set(name)}
      />
      {badDate(values[name]) && (
        <p id={`${id}-${name}-error`} className="field-error">
          {t('code.date.invalid')}
        </p>
      )}
    </div>
  );

  return (
    <div className="filters" role="search" aria-label={t('entries.filters')}>
      <div className="field">
        <label htmlFor={`${id}-type`}>{t('entry.type')}</label>
        <select id={`${id}-type`} value={values.type} onChange={set('type')}>
          <option value="">{t('entries.allTypes')}</option>
          <option value="Debit">{t('entry.receivables')}</option>
          <option value="Credit">{t('entry.payables')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-status`}>{t('common.status')}</label>
        <select id={`${id}-status`} value={values.status} onChange={set('status')}>
          <option value="">{t('entries.allStatuses')}</option>
          <option value="Open">{t('entry.statusOpen')}</option>
          <option value="Balanced">{t('entry.statusBalanced')}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-account`}>{t('entry.account')}</label>
        <select id={`${id}-account`} value={values.accountId} onChange={set('accountId')}>
          <option value="">{t('entries.allAccounts')}</option>
          {sortByText(accounts, (a) => a.name).map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.number} · {a.name}
            </option>
          ))}
        </select>
      </div>
      {dateFilter('dueFrom', t('entries.dueFrom'))}
      {dateFilter('dueTo', t('entries.dueTo'))}
      <div className="field field-grow">
        <label htmlFor={`${id}-search`}>{t('common.search')}</label>
        <input id={`${id}-search`} type="search" value={values.search} placeholder={t('entries.searchHint')} onChange={set('search')} />
      </div>
      {active && (
        <button type="button" className="filter-reset" onClick={() => onChange(NO_FILTER)}>
          {t('entries.resetFilters')}
        </button>
      )}
    </div>
  );
}
