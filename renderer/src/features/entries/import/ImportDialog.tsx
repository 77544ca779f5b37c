import { useEffect, useId, useState, type DragEvent } from 'react';
import type { BusinessEntity } from '../../../../../shared/domain';
import {
  MAX_IMPORT_BYTES,
  type ImportCommitResult,
  type ImportMapping,
  type ImportPreview,
} from '../../../../../shared/entry-import';
import { call } from '../../../api/client';
import { fileToBase64 } from '../../../api/files';
import { useApi } from '../../../api/useApi';
import { describedBy, Field } from '../../../components/Field';
import { Drawer } from '../../../components/Drawer';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { useI18n } from '../../../i18n/I18nProvider';
import { problemFromError, type Problem } from '../../../i18n/problems';
import { MappingEditor } from './MappingEditor';
import { PreviewTable } from './PreviewTable';
import { SelectBox } from './SelectBox';
import { CsvFormatFields } from './CsvFormatFields';
import { readiness, visibleRows, withFormat } from './importState';


interface Props {
  entities: readonly BusinessEntity[];
  onImported: (result: ImportCommitResult) => void;
  onClose: () => void;
}

/**
 * Import is preview, then commit: every choice here asks the main process
 * for a new preview (nothing is written); only "Import N entries" writes,
 * in one transaction. Closing the dialog imports nothing.
 */
