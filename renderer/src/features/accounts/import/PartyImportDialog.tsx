import { useId } from 'react';
import type { BusinessEntity } from '../../../../../shared/domain';
import { MAX_IMPORT_BYTES } from '../../../../../shared/entry-import';
import type { PartyCommitResult, PartyImportPreview, PartyMapping } from '../../../../../shared/parties';
import { call } from '../../../api/client';
import { useApi } from '../../../api/useApi';
import { useI18n } from '../../../i18n/I18nProvider';
import { ImportFlowDialog } from '../../csv-import/ImportFlowDialog';
import { SelectBox } from '../../csv-import/SelectBox';
import { useImportFlow } from '../../csv-import/useImportFlow';
import { visibleRows } from '../../entries/import/importState';
import { PartyMappingEditor } from './PartyMappingEditor';
import { PartyPreviewTable } from './PartyPreviewTable';
import { partyReadiness } from './partyImportState';

interface Props {
  entities: readonly BusinessEntity[];
  onImported: (result: PartyCommitResult) => void;
  onClose: () => void;
}

interface Options {
  entityId: string;
  skipInvalid: boolean;
}

/** Customers and suppliers from a master-data CSV: preview with every choice, then one transaction on "Import". */
export function PartyImportDialog({ entities, onImported, onClose }: Props) {
  const { t, problem, date } = useI18n();
  const skipId = useId();
  const profiles = useApi('parties.importProfiles', {});
  const flow = useImportFlow<PartyMapping, PartyImportPreview, PartyCommitResult, Options, { entityId: string; mapping: PartyMapping | null; profile: string }>(
    {
      options: { entityId: entities.length === 1 ? String(entities[0]!.id) : '', skipInvalid: false },
      maxBytes: MAX_IMPORT_BYTES,
      onNewFile: { skipInvalid: false },
      request: (s) => ({ entityId: s.options.entityId, mapping: s.mapping, profile: s.mapping ? '' : s.profile }),
      ready: (r) => r.entityId !== '',
      preview: (file, r) =>
        call('parties.importPreview', {
          fileName: file.name,
          base64: file.base64,
          entityId: Number(r.entityId),
          ...(r.mapping ? { mapping: r.mapping } : r.profile ? { profile: r.profile } : {}),
        }),
    },
  );
  const { state, shown, dispatch } = flow;
  const { preview, options } = state;
  const ready = partyReadiness(state.previewProblem || state.loading ? undefined : preview, options.skipInvalid);

  const submit = () => {
    if (!state.file || !preview || !ready.allowed) return;
    const name = state.saveAs.trim();
    const { file } = state;
    flow.commit(
      () =>
        call('parties.importCommit', {
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
        onChange={(entityId) => dispatch({ type: 'options', options: { entityId } })}
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
      mapping: <PartyMappingEditor mapping={shown} preview={preview} onChange={flow.change} />,
      previewMeta: (
        <div className="list-meta">
          <p role="status" data-testid="party-import-counts">
            {t('partyImport.counts', { ...preview.totals })}
            {state.loading && <> · {t('import.reading')}</>}
          </p>
          <p data-testid="party-import-bank-counts">
            {t('partyImport.bankCounts', {
              mandates: preview.totals.newMandates,
              bankDetails: preview.totals.newBankDetails,
              derived: preview.totals.derivedBics,
            })}
          </p>
        </div>
      ),
      previewTable: <PartyPreviewTable rows={visibleRows(preview.rows, false)} />,
    };

  return (
    <ImportFlowDialog
      flow={flow}
      title={t('partyImport.title')}
      intro={t('partyImport.intro')}
      testId="party-import-dialog"
      fileLabel={t('import.file')}
      selects={selects}
      notice={state.file && !options.entityId && <p className="banner banner-info">{t('partyImport.chooseEntity')}</p>}
      steps={steps ?? null}
      actions={{
        before: preview && preview.totals.failed > 0 && (
          <div className="field field-checkbox">
            <input
              id={skipId}
              type="checkbox"
              checked={options.skipInvalid}
              onChange={(e) => dispatch({ type: 'options', options: { skipInvalid: e.target.checked } })}
            />
            <label htmlFor={skipId}>{t('import.skipInvalidOther', { count: preview.totals.failed })}</label>
          </div>
        ),
        submitLabel: t('partyImport.submit', { count: ready.count }),
        canSubmit: ready.allowed && !state.committing,
        reason: !ready.allowed && ready.reason && !state.loading ? t(ready.reason) : undefined,
        onSubmit: submit,
      }}
      onClose={onClose}
    />
  );
}
