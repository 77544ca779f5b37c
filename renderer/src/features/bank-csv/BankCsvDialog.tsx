import { useMemo } from 'react';
import { MAX_BANK_CSV_BYTES, type BankCsvCommitResult, type BankCsvMapping, type BankCsvPreview } from '../../../../shared/bank-csv';
import type { RunResult } from '../../../../shared/reconcile';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { useI18n } from '../../i18n/I18nProvider';
import { problemFromError } from '../../i18n/problems';
import { ImportFlowDialog } from '../csv-import/ImportFlowDialog';
import { SelectBox } from '../csv-import/SelectBox';
import { useImportFlow } from '../csv-import/useImportFlow';
import { ibanText } from '../statements/labels';
import { BankCsvPreviewTable } from './BankCsvPreviewTable';
import { BankCsvResult } from './BankCsvResult';
import { BankCsvBanners, BankCsvCounts, BankCsvDetected, BankCsvMappingStep, BankCsvMetadata, type BankFlowOptions } from './BankCsvSteps';
import { readiness, requestMapping, withSkipped } from './bankCsvState';

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
  const { t, plural, problem } = useI18n();
  const profiles = useApi('bankCsv.profiles', {});
  const bankAccounts = useApi('bankAccounts.list', {});
  const flow = useImportFlow<BankCsvMapping, BankCsvPreview, BankCsvCommitResult, BankFlowOptions, Request>({
    options: { account: '', filterText: '' },
    maxBytes: MAX_BANK_CSV_BYTES,
    delayMs: PREVIEW_DELAY_MS,
    initialFile,
    onNewFile: { filterText: '' },
    request: (s) => ({
      mapping: s.mapping && requestMapping(s.mapping, s.options.filterText),
      profile: s.mapping ? '' : s.profile,
      account: s.options.account,
    }),
    // The filter of a proposed or chosen profile is shown for editing.
    onPreview: (p, r) => (r.mapping ? {} : { filterText: p.mapping.filter ?? '' }),
    preview: (file, r) =>
      call('bankCsv.preview', {
        fileName: file.name,
        base64: file.base64,
        ...(r.mapping ? { mapping: r.mapping } : r.profile ? { profile: r.profile } : {}),
        ...(r.account ? { accountIban: r.account } : {}),
      }),
  });
  const { state, shown } = flow;
  const { preview, mapping, options } = state;
  const accountIban = options.account || preview?.accountIban || '';
  const builtInName = (profiles.data ?? []).some((p) => p.builtIn && p.name.toLowerCase() === state.saveAs.trim().toLowerCase());
  const ready = readiness(state.previewProblem ? undefined : preview, accountIban, flow.pending);

  const accountOptions = useMemo(() => {
    const list = (bankAccounts.data ?? []).map((a) => ({ value: a.iban, label: `${a.name} — ${ibanText(a.iban)}` }));
    const fromFile = preview?.accountIban;
    if (fromFile && !list.some((o) => o.value === fromFile))
      list.unshift({ value: fromFile, label: t('bankCsv.accountFromFile', { iban: ibanText(fromFile) }) });
    return list;
  }, [bankAccounts.data, preview?.accountIban, t]);

  if (state.result) return <BankCsvResult result={state.result} onClose={onClose} onMatched={onMatched} />;

  const submit = () => {
    const { file } = state;
    if (!file || !preview || !ready.allowed || builtInName || state.committing) return;
    const name = state.saveAs.trim();
    flow.commit(
      () =>
        call('bankCsv.commit', { fileName: file.name, base64: file.base64, mapping: preview.mapping, accountIban, ...(name ? { saveProfileAs: name } : {}) }),
      onImported,
    );
  };

  const selects = (
    <>
      <SelectBox
        label={t('import.profile')}
        value={state.profile || (mapping ? '' : (preview?.profile?.name ?? ''))}
        emptyLabel={mapping ? t('bankCsv.profileEdited') : t('bankCsv.profileSuggest')}
        options={(profiles.data ?? []).map((p) => ({ value: p.name, label: p.builtIn ? t('bankCsv.profileBuiltIn', { name: p.name }) : p.name }))}
        onChange={(name) => flow.dispatch({ type: 'profile', name })}
      />
      <SelectBox
        label={t('bankCsv.account')}
        value={accountIban}
        required
        emptyLabel={accountIban ? undefined : t('common.choose')}
        hint={preview?.accountIban ? t('bankCsv.accountDetected') : t('bankCsv.accountHint')}
        options={accountOptions}
        onChange={(account) => flow.dispatch({ type: 'options', options: { account } })}
      />
    </>
  );

  return (
    <ImportFlowDialog
      flow={flow}
      title={t('bankCsv.title')}
      intro={t('bankCsv.intro')}
      testId="bankcsv-dialog"
      fileLabel={t('bankCsv.file')}
      selects={selects}
      problems={[profiles.error && problemFromError(profiles.error)]}
      steps={
        preview && shown
          ? {
              banners: <BankCsvBanners flow={flow} preview={preview} />,
              formatHeading: t('bankCsv.detected'),
              formatSummary: <BankCsvDetected preview={preview} />,
              metadata: <BankCsvMetadata preview={preview} />,
              mapping: <BankCsvMappingStep flow={flow} preview={preview} shown={shown} />,
              previewMeta: <BankCsvCounts flow={flow} preview={preview} shown={shown} />,
              previewTable: (
                <BankCsvPreviewTable rows={preview.rows} skipLines={shown.skipLines} onSkip={(line, skip) => flow.change(withSkipped(shown, line, skip))} />
              ),
            }
          : null
      }
      actions={{
        saveError: builtInName ? problem({ code: 'bankCsv.profileBuiltIn' }) : undefined,
        submitLabel: plural(ready.count, 'bankCsv.submitOne', 'bankCsv.submitOther'),
        canSubmit: ready.allowed && !builtInName && !state.committing,
        reason: !ready.allowed && ready.reason ? t(ready.reason) : undefined,
        onSubmit: submit,
      }}
      onClose={onClose}
    />
  );
}
