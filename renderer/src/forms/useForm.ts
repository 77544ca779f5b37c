import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiCallError } from '../api/client';
import { problemFromError, type Problem } from '../i18n/problems';
import { rebaseValues } from './rebase';

/** What a form holds: the text (or tick) the user typed, not yet parsed. */
export type FormValues = Record<string, string | boolean>;
export type StringKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string;
export type BooleanKeys<V> = { [K in keyof V]: V[K] extends boolean ? K : never }[keyof V] & string;

/** The API input built from the values, or the problems per field. */
export interface Validation<I> {
  input: I | null;
  problems: Partial<Record<string, Problem>>;
}

export interface FormOptions<V extends FormValues, I> {
  initial: V;
  /** Runs on every change; cheap pure checks only (zod schemas, parsers). */
  validate: (values: V) => Validation<I>;
  /** Sends the input; throw (e.g. an ApiCallError) to keep the form open. */
  submit: (input: I) => Promise<void>;
  /** API error codes that concern one field, e.g. a duplicate number. */
  codeFields?: Partial<Record<string, keyof V & string>>;
}

export interface Form<V extends FormValues> {
  values: V;
  set: <K extends keyof V & string>(name: K, value: V[K]) => void;
  /** Changes several values at once without marking them as touched. */
  patch: (values: Partial<V>) => void;
  touch: (name: keyof V & string) => void;
  /** The problem to show under a field now, if any. */
  problem: (name: keyof V & string) => Problem | undefined;
  formProblems: Problem[];
  submitting: boolean;
  onSubmit: (e: FormEvent<HTMLFormElement>) => void;
  /**
   * The record as it is now, after someone else saved it (edit.changedMeanwhile): fields the user changed keep
   * the typed value, the others take the new one, so neither side's change is lost unseen.
   */
  rebase: (loaded: V) => void;
  /** After a rebase, how many fields kept the user's own value (null: no reload since the last submit). */
  reloaded: number | null;
}

interface ServerProblem {
  problem: Problem;
  /** The value that was refused; the problem disappears once it is changed. */
  value: string | boolean;
}

/**
 * Form state with checks as the user types: a field shows its problem once it
 * was changed or left, or after a submit attempt. When the server refuses,
 * its issues are put back on the fields by path and the values stay as typed.
 */
export function useForm<V extends FormValues, I>(o: FormOptions<V, I>): Form<V> {
  const [values, setValues] = useState<V>(o.initial);
  const [touched, setTouched] = useState<Partial<Record<string, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [server, setServer] = useState<Partial<Record<string, ServerProblem>>>({});
  const [formProblems, setFormProblems] = useState<Problem[]>([]);
  // Focus moves to the first refused field after React has committed the
  // problems: a requestAnimationFrame could run before that commit and find no
  // field marked invalid yet (the server's refusal arrives outside any event).
  const formElement = useRef<HTMLFormElement | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    if (focusRequest > 0) formElement.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [focusRequest]);
  const focusFirstInvalid = () => setFocusRequest((n) => n + 1);

  const validation = o.validate(values);
  // What the fields held when loaded: a field differing from it is the user's own change.
  const baseline = useRef<V>(o.initial);
  const [reloaded, setReloaded] = useState<number | null>(null);
  // A reload answers after a round trip: what the user typed meanwhile counts too.
  const latest = useRef<V>(values);
  useEffect(() => {
    latest.current = values;
  }, [values]);
  const rebase = (loaded: V) => {
    const { values: next, kept } = rebaseValues(baseline.current, latest.current, loaded);
    baseline.current = loaded;
    setValues(next);
    setServer({});
    setFormProblems([]);
    setReloaded(kept.length);
  };

  const set = <K extends keyof V & string>(name: K, value: V[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setTouched((t) => (t[name] ? t : { ...t, [name]: true }));
  };
  const patch = (changes: Partial<V>) => setValues((v) => ({ ...v, ...changes }));
  const touch = (name: keyof V & string) => setTouched((t) => (t[name] ? t : { ...t, [name]: true }));

  const problem = (name: keyof V & string): Problem | undefined => {
    const refused = server[name];
    if (refused && refused.value === values[name]) return refused.problem;
    return touched[name] || attempted ? validation.problems[name] : undefined;
  };

  const refused = (e: unknown, snapshot: V) => {
    const fields: Partial<Record<string, ServerProblem>> = {};
    const general: Problem[] = [];
    const onField = (field: string, p: Problem) => {
      if (Object.prototype.hasOwnProperty.call(snapshot, field)) fields[field] = { problem: p, value: snapshot[field]! };
      else general.push(p);
    };
    if (e instanceof ApiCallError) {
      for (const issue of e.issues) {
        const field = issue.path.replace(/^values\.?/, '').split('.')[0] ?? '';
        onField(field, { code: issue.message, fallback: issue.message });
      }
      const field = o.codeFields?.[e.code];
      if (field) onField(field, problemFromError(e));
      else if (e.issues.length === 0) general.push(problemFromError(e));
      else if (general.length === 0) general.push({ code: 'form.checkFields' });
    } else {
      general.push(problemFromError(e));
    }
    setServer(fields);
    setFormProblems(general);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    formElement.current = e.currentTarget;
    if (submitting) return;
    setAttempted(true);
    setFormProblems([]);
    setReloaded(null);
    const input = validation.input;
    if (input === null) {
      // Problems of values no field shows (should not happen, but must not block silently).
      setFormProblems(
        Object.entries(validation.problems)
          .filter(([field, p]) => p !== undefined && !Object.prototype.hasOwnProperty.call(values, field))
          .map(([, p]) => p!),
      );
      focusFirstInvalid();
      return;
    }
    const snapshot = values;
    setSubmitting(true);
    o.submit(input)
      .catch((err: unknown) => {
        refused(err, snapshot);
        focusFirstInvalid();
      })
      .finally(() => setSubmitting(false));
  };

  return { values, set, patch, touch, problem, formProblems, submitting, onSubmit, rebase, reloaded };
}
