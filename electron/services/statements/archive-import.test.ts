/**
 * The raw copy of an imported statement file lives in the archive beside the
 * ledger: the row names it by its SHA-256, a line's raw text is read from it,
 * backups take it along, and no crash or refusal leaves a row naming a copy
 * that is not there.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateCamt053 } from '../../../test/bench/inputs/statements';
import { ok, tempContext } from '../../../test/integration/helpers';
import { archivePath, isArchived, putArchived, readArchived } from '../../statements/archive';
import { statementArchiveDir, storeStatementFile } from './store-file';
import { lineDetail } from './view';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const file = generateCamt053(30, 7);

type Ctx = ReturnType<typeof tempContext>;
const rows = (ctx: Ctx) =>
  ctx.db.prepare('SELECT sha256, size, content IS NULL AS noContent, content_store AS store FROM import_file ORDER BY id').all() as {
    sha256: string;
    size: number;
    noContent: number;
    store: string;
  }[];
/** Every row whose content is in the archive names a copy that is there. */
const everyRowHasItsCopy = (ctx: Ctx) => rows(ctx).every((r) => r.store !== 'archive' || isArchived(statementArchiveDir(ctx), r.sha256));
const firstLine = (ctx: Ctx) =>
  ctx.db.prepare('SELECT id, raw_start AS start, raw_end AS "end" FROM statement_line ORDER BY id LIMIT 1').get() as { id: number; start: number; end: number };

describe('the audit copy of an imported statement file', () => {
  it('is kept in the archive by its SHA-256, not in the ledger, and shows each line its raw text', () => {
    const ctx = tempContext();
    try {
      storeStatementFile(ctx, { fileName: 'camt.xml', bytes: file });
      expect(rows(ctx)).toEqual([{ sha256: sha256(file), size: file.length, noContent: 1, store: 'archive' }]);
      expect(readArchived(statementArchiveDir(ctx), sha256(file)).equals(file)).toBe(true);
      const line = firstLine(ctx);
      const raw = lineDetail(ctx.db, line.id, statementArchiveDir(ctx)).raw;
      expect(raw).toBe(file.subarray(line.start, line.end).toString('utf8'));
      expect(raw).toMatch(/^<Ntry>[\s\S]*<\/Ntry>$/);
    } finally {
      ctx.cleanup();
    }
  });

  it('is shared when the same content comes again', () => {
    const ctx = tempContext();
    try {
      storeStatementFile(ctx, { fileName: 'camt.xml', bytes: file });
      const again = storeStatementFile(ctx, { fileName: 'camt-again.xml', bytes: file });
      expect(again).toMatchObject({ duplicateFiles: 1, stored: [] });
      expect(readdirSync(join(statementArchiveDir(ctx), 'sha256', sha256(file).slice(0, 2)))).toEqual([`${sha256(file)}.kbr`]);
    } finally {
      ctx.cleanup();
    }
  });

  it('left behind by a crash before the commit is no dangling reference, and the next import uses it', () => {
    const ctx = tempContext();
    try {
      // What a crash after the copy was synced and before the ledger committed leaves: a copy no row names.
      putArchived(statementArchiveDir(ctx), sha256(file), file);
      expect(rows(ctx)).toEqual([]);
      const stored = storeStatementFile(ctx, { fileName: 'camt.xml', bytes: file });
      expect(stored.stored).toHaveLength(1);
      expect(everyRowHasItsCopy(ctx)).toBe(true);
      expect(lineDetail(ctx.db, firstLine(ctx).id, statementArchiveDir(ctx)).raw).toMatch(/^<Ntry>/);
    } finally {
      ctx.cleanup();
    }
  });

  it('made for a container whose later file is refused is removed with the rolled-back rows', () => {
    const ctx = tempContext();
    try {
      const broken = Buffer.from(file.toString('utf8').replace('</Ntry>', '</Nt>'), 'utf8');
      const zip = zipSync({ 'good.xml': file, 'broken.xml': broken });
      expect(() => storeStatementFile(ctx, { fileName: 'auszuege.zip', bytes: zip })).toThrow(/broken\.xml/);
      expect(rows(ctx)).toEqual([]);
      expect(isArchived(statementArchiveDir(ctx), sha256(file))).toBe(false);
    } finally {
      ctx.cleanup();
    }
  });

  it('of a file imported before the archive (in the ledger) still shows its raw text', () => {
    const ctx = tempContext();
    try {
      storeStatementFile(ctx, { fileName: 'camt.xml', bytes: file });
      // As migration 012 leaves a ledger that had the content in its row.
      ctx.db.prepare(`UPDATE import_file SET content = ?, content_store = 'ledger'`).run(file);
      rmSync(archivePath(statementArchiveDir(ctx), sha256(file)));
      const line = firstLine(ctx);
      expect(lineDetail(ctx.db, line.id, statementArchiveDir(ctx)).raw).toBe(file.subarray(line.start, line.end).toString('utf8'));
    } finally {
      ctx.cleanup();
    }
  });

  it('goes along into a backup of the ledger', async () => {
    const ctx = tempContext();
    try {
      storeStatementFile(ctx, { fileName: 'camt.xml', bytes: file });
      const { file: backupFile } = (await ok(ctx, 'ledger.backup', {})) as { file: string };
      const backupArchive = backupFile.replace(/\.sqlite$/, '.archive');
      expect(existsSync(backupArchive)).toBe(true);
      expect(readArchived(backupArchive, sha256(file)).equals(file)).toBe(true);
    } finally {
      ctx.cleanup();
    }
  });
});
