import type { FormValues } from './useForm';

/**
 * A form's values after a reload (edit.changedMeanwhile): every field takes
 * the record as it is now, except the ones the user had changed from what
 * was loaded, which keep the typed value; `kept` names those (a field the
 * user set to exactly the new value is no longer theirs to check).
 */
export function rebaseValues<V extends FormValues>(base: V, mine: V, loaded: V): { values: V; kept: (keyof V & string)[] } {
  const kept = (Object.keys(loaded) as (keyof V & string)[]).filter((k) => mine[k] !== base[k] && mine[k] !== loaded[k]);
  const values = { ...loaded };
  for (const k of kept) values[k] = mine[k];
  return { values, kept };
}
