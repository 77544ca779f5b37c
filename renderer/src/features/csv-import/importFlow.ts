/**
 * The steps every CSV import dialog goes through, without React: a file is
 * chosen (or dropped) and read, the main process answers with a preview
 * for the file, the format, the profile and the mapping the user chose,
 * and "Import" commits what the preview showed. The entries import and the
 * bank CSV import share this state; each adds its own choices (`options`:
 * the business entity, our account, the filter text…), its mapping fields
 * and its preview columns.
 */
import type { ImportFormat } from '../../../../shared/entry-import';
import type { z } from 'zod';
import type { Problem } from '../../i18n/problems';

export interface ImportFile {
  name: string;
  base64: string;
  /** Counts the files read in this dialog: a preview answers one of them. */
  seq: number;
}

export interface FlowState<M, P, R, O> {
  file: ImportFile | null;
  fileProblem: Problem | undefined;
  /** The chosen file is being read into memory. */
  reading: boolean;
  /** A file is dragged over the dialog. */
  dragging: boolean;
  /** The profile chosen in its select ('' = none, or the proposed one). */
  profile: string;
  /** The user's mapping; null while the server's (suggested, proposed or the profile's) applies unchanged. */
  mapping: M | null;
  preview: P | undefined;
  previewProblem: Problem | undefined;
  /** A preview call is under way. */
  loading: boolean;
  /** The request (file and choices) the last answer was for. */
  answered: string;
  saveAs: string;
  committing: boolean;
  commitProblem: Problem | undefined;
  result: R | undefined;
  /** The import's own choices. */
  options: O;
}

export type FlowAction<M, P, R, O> =
  | { type: 'fileChosen' }
  | { type: 'fileRefused'; problem: Problem }
  | { type: 'fileReading' }
  | { type: 'fileRead'; name: string; base64: string; options: Partial<O> }
  | { type: 'dragging'; on: boolean }
  | { type: 'profile'; name: string }
  | { type: 'mapping'; mapping: M | null }
  | { type: 'options'; options: Partial<O> }
  | { type: 'previewStarted' }
  | { type: 'previewAnswered'; key: string; preview: P; options: Partial<O> }
  | { type: 'previewFailed'; key: string; problem: Problem }
  | { type: 'saveAs'; name: string }
  | { type: 'commitStarted' }
  | { type: 'committed'; result: R }
  | { type: 'commitFailed'; problem: Problem };

export function initialFlow<M, P, R, O>(options: O): FlowState<M, P, R, O> {
  return {
    file: null,
    fileProblem: undefined,
    reading: false,
    dragging: false,
    profile: '',
    mapping: null,
    preview: undefined,
    previewProblem: undefined,
    loading: false,
    answered: '',
    saveAs: '',
    committing: false,
    commitProblem: undefined,
    result: undefined,
    options,
  };
}

export function flowReducer<M, P, R, O>(s: FlowState<M, P, R, O>, a: FlowAction<M, P, R, O>): FlowState<M, P, R, O> {
  switch (a.type) {
    case 'fileChosen':
      return { ...s, fileProblem: undefined, commitProblem: undefined };
    case 'fileRefused':
      return { ...s, reading: false, fileProblem: a.problem };
    case 'fileReading':
      return { ...s, reading: true };
    case 'fileRead':
      // A new file starts over: its own preview, the server's mapping for it.
      return {
        ...s,
        reading: false,
        file: { name: a.name, base64: a.base64, seq: (s.file?.seq ?? 0) + 1 },
        mapping: null,
        preview: undefined,
        previewProblem: undefined,
        options: { ...s.options, ...a.options },
      };
    case 'dragging':
      return { ...s, dragging: a.on };
    case 'profile':
      return { ...s, profile: a.name, mapping: null, commitProblem: undefined };
    case 'mapping':
      return { ...s, mapping: a.mapping, commitProblem: undefined };
    case 'options':
      return { ...s, options: { ...s.options, ...a.options } };
    case 'previewStarted':
      return { ...s, loading: true };
    case 'previewAnswered':
      return { ...s, preview: a.preview, previewProblem: undefined, answered: a.key, loading: false, options: { ...s.options, ...a.options } };
    case 'previewFailed':
      return { ...s, previewProblem: a.problem, answered: a.key, loading: false };
    case 'saveAs':
      return { ...s, saveAs: a.name };
    case 'commitStarted':
      return { ...s, committing: true, commitProblem: undefined };
    case 'committed':
      return { ...s, committing: false, result: a.result };
    case 'commitFailed':
      return { ...s, committing: false, commitProblem: a.problem };
  }
}

/** What identifies a preview: the file read and the request made for it. */
export function requestKey(file: ImportFile | null, request: unknown): string {
  return file ? `${file.seq}:${JSON.stringify(request)}` : '';
}

/** The request a key was made from, when it is for this file. */
export function requestOf<Q>(key: string, file: ImportFile | null): Q | undefined {
  if (!file || !key.startsWith(`${file.seq}:`)) return undefined;
  return JSON.parse(key.slice(key.indexOf(':') + 1)) as Q;
}

type Format = z.output<typeof ImportFormat>;

/** Sets or clears (undefined = detect again) one reading setting; the entries and the bank CSV mappings share the format. */
export function withFormat<M extends { format: Format }, K extends keyof Format>(m: M, key: K, value: Format[K] | undefined): M {
  const format = { ...m.format };
  if (value === undefined) delete format[key];
  else format[key] = value;
  return { ...m, format };
}

/** The options of a column select: the header and an example value below it. */
export function columnOptions(columns: readonly string[], examples: readonly string[]): { value: string; label: string }[] {
  return columns.map((c, k) => {
    const example = examples[k] ?? '';
    const short = example.length > 24 ? `${example.slice(0, 23)}…` : example;
    return { value: c, label: short ? `${c} — ${short}` : c };
  });
}
