import type { Database } from 'better-sqlite3';

/** Every imported file by its content's SHA-256, so the same content is never imported twice. */
export interface ImportFileRow {
  id: number;
  sha256: string;
  kind: string;
  fileName: string;
  size: number;
  importedAt: string;
}

export function findImportFile(db: Database, sha256: string): ImportFileRow | undefined {
  return db.prepare('SELECT id, sha256, kind, file_name AS fileName, size, imported_at AS importedAt FROM import_file WHERE sha256 = ?').get(sha256) as
    ImportFileRow | undefined;
}

export function recordImportFile(db: Database, v: { sha256: string; kind: string; fileName: string; content: Uint8Array; importedAt: string }): number {
  const { lastInsertRowid } = db
    .prepare('INSERT INTO import_file (sha256, kind, file_name, size, content, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(v.sha256, v.kind, v.fileName, v.content.length, Buffer.from(v.content.buffer, v.content.byteOffset, v.content.byteLength), v.importedAt);
  return Number(lastInsertRowid);
}

/** A file whose content the caller keeps in the archive beside the ledger, named by its SHA-256 (see electron/statements/archive.ts). */
export function recordArchivedImportFile(db: Database, v: { sha256: string; kind: string; fileName: string; size: number; importedAt: string }): number {
  const { lastInsertRowid } = db
    .prepare(`INSERT INTO import_file (sha256, kind, file_name, size, content, content_store, imported_at) VALUES (?, ?, ?, ?, NULL, 'archive', ?)`)
    .run(v.sha256, v.kind, v.fileName, v.size, v.importedAt);
  return Number(lastInsertRowid);
}

/**
 * Names the content of a row recorded before its hash was known (the hash of a
 * large file is computed on another thread while its lines are stored; the row
 * carries a placeholder until then, inside the same transaction).
 */
export function setImportFileHash(db: Database, id: number, sha256: string): void {
  db.prepare('UPDATE import_file SET sha256 = ? WHERE id = ?').run(sha256, id);
}

/** The hashes of every file whose content is in the archive (what a backup must copy beside the ledger). */
export function archivedImportHashes(db: Database): string[] {
  return (db.prepare(`SELECT sha256 FROM import_file WHERE content_store = 'archive' ORDER BY id`).all() as { sha256: string }[]).map((r) => r.sha256);
}

/** The latest file of this kind imported under this name (whatever its content), for the warning that the name was seen before. */
export function findImportFileByName(db: Database, kind: string, fileName: string): ImportFileRow | undefined {
  return db
    .prepare(
      `SELECT id, sha256, kind, file_name AS fileName, size, imported_at AS importedAt FROM import_file
       WHERE kind = ? AND file_name = ? ORDER BY imported_at DESC, id DESC LIMIT 1`,
    )
    .get(kind, fileName) as ImportFileRow | undefined;
}
