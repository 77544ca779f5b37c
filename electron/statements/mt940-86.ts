/**
 * The MT940 `:86:` information field, read by the file's dialect
 * (mt940-dialect.ts). Structured shapes are recognised in any file — banks
 * mix layouts (ABN AMRO writes three in one file, ASN embeds ABN's `/TRTP/`
 * layout for direct debits) — and the dialect decides how the rest is read:
 *
 * - numbered sub-fields `?NN` / `>NN` / `~NN` after a 3-digit code: mt940-86-structured.ts;
 * - `/CODE/value` (ING's `//` grammar, or the single-slash layouts): mt940-86-slash.ts;
 * - labelled and free text per bank: mt940-86-text.ts.
 *
 * Wrapping: structured and slash layouts are cut at 65 characters anywhere
 * (inside values and code words), so their lines are joined as they are;
 * text layouts treat a line break as a word boundary unless the line is full.
 */
import type { StatementDialect } from './model';
import { type Info86 } from './mt940-86-common';
import { ingTags, looksIng, slashTags } from './mt940-86-slash';
import { STRUCTURED, structured } from './mt940-86-structured';
import { abnColumns, accountFirst, freeText, ingUnstructured, knabLabels, mbankFields, postfinanceLabels, raiffeisenText } from './mt940-86-text';

export { joinWrapped, type Info86 } from './mt940-86-common';
export { nonSwift } from './mt940-86-text';

export interface Read86Options {
  dialect?: StatementDialect;
  /** Country of the account's bank (from the file head), for layouts that differ by country. */
  country?: string;
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** `?`, `>` or `~`: the sub-field marks of STRUCTURED. */
function isSeparator(c: number): boolean {
  return c === 63 || c === 62 || c === 126;
}

/** Reads one `:86:` field (its physical lines, without the tag) of a booking with the given direction. */
export function parse86(lines: readonly string[], credit: boolean, options: Read86Options = {}): Info86 {
  const dialect = options.dialect ?? 'swift';
  const direct = lines.length === 1 ? (lines[0] as string) : lines.join('');
  const luAddress = dialect === 'raiffeisen' && options.country === 'LU';
  // The common shape `166?00…` without the regular expression (what it would capture is the same).
  if (isDigit(direct, 0) && isDigit(direct, 1) && isDigit(direct, 2) && isSeparator(direct.charCodeAt(3)) && isDigit(direct, 4) && isDigit(direct, 5)) {
    return structured(direct, direct.slice(0, 3), direct.charAt(3), credit, luAddress);
  }
  const g = STRUCTURED.exec(direct);
  if (g !== null) return structured(direct, g[1] as string, g[2] as string, credit, luAddress);
  if (/^\s*\/[A-Z]{2,4}\//.test(direct)) {
    if (dialect === 'ing-nl' || (dialect !== 'abn-amro' && dialect !== 'rabobank' && dialect !== 'knab' && looksIng(direct))) return ingTags(direct);
    if (dialect !== 'citibank') return slashTags(direct);
  }
  switch (dialect) {
    case 'abn-amro':
      return abnColumns(lines) ?? freeText(lines, dialect, credit);
    case 'knab':
      return knabLabels(lines) ?? freeText(lines, dialect, credit);
    case 'asn':
    case 'sns':
      return accountFirst(lines) ?? freeText(lines, dialect, credit);
    case 'postfinance':
      return postfinanceLabels(lines);
    case 'mbank':
      return mbankFields(lines, credit);
    case 'ing-nl':
      return ingUnstructured(lines);
    case 'raiffeisen':
      return raiffeisenText(lines, options.country);
    default:
      return freeText(lines, dialect, credit);
  }
}
