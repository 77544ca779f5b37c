/**
 * The parties import as the API offers it (`parties.importPreview`,
 * `parties.importCommit`, `parties.importProfiles`): customers and suppliers
 * with bank details and mandates from a CSV export, read like the entries
 * import (csv toolkit, profiles, preview off the window's thread, the same
 * content refused twice, a name seen before warned about).
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { toInstantIso } from '../../../shared/dates';
import { AccountInput } from '../../../shared/domain';
import { PREVIEW_ROW_LIMIT } from '../../../shared/entry-import';
import { KontorError } from '../../../shared/errors';
import type { PartyCommitInput, PartyCommitResult, PartyImportPreview, PartyImportProfile, PartyMapping, PartyPreviewInput } from '../../../shared/parties';
import { fileBytes, sha256Hex } from '../../csv/bytes';
import { columnSamples, firstValues } from '../../csv/columns';
import { sniff } from '../../csv/sniff';
import { createAccount } from '../../ledger/repos/accounts';
import { findImportFile, findImportFileByName, recordImportFile } from '../../ledger/repos/import-files';
import { accountsByNumber } from '../../ledger/repos/import-lookup';
import { findPartyImportProfile, listPartyImportProfiles, savePartyImportProfile } from '../../ledger/repos/import-profiles';
import type { ServiceContext } from '../context';
import { refuseIfImported } from '../entries-import/commit';
import { partyLedger } from './lookup';
import { suggestPartyMapping } from './mapping';
import { previewParties, type PartyLookup } from './preview';
import { InstrumentWriter } from './write';

export const PARTIES_IMPORT_KIND = 'parties_csv';

function partyLookup(db: Database, entityId: number): PartyLookup {
  const accounts = accountsByNumber(db);
  return { ...partyLedger(db, entityId), account: (number) => accounts.get(number) };
}

/** Only the ledger: runs in the preview worker too. */
export function partiesPreview(ctx: Pick<ServiceContext, 'db'>, input: z.output<typeof PartyPreviewInput>): PartyImportPreview {
  const bytes = fileBytes(input.base64);
  let mapping: PartyMapping | undefined = input.mapping;
  let profile: string | null = null;
  if (!mapping && input.profile) {
    const saved = findPartyImportProfile(ctx.db, input.profile);
    if (!saved) throw new KontorError('import.unknownProfile', `There is no import profile named "${input.profile}".`, { name: input.profile });
    mapping = saved.mapping;
    profile = saved.name;
  }
  const sniffed = sniff(bytes, mapping?.format ?? {});
  mapping ??= suggestPartyMapping(columnSamples(sniffed.columns, sniffed.rows, 50));
  const result = previewParties(sniffed, mapping, partyLookup(ctx.db, input.entityId), PREVIEW_ROW_LIMIT);
  const sha256 = sha256Hex(bytes);
  const earlier = findImportFile(ctx.db, sha256);
  const sameName = earlier ? undefined : findImportFileByName(ctx.db, PARTIES_IMPORT_KIND, input.fileName);
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
    sameName: sameName ? { importedAt: sameName.importedAt.slice(0, 10) } : null,
  };
}

/**
 * Writes the file's parties, bank details and mandates in one transaction,
 * from a preview computed again inside it; any refusal leaves the ledger as
 * it was.
 */
export function partiesCommit(ctx: ServiceContext, input: z.output<typeof PartyCommitInput>): PartyCommitResult {
  const { db } = ctx;
  const bytes = fileBytes(input.base64);
  const sha256 = sha256Hex(bytes);
  const at = toInstantIso(ctx.clock.now());
  return db.transaction((): PartyCommitResult => {
    refuseIfImported(db, sha256);
    const preview = previewParties(sniff(bytes, input.mapping.format), input.mapping, partyLookup(db, input.entityId));
    if (preview.mappingIssues.length > 0) {
      throw new KontorError('import.mappingIncomplete', `The mapping does not fit this file: ${preview.mappingIssues.map((i) => i.message).join(' ')}`);
    }
    const { totals } = preview;
    if (totals.failed > 0 && !input.skipInvalid) {
      throw new KontorError(
        'import.rowsHaveErrors',
        `Nothing was imported: ${totals.failed} of ${totals.rows} rows have errors. Correct them, or import only the rows without errors.`,
        { failed: totals.failed, rows: totals.rows },
      );
    }
    if (totals.ok === 0) throw new KontorError('import.nothingToImport', 'The file has no row that can be imported.');
    const ids = new Map<string, number>();
    const known = accountsByNumber(db);
    const writer = new InstrumentWriter(db, input.entityId, at);
    let created = 0;
    for (const row of preview.rows) {
      if (!row.ok || !row.party) continue;
      const { party } = row;
      let id = ids.get(party.number) ?? known.get(party.number)?.id;
      if (id === undefined) {
        const address = Object.fromEntries(['email', 'street', 'postalCode', 'city', 'country'].map((f) => [f, row.values[f] ?? null]));
        id = createAccount(db, AccountInput.parse({ ...address, kind: party.kind, number: party.number, name: party.name }), at).id;
        created++;
      }
      ids.set(party.number, id);
      for (const p of row.instruments) writer.write(p, id);
    }
    recordImportFile(db, { sha256, kind: PARTIES_IMPORT_KIND, fileName: input.fileName, content: bytes, importedAt: at });
    if (input.saveProfileAs) savePartyImportProfile(db, input.saveProfileAs, input.mapping, at);
    return {
      created,
      completed: totals.knownParties,
      mandates: writer.count('sepa_mandate'),
      bankDetails: writer.count('bank_details'),
      skipped: totals.failed,
    };
  })();
}

export function partyProfiles(ctx: Pick<ServiceContext, 'db'>): PartyImportProfile[] {
  return listPartyImportProfiles(ctx.db);
}
