/**
 * What the parties import dialog decides, without React: how an edit in the
 * mapping changes it (a column feeds one field; a kind column taken away
 * leaves the kind unsaid) and whether "Import" may be pressed.
 */
import type { PartyField, PartyImportPreview, PartyMapping } from '../../../../../shared/parties';

/** The fields in the order the editor shows them; `kind` has its own control. */
export const PARTY_EDITOR_FIELDS: readonly PartyField[] = [
  'number',
  'name',
  'iban',
  'bic',
  'mandateId',
  'mandateDate',
  'sequence',
  'scheme',
  'street',
  'postalCode',
  'city',
  'country',
  'email',
];

export type KindChoice = 'customer' | 'supplier' | 'column' | 'ask';

export function kindChoiceOf(m: PartyMapping): KindChoice {
  return m.kind.from === 'constant' ? m.kind.value : m.kind.from;
}

export function withKindChoice(m: PartyMapping, choice: KindChoice): PartyMapping {
  if (choice === 'column') return { ...m, kind: m.kind.from === 'column' ? m.kind : { from: 'column', customer: [], supplier: [] } };
  if (choice === 'ask') return { ...m, kind: { from: 'ask' } };
  return { ...m, kind: { from: 'constant', value: choice } };
}

export function withKindValues(m: PartyMapping, side: 'customer' | 'supplier', values: string[]): PartyMapping {
  return m.kind.from === 'column' ? { ...m, kind: { ...m.kind, [side]: values } } : m;
}

/** Assigns a column to a field (null = not in the file), taking it from any other field that had it. */
export function withPartyColumn(m: PartyMapping, field: PartyField, column: string | null): PartyMapping {
  const columns = { ...m.columns };
  if (column !== null) for (const f of Object.keys(columns) as PartyField[]) if (columns[f] === column) columns[f] = null;
  columns[field] = column;
  let kind = m.kind;
  if (field === 'kind') kind = column === null ? { from: 'ask' } : m.kind.from === 'column' ? m.kind : { from: 'column', customer: [], supplier: [] };
  else if (columns.kind === null && kind.from === 'column') kind = { from: 'ask' };
  return { ...m, columns, kind };
}

export type PartyReadinessReason =
  'import.noFile' | 'import.alreadyImportedShort' | 'import.mappingIncompleteShort' | 'import.rowsHaveErrorsShort' | 'import.nothingToImportShort';

export function partyReadiness(p: PartyImportPreview | undefined, skipInvalid: boolean): { count: number; allowed: boolean; reason?: PartyReadinessReason } {
  if (!p) return { count: 0, allowed: false, reason: 'import.noFile' };
  const count = p.totals.ok;
  if (p.alreadyImported) return { count, allowed: false, reason: 'import.alreadyImportedShort' };
  if (p.mappingIssues.length > 0) return { count, allowed: false, reason: 'import.mappingIncompleteShort' };
  if (p.totals.failed > 0 && !skipInvalid) return { count, allowed: false, reason: 'import.rowsHaveErrorsShort' };
  if (count === 0) return { count, allowed: false, reason: 'import.nothingToImportShort' };
  return { count, allowed: true };
}
