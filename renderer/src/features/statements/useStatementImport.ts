import { useRef, useState, type DragEvent } from 'react';
import { MAX_STATEMENT_IMPORT_BASE64, type StatementImportResult } from '../../../../shared/statements';
import { call } from '../../api/client';
import { fileToBase64 } from '../../api/files';
import { problemFromError, type Problem } from '../../i18n/problems';

/** Largest file that fits the import call once in base64. */
const MAX_FILE_BYTES = Math.floor(MAX_STATEMENT_IMPORT_BASE64 / 4) * 3;

export type Imported = StatementImportResult & { fileName: string };

/**
 * Importing a statement file, chosen or dropped on the screen: its state, the
 * hidden file input's ref and the drop handlers. `onImported` runs after
 * every import the main process accepted.
 */
export function useStatementImport(onImported: () => void) {
  const [dragging, setDragging] = useState(false);
  const [importing, setImporting] = useState(false);
  const [imported, setImported] = useState<Imported>();
  const [importFailed, setImportFailed] = useState<Problem>();
  const fileInput = useRef<HTMLInputElement>(null);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setImported(undefined);
    setImportFailed(undefined);
    if (file.size > MAX_FILE_BYTES) {
      setImportFailed({ code: 'import.tooLarge', params: { maxMb: Math.floor(MAX_FILE_BYTES / 1024 / 1024) } });
      return;
    }
    setImporting(true);
    try {
      let base64: string;
      try {
        base64 = await fileToBase64(file);
      } catch {
        setImportFailed({ code: 'file.unreadable' });
        return;
      }
      const result = await call('statements.import', { fileName: file.name, base64 });
      setImported({ ...result, fileName: file.name });
      onImported();
    } catch (e) {
      setImportFailed(problemFromError(e));
    } finally {
      setImporting(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  const dropProps = {
    onDragOver: (e: DragEvent<HTMLDivElement>) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      if (!dragging) setDragging(true);
    },
    onDragLeave: (e: DragEvent<HTMLDivElement>) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent<HTMLDivElement>) => {
      if (!hasFiles(e)) return;
      setDragging(false);
      // A bank's CSV export is left to the window, which opens the bank CSV dialog for it.
      if (/\.csv$/i.test(e.dataTransfer.files[0]?.name ?? '')) return;
      e.preventDefault();
      void importFile(e.dataTransfer.files[0]);
    },
  };

  return { importFile, importing, imported, importFailed, fileInput, dragging, dropProps };
}
