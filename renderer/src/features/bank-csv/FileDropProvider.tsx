import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { RunResult } from '../../../../shared/reconcile';
import { MAX_STATEMENT_IMPORT_BASE64, type StatementImportResult } from '../../../../shared/statements';
import { navigate, routeHref } from '../../app/routing';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { BankCsvDialog } from './BankCsvDialog';
import { classifyFile, HEAD_BYTES } from './fileKind';

/** Largest statement file that fits the import call once in base64. */
const MAX_STATEMENT_BYTES = Math.floor(MAX_STATEMENT_IMPORT_BASE64 / 4) * 3;

export interface FileDrop {
  /** Opens the bank CSV dialog, with a file or asking for one. */
  openBankCsv: (file?: File) => void;
  /** The last matching run (from the dialog's "Find matches now" or the reconciliation screen), newest first. */
  lastRun: { result: RunResult; seq: number } | undefined;
  recordRun: (result: RunResult) => void;
  /** Changes whenever bank lines were stored or matched: lists of lines load again. */
  dataVersion: number;
}

const FileDropContext = createContext<FileDrop>({ openBankCsv: () => {}, lastRun: undefined, recordRun: () => {}, dataVersion: 0 });

export function useFileDrop(): FileDrop {
  return useContext(FileDropContext);
}

type Imported = StatementImportResult & { fileName: string };

interface DropStatusValue {
  busy: boolean;
  imported: Imported | undefined;
  failed: Problem | undefined;
  dismiss: () => void;
}
const DropStatusContext = createContext<DropStatusValue>({ busy: false, imported: undefined, failed: undefined, dismiss: () => {} });

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

/**
 * Files dropped anywhere on the window: a bank's CSV export opens the bank
 * CSV dialog, a camt or MT940 statement (or a ZIP of them) is imported as a
 * statement. A screen or dialog that takes the drop itself (the statements
 * screen, the entries import) cancels the event, and then nothing happens
 * here.
 */
export function FileDropProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [dialog, setDialog] = useState<{ key: number; file?: File | undefined } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [imported, setImported] = useState<Imported>();
  const [failed, setFailed] = useState<Problem>();
  const [lastRun, setLastRun] = useState<{ result: RunResult; seq: number }>();
  const [dataVersion, setDataVersion] = useState(0);
  const keys = useRef(0);

  const openBankCsv = useCallback((file?: File) => {
    keys.current += 1;
    setDialog({ key: keys.current, file });
  }, []);

  const recordRun = useCallback((result: RunResult) => {
    setLastRun((prev) => ({ result, seq: (prev?.seq ?? 0) + 1 }));
    setDataVersion((v) => v + 1);
  }, []);

  const importStatement = useCallback(async (file: File) => {
    if (file.size > MAX_STATEMENT_BYTES) {
      setFailed({ code: 'import.tooLarge', params: { maxMb: Math.floor(MAX_STATEMENT_BYTES / 1024 / 1024) } });
      return;
    }
    setBusy(true);
    try {
      const base64 = await fileToBase64(file);
      const result = await call('statements.import', { fileName: file.name, base64 });
      setImported({ ...result, fileName: file.name });
      setDataVersion((v) => v + 1);
    } catch (e) {
      setFailed(problemFromError(e));
    } finally {
      setBusy(false);
    }
  }, []);

  const handle = useCallback(
    async (file: File) => {
      setImported(undefined);
      setFailed(undefined);
      let head: Uint8Array;
      try {
        head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
      } catch {
        setFailed({ code: 'file.unreadable' });
        return;
      }
      const kind = classifyFile(file.name, head);
      if (kind === 'csv') openBankCsv(file);
      else if (kind === 'statement') await importStatement(file);
      else setFailed({ code: 'import.notCsv' });
    },
    [openBankCsv, importStatement],
  );

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      // A screen that takes the drop itself shows its own hint.
      if (e.defaultPrevented) {
        setDragging(false);
        return;
      }
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (e: DragEvent) => {
      if (e.relatedTarget === null) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      setDragging(false);
      if (!hasFiles(e) || e.defaultPrevented) return;
      e.preventDefault();
      const file = e.dataTransfer?.files[0];
      if (file) void handle(file);
    };
    const end = () => setDragging(false);
    // What became of a drop is news on the screen where it happened, not on the next one.
    const moved = () => {
      setImported(undefined);
      setFailed(undefined);
    };
    window.addEventListener('hashchange', moved);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
      window.removeEventListener('hashchange', moved);
    };
  }, [handle]);

  const value = useMemo<FileDrop>(() => ({ openBankCsv, lastRun, recordRun, dataVersion }), [openBankCsv, lastRun, recordRun, dataVersion]);

  const status = useMemo<DropStatusValue>(() => ({ busy, imported, failed, dismiss: () => setImported(undefined) }), [busy, imported, failed]);

  return (
    <FileDropContext.Provider value={value}>
      <DropStatusContext.Provider value={status}>
        {dragging && (
          <div className="drop-hint" aria-hidden="true">
            {t('bankCsv.windowDropHint')}
          </div>
        )}
        {children}
        {dialog && (
          <BankCsvDialog
            key={dialog.key}
            initialFile={dialog.file}
            onClose={() => setDialog(null)}
            onImported={() => setDataVersion((v) => v + 1)}
            onMatched={(result) => {
              recordRun(result);
              setDialog(null);
              navigate({ screen: 'reconciliation' });
            }}
          />
        )}
      </DropStatusContext.Provider>
    </FileDropContext.Provider>
  );
}

/** What became of a statement file dropped outside the statements screen; shown above the screen. */
export function FileDropStatus() {
  const { t, plural } = useI18n();
  const { busy, imported, failed, dismiss } = useContext(DropStatusContext);
  return (
    <>
      <div className="drop-status" role="status">
        {busy && <p className="banner banner-info">{t('statements.importing')}</p>}
        {imported && (
          <div className={`banner ${imported.stored.length === 0 ? 'banner-info' : 'banner-ok'}`} data-testid="drop-import-result">
            <p>
              {imported.stored.length > 0
                ? t('statements.importDone', {
                    fileName: imported.fileName,
                    stored: plural(imported.stored.length, 'statements.storedOne', 'statements.storedOther'),
                  })
                : t('statements.importNothingNew', { fileName: imported.fileName })}
              {imported.duplicates > 0 && <> {plural(imported.duplicates, 'statements.alreadyImportedOne', 'statements.alreadyImportedOther')}</>}{' '}
              <a href={routeHref({ screen: 'statements' })}>{t('bankCsv.showStatements')}</a>
            </p>
            <button type="button" className="small" onClick={dismiss}>
              {t('action.close')}
            </button>
          </div>
        )}
      </div>
      <ErrorBanner problems={[failed]} />
    </>
  );
}
