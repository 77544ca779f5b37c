/**
 * Column names and the mapping of columns to fields, for every CSV import:
 * header names made usable as keys, the normal form header words are
 * compared in, the best column per field from a score, and finding a column
 * by a name written slightly differently (`Waehrung` for `Währung`).
 */

/** Lower case, umlauts spelled out, only letters and digits: `Fällig am` → `faelligam`. */
export function normalizeHeader(s: string): string {
  return s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');
}

/** Longest column name kept: the API's mappings take names of up to 200 characters, and ` (n)` may follow. */
const MAX_COLUMN_NAME = 180;

/** Header names made usable as keys: unique, at most MAX_COLUMN_NAME characters (+ ` (n)`), and `#n` for an empty one. */
export function columnNames(header: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, k) => {
    const base =
      raw
        .slice(0, MAX_COLUMN_NAME * 4)
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, MAX_COLUMN_NAME)
        .trim() || `#${k + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * Each field's most likely column, each column used once: every (field,
 * column) pair is scored, and the best fits are taken first.
 */
export function bestColumns<F extends string>(
  fields: readonly F[],
  samples: readonly { name: string; examples: readonly string[] }[],
  score: (field: F, name: string, examples: readonly string[]) => number,
): Map<F, string> {
  const pairs: { field: F; column: string; s: number }[] = [];
  for (const field of fields) {
    for (const c of samples) {
      const s = score(field, c.name, c.examples);
      if (s > 0) pairs.push({ field, column: c.name, s });
    }
  }
  pairs.sort((a, b) => b.s - a.s);
  const chosen = new Map<F, string>();
  const used = new Set<string>();
  for (const p of pairs) {
    if (chosen.has(p.field) || used.has(p.column)) continue;
    chosen.set(p.field, p.column);
    used.add(p.column);
  }
  return chosen;
}

/** Finds a column by name: exactly, else ignoring case, else ignoring case, umlauts and punctuation. */
export function columnLookup(columns: readonly string[]): (name: string) => number | undefined {
  const exact = new Map<string, number>();
  const folded = new Map<string, number>();
  const normal = new Map<string, number>();
  columns.forEach((c, k) => {
    if (!exact.has(c)) exact.set(c, k);
    if (!folded.has(c.toLowerCase())) folded.set(c.toLowerCase(), k);
    const n = normalizeHeader(c);
    if (n !== '' && !normal.has(n)) normal.set(n, k);
  });
  return (name) => exact.get(name) ?? folded.get(name.toLowerCase()) ?? (normalizeHeader(name) === '' ? undefined : normal.get(normalizeHeader(name)));
}

/** The first non-empty value of each column (trimmed); each row is looked at only for the columns still without one. */
export function firstValues(columnCount: number, rows: readonly { cells: readonly string[] }[]): string[] {
  const out: string[] = new Array<string>(columnCount).fill('');
  let pending = Array.from({ length: columnCount }, (_, k) => k);
  for (const r of rows) {
    if (pending.length === 0) break;
    pending = pending.filter((k) => {
      const v = (r.cells[k] ?? '').trim();
      if (v === '') return true;
      out[k] = v;
      return false;
    });
  }
  return out;
}

/** The values of the first `n` rows, column by column (what the suggestions look at). */
export function columnSamples(columns: readonly string[], rows: readonly { cells: readonly string[] }[], n: number): { name: string; examples: string[] }[] {
  const head = rows.slice(0, n);
  return columns.map((name, k) => ({ name, examples: head.map((r) => r.cells[k] ?? '') }));
}
