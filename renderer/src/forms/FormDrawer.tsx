import { useState, type ReactNode } from 'react';
import { Drawer } from '../components/Drawer';
import { ErrorBanner } from '../components/ErrorBanner';
import { useI18n } from '../i18n/I18nProvider';
import { problemFromError, type Problem } from '../i18n/problems';
import type { Form, FormValues } from './useForm';

interface FormDrawerProps<V extends FormValues> {
  title: string;
  form: Form<V>;
  submitLabel: string;
  onClose: () => void;
  children: ReactNode;
  /** Read-only facts shown above the fields (e.g. who prepared an entry). */
  aside?: ReactNode;
  /** Loads the record as it is now (and takes its version); offered when a save was refused because someone else changed it. */
  onReload?: () => Promise<V>;
}

/** A form in a drawer: Enter submits, Esc or Cancel closes, refusals show on top. */
export function FormDrawer<V extends FormValues>({ title, form, submitLabel, onClose, children, aside, onReload }: FormDrawerProps<V>) {
  const { t } = useI18n();
  const reload = useReload(form, onReload);
  return (
    <Drawer title={title} onClose={onClose}>
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorBanner problems={[...form.formProblems, reload.failed]} {...reload.offer} />
        <ReloadedNote form={form} />
        {aside}
        <div className="form-grid">{children}</div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={form.submitting || reload.busy}>
            {form.submitting ? t('action.saving') : submitLabel}
          </button>
          <button type="button" onClick={onClose}>
            {t('action.cancel')}
          </button>
          <span className="form-note">{t('form.requiredNote')}</span>
        </div>
      </form>
    </Drawer>
  );
}

/** The Reload button under a "changed meanwhile" refusal, and what became of it. */
function useReload<V extends FormValues>(form: Form<V>, onReload: (() => Promise<V>) | undefined) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<Problem>();
  const changedMeanwhile = form.formProblems.some((p) => p.code === 'edit.changedMeanwhile');
  const run = () => {
    if (!onReload) return;
    setBusy(true);
    setFailed(undefined);
    onReload()
      .then(
        (loaded) => form.rebase(loaded),
        (e: unknown) => setFailed(problemFromError(e)),
      )
      .finally(() => setBusy(false));
  };
  const offer = changedMeanwhile && onReload && !busy ? { onRetry: run, retryLabel: t('form.reload') } : {};
  return { busy, failed, offer };
}

function ReloadedNote<V extends FormValues>({ form }: { form: Form<V> }) {
  const { t, plural } = useI18n();
  if (form.reloaded === null) return null;
  return (
    <div className="banner banner-info" role="status">
      <p>{form.reloaded === 0 ? t('form.reloaded') : plural(form.reloaded, 'form.reloadedKeptOne', 'form.reloadedKeptOther')}</p>
    </div>
  );
}
