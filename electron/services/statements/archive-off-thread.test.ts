/**
 * A large statement file's hash and audit copy are made on a worker thread
 * while it is parsed (store-file.ts, archive-writer.ts). Forced here onto
 * small files (offThreadFrom 0) of several 1 MiB frames: the ledger and the
 * archive must come out exactly as when the main thread does it all, and
 * every safety property of the import must hold — content imported before
 * refused before the commit, a refused file leaving no rows and no copy, no
 * temporary file left behind.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateCamt053, generateMt940 } from '../../../test/bench/inputs/statements';
import { tempContext } from '../../../test/integration/helpers';
import { recordArchivedImportFile } from '../../ledger/repos/import-files';
import { archivePath, archiveTempDir, isArchived, readArchivedRange } from '../../statements/archive';
import { kontorErrorOf } from '../../statements/test-helpers';
import { statementArchiveDir, storeStatementFile } from './store-file';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
/** About 2.6 MB (camt) and 1.4 MB (MT940): several frames, the last one partial. */
const camt = generateCamt053(1000, 11);
const mt940 = generateMt940(6000, 11, 500);
const OFF = { offThreadFrom: 0 };

type Ctx = ReturnType<typeof tempContext>;
const table = (ctx: Ctx, sql: string) => ctx.db.prepare(sql).all();
const ledgerOf = (ctx: Ctx) => ({
  files: table(ctx, 'SELECT id, sha256, kind, file_name, size, content, content_store, imported_at FROM import_file ORDER BY id'),
  statements: table(ctx, 'SELECT * FROM statement ORDER BY id'),
  lines: table(ctx, 'SELECT * FROM statement_line ORDER BY id'),
});
const leftInIncoming = (ctx: Ctx) => {
  const dir = archiveTempDir(statementArchiveDir(ctx));
  return existsSync(dir) ? readdirSync(dir) : [];
};

function withContexts(fn: (inline: Ctx, offThread: Ctx) => void): void {
  const inline = tempContext();
  const offThread = tempContext();
  try {
    fn(inline, offThread);
  } finally {
    inline.cleanup();
    offThread.cleanup();
  }
}

describe('the audit copy written on a worker thread', () => {
  it('gives the same ledger rows and the same archive file, byte for byte, as the main thread (camt and MT940)', () => {
    for (const file of [camt, mt940]) {
      withContexts((inline, offThread) => {
        const a = storeStatementFile(inline, { fileName: 'f', bytes: file });
        const b = storeStatementFile(offThread, { fileName: 'f', bytes: file }, OFF);
        expect(b).toEqual(a);
        expect(a.stored.length).toBeGreaterThan(0);
        expect(ledgerOf(offThread)).toEqual(ledgerOf(inline));
        const name = (ctx: Ctx) => archivePath(statementArchiveDir(ctx), sha256(file));
        expect(readFileSync(name(offThread)).equals(readFileSync(name(inline)))).toBe(true);
        // A range across the first frame boundary reads back from the worker's frames.
        expect(
          readArchivedRange(statementArchiveDir(offThread), sha256(file), (1 << 20) - 100, (1 << 20) + 100).equals(
            file.subarray((1 << 20) - 100, (1 << 20) + 100),
          ),
        ).toBe(true);
        expect(leftInIncoming(offThread)).toEqual([]);
      });
    }
  });

  it('refuses content imported before, before the commit, and leaves the ledger as it was', () => {
    withContexts((inline) => {
      storeStatementFile(inline, { fileName: 'first', bytes: camt }, OFF);
      const before = ledgerOf(inline);
      const again = storeStatementFile(inline, { fileName: 'again', bytes: camt }, OFF);
      expect(again).toEqual({ stored: [], duplicates: 0, duplicateFiles: 1, files: 1, paymentsUpdated: 0 });
      expect(ledgerOf(inline)).toEqual(before);
      expect(isArchived(statementArchiveDir(inline), sha256(camt))).toBe(true);
      expect(leftInIncoming(inline)).toEqual([]);
    });
  });

  it('counts a container member imported before as a duplicate and stores the others', () => {
    withContexts((inline, offThread) => {
      storeStatementFile(inline, { fileName: 'first', bytes: mt940 });
      storeStatementFile(offThread, { fileName: 'first', bytes: mt940 }, OFF);
      const zip = zipSync({ 'old.sta': mt940, 'new.xml': camt });
      const a = storeStatementFile(inline, { fileName: 'z.zip', bytes: zip });
      const b = storeStatementFile(offThread, { fileName: 'z.zip', bytes: zip }, OFF);
      expect(b).toEqual(a);
      expect(b).toMatchObject({ duplicateFiles: 1, files: 2 });
      expect(ledgerOf(offThread)).toEqual(ledgerOf(inline));
    });
  });

  it('leaves no rows, no copy and no temporary file for a file the parser refuses', () => {
    const broken = Buffer.from(camt.toString('utf8').replace(/<\/Ntry>(?![\s\S]*<\/Ntry>)/, '</Nt>'), 'utf8');
    withContexts((inline, offThread) => {
      const a = kontorErrorOf(() => storeStatementFile(inline, { fileName: 'b', bytes: broken }));
      const b = kontorErrorOf(() => storeStatementFile(offThread, { fileName: 'b', bytes: broken }, OFF));
      expect([b.code, b.message]).toEqual([a.code, a.message]);
      expect(ledgerOf(offThread)).toEqual({ files: [], statements: [], lines: [] });
      expect(isArchived(statementArchiveDir(offThread), sha256(broken))).toBe(false);
      expect(leftInIncoming(offThread)).toEqual([]);
    });
  });

  it('counts a refused file whose content was imported before as that duplicate, as when the hash comes first', () => {
    const broken = Buffer.from(camt.toString('utf8').replace(/<\/Ntry>(?![\s\S]*<\/Ntry>)/, '</Nt>'), 'utf8');
    withContexts((inline, offThread) => {
      for (const ctx of [inline, offThread]) {
        // As an earlier Kontor, less strict, would have recorded it.
        recordArchivedImportFile(ctx.db, {
          sha256: sha256(broken),
          kind: 'statement',
          fileName: 'old',
          size: broken.length,
          importedAt: '2026-01-01T00:00:00Z',
        });
      }
      const a = storeStatementFile(inline, { fileName: 'b', bytes: broken });
      const b = storeStatementFile(offThread, { fileName: 'b', bytes: broken }, OFF);
      expect(b).toEqual(a);
      expect(b.duplicateFiles).toBe(1);
      expect(leftInIncoming(offThread)).toEqual([]);
    });
  });

  it('removes temporary copies a crashed process left, not those of a process still running', () => {
    withContexts((ctx) => {
      const incoming = archiveTempDir(statementArchiveDir(ctx));
      mkdirSync(incoming, { recursive: true });
      // Above Linux's largest pid (2^22): no such process. Ours runs.
      const gone = '4194305-0-0.tmp';
      const running = `${process.pid}-7-0.tmp`;
      for (const name of [gone, running, 'not-ours.txt']) writeFileSync(join(incoming, name), 'x');
      storeStatementFile(ctx, { fileName: 'f', bytes: camt }, OFF);
      expect(leftInIncoming(ctx).sort()).toEqual([running, 'not-ours.txt'].sort());
    });
  });
});
