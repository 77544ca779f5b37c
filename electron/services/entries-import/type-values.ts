/**
 * Receivable or payable from the cell of a type column: first the values the
 * user mapped (remembered in the import profile: `D`/`K`, `S`/`H`, `RE`/`GS`
 * mean what the ERP means by them), then the words and signs Kontor knows.
 */
import { normalizeHeader } from '../../csv/columns';

/** The user's mapping of a type column's values. */
export interface TypeValues {
  receivable: string[];
  payable: string[];
}

const DEBIT_WORDS = new Set([
  'debit',
  'd',
  'dr',
  'db',
  'soll',
  's',
  'receivable',
  'ar',
  'forderung',
  'debitor',
  'ausgangsrechnung',
  'invoice',
  'rechnung',
  'kunde',
  'customer',
  '+',
  '+1',
  '1',
  'plus',
  'in',
]);
const CREDIT_WORDS = new Set([
  'credit',
  'c',
  'cr',
  'cd',
  'haben',
  'h',
  'payable',
  'ap',
  'verbindlichkeit',
  'kreditor',
  // D/K: Debitor/Kreditor, as DATEV-style exports mark the personal account.
  'k',
  'eingangsrechnung',
  'lieferant',
  'supplier',
  'vendor',
  '-',
  '\u2212',
  '-1',
  'minus',
  'out',
]);

/** Receivable or payable from the words and signs Kontor knows; null if the text says neither. */
export function readTypeWord(text: string): 'Debit' | 'Credit' | null {
  const v = text.trim().toLowerCase();
  const key = /^[+\-\u2212]/.test(v) ? v : normalizeHeader(v);
  if (DEBIT_WORDS.has(key)) return 'Debit';
  if (CREDIT_WORDS.has(key)) return 'Credit';
  return null;
}

/** The row's type from its cell: the user's values first (compared trimmed, whatever the case), then the known words. */
export function readType(text: string, values: TypeValues = { receivable: [], payable: [] }): 'Debit' | 'Credit' | null {
  const v = text.trim().toLowerCase();
  if (values.receivable.some((r) => r.toLowerCase() === v)) return 'Debit';
  if (values.payable.some((p) => p.toLowerCase() === v)) return 'Credit';
  return readTypeWord(text);
}
