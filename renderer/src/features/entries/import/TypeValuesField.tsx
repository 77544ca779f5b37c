import { useId, useState } from 'react';
import { Field } from '../../../components/Field';

interface Props {
  label: string;
  hint: string;
  values: readonly string[];
  onChange: (text: string) => void;
  testId: string;
}

/**
 * The values of a type column that mean one side (`D, S`), typed as a list
 * and applied on Enter or leaving the field, so a new preview is asked for
 * once per edit rather than per key.
 */
export function TypeValuesField({ label, hint, values, onChange, testId }: Props) {
  const id = useId();
  const current = values.join(', ');
  const [text, setText] = useState(current);
  const [shownFor, setShownFor] = useState(current);
  if (shownFor !== current) {
    setShownFor(current);
    setText(current);
  }
  const apply = () => {
    if (text !== current) onChange(text);
  };
  return (
    <Field id={id} label={label} hint={hint}>
      <input
        id={id}
        data-testid={testId}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
      />
    </Field>
  );
}
