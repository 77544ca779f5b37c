/**
 * The import as the API offers it (`entries.importPreview`,
 * `entries.importCommit`, `entries.importProfiles`): file bytes from base64,
 * profile by name, the preview capped for the screen.
 */
import type { z } from 'zod';
import { toInstantIso } from '../../../shared/dates';
import {
  PREVIEW_ROW_LIMIT,
  type ImportCommitInput,
  type ImportCommitResult,
  type ImportMapping,
  type ImportPreview,
  type ImportPreviewInput,
  type ImportProfile,
} from '../../../shared/entry-import';
import { KontorError } from '../../../shared/errors';
import { findImportFile, findImportFileByName } from '../../ledger/repos/import-files';
import type { ServiceContext } from '../context';
import { commitImport, IMPORT_KIND } from './commit';
import { ledgerLookup } from './lookup';
import { suggestMapping } from './mapping';
import { previewRows } from './preview';
import { findImportProfile, listImportProfiles } from '../../ledger/repos/import-profiles';
import { fileBytes, sha256Hex } from '../../csv/bytes';
import { columnSamples, firstValues } from '../../csv/columns';
import { sniff } from '../../csv/sniff';

/** Only the ledger: the preview runs in a worker thread with its own read-only connection (../csv-import/off-thread.ts). */
export function importPreview(ctx: Pick<ServiceContext, 'db'>, input: z.output<typeof ImportPreviewInput>): ImportPreview {
  const bytes = fileBytes(input.base64);
  const lookup = ledgerLookup(ctx.db, input.entityId);
  let mapping: ImportMapping | undefined = input.mapping;
  let profile: string | null = null;
  if (!mapping && input.profile) {
    const saved = findImportProfile(ctx.db, input.profile);
    if (!saved) throw new KontorError('import.unknownProfile', `There is no import profile named "${input.profile}".`, { name: input.profile });
    mapping = saved.mapping;
    profile = saved.name;
  }
  const sniffed = sniff(bytes, mapping?.format ?? {});
  mapping ??= suggestMapping(columnSamples(sniffed.columns, sniffed.rows, 50));

  const result = previewRows(sniffed, mapping, lookup, { limit: PREVIEW_ROW_LIMIT });
  const sha256 = sha256Hex(bytes);
  const earlier = findImportFile(ctx.db, sha256);
  const sameName = earlier ? undefined : findImportFileByName(ctx.db, IMPORT_KIND, input.fileName);
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
    typeTotals: result.typeTotals,
    alreadyImported: earlier ? { fileName: earlier.fileName, importedAt: earlier.importedAt.slice(0, 10) } : null,
    sameName: sameName ? { importedAt: sameName.importedAt.slice(0, 10) } : null,
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
    preparedBy: ctx.actor(),
  });
}

export function importProfiles(ctx: ServiceContext): ImportProfile[] {
  return listImportProfiles(ctx.db);
}
