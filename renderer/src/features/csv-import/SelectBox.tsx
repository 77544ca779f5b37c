import { useId } from 'react';
import { describedBy, Field } from '../../components/Field';

export interface SelectBoxProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  /** A first option with value '' (e.g. "not in the file"). */
  emptyLabel?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean | undefined;
  disabled?: boolean | undefined;
  className?: string | undefined;
}

/** A labelled select outside a useForm form (the import dialog changes a mapping, not form values). */
export function SelectBox({ label, value, options, onChange, emptyLabel, error, hint, required, disabled, className }: SelectBoxProps) {
  const id = useId();
  return (
    <Field id={id} label={label} error={error} hint={hint} required={required} className={className}>
      <select
        id={id}
        value={value}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-required={required ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