export function ImportDialog({ entities, onImported, onClose }: Props) {
  const { t, plural, problem } = useI18n();
  const fileId = useId();
  const skipId = useId();
  const onlyErrorsId = useId();
  const saveId = useId();
  const profiles = useApi('entries.importProfiles', {});

  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [fileProblem, setFileProblem] = useState<Problem>();
  const [entityId, setEntityId] = useState(entities.length === 1 ? String(entities[0]!.id) : '');
  const [profile, setProfile] = useState('');
  /** The user's mapping; null until they change something (then the server suggests or the profile applies). */
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview>();
  const [previewProblem, setPreviewProblem] = useState<Problem>();
  const [loading, setLoading] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const [saveAs, setSaveAs] = useState('');
  const [committing, setCommitting] = useState(false);
  const [commitProblem, setCommitProblem] = useState<Problem>();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    if (!file || !entityId) return;
    let current = true;
    setLoading(true);
    const input = { fileName: file.name, base64: file.base64, entityId: Number(entityId), ...(mapping ? { mapping } : profile ? { profile } : {}) };
    call('entries.importPreview', input).then(
      (p) => {
        if (!current) return;
        setPreview(p);
        setPreviewProblem(undefined);
        setLoading(false);
      },
      (e: unknown) => {
        if (!current) return;
        setPreviewProblem(problemFromError(e));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [file, entityId, mapping, profile]);

  const readFile = (chosen: File | undefined) => {
    setFileProblem(undefined);
    setCommitProblem(undefined);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      setFileProblem({ code: 'import.tooLarge', params: { maxMb: MAX_IMPORT_BYTES / 1024 / 1024 } });
      return;
    }
    fileToBase64(chosen).then(
      (base64) => {
        setFile({ name: chosen.name, base64 });
        setMapping(null);
        setPreview(undefined);
        setSkipInvalid(false);
      },
      () => setFileProblem({ code: 'file.unreadable' }),
    );
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    readFile(e.dataTransfer.files[0]);
  };

  /** The mapping on screen: the user's, or the one the last preview used. */
  const shown = mapping ?? preview?.mapping;
  const change = (next: ImportMapping) => {
    setCommitProblem(undefined);
    setMapping(next);
  };
  const ready = readiness(previewProblem || loading ? undefined : preview, skipInvalid);
  const detected = preview?.detected;

  const submit = () => {
    if (!file || !preview || !ready.allowed) return;
    setCommitting(true);
    setCommitProblem(undefined);
    const name = saveAs.trim();
    call('entries.importCommit', {
      fileName: file.name,
      base64: file.base64,
      entityId: Number(entityId),
      mapping: preview.mapping,
      skipInvalid,
      ...(name ? { saveProfileAs: name } : {}),
    }).then(
      (result) => onImported(result),
      (e: unknown) => {
        setCommitProblem(problemFromError(e));
        setCommitting(false);
      },
    );
  };


  return (
    <Drawer title={t('import.title')} onClose={onClose} wide>
      <div
        className={`import-dialog${dragging ? ' import-dragging' : ''}`}
        data-testid="import-dialog"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p className="muted">{t('import.intro')}</p>
        <div className="form-grid import-top">
          <Field id={fileId} label={t('import.file')} hint={file ? t('import.fileChosen', { name: file.name }) : t('import.dropHint')} required className="span-2">
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
            label={t('field.entity')}
            value={entityId}
            required
            emptyLabel={entities.length === 1 ? undefined : t('common.choose')}
            options={entities.map((e) => ({ value: String(e.id), label: e.name }))}
            onChange={setEntityId}
          />
          <SelectBox
            label={t('import.profile')}
            value={profile}
            emptyLabel={t('import.profileNone')}
            options={(profiles.data ?? []).map((p) => ({ value: p.name, label: p.name }))}
            onChange={(name) => {
              setProfile(name);
              setMapping(null);
            }}
          />
        </div>

        <ErrorBanner problems={[fileProblem, previewProblem, commitProblem]} />
        {file && !entityId && <p className="banner banner-info">{t('import.chooseEntity')}</p>}
        {loading && !preview && <p className="muted">{t('import.reading')}</p>}

        {preview && shown && detected && (
          <>
            {preview.alreadyImported && (
              <p className="banner banner-warn" role="alert">
                {problem({ code: 'import.alreadyImported', params: preview.alreadyImported })}
              </p>
            )}

            <h3 className="import-heading">{t('import.settings')}</h3>
            <CsvFormatFields format={shown.format} detected={detected} onChange={(key, value) => change(withFormat(shown, key, value))} />
            {detected.metadataLines.length > 0 && (
              <p className="muted import-note">{t('import.metadataSkipped', { count: detected.metadataLines.length, lines: detected.metadataLines.join(' · ') })}</p>
            )}
            {detected.footerLines.length > 0 && <p className="muted import-note">{t('import.footerSkipped', { lines: detected.footerLines.join(' · ') })}</p>}

            <h3 className="import-heading">{t('import.mapping')}</h3>
            <MappingEditor mapping={shown} preview={preview} onChange={change} />

            <h3 className="import-heading">{t('import.preview')}</h3>
            <div className="list-meta">
              <p role="status" data-testid="import-counts">
                {t('import.counts', { rows: preview.totals.rows, ok: preview.totals.ok, failed: preview.totals.failed })}
                {preview.totals.newAccounts > 0 && <> · {plural(preview.totals.newAccounts, 'import.newAccountsOne', 'import.newAccountsOther')}</>}
                {loading && <> · {t('import.reading')}</>}
              </p>
              {preview.totals.failed > 0 && (
                <div className="field field-checkbox">
                  <input id={onlyErrorsId} type="checkbox" checked={onlyErrors} onChange={(e) => setOnlyErrors(e.target.checked)} />
                  <label htmlFor={onlyErrorsId}>{t('import.onlyErrors')}</label>
                </div>
              )}
            </div>
            <PreviewTable rows={visibleRows(preview.rows, onlyErrors)} />
            {preview.truncated && <p className="muted import-note">{t('import.truncated', { shown: preview.rows.length, rows: preview.totals.rows })}</p>}
          </>
        )}

        <div className="form-actions import-actions">
          {preview && preview.totals.failed > 0 && (
            <div className="field field-checkbox">
              <input id={skipId} type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
              <label htmlFor={skipId}>{plural(preview.totals.failed, 'import.skipInvalidOne', 'import.skipInvalidOther')}</label>
            </div>
          )}
          {preview && (
            <div className="import-save">
              <label htmlFor={saveId}>{t('import.saveProfile')}</label>
              <input id={saveId} type="text" maxLength={70} value={saveAs} placeholder={t('import.saveProfileHint')} onChange={(e) => setSaveAs(e.target.value)} />
            </div>
          )}
          <button type="button" className="primary" disabled={!ready.allowed || committing} onClick={submit}>
            {committing ? t('import.importing') : plural(ready.count, 'import.submitOne', 'import.submitOther')}
          </button>
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          {preview && !ready.allowed && ready.reason && !loading && <span className="form-note">{t(ready.reason)}</span>}
        </div>
      </div>
    </Drawer>
  );
}
