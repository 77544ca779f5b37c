import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  MAX_BANK_CSV_BYTES,
  type BankCsvCommitResult,
  type BankCsvMapping,
  type BankCsvPreview,
  type BankCsvPreviewInput,
} from '../../../../shared/bank-csv';
import type { RunResult } from '../../../../shared/reconcile';
import type { z } from 'zod';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { useApi } from '../../api/useApi';
import { describedBy, Field } from '../../components/Field';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useDebounced } from '../../hooks/useDebounced';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../i18n/problems';
import { SelectBox } from '../entries/import/SelectBox';
import { CsvFormatFields, ENCODINGS, SEPARATORS } from '../entries/import/CsvFormatFields';
import { ibanText, periodText } from '../statements/labels';
import { BankCsvMappingEditor } from './BankCsvMappingEditor';
import { BankCsvPreviewTable } from './BankCsvPreviewTable';
import { editorFields, filterMark, readiness, requestMapping, withFailedSkipped, withFormat, withSkipped } from './bankCsvState';

/** Wait this long after the last change before asking for a new preview. */
const PREVIEW_DELAY_MS = 300;

interface Props {
  /** A file dropped onto the window; without one the dialog asks for it. */
  initialFile?: File | undefined;
  onClose: () => void;
  /** After a commit: the statement is stored (screens showing lines may reload). */
  onImported: (result: BankCsvCommitResult) => void;
  /** "Find matches now" ran the matcher. */
  onMatched: (result: RunResult) => void;
}

interface Request {
  mapping: BankCsvMapping | null;
  filter: string;
  profile: string;
  account: string;
}

/**
 * A bank's CSV export, read and checked before anything is stored: what
 * Kontor detected, the proposed profile, our account, the column mapping,
 * a filter, the first rows as they will be imported with their problems
 * by line, and "Import N rows", which stores all of them or none.
 */
