import { useCallback, useMemo, useState } from 'react';
import type { StatementLine } from '../../../../shared/statements';
import { routeHref } from '../../app/routing';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { AccountList } from './AccountList';
import { BalanceChart } from './BalanceChart';
import { FetchPanel } from './FetchPanel';
import { NO_LINE_FILTER, toLineFilter, type LineFilterValues } from './filters';
import { ibanText } from './labels';
import { ImportResult } from './ImportResult';
import { LineDetail } from './LineDetail';
import { LinesSection } from './LinesSection';
import { StatementList } from './StatementList';
import { useStatementImport } from './useStatementImport';

const ACCEPT = '.xml,.zip,.sta,.mta,.txt,.940,.942,.053,.052,.054,.camt,text/xml,application/xml,application/zip,text/plain';
/** The account choice "all accounts" (as opposed to none chosen yet: the first account). */
const ALL = '*';

/** Stored statements: accounts with balances, the balance chart, statements by day and all their lines. */
export function StatementsScreen() {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const accounts = useApi('statements.accounts', {}, true);
  const accesses = useApi('bankAccess.list', {});
  const [choice, setChoice] = useState<string | null>(null);
  const [statementId, setStatementId] = useState<number>();
  const [filterValues, setFilterValues] = useState<LineFilterValues>(NO_LINE_FILTER);
  const settled = useDebounced(filterValues);
  const [opened, setOpened] = useState<StatementLine | null>(null);

  const list = accounts.data;
  const account = choice === ALL ? undefined : (list?.find((a) => a.iban === choice) ?? list?.[0]);
  const iban = account?.iban;
  const history = useApi('statements.balanceHistory', { iban: iban ?? '-' }, iban !== undefined);
  const statements = useApi('statements.list', iban ? { iban } : {}, list !== undefined && list.length > 0);
  const parsed = useMemo(() => toLineFilter(settled, locale), [settled, locale]);
  const shownParsed = useMemo(() => toLineFilter(filterValues, locale), [filterValues, locale]);
  const lineFilter = useMemo(
    () => ({ ...parsed.filter, ...(iban ? { iban } : {}), ...(statementId !== undefined ? { statementDbId: statementId } : {}) }),
    [parsed.filter, iban, statementId],
  );
  const currencies = new Set((account ? [account] : (list ?? [])).map((a) => a.currency));
  const currency = currencies.size === 1 ? [...currencies][0] : undefined;

  const { reload: reloadAccounts } = accounts;
  const { reload: reloadStatements } = statements;
  const { reload: reloadHistory } = history;
  const refresh = useCallback(() => {
    reloadAccounts();
    reloadStatements();
    reloadHistory();
    setVersion((v) => v + 1);
  }, [reloadAccounts, reloadStatements, reloadHistory]);

  const { importFile, importing, imported, importFailed, fileInput, dragging, dropProps } = useStatementImport(refresh);

  const chooseAccount = (next: string | undefined) => {
    setChoice(next ?? ALL);
    setStatementId(undefined);
  };

  const importButton = (
    <button type="button" onClick={() => fileInput.current?.click()} disabled={importing}>
      {importing ? t('statements.importing') : t('statements.importFile')}
    </button>
  );

  let body;
  if (!list) {
    body = accounts.error ? null : <Loading />;
  } else if (list.length === 0) {
    body = (
      <EmptyState
        title={t('statements.emptyTitle')}
        action={
          <span className="button-row">
            <a className="button" href={routeHref({ screen: 'banks' })}>
              {t('placeholder.goToBanks')}
            </a>
            {importButton}
          </span>
        }
      >
        <p>{t('statements.emptyText')}</p>
      </EmptyState>
    );
  } else {
    const accountLabel = account ? (account.name ?? ibanText(account.iban)) : t('statements.allAccounts');
    body = (
      <>
        <Section title={t('statements.accounts')}>
          <AccountList accounts={list} selected={iban} onSelect={chooseAccount} />
        </Section>
        {account && (
          <Section title={t('statements.chartTitle', { account: accountLabel })}>
            <ErrorBanner problems={[history.error && problemFromError(history.error)]} onRetry={history.reload} />
            {history.data ? <BalanceChart history={history.data} currency={account.currency} accountLabel={accountLabel} /> : !history.error && <Loading />}
          </Section>
        )}
        <Section title={t('statements.byDay')}>
          <ErrorBanner problems={[statements.error && problemFromError(statements.error)]} onRetry={statements.reload} />
          {statements.data ? (
            statements.data.length === 0 ? (
              <p className="muted">{t('statements.noStatementsForAccount')}</p>
            ) : (
              <StatementList statements={statements.data} showAccount={!account} selected={statementId} onSelect={setStatementId} />
            )
          ) : (
            !statements.error && <Loading />
          )}
        </Section>
        <LinesSection
          filterValues={filterValues}
          invalid={shownParsed.invalid}
          onFilterChange={setFilterValues}
          lineFilter={lineFilter}
          statementId={statementId}
          statements={statements.data}
          onStatementChange={setStatementId}
          version={version}
          currency={currency}
          onOpen={setOpened}
        />
      </>
    );
  }

  return (
    <div className={dragging ? 'statements-screen statements-dropping' : 'statements-screen'} data-testid="statements-screen" {...dropProps}>
      <PageHeader title={t('nav.statements')}>{list && list.length > 0 && importButton}</PageHeader>
      <input
        ref={fileInput}
        type="file"
        className="sr-only"
        tabIndex={-1}
        accept={ACCEPT}
        aria-label={t('statements.importFileLabel')}
        onChange={(e) => void importFile(e.target.files?.[0])}
      />
      {dragging && (
        <div className="drop-hint" aria-hidden="true">
          {t('statements.dropHint')}
        </div>
      )}
      <ErrorBanner problems={[accounts.error && problemFromError(accounts.error), accesses.error && problemFromError(accesses.error)]} onRetry={refresh} />
      <ErrorBanner problems={[importFailed]} />
      <div role="status">{imported && <ImportResult imported={imported} />}</div>
      <Section title={t('statements.fetch.title')}>
        {accesses.data ? <FetchPanel accesses={accesses.data} onFetched={refresh} /> : !accesses.error && <Loading />}
      </Section>
      {body}
      {opened && <LineDetail id={opened.id} onClose={() => setOpened(null)} />}
    </div>
  );
}
