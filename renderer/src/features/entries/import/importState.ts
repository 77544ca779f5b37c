/**
 * What the import dialog decides, without React: how an edit in the mapping
 * editor changes the mapping, which rows to show, and whether "Import" may
 * be pressed. The server recomputes the preview after each change; these
 * functions only keep the mapping consistent and the buttons honest.
 */
import type { ImportField, ImportMapping, ImportPreview, ImportPreviewRow } from '../../../../../shared/entry-import';
import { columnOptions as columnsWithExamples } from '../../csv-import/importFlow';

/** The fields in the order the editor shows them; `type` has its own control. */
export const EDITOR_FIELDS: readonly ImportField[] = [
  'number',
  'accountNumber',
  'accountName',
  'statementDate',
  'dueDate',
  'amount',
  'currency',
  'paymentReference',
  'requestedMethod',
  'mandateId',
  'mandateDate',
  'iban',
  'bic',
];

/** How the editor shows the type source: one select (`ask` until the user chose). */
export type TypeChoice = 'Debit' | 'Credit' | 'amountSign' | 'column' | 'ask';

export function typeChoiceOf(m: ImportMapping): TypeChoice {
  return m.type.from === 'constant' ? m.type.value : m.type.from;
}

export function withTypeChoice(m: ImportMapping, choice: TypeChoice): ImportMapping {
  switch (choice) {
    case 'column':
      return { ...m, type: m.type.from === 'column' ? m.type : { from: 'column', receivable: [], payable: [] } };
    case 'amountSign':
      // The sign decides, so amounts are signed by definition.
      return { ...m, type: { from: 'amountSign' }, amountSign: 'signed' };
    case 'ask':
      return { ...m, type: { from: 'ask' } };
    default:
      return { ...m, type: { from: 'constant', value: choice } };
  }
}

/** Values typed as `D, S` → ['D', 'S']: trimmed, empty ones dropped, each once. */
export function parseValues(text: string): string[] {
  const out: string[] = [];
  for (const v of text.split(',').map((x) => x.trim())) if (v !== '' && !out.some((o) => o.toLowerCase() === v.toLowerCase())) out.push(v);
  return out;
}

/** The values of a type column mapped to receivables or payables (the mapping must read the type from a column). */
export function withTypeValues(m: ImportMapping, side: 'receivable' | 'payable', values: string[]): ImportMapping {
  if (m.type.from !== 'column') return m;
  return { ...m, type: { ...m.type, [side]: values } };
}

/**
 * Assigns a column to a field (null = not in the file). A column feeds one
 * field only: it is taken from any other field that had it, so two selects
 * never show the same column.
 */
export function withColumn(m: ImportMapping, field: ImportField, column: string | null): ImportMapping {
  const columns = { ...m.columns };
  if (column !== null) {
    for (const f of Object.keys(columns) as ImportField[]) if (columns[f] === column) columns[f] = null;
  }
  columns[field] = column;
  let type = m.type;
  // A type column taken away leaves the type unsaid: the user chooses again, nothing is assumed.
  if (field === 'type') type = column === null ? (m.type.from === 'column' ? { from: 'ask' } : m.type) : { from: 'column', receivable: [], payable: [] };
  else if (columns.type === null && type.from === 'column') type = { from: 'ask' };
  return { ...m, columns, type };
}

export interface ImportReadiness {
  /** The rows "Import" would write. */
  count: number;
  allowed: boolean;
  /** Why not, as a message key. */
  reason?: 'import.noFile' | 'import.alreadyImportedShort' | 'import.mappingIncompleteShort' | 'import.rowsHaveErrorsShort' | 'import.nothingToImportShort';
}

/** "Import N entries" is pressable only when the commit would succeed. */
export function readiness(p: ImportPreview | undefined, skipInvalid: boolean): ImportReadiness {
  if (!p) return { count: 0, allowed: false, reason: 'import.noFile' };
  const count = p.totals.ok;
  if (p.alreadyImported) return { count, allowed: false, reason: 'import.alreadyImportedShort' };
  if (p.mappingIssues.length > 0) return { count, allowed: false, reason: 'import.mappingIncompleteShort' };
  if (p.totals.failed > 0 && !skipInvalid) return { count, allowed: false, reason: 'import.rowsHaveErrorsShort' };
  if (count === 0) return { count, allowed: false, reason: 'import.nothingToImportShort' };
  return { count, allowed: true };
}

/** At most `limit` rows: every failed one first in priority, then the first good ones, in line order. */
export function visibleRows<R extends Pick<ImportPreviewRow, 'ok' | 'line'>>(rows: readonly R[], onlyErrors: boolean, limit = 200): R[] {
  const failed = rows.filter((r) => !r.ok).slice(0, limit);
  if (onlyErrors) return failed;
  const good = rows.filter((r) => r.ok).slice(0, Math.max(0, limit - failed.length));
  return [...failed, ...good].sort((a, b) => a.line - b.line);
}

/** The options of a column select: the header and an example value below it. */
export function columnOptions(p: ImportPreview): { value: string; label: string }[] {
  return columnsWithExamples(p.columns, p.examples);
}
