/**
 * The repositories' SQL is written for SQLite; the team ledger runs it on
 * PostgreSQL after these rewrites, done once per statement text and cached.
 * Only what the repositories use is covered — a statement that needs more
 * fails loudly here (or at the server) rather than meaning something else:
 *
 * - `?` and `@name` parameters become `$1…`;
 * - camelCase aliases (`AS prevHash`) are quoted: PostgreSQL folds unquoted names to lower case;
 * - `LIKE` becomes `ILIKE` (SQLite's LIKE ignores ASCII case), `x COLLATE NOCASE` becomes `lower(x)`;
 * - `a IS b` / `a IS NOT b` with a value become `IS [NOT] DISTINCT FROM` (SQLite's null-safe comparison);
 * - `json_each(?)` becomes `json_array_elements_text(?::json)` (same `value` column);
 * - `INSERT OR IGNORE` becomes `ON CONFLICT DO NOTHING`; an INSERT into a table with an `id` returns it,
 *   which is better-sqlite3's `lastInsertRowid`.
 */
export interface Translated {
  text: string;
  /** For `@name` parameters: the name of each `$n`, in order; null for positional ones. */
  names: string[] | null;
  /** True when the statement returns rows (a SELECT, or an INSERT returning its id). */
  returnsId: boolean;
}

/** Tables keyed by something other than an `id` column. */
const WITHOUT_ID = new Set(['setting', 'person', 'person_role', 'schema_version']);

interface Segment {
  code: boolean;
  text: string;
}

/** Splits SQL into code and the parts never to rewrite: string literals, quoted names, comments. */
export function segments(sql: string): Segment[] {
  const out: Segment[] = [];
  let code = '';
  let i = 0;
  const flush = () => {
    if (code) out.push({ code: true, text: code });
    code = '';
  };
  while (i < sql.length) {
    const c = sql[i];
    const end =
      c === "'" || c === '"'
        ? closingQuote(sql, i)
        : c === '-' && sql[i + 1] === '-'
          ? lineEnd(sql, i)
          : c === '/' && sql[i + 1] === '*'
            ? blockEnd(sql, i)
            : -1;
    if (end < 0) {
      code += c;
      i++;
      continue;
    }
    flush();
    out.push({ code: false, text: sql.slice(i, end) });
    i = end;
  }
  flush();
  return out;
}

function closingQuote(sql: string, start: number): number {
  const q = sql[start];
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === q) {
      if (sql[i + 1] === q) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

function lineEnd(sql: string, start: number): number {
  const n = sql.indexOf('\n', start);
  return n < 0 ? sql.length : n;
}

function blockEnd(sql: string, start: number): number {
  const n = sql.indexOf('*/', start + 2);
  return n < 0 ? sql.length : n + 2;
}

function rewriteCode(code: string, param: (name: string | null) => string): string {
  return code
    .replace(/@([A-Za-z_]\w*)|\?/g, (_m, name: string | undefined) => param(name ?? null))
    .replace(/\bAS(\s+)([A-Za-z_]\w*)/g, (m, space: string, alias: string) => (/[a-z]/.test(alias) && /[A-Z]/.test(alias) ? `AS${space}"${alias}"` : m))
    .replace(/\bLIKE\b/gi, 'ILIKE')
    .replace(/([\w.]+)\s+COLLATE\s+NOCASE\b/gi, 'lower($1)')
    .replace(/\bIS\s+NOT\s+(?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)/gi, 'IS DISTINCT FROM ')
    .replace(/\bIS\s+(?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)/gi, 'IS NOT DISTINCT FROM ')
    .replace(/\bjson_each\((\$\d+)\)/gi, 'json_array_elements_text($1::json)')
    .replace(/\bAS\s+REAL\b/gi, 'AS double precision');
}

export function translate(sql: string): Translated {
  if (/^\s*INSERT\s+OR\s+REPLACE\b/i.test(sql)) throw new Error('INSERT OR REPLACE has no PostgreSQL translation; write ON CONFLICT … DO UPDATE');
  const names: string[] = [];
  let positional = 0;
  const param = (name: string | null): string => {
    if (name === null) return `$${++positional}`;
    let n = names.indexOf(name);
    if (n < 0) n = names.push(name) - 1;
    return `$${n + 1}`;
  };
  let text = segments(sql.trim().replace(/;\s*$/, ''))
    .map((s) => (s.code ? rewriteCode(s.text, param) : s.text))
    .join('');
  if (names.length && positional) throw new Error('A statement mixes ? and @name parameters');
  const ignore = /^\s*INSERT\s+OR\s+IGNORE\s+/i.test(text);
  if (ignore) text = `${text.replace(/^\s*INSERT\s+OR\s+IGNORE\s+/i, 'INSERT ')} ON CONFLICT DO NOTHING`;
  const table = /^\s*INSERT\s+INTO\s+"?(\w+)"?/i.exec(text)?.[1]?.toLowerCase();
  const returnsId = table !== undefined && !WITHOUT_ID.has(table) && !/\bRETURNING\b/i.test(text);
  if (returnsId) text = `${text} RETURNING id`;
  return { text, names: names.length ? names : null, returnsId };
}
