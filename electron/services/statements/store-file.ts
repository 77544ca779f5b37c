/**
 * One statement file (or ZIP container of them) into the ledger, in one
 * transaction: every statement and line, and the payments the bookings
 * settle; the raw bytes go to the archive beside the ledger (named by their
 * SHA-256, which the ledger row records), written and synced before the
 * transaction commits, so no row ever names a copy that is not on disk. A
 * file whose content was stored before is not stored again; a statement
 * stored before (same account, kind, id and period) from another file is
 * skipped. Anything the parser refuses rolls everything back, and the copy
 * made for it is removed.
 *
 * A large file's hash and copy are made on a worker thread while it is
 * parsed (storeOffThread); its content found to be imported before is then
 * known only after the parse and rolled back to its savepoint, still before
 * anything commits.
 */
import { createHash, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { KontorError } from '../../../shared/errors';
import { findImportFile, recordArchivedImportFile, setImportFileHash } from '../../ledger/repos/import-files';
import { statementWriter } from '../../ledger/repos/statements';
import { putArchived, removeArchived } from '../../statements/archive';
import { ArchiveWriter } from '../../statements/archive-writer';
import { streamStatementFile } from '../../statements/parse';
import type { ServiceContext } from '../context';
import { isZip, zipMembers, type ContainedFile } from './container';
import { applyStatementToPayments } from './payment-lifecycle';

export interface StoreFileInput {
  fileName: string;
  bytes: Uint8Array;
  /** The access the file came from, when downloaded. */
  bankAccessId?: number | null;
}

export interface StoreFileResult {
  /** Ids of the statements stored now. */
  stored: number[];
  /** Statements skipped because they were stored before from another file. */
  duplicates: number;
  /** Files (a container counts its members) skipped because the same content was stored before. */
  duplicateFiles: number;
  files: number;
  paymentsUpdated: number;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The archive of imported statement files, beside the ledger in the data folder. */
export const statementArchiveDir = (ctx: Pick<ServiceContext, 'dataDir'>): string => join(ctx.dataDir, 'archive');

/** Files from this size on get their audit copy written on a worker thread (below it, starting the thread costs more than it saves). */
export const OFF_THREAD_FROM = 8 << 20;

/** What one file added; merged into the result only when the file is kept. */
interface MemberResult {
  stored: number[];
  duplicates: number;
  paymentsUpdated: number;
}

/** What every file of one import shares: one instant, and the copies made (removed again when the import rolls back). */
interface Job {
  ctx: ServiceContext;
  input: StoreFileInput;
  zip: boolean;
  at: string;
  madeNow: string[];
}

/** Thrown inside a file's savepoint when its hash, known only after the parse, shows the content was imported before. */
class DuplicateContent extends Error {}

export function storeStatementFile(ctx: ServiceContext, input: StoreFileInput, options: { offThreadFrom?: number } = {}): StoreFileResult {
  // A container's files come one at a time, each stored before the next is unpacked: memory holds one statement file, not the container.
  const zip = isZip(input.bytes);
  const members: Iterable<ContainedFile> = zip
    ? mapIterable(zipMembers(input.bytes), (f) => ({ name: `${input.fileName}/${f.name}`, bytes: f.bytes }))
    : [{ name: input.fileName, bytes: input.bytes }];
  const result: StoreFileResult = { stored: [], duplicates: 0, duplicateFiles: 0, files: 0, paymentsUpdated: 0 };
  const archive = statementArchiveDir(ctx);
  const madeNow: string[] = [];
  const offThreadFrom = options.offThreadFrom ?? OFF_THREAD_FROM;
  const job: Job = { ctx, input, zip, at: ctx.now(), madeNow };
  const store = ctx.db.transaction(() => {
    for (const member of members) {
      result.files += 1;
      const m = member.bytes.length >= offThreadFrom ? storeOffThread(job, member) : storeInline(job, member);
      if (m === 'duplicate') {
        result.duplicateFiles += 1;
        continue;
      }
      result.stored.push(...m.stored);
      result.duplicates += m.duplicates;
      result.paymentsUpdated += m.paymentsUpdated;
    }
    if (result.files === 0) throw new KontorError('statement.emptyContainer', 'The ZIP file contains no statement.');
  });
  try {
    store();
  } catch (e) {
    for (const hash of madeNow) removeArchived(archive, hash);
    throw e;
  }
  return result;
}

/** A small file: hashed first, so content imported before is skipped without parsing; the copy written here. */
function storeInline(job: Job, member: ContainedFile): MemberResult | 'duplicate' {
  const { ctx, at } = job;
  const hash = sha256(member.bytes);
  if (findImportFile(ctx.db, hash)) return 'duplicate';
  const importFileId = recordArchivedImportFile(ctx.db, { sha256: hash, kind: 'statement', fileName: member.name, size: member.bytes.length, importedAt: at });
  const m = parseInto(job, member, importFileId);
  // After the parser accepted the file and before the commit: a refused file leaves no copy, a crash at most an unnamed one.
  if (putArchived(statementArchiveDir(ctx), hash, member.bytes).created) job.madeNow.push(hash);
  return m;
}

/**
 * A large file: the worker hashes and compresses it while it is parsed and
 * stored (archive-writer.ts). The row carries a placeholder until the hash is
 * known; the file's work runs in a savepoint, so content found to be imported
 * before is rolled back (and never committed), a refused file too. A file
 * refused by the parser whose content was imported before counts as the
 * duplicate it is, as when the hash came first.
 */
function storeOffThread(job: Job, member: ContainedFile): MemberResult | 'duplicate' {
  const { ctx, at } = job;
  const writer = new ArchiveWriter(statementArchiveDir(ctx), member.bytes);
  let hash: string | undefined;
  const hashOnce = () => (hash ??= writer.finish().sha256);
  try {
    const m = ctx.db.transaction(() => {
      const placeholder = `\u0001pending:${randomUUID()}`;
      const importFileId = recordArchivedImportFile(ctx.db, {
        sha256: placeholder,
        kind: 'statement',
        fileName: member.name,
        size: member.bytes.length,
        importedAt: at,
      });
      let parsed: MemberResult;
      try {
        parsed = parseInto(job, member, importFileId, () => writer.pump());
      } catch (e) {
        if (findImportFile(ctx.db, hashOnce())) throw new DuplicateContent();
        throw e;
      }
      if (findImportFile(ctx.db, hashOnce())) throw new DuplicateContent();
      setImportFileHash(ctx.db, importFileId, hashOnce());
      return parsed;
    })();
    const named = hashOnce();
    if (writer.place(named).created) job.madeNow.push(named);
    return m;
  } catch (e) {
    writer.discard();
    if (e instanceof DuplicateContent) return 'duplicate';
    throw e;
  }
}

/** Parses the file into the ledger: statements, lines and the payments the bookings settle; `afterLine` keeps the archive worker fed. */
function parseInto(job: Job, member: ContainedFile, importFileId: number, afterLine?: () => void): MemberResult {
  const { ctx, input, zip, at } = job;
  const out: MemberResult = { stored: [], duplicates: 0, paymentsUpdated: 0 };
  const writer = statementWriter(ctx.db, { importFileId, importedAt: at, bankAccessId: input.bankAccessId ?? null });
  try {
    streamStatementFile([member.bytes], {
      statementStart: (index, header) => writer.begin(index, header),
      line: (_index, line) => {
        writer.line(line);
        afterLine?.();
      },
      statementEnd: (_index, statement) => {
        const { stored, id } = writer.end(statement);
        if (!stored) {
          out.duplicates += 1;
          return;
        }
        out.stored.push(id);
        out.paymentsUpdated += applyStatementToPayments(ctx.db, id, at);
      },
    });
  } catch (e) {
    // A file in a container is named, so the user knows which one of them the bank sent broken.
    if (e instanceof KontorError && zip) throw new KontorError(e.code, `${member.name}: ${e.message}`, { ...e.params, file: member.name });
    throw e;
  }
  return out;
}

function* mapIterable<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}
