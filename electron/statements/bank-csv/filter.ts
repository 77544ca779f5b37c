/**
 * The small filter language of a bank CSV profile (`BankCsvMapping.filter`):
 * a tokenizer and a recursive-descent parser to an AST, evaluated per row.
 * Nothing is ever run as code (no eval, no Function); column names are looked
 * up in a Map, so `constructor` or `__proto__` are column names like any other.
 *
 *   expr       := orExpr
 *   orExpr     := andExpr ('or' andExpr)*
 *   andExpr    := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := operand op operand
 *   op         := '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=' | 'contains' | 'startsWith'
 *   operand    := "column" | bare-word column | 'text' | number-or-date literal
 *
 * Keywords are case-insensitive; a column named like a keyword needs double
 * quotes. A comparison compares as amounts when both sides read as amounts in
 * the file's decimal notation, as dates when both read as dates, else as
 * text (case-insensitive); `<`, `<=`, `>`, `>=` against an empty cell are false.
 * `contains` and `startsWith` always compare text, case-insensitively.
 */
import type { CsvDateFormat, DecimalSeparator } from '../../../shared/entry-import';
import { parseAmount } from '../../../shared/money';
import { columnLookup } from '../../csv/columns';
import { readDate } from '../../csv/readers';

export const MAX_FILTER_LENGTH = 500;
/** Parentheses and `not` together may nest this deep. */
export const MAX_FILTER_DEPTH = 16;

export class FilterError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** 0-based character position in the filter text. */
    readonly position: number,
  ) {
    super(message);
  }
}

// ---- tokens -----------------------------------------------------------------

