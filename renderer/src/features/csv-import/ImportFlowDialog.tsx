import { useId, type ReactNode } from 'react';
import type { ImportDetected, ImportFormat } from '../../../../shared/entry-import';
import type { z } from 'zod';
import { describedBy, Field } from '../../components/Field';
import { Drawer } from '../../components/Drawer';
import { ErrorBanner } from '../../components/ErrorBanner';
import { useI18n } from '../../i18n/I18nProvider';
import type { Problem } from '../../i18n/problems';
import { CsvFormatFields } from './CsvFormatFields';
import { withFormat } from './importFlow';
import type { ImportFlow } from './useImportFlow';

type Format = z.output<typeof ImportFormat>;

/** What the dialog shows of a preview, whichever import it is. */
export interface PreviewLike<M> {
  detected: ImportDetected;
  mapping: M;
  rows: readonly unknown[];
  totals: { rows: number };
}

/** The parts of the steps each import fills in, once a preview is there. */
export interface FlowSteps {
  /** Above the steps: the file was imported before, the profile proposed… */
  banners?: ReactNode;
  formatHeading: string;
  formatSummary?: ReactNode;
  /** The lines above the header, as the import tells of them. */
  metadata?: ReactNode;
  /** The import's own mapping fields (and what belongs to them). */
  mapping: ReactNode;
  /** Counts and what acts on all rows. */
  previewMeta: ReactNode;
  /** The import's own preview columns. */
  previewTable: ReactNode;
}

export interface FlowActions {
  /** Before "save as profile" (e.g. "skip the rows with errors"). */
  before?: ReactNode;
  saveError?: string | undefined;
  submitLabel: string;
  canSubmit: boolean;
  /** Why "Import" cannot be pressed, in words. */
  reason?: string | undefined;
  onSubmit: () => void;
}

interface Props<M extends { format: Format }, P extends PreviewLike<M>, R, O> {
  flow: ImportFlow<M, P, R, O>;
  title: string;
  intro: string;
  testId: string;
  fileLabel: string;
  /** Beside the file: business entity, profile, account… */
  selects: ReactNode;
  problems?: readonly (Problem | undefined)[];
  /** Between the problems and the steps (e.g. "choose the business entity"). */
  notice?: ReactNode;
  /** Null until a preview is there. */
  steps: FlowSteps | null;
  actions: FlowActions;
  onClose: () => void;
}

/**
 * The one CSV import dialog flow: the file (chosen or dropped) with the
 * import's selects, then, from the preview, how the file is read (format),
 * the mapping, the preview rows, and "Import", which commits all of it or
 * nothing. The entries import and the bank CSV import fill in their fields.
 */
export function ImportFlowDialog<M extends { format: Format }, P extends PreviewLike<M>, R, O>(props: Props<M, P, R, O>) {
  const { flow, steps, actions } = props;
  const { t } = useI18n();
  const fileId = useId();
  const saveId = useId();
  const { state, shown } = flow;
  const { preview, file } = state;
  const detected = preview?.detected;

  return (
    <Drawer title={props.title} onClose={props.onClose} wide>
      <div className={`import-dialog${state.dragging ? ' import-dragging' : ''}`} data-testid={props.testId} {...flow.dropZone}>
        <p className="muted">{props.intro}</p>
        <div className="form-grid import-top">
          <Field
            id={fileId}
            label={props.fileLabel}
            hint={file ? t('import.fileChosen', { name: file.name }) : t('import.dropHint')}
            required
            className="span-2"
          >
            <input
              id={fileId}
              type="file"
              accept=".csv,.txt,text/csv,text/plain"
              aria-required
              aria-describedby={describedBy(fileId, true, undefined)}
              onChange={(e) => flow.readFile(e.target.files?.[0])}
            />
          </Field>
          {props.selects}
        </div>

        <ErrorBanner problems={[state.fileProblem, state.previewProblem, state.commitProblem, ...(props.problems ?? [])]} />
        {props.notice}
        {(state.reading || (state.loading && !preview)) && (
          <p className="muted" role="status">
            {t('import.reading')}
          </p>
        )}

        {steps && preview && shown && detected && (
          <>
            {steps.banners}
            <h3 className="import-heading">{steps.formatHeading}</h3>
            {steps.formatSummary}
            <CsvFormatFields format={shown.format} detected={detected} onChange={(key, value) => flow.change(withFormat(shown, key, value))} />
            {steps.metadata}
            {detected.footerLines.length > 0 && <p className="muted import-note">{t('import.footerSkipped', { lines: detected.footerLines.join(' · ') })}</p>}

            <h3 className="import-heading">{t('import.mapping')}</h3>
            {steps.mapping}

            <h3 className="import-heading">{t('import.preview')}</h3>
            {steps.previewMeta}
            {steps.previewTable}
            {preview.rows.length < preview.totals.rows && (
              <p className="muted import-note">{t('import.truncated', { shown: preview.rows.length, rows: preview.totals.rows })}</p>
            )}
          </>
        )}

        <div className="form-actions import-actions">
          {preview && actions.before}
          {preview && (
            <div className="import-save">
              <label htmlFor={saveId}>{t('import.saveProfile')}</label>
              <input
                id={saveId}
                type="text"
                maxLength={70}
                value={state.saveAs}
                placeholder={t('import.saveProfileHint')}
                aria-invalid={actions.saveError ? true : undefined}
                onChange={(e) => flow.dispatch({ type: 'saveAs', name: e.target.value })}
              />
              {actions.saveError && <span className="field-error">{actions.saveError}</span>}
            </div>
          )}
          <button type="button" className="primary" disabled={!actions.canSubmit} onClick={actions.onSubmit}>
            {state.committing ? t('import.importing') : actions.submitLabel}
          </button>
          <button type="button" onClick={props.onClose}>
            {t('action.cancel')}
          </button>
          {preview && actions.reason && <span className="form-note">{actions.reason}</span>}
        </div>
      </div>
    </Drawer>
  );
}
