/**
 * Finds SQL in TypeScript source: calls that hand SQL to SQLite (`prepare`,
 * `pragma`, `exec` with text or on a database) and string or template
 * literals that read as SQL (a statement, or a fragment such as a WHERE
 * clause or aliased columns). Comments do not count; a regular expression's
 * `exec(text)` does not either. Read with the TypeScript parser, so quotes
 * and templates nest as the compiler sees them.
 */
import ts from 'typescript';

export interface SqlFinding {
  line: number;
  kind: 'call' | 'text';
  excerpt: string;
}

/** Statements in any case; they do not occur in prose the way they are written here. */
const STATEMENTS = [
  /\bSELECT\b[\s\S]*\bFROM\b/,
  /\bINSERT\s+(?:OR\s+\w+\s+)?INTO\b/i,
  /\bREPLACE\s+INTO\b/i,
  /\bUPDATE\s+\w+\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /\b(?:CREATE|DROP|ALTER)\s+(?:TEMP\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)\b/i,
  /\bPRAGMA\s+\w+/,
  /\bWITH\s+(?:RECURSIVE\s+)?\w+\s+AS\s*\(/,
];

/** Pieces a query is built from (upper case as SQL is written in Kontor). */
const FRAGMENTS = [
  /\bWHERE\s+[\w.]+\s*(?:=|<>|!=|<|>|\bIN\b|\bIS\b|\bLIKE\b|\bNOT\b)/,
  /\b(?:ORDER|GROUP)\s+BY\s+[\w.(]/,
  /\bJOIN\s+\w+\s+\w+\s+ON\b/,
  /\b\w+\.\w+\s+AS\s+\w+/,
  /\bVALUES\s*\(\s*[?@:]/,
  /\bLIMIT\s+\?/,
];

export function readsAsSql(text: string): boolean {
  return STATEMENTS.some((r) => r.test(text)) || FRAGMENTS.some((r) => r.test(text));
}

const TO_SQLITE = new Set(['prepare', 'pragma']);

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((s) => ` ? ${s.literal.text}`)].join('');
  return null;
}

/** `db`, `ctx.db`, `this.database`: a receiver that names a database. */
const namesDatabase = (expression: ts.Expression) => /(?:^|\.)(?:db|database|ledger)$/i.test(expression.getText());

export function findSql(source: string, fileName = 'source.ts'): SqlFinding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: SqlFinding[] = [];
  const report = (node: ts.Node, kind: SqlFinding['kind']) => {
    const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
    found.push({ line: line + 1, kind, excerpt: node.getText(file).replace(/\s+/g, ' ').slice(0, 100) });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const name = node.expression.name.text;
      const first = node.arguments[0];
      const textArgument = first !== undefined && literalText(first) !== null;
      if (TO_SQLITE.has(name) || (name === 'exec' && (textArgument || namesDatabase(node.expression.expression)))) report(node, 'call');
    }
    const text = literalText(node);
    if (text !== null && readsAsSql(text)) report(node, 'text');
    // A template's literal parts were read above; its expressions may hold more templates.
    if (ts.isTemplateExpression(node)) for (const span of node.templateSpans) visit(span.expression);
    else if (text === null) ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
