import type { ReactNode } from 'react';
import { Drawer } from '../components/Drawer';
import { ErrorBanner } from '../components/ErrorBanner';
import { useI18n } from '../i18n/I18nProvider';
import type { Form, FormValues } from './useForm';

interface FormDrawerProps<V extends FormValues> {
  title: string;
  form: Form<V>;
  submitLabel: string;
  onClose: () => void;
  children: ReactNode;
  /** Read-only facts shown above the fields (e.g. who prepared an entry). */
  aside?: ReactNode;
}

/** A form in a drawer: Enter submits, Esc or Cancel closes, refusals show on top. */
export function FormDrawer<V extends FormValues>({ title, form, submitLabel, onClose, children, aside }: FormDrawerProps<V>) {
  const { t } = useI18n();
  return (
    <Drawer title={title} onClose={onClose}>
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorBanner problems={form.formProblems} />
        {aside}
        <div className="form-grid">{children}</div>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={form.submitting}>
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