type TokenKind = 'column' | 'word' | 'string' | 'literal' | 'op' | 'lparen' | 'rparen' | 'end';
interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const OPERATORS = ['<=', '>=', '!=', '<>', '=', '<', '>'] as const;
const WORD_START = /[\p{L}_]/u;
const WORD_PART = /[\p{L}\p{N}_.\-/*#]/u;
const LITERAL_START = /[0-9+\-\u2212]/;
const LITERAL_PART = /[0-9.,:\-/]/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'lparen' : 'rparen', text: c, pos });
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      // Quoted text or column name; the quote itself is written twice inside.
      let value = '';
      i++;
      let closed = false;
      while (i < text.length) {
        if (text[i] === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        value += text[i++];
      }
      if (!closed) {
        throw new FilterError(
          'bankCsv.filterUnterminated',
          c === "'" ? `The text starting at position ${pos + 1} has no closing '.` : `The column name starting at position ${pos + 1} has no closing ".`,
          pos,
        );
      }
      tokens.push({ kind: c === "'" ? 'string' : 'column', text: value, pos });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, pos });
      i += op.length;
      continue;
    }
    if (LITERAL_START.test(c) && (/[0-9]/.test(c) || /[0-9]/.test(text[i + 1] ?? ''))) {
      let value = c;
      i++;
      while (i < text.length && LITERAL_PART.test(text[i]!)) value += text[i++];
      tokens.push({ kind: 'literal', text: value, pos });
      continue;
    }
    if (WORD_START.test(c)) {
      let value = c;
      i++;
      while (i < text.length && WORD_PART.test(text[i]!)) value += text[i++];
      tokens.push({ kind: 'word', text: value, pos });
      continue;
    }
    throw new FilterError('bankCsv.filterSyntax', `Unexpected character "${c}" at position ${pos + 1}.`, pos);
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

// ---- AST ----------------------------------------------------------------------

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains' | 'startsWith';
export type Operand = { kind: 'column'; index: number; name: string } | { kind: 'value'; text: string };
export type FilterNode =
  { kind: 'and' | 'or'; items: FilterNode[] } | { kind: 'not'; item: FilterNode } | { kind: 'compare'; op: CompareOp; left: Operand; right: Operand };

const KEYWORDS = new Set(['and', 'or', 'not', 'contains', 'startswith']);

/** Parses a filter against a file's columns; throws FilterError with the position of the problem. */
export function parseFilter(text: string, columns: readonly string[]): FilterNode {
  if (text.length > MAX_FILTER_LENGTH) {
    throw new FilterError('bankCsv.filterTooLong', `The filter is longer than ${MAX_FILTER_LENGTH} characters.`, MAX_FILTER_LENGTH);
  }
  const tokens = tokenize(text);
  const find = columnLookup(columns);
  let at = 0;
  const peek = () => tokens[at]!;
  const isWord = (t: Token, w: string) => t.kind === 'word' && t.text.toLowerCase() === w;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the filter' : `"${t.text}" at position ${t.pos + 1}`);

  const expression = (depth: number): FilterNode => {
    const items = [conjunction(depth)];
    while (isWord(peek(), 'or')) {
      at++;
      items.push(conjunction(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'or', items };
  };
  const conjunction = (depth: number): FilterNode => {
    const items = [unary(depth)];
    while (isWord(peek(), 'and')) {
      at++;
      items.push(unary(depth));
    }
    return items.length === 1 ? items[0]! : { kind: 'and', items };
  };
  const unary = (depth: number): FilterNode => {
    const t = peek();
    if (depth >= MAX_FILTER_DEPTH && (isWord(t, 'not') || t.kind === 'lparen')) {
      throw new FilterError('bankCsv.filterTooDeep', `The filter nests deeper than ${MAX_FILTER_DEPTH} levels at position ${t.pos + 1}.`, t.pos);
    }
    if (isWord(t, 'not')) {
      at++;
      return { kind: 'not', item: unary(depth + 1) };
    }
    if (t.kind === 'lparen') {
      at++;
      const inner = expression(depth + 1);
      const close = peek();
      if (close.kind !== 'rparen') {
        throw new FilterError(
          'bankCsv.filterParenthesis',
          close.kind === 'end'
            ? `The parenthesis opened at position ${t.pos + 1} is never closed.`
            : `Expected ")" to close the parenthesis of position ${t.pos + 1}, found ${describe(close)}.`,
          close.kind === 'end' ? t.pos : close.pos,
        );
      }
      at++;
      return inner;
    }
    return comparison();
  };
  const operand = (): Operand => {
    const t = peek();
    if (t.kind === 'column' || (t.kind === 'word' && !KEYWORDS.has(t.text.toLowerCase()))) {
      const index = find(t.text);
      if (index === undefined) {
        throw new FilterError('bankCsv.filterUnknownColumn', `The file has no column "${t.text}" (position ${t.pos + 1}).`, t.pos);
      }
      at++;
      return { kind: 'column', index, name: columns[index]! };
    }
    if (t.kind === 'string' || t.kind === 'literal') {
      at++;
      return { kind: 'value', text: t.text };
    }
    if (t.kind === 'rparen') throw new FilterError('bankCsv.filterParenthesis', `There is no "(" for the ")" at position ${t.pos + 1}.`, t.pos);
    throw new FilterError('bankCsv.filterSyntax', `Expected a column, a text in '…' or a number, found ${describe(t)}.`, t.pos);
  };
  const comparison = (): FilterNode => {
    const left = operand();
    const t = peek();
    let op: CompareOp;
    if (t.kind === 'op') op = t.text === '<>' ? '!=' : (t.text as CompareOp);
    else if (isWord(t, 'contains')) op = 'contains';
    else if (isWord(t, 'startswith')) op = 'startsWith';
    else {
      throw new FilterError('bankCsv.filterSyntax', `Expected a comparison (=, !=, <, <=, >, >=, contains, startsWith), found ${describe(t)}.`, t.pos);
    }
    at++;
    const right = operand();
    return { kind: 'compare', op, left, right };
  };

  if (peek().kind === 'end') throw new FilterError('bankCsv.filterSyntax', 'The filter is empty.', 0);
  const tree = expression(0);
  const rest = peek();
  if (rest.kind !== 'end') {
    if (rest.kind === 'rparen') throw new FilterError('bankCsv.filterParenthesis', `There is no "(" for the ")" at position ${rest.pos + 1}.`, rest.pos);
    throw new FilterError('bankCsv.filterSyntax', `Expected "and", "or" or the end of the filter, found ${describe(rest)}.`, rest.pos);
  }
  return tree;
}

// ---- evaluation -----------------------------------------------------------------

export interface FilterFormat {
  decimal: DecimalSeparator;
  dateFormat: CsvDateFormat;
}

function asAmount(text: string, decimal: DecimalSeparator): number | null {
  const v = text.trim();
  if (v === '' || !/[0-9]/.test(v)) return null;
  try {
    return parseAmount(v, { decimal });
  } catch {
    return null;
  }
}

function asDate(text: string, format: CsvDateFormat): string | null {
  const v = text.trim();
  if (v === '' || !/^[0-9]/.test(v)) return null;
  try {
    return readDate(v, format);
  } catch {
    try {
      return readDate(v, 'yyyy-mm-dd');
    } catch {
      return null;
    }
  }
}

const order = (a: number | string, b: number | string) => (a < b ? -1 : a > b ? 1 : 0);

function compare(op: CompareOp, left: string, right: string, f: FilterFormat): boolean {
  if (op === 'contains' || op === 'startsWith') {
    const l = left.trim().toLocaleLowerCase('de');
    const r = right.trim().toLocaleLowerCase('de');
    return op === 'contains' ? l.includes(r) : l.startsWith(r);
  }
  let c: number;
  const la = asAmount(left, f.decimal);
  const ra = la === null ? null : asAmount(right, f.decimal);
  if (la !== null && ra !== null) c = order(la, ra);
  else {
    const ld = asDate(left, f.dateFormat);
    const rd = ld === null ? null : asDate(right, f.dateFormat);
    if (ld !== null && rd !== null) c = order(ld, rd);
    else if (op !== '!=' && op !== '=' && (left.trim() === '' || right.trim() === '')) {
      // An empty cell is neither less nor more than an amount or a date: `Betrag < 0` leaves it out.
      return false;
    } else c = order(left.trim().toLocaleLowerCase('de'), right.trim().toLocaleLowerCase('de'));
  }
  switch (op) {
    case '=':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

/** True when the row (its cells in column order) passes the filter. */
export function evaluateFilter(node: FilterNode, cells: readonly string[], f: FilterFormat): boolean {
  switch (node.kind) {
    case 'and':
      return node.items.every((n) => evaluateFilter(n, cells, f));
    case 'or':
      return node.items.some((n) => evaluateFilter(n, cells, f));
    case 'not':
      return !evaluateFilter(node.item, cells, f);
    case 'compare': {
      const value = (o: Operand) => (o.kind === 'column' ? (cells[o.index] ?? '') : o.text);
      return compare(node.op, value(node.left), value(node.right), f);
    }
  }
}
