import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { MAX_STATEMENT_IMPORT_BASE64, type StatementImportResult, type StatementLine } from '../../../../shared/statements';
import { routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { fileToBase64, saveDownload } from '../../api/files';
import { useApi } from '../../api/useApi';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { Section } from '../../components/Section';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { AccountList } from './AccountList';
import { BalanceChart } from './BalanceChart';
import { FetchPanel } from './FetchPanel';
import { NO_LINE_FILTER, toLineFilter, type LineFilterValues } from './filters';
import { ibanText, warningText } from './labels';
import { LineDetail } from './LineDetail';
import { LineFilters } from './LineFilters';
import { LinesTable } from './LinesTable';
import { StatementList } from './StatementList';

/** Largest file that fits the import call once in base64. */
const MAX_FILE_BYTES = Math.floor(MAX_STATEMENT_IMPORT_BASE64 / 4) * 3;
const ACCEPT = '.xml,.zip,.sta,.mta,.txt,.940,.942,.053,.052,.054,.camt,text/xml,application/xml,application/zip,text/plain';
/** The account choice "all accounts" (as opposed to none chosen yet: the first account). */
const ALL = '*';

type Imported = StatementImportResult & { fileName: string };

/** Stored statements: accounts with balances, the balance chart, statements by day and all their lines. */
export function StatementsScreen() {
  const { t, plural, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const accounts = useApi('statements.accounts', {}, true);
  const accesses = useApi('bankAccess.list', {});
  const [choice, setChoice] = useState<string | null>(null);
  const [statementId, setStatementId] = useState<number>();
  const [filterValues, setFilterValues] = useState<LineFilterValues>(NO_LINE_FILTER);
  const settled = useDebounced(filterValues);
  const [opened, setOpened] = useState<StatementLine | null>(null);
  const [dragging, setDragging] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<Imported>();
  const [importFailed, setImportFailed] = useState<Problem>();
  const [exporting, setExporting] = useState(false);
  const [exportFailed, setExportFailed] = useState<Problem>();
  const fileInput = useRef<HTMLInputElement>(null);

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

  const chooseAccount = (next: string | undefined) => {
    setChoice(next ?? ALL);
    setStatementId(undefined);
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImported(undefined);
    setImportFailed(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setImportFailed({ code: 'import.tooLarge', params: { maxMb: Math.floor(MAX_FILE_BYTES / 1024 / 1024) } });
      return;
    }
    setImporting(true);
    try {
      let base64: string;
      try {
        base64 = await fileToBase64(file);
      } catch {
        setImportFailed({ code: 'file.unreadable' });
        return;
      }
      const result = await call('statements.import', { fileName: file.name, base64 });
      setImported({ ...result, fileName: file.name });
      refresh();
    } catch (e) {
      setImportFailed(problemFromError(e));
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const exportCsv = async () => {
    setExporting(true);
    setExportFailed(undefined);
    try {
      saveDownload(await call('statements.exportCsv', lineFilter));
    } catch (e) {
      setExportFailed(problemFromError(e));
    } finally {
      setExporting(false);
    }
  };

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  const dropProps = {
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      if (!dragging) setDragging(true);
    },
    onDragLeave: (e: DragEvent<HTMLDivElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent<HTMLDivElement>) => {
      if (!hasFiles(e)) return;
      setDragging(false);
      // A bank's CSV export is left to the window, which opens the bank CSV dialog for it.
      if (/\.csv$/i.test(e.dataTransfer.files[0]?.name ?? '')) return;
      e.preventDefault();
      void importFile(e.dataTransfer.files[0]);
    },
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
        <Section
          title={t('statements.linesTitle')}
          actions={
            <button type="button" onClick={() => void exportCsv()} disabled={exporting}>
              {exporting ? t('action.working') : t('statements.exportCsv')}
            </button>
          }
        >
          <LineFilters
            values={filterValues}
            invalid={shownParsed.invalid}
            statementChosen={statementId !== undefined}
            onChange={setFilterValues}
            onClear={() => {
              setFilterValues(NO_LINE_FILTER);
              setStatementId(undefined);
            }}
          />
          {statementId !== undefined && (
            <p className="statement-chosen">
              {t('statements.onlyStatement', {
                id: statements.data?.find((s) => s.id === statementId)?.statementId ?? String(statementId),
              })}{' '}
              <button type="button" className="small" onClick={() => setStatementId(undefined)}>
                {t('statements.showAllLines')}
              </button>
            </p>
          )}
          <ErrorBanner problems={[exportFailed]} />
          <LinesTable filter={lineFilter} version={version} currency={currency} onOpen={setOpened} />
        </Section>
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
      <div role="status">
        {imported && (
          <div className={`banner ${imported.stored.length === 0 ? 'banner-info' : 'banner-ok'}`} data-testid="import-result">
            <p>
              {imported.stored.length > 0
                ? t('statements.importDone', { fileName: imported.fileName, stored: plural(imported.stored.length, 'statements.storedOne', 'statements.storedOther') })
                : t('statements.importNothingNew', { fileName: imported.fileName })}
              {imported.duplicates > 0 && <> {plural(imported.duplicates, 'statements.alreadyImportedOne', 'statements.alreadyImportedOther')}</>}
              {imported.paymentsUpdated > 0 && <> {plural(imported.paymentsUpdated, 'statements.paymentsUpdatedSentenceOne', 'statements.paymentsUpdatedSentenceOther')}</>}
            </p>
            {imported.stored.some((s) => s.warnings.length > 0 || s.balanced === false) && (
              <ul>
                {imported.stored.flatMap((s) => [
                  ...(s.balanced === false ? [t('statements.storedUnbalanced', { id: s.statementId })] : []),
                  ...s.warnings.map((w) => `${s.statementId}: ${warningText(t, w)}`),
                ]).map((text, i) => (
                  <li key={i}>{text}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <Section title={t('statements.fetch.title')}>
        {accesses.data ? <FetchPanel accesses={accesses.data} onFetched={refresh} /> : !accesses.error && <Loading />}
      </Section>
      {body}
      {opened && <LineDetail id={opened.id} onClose={() => setOpened(null)} />}
    </div>
  );
}
