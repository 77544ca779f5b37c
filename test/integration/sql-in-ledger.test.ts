/**
 * The guard of issue 16.4: SQL lives in electron/ledger (the app's ledger)
 * and electron/demo-bank/store (the demo bank's own database). Everywhere
 * else production code calls repository functions by name: no `prepare`,
 * no `exec` on a database, no SQL in a string or template.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSql } from '../support/sql-text';

const root = resolve(import.meta.dirname, '../..');

const SQL_HOMES = ['electron/ledger/', 'electron/demo-bank/store/'];

/** Test code by the names the lint configuration gives it (test/config/eslint.config.js). */
const isTestCode = (path: string) => /\.(test|spec)\.tsx?$/.test(path) || /(^|\/)test-[^/]*$/.test(path) || /-fixtures\.ts$/.test(path);

function productionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...productionFiles(path));
    } else if (/\.(ts|tsx|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') && !isTestCode(path)) {
      out.push(path);
    }
  }
  return out;
}

const files = ['electron', 'shared', 'renderer'].flatMap(productionFiles).map((f) => relative(root, join(root, f)).split(sep).join('/'));
const sqlIn = (path: string) => findSql(readFileSync(join(root, path), 'utf8'), path);

describe('SQL outside the ledger', () => {
  it('finds none in production code outside electron/ledger and electron/demo-bank/store', () => {
    const outside = files.filter((f) => !SQL_HOMES.some((h) => f.startsWith(h)));
    expect(outside.length).toBeGreaterThan(300);
    const found = outside.flatMap((f) => sqlIn(f).map((s) => `${f}:${s.line} ${s.excerpt}`));
    expect(found).toEqual([]);
  });

  it('finds the ledger repositories’ SQL, so the scan reads the tree it guards', () => {
    for (const repo of ['electron/ledger/repos/entries.ts', 'electron/ledger/repos/statement-lines.ts', 'electron/ledger/repos/reconcile-proposals.ts']) {
      expect(sqlIn(repo).length, repo).toBeGreaterThan(3);
    }
  });
});

describe('the SQL finder', () => {
  it.each([
    ["db.prepare('SELECT 1').get();", 'call'],
    ['ctx.db.exec(sql);', 'call'],
    ["db.pragma('journal_mode = WAL');", 'call'],
    ['run(`INSERT INTO entry (id) VALUES (?)`);', 'text'],
    ["const q = 'UPDATE payment SET status = ? WHERE id = ?';", 'text'],
    ['const q = `delete from entry where id = ${id}`;', 'text'],
    ['const cols = `e.id AS entryId, e.number`;', 'text'],
    ["const w = where.length ? `WHERE e.status = 'Open'` : '';", 'text'],
    ['const o = `${a} ORDER BY l.booking_date`;', 'text'],
  ])('reports %s', (code, kind) => {
    expect(findSql(code).map((f) => f.kind)).toContain(kind);
  });

  it.each([
    'const m = /^(\\d{2})$/.exec(text);',
    'const m = PATTERN.exec(value);',
    "const label = 'Select the file from the list and update the settings.';",
    "const de = 'Wählen Sie die Datei aus der Liste.';",
    '// SELECT id FROM entry WHERE id = ?',
    '/** UPDATE entry SET status = ? */ export const x = 1;',
  ])('leaves %s alone', (code) => {
    expect(findSql(code)).toEqual([]);
  });
});
