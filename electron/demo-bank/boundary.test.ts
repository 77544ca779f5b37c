/**
 * The demo bank is a second EBICS implementation, not a mirror of Kontor's
 * client: its production code may use the client's cryptographic primitives
 * (`electron/ebics/crypto`) and nothing else of the app besides `shared/`.
 * Its own XML reading and writing, signature placement, segmenting and store
 * live in this folder, so a mistake on one side of the wire shows up as a
 * failed exchange instead of passing both ways.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../..');
const BANK = join(REPO, 'electron', 'demo-bank');
const ALLOWED_FOLDERS = [BANK, join(REPO, 'electron', 'ebics', 'crypto'), join(REPO, 'shared')];

/** Every module a file names: import / export … from, import(), require(), import x = require(). */
export function importsOf(source: string, fileName = 'x.ts'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteralLike(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteralLike(node.moduleReference.expression)
    ) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === 'require';
      const first = node.arguments[0];
      if ((isImport || isRequire) && first !== undefined) found.push(ts.isStringLiteralLike(first) ? first.text : '(computed)');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function productionFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return productionFiles(path);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !/\.test\.(ts|mts)$/.test(e.name) ? [path] : [];
  });
}

const runtimePackages = new Set(
  Object.keys((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies),
);

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/** Why `specifier`, imported by `file`, crosses the bank's boundary; null when it does not. */
function crossing(file: string, specifier: string): string | null {
  if (specifier === '(computed)') return 'a computed import cannot be checked';
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    return ALLOWED_FOLDERS.some((folder) => target === folder || target.startsWith(folder + sep))
      ? null
      : `${relative(REPO, target)} is outside the demo bank, ebics/crypto and shared/`;
  }
  if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return null;
  if (specifier === 'electron') return 'the demo bank runs under plain Node';
  return runtimePackages.has(packageOf(specifier)) ? null : `${specifier} is not a runtime dependency in package.json`;
}

describe('the demo bank’s boundary', () => {
  it('finds every form of import in a file', () => {
    const source = [
      "import a from './a';",
      "import type { B } from '../b';",
      "export { c } from '../../c';",
      "export * from 'd';",
      "import 'e';",
      "const f = await import('f');",
      "const g = require('g');",
      "import h = require('h');",
      "type I = import('i').I;",
      'const j = await import(name);',
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a', '../b', '../../c', 'd', 'e', 'f', 'g', 'h', 'i', '(computed)']);
  });

  it('tells a crossing from an allowed import', () => {
    const file = join(BANK, 'protocol', 'x.ts');
    expect(crossing(file, './codes')).toBeNull();
    expect(crossing(file, '../../ebics/crypto/c14n')).toBeNull();
    expect(crossing(file, '../../../shared/dates')).toBeNull();
    expect(crossing(file, 'node:crypto')).toBeNull();
    expect(crossing(file, 'xmlbuilder2')).toBeNull();
    expect(crossing(file, '@xmldom/xmldom')).toBeNull();
    expect(crossing(file, '../../ebics/messages/versions')).toMatch(/outside/);
    expect(crossing(file, '../../ledger/migrate')).toMatch(/outside/);
    expect(crossing(file, '../../../test/support/clock')).toMatch(/outside/);
    expect(crossing(file, 'vitest')).toMatch(/not a runtime dependency/);
    expect(crossing(file, 'electron')).toMatch(/plain Node/);
  });

  it('production code imports only its own files, electron/ebics/crypto, shared/ and runtime packages', () => {
    const files = productionFiles(BANK);
    expect(files.length).toBeGreaterThan(50);
    const crossings = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'), file).flatMap((specifier) => {
        const why = crossing(file, specifier);
        return why === null ? [] : [`${relative(REPO, file)} imports ${specifier}: ${why}`];
      }),
    );
    expect(crossings).toEqual([]);
  });

  it('uses the client’s crypto primitives and nothing of its message layer', () => {
    const specifiers = productionFiles(BANK).flatMap((file) => importsOf(readFileSync(file, 'utf8'), file).map((s) => resolve(dirname(file), s)));
    const crypto = join(REPO, 'electron', 'ebics', 'crypto') + sep;
    const used = new Set(specifiers.filter((s) => s.startsWith(crypto)).map((s) => relative(crypto, s)));
    // Canonicalisation, hashes, keys, E002 and the independent ES verifier: primitives. Message building and signature placement are the bank's own.
    expect([...used].sort()).toEqual(expect.arrayContaining(['c14n', 'e002']));
    for (const module of ['x002', 'xml', 'pipeline', 'index']) expect(used.has(module), `ebics/crypto/${module}`).toBe(false);
  });
});
