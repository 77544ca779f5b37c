import { useEffect, useId, useState } from 'react';
import { parseBusinessDate } from '../../../../shared/dates';
import type { BankAccess } from '../../../../shared/domain';
import type { FetchKind, StatementFetchResult } from '../../../../shared/statements';
import { routeHref } from '../../app/routing';
import { call, subscribe } from '../../api/client';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/ProgressBar';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { FETCH_KIND_LABEL, FETCH_KINDS } from './labels';

interface Props {
  accesses: readonly BankAccess[];
  /** After every fetch that reached the bank: the screen loads again. */
  onFetched: () => void;
}

function dateOrProblem(text: string): { date?: string; problem?: Problem } {
  if (!text.trim()) return {};
  try {
    return { date: parseBusinessDate(text) };
  } catch (e) {
    return { problem: problemFromError(e) };
  }
}

/** Retrieval from the bank: end-of-day statements by default, intraday reports or notifications on request. */
export function FetchPanel({ accesses, onFetched }: Props) {
  const { t } = useI18n();
  const id = useId();
  const ready = accesses.filter((a) => a.state === 'ready');
  const [kind, setKind] = useState<FetchKind>('eod');
  const [accessId, setAccessId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number }>({ done: 0, total: 0 });
  const [result, setResult] = useState<StatementFetchResult>();
  const [failed, setFailed] = useState<Problem>();

  useEffect(() => {
    if (!running) return;
    return subscribe('progress', (p) => {
      if (p.label.startsWith('statements.fetch')) setProgress({ done: p.done, total: p.total });
    });
  }, [running]);

  const fromDate = dateOrProblem(from);
  const toDate = dateOrProblem(to);
  const reversed = fromDate.date && toDate.date && fromDate.date > toDate.date ? { code: 'date.rangeReversed' } : undefined;
  const invalid = Boolean(fromDate.problem || toDate.problem || reversed);

  const start = async () => {
    setRunning(true);
    setProgress({ done: 0, total: 0 });
    setResult(undefined);
    setFailed(undefined);
    try {
      const answer = await call('statements.fetch', {
        kind,
        ...(accessId ? { bankAccessId: Number(accessId) } : {}),
        ...(fromDate.date ? { from: fromDate.date } : {}),
        ...(toDate.date ? { to: toDate.date } : {}),
      });
      setResult(answer);
      onFetched();
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      setRunning(false);
    }
  };

  if (ready.length === 0) {
    return (
      <p className="banner banner-info">
        <span>{t('statements.fetch.noAccess')}</span>
        <a className="button" href={routeHref({ screen: 'banks' })}>
          {t('placeholder.goToBanks')}
        </a>
      </p>
    );
  }

  return (
    <div className="statement-fetch">
      <form
        className="filters fetch-form"
        aria-label={t('statements.fetch.title')}
        onSubmit={(e) => {
          e.preventDefault();
          if (!running && !invalid) void start();
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('statements.fetch.kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as FetchKind)}>
            {FETCH_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(FETCH_KIND_LABEL[k])}
              </option>
            ))}
          </select>
        </div>
        {ready.length > 1 && (
          <div className="field">
            <label htmlFor={`${id}-access`}>{t('statements.fetch.access')}</label>
            <select id={`${id}-access`} value={accessId} onChange={(e) => setAccessId(e.target.value)}>
              <option value="">{t('statements.fetch.allAccesses')}</option>
              {ready.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <DateField id={id} name="from" value={from} onChange={setFrom} error={fromDate.problem} />
        <DateField id={id} name="to" value={to} onChange={setTo} error={toDate.problem ?? reversed} />
        <button type="submit" className="primary" disabled={running || invalid}>
          {running ? t('statements.fetch.running') : t('statements.fetch.start')}
        </button>
        <p id={`${id}-hint`} className="field-hint fetch-hint">
          {t(kind === 'eod' ? 'statements.fetch.hintEod' : kind === 'intraday' ? 'statements.fetch.hintIntraday' : 'statements.fetch.hintNotifications')}
        </p>
      </form>
      {running && (
        <div className="banner banner-info">
          <p>{t('statements.fetch.running')}</p>
          <ProgressBar label={t('statements.fetch.progress')} done={progress.done} total={progress.total} />
        </div>
      )}
      <ErrorBanner problems={[failed]} />
      <div role="status">{result && <FetchResult result={result} />}</div>
    </div>
  );
}

interface DateFieldProps {
  /** The panel's id: the field's ids derive from it, the hint is `${id}-hint`. */
  id: string;
  name: 'from' | 'to';
  value: string;
  onChange: (value: string) => void;
  error: Problem | undefined;
}

function DateField({ id, name, value, onChange, error }: DateFieldProps) {
  const { t, problem } = useI18n();
  return (
    <div className={`field field-date${error ? ' field-invalid' : ''}`}>
      <label htmlFor={`${id}-${name}`}>{t(name === 'from' ? 'statements.from' : 'statements.to')}</label>
      <input
        id={`${id}-${name}`}
        type="text"
        value={value}
        placeholder={t('date.placeholder')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-${name}-error` : `${id}-hint`}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-${name}-error`} className="field-error">
          {problem(error)}
        </p>
      )}
    </div>
  );
}

/** What each bank access brought: statements stored, duplicates, payments updated, or why it failed. */
function FetchResult({ result }: { result: StatementFetchResult }) {
  const { t, plural, problem } = useI18n();
  return (
    <div className={`banner ${result.accesses.some((a) => a.error) ? 'banner-warn' : 'banner-ok'} fetch-result`} data-testid="fetch-result">
      {result.accesses.length === 0 ? (
        <p>{t('statements.fetch.noReadyAccess')}</p>
      ) : (
        <ul>
          {result.accesses.map((a) => (
            <li key={a.bankAccessId} className={a.error ? 'fetch-failed' : undefined}>
              <strong>{a.name}:</strong>{' '}
              {a.error ? (
                t('statements.fetch.failed', { reason: problem({ code: a.error.code, fallback: a.error.message }) })
              ) : a.noData || (a.stored === 0 && a.duplicates === 0) ? (
                t('statements.fetch.noData')
              ) : (
                <>
                  {plural(a.stored, 'statements.storedOne', 'statements.storedOther')}
                  {a.duplicates > 0 && <>, {plural(a.duplicates, 'statements.duplicatesOne', 'statements.duplicatesOther')}</>}
                  {a.paymentsUpdated > 0 && <>, {plural(a.paymentsUpdated, 'statements.paymentsUpdatedOne', 'statements.paymentsUpdatedOther')}</>}.
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
