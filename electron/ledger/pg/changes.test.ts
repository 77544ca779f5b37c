import { describe, expect, it } from 'vitest';
import { areasWritten, ChangeTracker, notifyStatement } from './changes';

describe('which areas a statement writes', () => {
  it('names the areas of the tables inserted into, updated and deleted from', () => {
    expect(areasWritten('INSERT INTO entry (number) VALUES (?)')).toEqual(['entries']);
    expect(areasWritten('UPDATE payment_order SET status = ? WHERE id = ?')).toEqual(['orders']);
    expect(areasWritten('DELETE FROM reconcile_proposal WHERE line_id = ?')).toEqual(['statements']);
    expect(areasWritten('INSERT OR IGNORE INTO "person_role" (identity, role) VALUES (?, ?)')).toEqual(['people']);
  });

  it('skips reads, an upsert’s DO UPDATE SET and tables it does not know', () => {
    expect(areasWritten('SELECT * FROM entry WHERE updated_at > ?')).toEqual([]);
    expect(areasWritten('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')).toEqual(['settings']);
    expect(areasWritten('UPDATE schema_version SET version = 3')).toEqual([]);
  });

  it('collects one transaction’s areas once each, and starts afresh after taking them', () => {
    const t = new ChangeTracker();
    t.note('INSERT INTO entry (number) VALUES (?)');
    t.note('INSERT INTO audit_log (action) VALUES (?)');
    t.note('UPDATE entry SET status = ?');
    expect(t.take().sort()).toEqual(['audit', 'entries']);
    expect(t.take()).toEqual([]);
  });

  it('the notification carries the areas sorted and the server’s login, and no data', () => {
    const n = notifyStatement(['orders', 'audit']);
    expect(n.params).toEqual(['["audit","orders"]']);
    expect(n.sql).toBe("SELECT pg_notify('kontor_changes', json_build_object('areas', $1::json, 'by', session_user)::text)");
  });
});
