import { useEffect, useReducer, useRef, type Dispatch, type DragEvent } from 'react';
import { fileToBase64 } from '../../api/files';
import { useDebounced } from '../../hooks/useDebounced';
import { problemFromError } from '../../i18n/problems';
import { flowReducer, initialFlow, requestKey, requestOf, type FlowAction, type FlowState, type ImportFile } from './importFlow';

export interface ImportFlowConfig<M, P, R, O, Q> {
  /** The import's own choices at the start. */
  options: O;
  /** Larger files are refused before they are read. */
  maxBytes: number;
  /** What the preview depends on besides the file; a change asks for a new preview. */
  request: (s: FlowState<M, P, R, O>) => Q;
  /** Whether a preview can be asked for yet (e.g. a business entity is chosen). */
  ready?: (request: Q) => boolean;
  preview: (file: ImportFile, request: Q) => Promise<P>;
  /** Wait this long after the last change before asking (0: at once). */
  delayMs?: number;
  /** The choices a new file resets. */
  onNewFile?: Partial<O>;
  /** The choices a preview sets, from what it answered to the request. */
  onPreview?: (preview: P, request: Q) => Partial<O>;
  /** A file dropped onto the window that opened the dialog. */
  initialFile?: File | undefined;
}

export interface ImportFlow<M, P, R, O> {
  state: FlowState<M, P, R, O>;
  dispatch: Dispatch<FlowAction<M, P, R, O>>;
  /** The mapping on screen: the user's, or the one the last preview used. */
  shown: M | undefined;
  /** A preview is asked for (or about to be) that has not answered yet. */
  pending: boolean;
  readFile: (file: File | undefined) => void;
  /** The user changed the mapping. */
  change: (mapping: M) => void;
  /** Props of the element that takes dropped files. */
  dropZone: { onDragOver: (e: DragEvent) => void; onDragLeave: () => void; onDrop: (e: DragEvent) => void };
  /** Runs the commit call; the answer becomes the result, a refusal the commit problem. */
  commit: (run: () => Promise<R>, onDone?: (result: R) => void) => void;
}

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');

/** The state and the steps of a CSV import dialog: reading the file, previews as the choices change, the commit. */
export function useImportFlow<M, P extends { mapping: M }, R, O, Q>(config: ImportFlowConfig<M, P, R, O, Q>): ImportFlow<M, P, R, O> {
  const [state, dispatch] = useReducer(flowReducer<M, P, R, O>, config.options, initialFlow<M, P, R, O>);
  const request = config.request(state);
  const ready = config.ready?.(request) ?? true;
  const key = ready ? requestKey(state.file, request) : '';
  const settled = useDebounced(key, config.delayMs ?? 0);
  const latest = useRef(config);
  useEffect(() => {
    latest.current = config;
  });

  useEffect(() => {
    const file = state.file;
    const asked = requestOf<Q>(settled, file);
    if (!file || asked === undefined) return;
    let current = true;
    dispatch({ type: 'previewStarted' });
    latest.current.preview(file, asked).then(
      (p) => {
        if (current) dispatch({ type: 'previewAnswered', key: settled, preview: p, options: latest.current.onPreview?.(p, asked) ?? {} });
      },
      (e: unknown) => {
        if (current) dispatch({ type: 'previewFailed', key: settled, problem: problemFromError(e) });
      },
    );
    return () => {
      current = false;
    };
  }, [state.file, settled]);

  const readFile = (chosen: File | undefined) => {
    dispatch({ type: 'fileChosen' });
    if (!chosen) return;
    if (chosen.size > config.maxBytes) {
      dispatch({ type: 'fileRefused', problem: { code: 'import.tooLarge', params: { maxMb: config.maxBytes / 1024 / 1024 } } });
      return;
    }
    dispatch({ type: 'fileReading' });
    fileToBase64(chosen).then(
      (base64) => dispatch({ type: 'fileRead', name: chosen.name, base64, options: latest.current.onNewFile ?? {} }),
      () => dispatch({ type: 'fileRefused', problem: { code: 'file.unreadable' } }),
    );
  };

  // A file dropped onto the window opens the dialog with it (read once, also when effects run twice).
  const readInitial = useRef<File | undefined>(undefined);
  const { initialFile } = config;
  useEffect(() => {
    if (!initialFile || readInitial.current === initialFile) return;
    readInitial.current = initialFile;
    readFile(initialFile);
  }, [initialFile]); // eslint-disable-line react-hooks/exhaustive-deps -- readFile reads the latest config itself

  const commit = (run: () => Promise<R>, onDone?: (result: R) => void) => {
    dispatch({ type: 'commitStarted' });
    run().then(
      (result) => {
        dispatch({ type: 'committed', result });
        onDone?.(result);
      },
      (e: unknown) => dispatch({ type: 'commitFailed', problem: problemFromError(e) }),
    );
  };

  const dropZone = {
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dispatch({ type: 'dragging', on: true });
    },
    onDragLeave: () => dispatch({ type: 'dragging', on: false }),
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      dispatch({ type: 'dragging', on: false });
      readFile(e.dataTransfer.files[0]);
    },
  };

  return {
    state,
    dispatch,
    shown: state.mapping ?? state.preview?.mapping,
    pending: key !== '' && (state.loading || key !== state.answered),
    readFile,
    change: (mapping: M) => dispatch({ type: 'mapping', mapping }),
    dropZone,
    commit,
  };
}
