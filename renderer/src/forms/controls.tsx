import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { formatBusinessDate, parseBusinessDate } from '../../../shared/dates';
import { formatAmount, parseAmount } from '../../../shared/money';
import { describedBy, Field } from '../components/Field';
import { useI18n } from '../i18n/I18nProvider';
import type { BooleanKeys, Form, FormValues, StringKeys } from './useForm';

interface ControlProps<V extends FormValues> {
  form: Form<V>;
  name: StringKeys<V>;
  label: string;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'value' | 'onChange' | 'onBlur' | 'id' | 'className'>;

/** The id, error text and aria attributes every control needs. */
function useControl<V extends FormValues>(form: Form<V>, name: StringKeys<V>, hint: string | undefined, required: boolean | undefined) {
  const id = useId();
  const { problem } = useI18n();
  const p = form.problem(name);
  const error = p ? problem(p) : undefined;
  return {
    id,
    error,
    aria: {
      'aria-invalid': error ? true : undefined,
      'aria-describedby': describedBy(id, hint, error),
      'aria-required': required ? true : undefined,
    },
  };
}

export function TextField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  required,
  className,
  reformat,
  ...input
}: ControlProps<V> & InputProps & { reformat?: (text: string) => string | null }) {
  const { id, error, aria } = useControl(form, name, hint, required);
  const value = form.values[name] as string;
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <input
        id={id}
        name={name}
        type="text"
        autoComplete="off"
        {...input}
        {...aria}
        value={value}
        onChange={(e) => form.set(name, e.target.value as V[typeof name])}
        onBlur={() => {
          form.touch(name);
          const better = reformat?.(value);
          if (better != null && better !== value) form.set(name, better as V[typeof name]);
        }}
      />
    </Field>
  );
}

/** Amount as text in German or English notation; tidied to the active locale when left. */
export function AmountField<V extends FormValues>(props: ControlProps<V>) {
  const { locale } = useI18n();
  const reformat = (text: string) => {
    try {
      return text.trim() ? formatAmount(parseAmount(text), locale) : null;
    } catch {
      return null;
    }
  };
  return <TextField {...props} inputMode="decimal" className={`${props.className ?? ''} amount-input`} reformat={reformat} />;
}

/** A business date typed as `21.11.2026` or `2026-11-21`; shown in the active locale's form when left. */
export function DateField<V extends FormValues>(props: ControlProps<V>) {
  const { locale, t } = useI18n();
  const reformat = (text: string) => {
    try {
      return text.trim() ? formatBusinessDate(parseBusinessDate(text), locale) : null;
    } catch {
      return null;
    }
  };
  return <TextField {...props} placeholder={t('date.placeholder')} className={`${props.className ?? ''} date-input`} reformat={reformat} />;
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  required,
  className,
  options,
  groups,
  emptyLabel,
  onValue,
  disabled,
}: ControlProps<V> & {
  options?: readonly Option[];
  groups?: readonly { label: string; options: readonly Option[] }[];
  /** Adds a first option with value '' (none / please choose). */
  emptyLabel?: string;
  /** Instead of a plain set, e.g. to reset fields that depend on this one. */
  onValue?: (value: string) => void;
  disabled?: boolean;
}) {
  const { id, error, aria } = useControl(form, name, hint, required);
  const renderOptions = (list: readonly Option[]): ReactNode =>
    list.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ));
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select
        id={id}
        name={name}
        {...aria}
        disabled={disabled}
        value={form.values[name] as string}
        onChange={(e) => (onValue ? onValue(e.target.value) : form.set(name, e.target.value as V[typeof name]))}
        onBlur={() => form.touch(name)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options && renderOptions(options)}
        {groups?.map((g) =>
          g.options.length ? (
            <optgroup key={g.label} label={g.label}>
              {renderOptions(g.options)}
            </optgroup>
          ) : null,
        )}
      </select>
    </Field>
  );
}

export function TextAreaField<V extends FormValues>({ form, name, label, hint, required, className }: ControlProps<V>) {
  const { id, error, aria } = useControl(form, name, hint, required);
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <textarea
        id={id}
        name={name}
        rows={3}
        {...aria}
        value={form.values[name] as string}
        onChange={(e) => form.set(name, e.target.value as V[typeof name])}
        onBlur={() => form.touch(name)}
      />
    </Field>
  );
}

export function CheckboxField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  className,
}: {
  form: Form<V>;
  name: BooleanKeys<V>;
  label: string;
  hint?: string;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field field-checkbox${className ? ` ${className}` : ''}`}>
      <input
        id={id}
        name={name}
        type="checkbox"
        aria-describedby={hint ? `${id}-hint` : undefined}
        checked={form.values[name] as boolean}
        onChange={(e) => form.set(name, e.target.checked as V[typeof name])}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}
