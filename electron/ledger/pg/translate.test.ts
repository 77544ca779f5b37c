import { describe, expect, it } from 'vitest';
import { migrations } from '../migrations/index';
import { pgMigrations } from './migrations/index';
import { segments, translate } from './translate';

describe('translating the repositories’ SQLite statements for the team ledger', () => {
  it('numbers ? parameters and leaves a ? inside a string literal alone', () => {
    expect(translate("SELECT id FROM entry WHERE number = ? AND payment_reference <> '?' AND status = ?").text).toBe(
      "SELECT id FROM entry WHERE number = $1 AND payment_reference <> '?' AND status = $2",
    );
  });

  it('binds @name parameters by name, the same name to the same number', () => {
    const t = translate('UPDATE statement SET currency = @currency, account_iban = @iban WHERE id = @id OR account_iban = @iban');
    expect(t.text).toBe('UPDATE statement SET currency = $1, account_iban = $2 WHERE id = $3 OR account_iban = $2');
    expect(t.names).toEqual(['currency', 'iban', 'id']);
  });

  it('quotes camelCase aliases, which PostgreSQL would fold to lower case, and leaves AS INTEGER and lower-case aliases', () => {
    expect(translate('SELECT prev_hash AS prevHash, CAST(x AS INTEGER) AS n, a AS plain FROM t').text).toBe(
      'SELECT prev_hash AS "prevHash", CAST(x AS INTEGER) AS n, a AS plain FROM t',
    );
  });

  it('keeps SQLite’s meaning of LIKE, COLLATE NOCASE and IS / IS NOT with a value', () => {
    expect(translate("SELECT 1 FROM account WHERE name LIKE ? ESCAPE '\\' ORDER BY name COLLATE NOCASE").text).toBe(
      "SELECT 1 FROM account WHERE name ILIKE $1 ESCAPE '\\' ORDER BY lower(name)",
    );
    expect(translate('SELECT 1 FROM t WHERE a IS NOT ? AND b IS ? AND c IS NOT NULL AND d IS NULL').text).toBe(
      'SELECT 1 FROM t WHERE a IS DISTINCT FROM $1 AND b IS NOT DISTINCT FROM $2 AND c IS NOT NULL AND d IS NULL',
    );
  });

  it('returns the new id of an INSERT (lastInsertRowid), except for tables keyed otherwise', () => {
    expect(translate('INSERT INTO entry (number) VALUES (?)')).toMatchObject({ text: 'INSERT INTO entry (number) VALUES ($1) RETURNING id', returnsId: true });
    expect(translate('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')).toMatchObject({
      returnsId: false,
    });
    expect(translate('INSERT OR IGNORE INTO import_file (sha256) VALUES (?)').text).toBe(
      'INSERT INTO import_file (sha256) VALUES ($1) ON CONFLICT DO NOTHING RETURNING id',
    );
  });

  it('refuses what it cannot translate faithfully', () => {
    expect(() => translate('INSERT OR REPLACE INTO setting (key, value) VALUES (?, ?)')).toThrow(/ON CONFLICT/);
    expect(() => translate('SELECT ? AS a, @b AS b')).toThrow(/mixes/);
  });

  it('splits strings, quoted names and comments from code', () => {
    expect(segments(`SELECT 'it''s' AS "x?" -- a ?\nFROM t`).map((s) => s.code)).toEqual([true, false, true, false, true, false, true]);
  });

  it('has a PostgreSQL twin for every SQLite migration, same numbers and names', () => {
    expect(pgMigrations.map((m) => [m.version, m.name])).toEqual(migrations.map((m) => [m.version, m.name]));
    for (const m of pgMigrations) expect(m.sql).not.toMatch(/\bINTEGER PRIMARY KEY\b|\bBLOB\b|RAISE\(ABORT/);
  });
});
