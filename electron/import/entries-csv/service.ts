/**
 * The import as the API offers it (`entries.importPreview`,
 * `entries.importCommit`, `entries.importProfiles`): file bytes from base64,
 * profile by name, the preview capped for the screen.
 */
import type { z } from 'zod';
import { toInstantIso } from '../../../shared/dates';
import {
  MAX_IMPORT_BYTES,
  PREVIEW_ROW_LIMIT,
  type ImportCommitInput,
  type ImportCommitResult,
  type ImportMapping,
  type ImportPreview,
  type ImportPreviewInput,
  type ImportProfile,
} from '../../../shared/entry-import';
import { KontorError } from '../../../shared/errors';
import { findImportFile } from '../../ledger/repos/import-files';
import { readSetting } from '../../ledger/repos/settings';
import type { ServiceContext } from '../../services/context';
import { commitImport, sha256Hex } from './commit';
import { ledgerLookup } from './lookup';
import { suggestMapping } from './mapping';
import { previewRows } from './preview';
import { findProfile, listProfiles } from './profiles';
import { columnSamples, firstValues } from '../../csv/columns';
import { sniff } from '../../csv/sniff';

/** The file's bytes; refuses text that is not base64 and files over the limit. */
export function fileBytes(base64: string): Buffer {
  const compact = base64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new KontorError('import.unreadable', 'The file could not be read (it did not arrive intact).');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new KontorError('import.tooLarge', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`, {
      maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
    });
  }
  return bytes;
}

/** Only the ledger: the preview runs in a worker thread with its own read-only connection (../off-thread.ts). */
export function importPreview(ctx: Pick<ServiceContext, 'db'>, input: z.output<typeof ImportPreviewInput>): ImportPreview {
  const bytes = fileBytes(input.base64);
  const lookup = ledgerLookup(ctx.db, input.entityId);
  let mapping: ImportMapping | undefined = input.mapping;
  let profile: string | null = null;
  if (!mapping && input.profile) {
    const saved = findProfile(ctx.db, input.profile);
    if (!saved) throw new KontorError('import.unknownProfile', `There is no import profile named "${input.profile}".`, { name: input.profile });
    mapping = saved.mapping;
    profile = saved.name;
  }
  const sniffed = sniff(bytes, mapping?.format ?? {});
  mapping ??= suggestMapping(columnSamples(sniffed.columns, sniffed.rows, 50));

  const result = previewRows(sniffed, mapping, lookup, { limit: PREVIEW_ROW_LIMIT });
  const sha256 = sha256Hex(bytes);
  const earlier = findImportFile(ctx.db, sha256);
  return {
    fileName: input.fileName,
    sha256,
    detected: sniffed.detected,
    columns: sniffed.columns,
    examples: firstValues(sniffed.columns.length, sniffed.rows),
    mapping,
    profile,
    mappingIssues: result.mappingIssues,
    rows: result.rows,
    truncated: result.totals.rows > PREVIEW_ROW_LIMIT,
    totals: result.totals,
    alreadyImported: earlier ? { fileName: earlier.fileName, importedAt: earlier.importedAt.slice(0, 10) } : null,
  };
}

export function importCommit(ctx: ServiceContext, input: z.output<typeof ImportCommitInput>): ImportCommitResult {
  return commitImport(ctx.db, {
    bytes: fileBytes(input.base64),
    fileName: input.fileName,
    entityId: input.entityId,
    mapping: input.mapping,
    skipInvalid: input.skipInvalid,
    saveProfileAs: input.saveProfileAs,
    at: toInstantIso(ctx.clock.now()),
    preparedBy: readSetting(ctx.db, 'userName', ctx.workstationUser()),
  });
}

export function importProfiles(ctx: ServiceContext): ImportProfile[] {
  return listProfiles(ctx.db);
}