export function BankCsvDialog({ initialFile, onClose, onImported, onMatched }: Props) {
  const { t, plural, problem, amount, date } = useI18n();
  const fileId = useId();
  const filterId = useId();
  const chargebackId = useId();
  const saveId = useId();
  const profiles = useApi('bankCsv.profiles', {});
  const bankAccounts = useApi('bankAccounts.list', {});

  const [file, setFile] = useState<{ name: string; base64: string; seq: number } | null>(null);
  const [fileProblem, setFileProblem] = useState<Problem>();
  const [reading, setReading] = useState(false);
  const [profile, setProfile] = useState('');
  /** The user's mapping; null while the profile's (proposed or chosen) applies unchanged. */
  const [mapping, setMapping] = useState<BankCsvMapping | null>(null);
  const [filterText, setFilterText] = useState('');
  const [account, setAccount] = useState('');
  const [preview, setPreview] = useState<BankCsvPreview>();
  const [previewProblem, setPreviewProblem] = useState<Problem>();
  const [loading, setLoading] = useState(false);
  const [answered, setAnswered] = useState('');
  const [saveAs, setSaveAs] = useState('');
  const [committing, setCommitting] = useState(false);
  const [commitProblem, setCommitProblem] = useState<Problem>();
  const [result, setResult] = useState<BankCsvCommitResult>();
  const [matching, setMatching] = useState(false);
  const [matchProblem, setMatchProblem] = useState<Problem>();
  const [dragging, setDragging] = useState(false);

  const request: Request = { mapping, filter: mapping ? filterText : '', profile: mapping ? '' : profile, account };
  const requestKey = file ? `${file.seq}:${JSON.stringify(request)}` : '';
  const settledKey = useDebounced(requestKey, PREVIEW_DELAY_MS);

  useEffect(() => {
    if (!file || !settledKey || !settledKey.startsWith(`${file.seq}:`)) return;
    const r = JSON.parse(settledKey.slice(settledKey.indexOf(':') + 1)) as Request;
    const input: z.input<typeof BankCsvPreviewInput> = {
      fileName: file.name,
      base64: file.base64,
      ...(r.mapping ? { mapping: requestMapping(r.mapping, r.filter) } : r.profile ? { profile: r.profile } : {}),
      ...(r.account ? { accountIban: r.account } : {}),
    };
    let current = true;
    setLoading(true);
    call('bankCsv.preview', input).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setPreviewProblem(undefined);
        if (!r.mapping) setFilterText(p.mapping.filter ?? '');
        setAnswered(settledKey);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setPreviewProblem(problemFromError(e));
        setAnswered(settledKey);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [file, settledKey]);

  const readFile = (chosen: File | undefined) => {
    setFileProblem(undefined);
    setCommitProblem(undefined);
    if (!chosen) return;
    if (chosen.size > MAX_BANK_CSV_BYTES) {
      setFileProblem({ code: 'import.tooLarge', params: { maxMb: MAX_BANK_CSV_BYTES / 1024 / 1024 } });
      return;
    }
    setReading(true);
    fileToBase64(chosen).then(
      (base64) => {
        setReading(false);
        setFile((prev) => ({ name: chosen.name, base64, seq: (prev?.seq ?? 0) + 1 }));
        setMapping(null);
        setFilterText('');
        setPreview(undefined);
        setPreviewProblem(undefined);
      },
      () => {
        setReading(false);
        setFileProblem({ code: 'file.unreadable' });
      },
    );
  };

  // A file dropped onto the window opens the dialog with it (read once, also when effects run twice).
  const readInitial = useRef<File | undefined>(undefined);
  useEffect(() => {
    if (!initialFile || readInitial.current === initialFile) return;
    readInitial.current = initialFile;
    readFile(initialFile);
  }, [initialFile]);

  const onDrop = (e: DragEvent) => {
    if (!Array.from(e.dataTransfer.types).includes('Files')) return;
    e.preventDefault();
    setDragging(false);
    readFile(e.dataTransfer.files[0]);
  };

  /** The mapping on screen: the user's, or the one the last preview used. */
  const shown = mapping ?? preview?.mapping;
  const change = (next: BankCsvMapping) => {
    setCommitProblem(undefined);
    setMapping(next);
  };
  const detected = preview?.detected;
  const accountIban = account || preview?.accountIban || '';
  const pending = loading || requestKey !== answered;
  const builtInName = (profiles.data ?? []).some((p) => p.builtIn && p.name.toLowerCase() === saveAs.trim().toLowerCase());
  const ready = readiness(previewProblem ? undefined : preview, accountIban, pending);
  const canImport = ready.allowed && !builtInName && !committing;

  const accountOptions = useMemo(() => {
    const list = (bankAccounts.data ?? []).map((a) => ({ value: a.iban, label: `${a.name} — ${ibanText(a.iban)}` }));
    const fromFile = preview?.accountIban;
    if (fromFile && !list.some((o) => o.value === fromFile)) list.unshift({ value: fromFile, label: t('bankCsv.accountFromFile', { iban: ibanText(fromFile) }) });
    return list;
  }, [bankAccounts.data, preview?.accountIban, t]);

  const submit = () => {
    if (!file || !preview || !canImport) return;
    setCommitting(true);
    setCommitProblem(undefined);
    const name = saveAs.trim();
    call('bankCsv.commit', {
      fileName: file.name,
      base64: file.base64,
      mapping: preview.mapping,
      accountIban,
      ...(name ? { saveProfileAs: name } : {}),
    }).then(
      (r) => {
        setCommitting(false);
        setResult(r);
        onImported(r);
      },
      (e: unknown) => {
        setCommitProblem(problemFromError(e));
        setCommitting(false);
      },
    );
  };

  const findMatches = () => {
    setMatching(true);
    setMatchProblem(undefined);
    call('reconcile.run', {}).then(
      (r) => {
        setMatching(false);
        onMatched(r);
      },
      (e: unknown) => {
        setMatching(false);
        setMatchProblem(problemFromError(e));
      },
    );
  };

  const changeFilter = (text: string) => {
    if (!mapping && preview) setMapping(preview.mapping);
    setFilterText(text);
  };

  if (result) {
    const s = result.statement;
    return (
      <Drawer title={t('bankCsv.title')} onClose={onClose} wide>
        <div className="bankcsv-done" data-testid="bankcsv-result">
          <p className="banner banner-ok" role="status">
            {t('bankCsv.doneStored', { account: ibanText(s.iban), period: periodText(date, s) })}{' '}
            {plural(result.lines, 'bankCsv.doneLinesOne', 'bankCsv.doneLinesOther')}
            {result.chargebacks > 0 && <> {plural(result.chargebacks, 'bankCsv.doneChargebacksOne', 'bankCsv.doneChargebacksOther')}</>}
          </p>
          <dl className="facts">
            <div className="facts-pair">
              <dt>{t('statements.account')}</dt>
              <dd className="mono">{ibanText(s.iban)}</dd>
            </div>
            <div className="facts-pair">
              <dt>{t('statements.period')}</dt>
              <dd>{periodText(date, s)}</dd>
            </div>
            <div className="facts-pair">
              <dt>{t('statements.lines')}</dt>
              <dd>{result.lines}</dd>
            </div>
            <div className="facts-pair">
              <dt>{t('statements.sum')}</dt>
              <dd className={s.sumCents < 0 ? 'amount negative' : 'amount'}>{amount(s.sumCents, s.currency)}</dd>
            </div>
            <div className="facts-pair">
              <dt>{t('statements.file')}</dt>
              <dd>{s.fileName}</dd>
            </div>
          </dl>
          <p>{t('bankCsv.findMatchesOffer')}</p>
          <ErrorBanner problems={[matchProblem]} />
          <div className="form-actions">
            <button type="button" className="primary" onClick={findMatches} disabled={matching}>
              {matching ? t('reconcile.running') : t('bankCsv.findMatchesNow')}
            </button>
            <button type="button" onClick={onClose}>
              {t('action.close')}
            </button>
          </div>
        </div>
      </Drawer>
    );
  }

  const failedRows = preview?.rows.filter((r) => r.state === 'failed') ?? [];
  const visibleFields = new Set(shown ? editorFields(shown.amountMode) : []);
  const otherIssues = (preview?.mappingIssues ?? []).filter((i) => !visibleFields.has(i.field));
  const filterError = preview?.filterError;
  const sentFilter = preview?.mapping.filter ?? '';
  const mark = filterError ? filterMark(sentFilter, filterError.position) : undefined;

  return (
    <Drawer title={t('bankCsv.title')} onClose={onClose} wide>
      <div
        className={`import-dialog${dragging ? ' import-dragging' : ''}`}
        data-testid="bankcsv-dialog"
        onDragOver={(e) => {
          if (!Array.from(e.dataTransfer.types).includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="muted">{t('bankCsv.intro')}</p>
        <div className="form-grid import-top">
          <Field id={fileId} label={t('bankCsv.file')} hint={file ? t('import.fileChosen', { name: file.name }) : t('import.dropHint')} required className="span-2">
            <input
              id={fileId}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              aria-required
              aria-describedby={describedBy(fileId, true, undefined)}
              onChange={(e) => readFile(e.target.files?.[0])}
            />
          </Field>
          <SelectBox
            label={t('import.profile')}
            value={profile || (mapping ? '' : (preview?.profile?.name ?? ''))}
            emptyLabel={mapping ? t('bankCsv.profileEdited') : t('bankCsv.profileSuggest')}
            options={(profiles.data ?? []).map((p) => ({ value: p.name, label: p.builtIn ? t('bankCsv.profileBuiltIn', { name: p.name }) : p.name }))}
            onChange={(name) => {
              setProfile(name);
              setMapping(null);
              setCommitProblem(undefined);
            }}
          />
          <SelectBox
            label={t('bankCsv.account')}
            value={accountIban}
            required
            emptyLabel={accountIban ? undefined : t('common.choose')}
            hint={preview?.accountIban ? t('bankCsv.accountDetected') : t('bankCsv.accountHint')}
            options={accountOptions}
            onChange={setAccount}
          />
        </div>

        <ErrorBanner problems={[fileProblem, previewProblem, commitProblem, profiles.error && problemFromError(profiles.error)]} />
        {(reading || (loading && !preview)) && (
          <p className="muted" role="status">
            {t('import.reading')}
          </p>
        )}

        {preview && shown && detected && (
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

            <h3 className="import-heading">{t('bankCsv.detected')}</h3>
            <p className="muted import-note" data-testid="bankcsv-detected">
              {t('bankCsv.detectedSummary', {
                encoding: t(ENCODINGS[detected.encoding]) + (detected.bom ? ' (BOM)' : ''),
                separator: t(SEPARATORS[detected.separator]),
                header: detected.headerLine,
                decimal: t(detected.decimal === ',' ? 'import.decComma' : 'import.decPoint'),
                dateFormat: detected.dateFormat,
              })}
            </p>
            <CsvFormatFields format={shown.format} detected={detected} onChange={(key, value) => change(withFormat(shown, key, value))} />
            {detected.metadataLines.length > 0 && (
              <div className="bankcsv-metadata">
                <p className="muted">{plural(detected.metadataLines.length, 'bankCsv.metadataOne', 'bankCsv.metadataOther')}</p>
                <ul className="mono" data-testid="bankcsv-metadata">
                  {detected.metadataLines.map((l, i) => (
                    <li key={i}>{l}</li>
                  ))}
                </ul>
              </div>
            )}
            {detected.footerLines.length > 0 && <p className="muted import-note">{t('import.footerSkipped', { lines: detected.footerLines.join(' · ') })}</p>}

            <h3 className="import-heading">{t('import.mapping')}</h3>
            <BankCsvMappingEditor mapping={shown} preview={preview} onChange={change} />
            <ErrorBanner problems={otherIssues.map((i) => ({ code: i.code, fallback: i.message, ...(i.params ? { params: i.params } : {}) }))} />

            <div className="bankcsv-options">
              <Field id={filterId} label={t('bankCsv.filter')} hint={filterError ? undefined : t('bankCsv.filterHint')} error={filterError ? problem({ code: filterError.code, fallback: filterError.message }) : undefined} className="bankcsv-filter">
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
                  onChange={(e) => changeFilter(e.target.value)}
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
                <input id={chargebackId} type="checkbox" checked={shown.chargeback} onChange={(e) => change({ ...shown, chargeback: e.target.checked })} />
                <label htmlFor={chargebackId}>{t('bankCsv.chargeback')}</label>
              </div>
            </div>

            <h3 className="import-heading">{t('import.preview')}</h3>
            <div className="list-meta">
              <p role="status" data-testid="bankcsv-counts">
                {t('bankCsv.counts', {
                  rows: preview.totals.rows,
                  ok: preview.totals.ok,
                  skipped: preview.totals.skipped,
                  filtered: preview.totals.filtered,
                  failed: preview.totals.failed,
                })}
                {' · '}
                {t('bankCsv.sum', { sum: amount(preview.totals.sumCents, shown.currency) })}
                {preview.totals.firstDate && <> · {periodText(date, { periodFrom: preview.totals.firstDate, periodTo: preview.totals.lastDate ?? preview.totals.firstDate })}</>}
                {pending && <> · {t('import.reading')}</>}
              </p>
              {failedRows.length > 0 && (
                <button type="button" className="small" onClick={() => change(withFailedSkipped(shown, preview.rows))}>
                  {plural(failedRows.length, 'bankCsv.skipFailedOne', 'bankCsv.skipFailedOther')}
                </button>
              )}
            </div>
            {failedRows.length > 0 && (
              <p className="banner banner-error" data-testid="bankcsv-failed-lines">
                {t('bankCsv.failedLines', { lines: failedRows.map((r) => r.line).join(', ') })}
              </p>
            )}
            <BankCsvPreviewTable rows={preview.rows} skipLines={shown.skipLines} onSkip={(line, skip) => change(withSkipped(shown, line, skip))} />
            {preview.rows.length < preview.totals.rows && <p className="muted import-note">{t('import.truncated', { shown: preview.rows.length, rows: preview.totals.rows })}</p>}
          </>
        )}

        <div className="form-actions import-actions">
          {preview && (
            <div className="import-save">
              <label htmlFor={saveId}>{t('import.saveProfile')}</label>
              <input
                id={saveId}
                type="text"
                maxLength={70}
                value={saveAs}
                placeholder={t('import.saveProfileHint')}
                aria-invalid={builtInName ? true : undefined}
                onChange={(e) => setSaveAs(e.target.value)}
              />
              {builtInName && <span className="field-error">{problem({ code: 'bankCsv.profileBuiltIn' })}</span>}
            </div>
          )}
          <button type="button" className="primary" disabled={!canImport} onClick={submit}>
            {committing ? t('import.importing') : plural(ready.count, 'bankCsv.submitOne', 'bankCsv.submitOther')}
          </button>
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          {preview && !ready.allowed && ready.reason && <span className="form-note">{t(ready.reason)}</span>}
        </div>
      </div>
    </Drawer>
  );
}
