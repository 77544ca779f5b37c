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
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { KontorError } from '../../../shared/errors';
import { findImportFile, recordArchivedImportFile } from '../../ledger/repos/import-files';
import { statementWriter } from '../../ledger/repos/statements';
import { putArchived, removeArchived } from '../../statements/archive';
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

export function storeStatementFile(ctx: ServiceContext, input: StoreFileInput): StoreFileResult {
  // A container's files come one at a time, each stored before the next is unpacked: memory holds one statement file, not the container.
  const zip = isZip(input.bytes);
  const members: Iterable<ContainedFile> = zip
    ? mapIterable(zipMembers(input.bytes), (f) => ({ name: `${input.fileName}/${f.name}`, bytes: f.bytes }))
    : [{ name: input.fileName, bytes: input.bytes }];
  const at = ctx.now();
  const result: StoreFileResult = { stored: [], duplicates: 0, duplicateFiles: 0, files: 0, paymentsUpdated: 0 };

  const archive = statementArchiveDir(ctx);
  const madeNow: string[] = [];
  const store = ctx.db.transaction(() => {
    for (const member of members) {
      result.files += 1;
      const hash = sha256(member.bytes);
      if (findImportFile(ctx.db, hash)) {
        result.duplicateFiles += 1;
        continue;
      }
      const importFileId = recordArchivedImportFile(ctx.db, {
        sha256: hash,
        kind: 'statement',
        fileName: member.name,
        size: member.bytes.length,
        importedAt: at,
      });
      const writer = statementWriter(ctx.db, { importFileId, importedAt: at, bankAccessId: input.bankAccessId ?? null });
      try {
        streamStatementFile([member.bytes], {
          statementStart: (index, header) => writer.begin(index, header),
          line: (_index, line) => writer.line(line),
          statementEnd: (_index, statement) => {
            const { stored, id } = writer.end(statement);
            if (!stored) {
              result.duplicates += 1;
              return;
            }
            result.stored.push(id);
            result.paymentsUpdated += applyStatementToPayments(ctx.db, id, at);
          },
        });
      } catch (e) {
        // A file in a container is named, so the user knows which one of them the bank sent broken.
        if (e instanceof KontorError && zip) throw new KontorError(e.code, `${member.name}: ${e.message}`, { ...e.params, file: member.name });
        throw e;
      }
      // After the parser accepted the file and before the commit: a refused file leaves no copy, a crash at most an unnamed one.
      if (putArchived(archive, hash, member.bytes).created) madeNow.push(hash);
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

function* mapIterable<T, U>(items: Iterable<T>, fn: (item: T) => U): Generator<U> {
  for (const item of items) yield fn(item);
}
