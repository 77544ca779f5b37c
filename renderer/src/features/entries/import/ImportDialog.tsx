import { useId } from 'react';
import type { BusinessEntity } from '../../../../../shared/domain';
import { MAX_IMPORT_BYTES, type ImportCommitResult, type ImportMapping, type ImportPreview } from '../../../../../shared/entry-import';
import { call } from '../../../api/client';
import { useApi } from '../../../api/useApi';
import { useI18n } from '../../../i18n/I18nProvider';
import { ImportFlowDialog } from '../../csv-import/ImportFlowDialog';
import { SelectBox } from '../../csv-import/SelectBox';
import { useImportFlow } from '../../csv-import/useImportFlow';
import { MappingEditor } from './MappingEditor';
import { PreviewTable } from './PreviewTable';
import { TypeTotals } from './TypeTotals';
import { readiness, visibleRows } from './importState';

interface Props {
  entities: readonly BusinessEntity[];
  onImported: (result: ImportCommitResult) => void;
  onClose: () => void;
}

interface Options {
  entityId: string;
  skipInvalid: boolean;
  onlyErrors: boolean;
}

/**
 * Import is preview, then commit: every choice here asks the main process
 * for a new preview (nothing is written); only "Import N entries" writes,
 * in one transaction. Closing the dialog imports nothing.
 */
export function ImportDialog({ entities, onImported, onClose }: Props) {
  const { t, plural, problem, date } = useI18n();
  const skipId = useId();
  const onlyErrorsId = useId();
  const profiles = useApi('entries.importProfiles', {});
  const flow = useImportFlow<ImportMapping, ImportPreview, ImportCommitResult, Options, { entityId: string; mapping: ImportMapping | null; profile: string }>({
    options: { entityId: entities.length === 1 ? String(entities[0]!.id) : '', skipInvalid: false, onlyErrors: false },
    maxBytes: MAX_IMPORT_BYTES,
    onNewFile: { skipInvalid: false },
    request: (s) => ({ entityId: s.options.entityId, mapping: s.mapping, profile: s.mapping ? '' : s.profile }),
    ready: (r) => r.entityId !== '',
    preview: (file, r) =>
      call('entries.importPreview', {
        fileName: file.name,
        base64: file.base64,
        entityId: Number(r.entityId),
        ...(r.mapping ? { mapping: r.mapping } : r.profile ? { profile: r.profile } : {}),
      }),
  });
  const { state, shown, dispatch } = flow;
  const { preview, options } = state;
  const setOptions = (o: Partial<Options>) => dispatch({ type: 'options', options: o });
  const ready = readiness(state.previewProblem || state.loading ? undefined : preview, options.skipInvalid);

  const submit = () => {
    if (!state.file || !preview || !ready.allowed) return;
    const name = state.saveAs.trim();
    const { file } = state;
    flow.commit(
      () =>
        call('entries.importCommit', {
          fileName: file.name,
          base64: file.base64,
          entityId: Number(options.entityId),
          mapping: preview.mapping,
          skipInvalid: options.skipInvalid,
          ...(name ? { saveProfileAs: name } : {}),
        }),
      onImported,
    );
  };

  const selects = (
    <>
      <SelectBox
        label={t('field.entity')}
        value={options.entityId}
        required
        emptyLabel={entities.length === 1 ? undefined : t('common.choose')}
        options={entities.map((e) => ({ value: String(e.id), label: e.name }))}
        onChange={(entityId) => setOptions({ entityId })}
      />
      <SelectBox
        label={t('import.profile')}
        value={state.profile}
        emptyLabel={t('import.profileNone')}
        options={(profiles.data ?? []).map((p) => ({ value: p.name, label: p.name }))}
        onChange={(name) => dispatch({ type: 'profile', name })}
      />
    </>
  );

  const steps = preview &&
    shown && {
      banners: preview.alreadyImported ? (
        <p className="banner banner-warn" role="alert">
          {problem({ code: 'import.alreadyImported', params: preview.alreadyImported })}
        </p>
      ) : (
        preview.sameName && (
          <p className="banner banner-warn" role="alert" data-testid="import-same-name">
            {t('importTypes.sameName', { fileName: preview.fileName, date: date(preview.sameName.importedAt) })}
          </p>
        )
      ),
      formatHeading: t('import.settings'),
      metadata: preview.detected.metadataLines.length > 0 && (
        <p className="muted import-note">
          {t('import.metadataSkipped', { count: preview.detected.metadataLines.length, lines: preview.detected.metadataLines.join(' · ') })}
        </p>
      ),
      mapping: <MappingEditor mapping={shown} preview={preview} onChange={flow.change} />,
      previewMeta: (
        <div className="list-meta">
          <p role="status" data-testid="import-counts">
            {t('import.counts', { rows: preview.totals.rows, ok: preview.totals.ok, failed: preview.totals.failed })}
            {preview.totals.newAccounts > 0 && <> · {plural(preview.totals.newAccounts, 'import.newAccountsOne', 'import.newAccountsOther')}</>}
            {state.loading && <> · {t('import.reading')}</>}
          </p>
          {(preview.totals.newMandates > 0 || preview.totals.newBankDetails > 0) && (
            <p data-testid="import-master-data">
              {t('importTypes.masterData', { mandates: preview.totals.newMandates, bankDetails: preview.totals.newBankDetails })}
            </p>
          )}
          <TypeTotals totals={preview.typeTotals} />
          {preview.totals.failed > 0 && (
            <div className="field field-checkbox">
              <input id={onlyErrorsId} type="checkbox" checked={options.onlyErrors} onChange={(e) => setOptions({ onlyErrors: e.target.checked })} />
              <label htmlFor={onlyErrorsId}>{t('import.onlyErrors')}</label>
            </div>
          )}
        </div>
      ),
      previewTable: <PreviewTable rows={visibleRows(preview.rows, options.onlyErrors)} />,
    };

  return (
    <ImportFlowDialog
      flow={flow}
      title={t('import.title')}
      intro={t('import.intro')}
      testId="import-dialog"
      fileLabel={t('import.file')}
      selects={selects}
      notice={state.file && !options.entityId && <p className="banner banner-info">{t('import.chooseEntity')}</p>}
      steps={steps ?? null}
      actions={{
        before: preview && preview.totals.failed > 0 && (
          <div className="field field-checkbox">
            <input id={skipId} type="checkbox" checked={options.skipInvalid} onChange={(e) => setOptions({ skipInvalid: e.target.checked })} />
            <label htmlFor={skipId}>{plural(preview.totals.failed, 'import.skipInvalidOne', 'import.skipInvalidOther')}</label>
          </div>
        ),
        submitLabel: plural(ready.count, 'import.submitOne', 'import.submitOther'),
        canSubmit: ready.allowed && !state.committing,
        reason: !ready.allowed && ready.reason && !state.loading ? t(ready.reason) : undefined,
        onSubmit: submit,
      }}
      onClose={onClose}
    />
  );
}
