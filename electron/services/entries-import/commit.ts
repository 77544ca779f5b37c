import type { Database } from 'better-sqlite3';
import type { ImportCommitResult, ImportMapping } from '../../../shared/entry-import';
import { AccountInput, EntryInput } from '../../../shared/domain';
import { KontorError } from '../../../shared/errors';
import { createAccount } from '../../ledger/repos/accounts';
import { InstrumentWriter } from '../parties/write';
import { createEntry } from '../../ledger/repos/entries';
import { findImportFile, recordImportFile } from '../../ledger/repos/import-files';
import { ledgerLookup } from './lookup';
import { previewRows } from './preview';
import { saveImportProfile } from '../../ledger/repos/import-profiles';
import { sha256Hex } from '../../csv/bytes';
import { sniff } from '../../csv/sniff';

export const IMPORT_KIND = 'entries_csv';

/** Refuses content imported before, whatever the file was called then or now. */
export function refuseIfImported(db: Database, sha256: string): void {
  const earlier = findImportFile(db, sha256);
  if (earlier) {
    throw new KontorError(
      'import.alreadyImported',
      `This file was imported before (as "${earlier.fileName}" on ${earlier.importedAt.slice(0, 10)}); importing it again would double its entries.`,
      { fileName: earlier.fileName, importedAt: earlier.importedAt.slice(0, 10) },
    );
  }
}

export interface CommitArgs {
  bytes: Uint8Array;
  fileName: string;
  entityId: number;
  mapping: ImportMapping;
  /** Import the valid rows and leave out the others; without it one bad row stops everything. */
  skipInvalid: boolean;
  saveProfileAs?: string | undefined;
  /** The instant written as created/imported. */
  at: string;
  preparedBy: string;
}

/**
 * Imports a file's rows in one transaction: the preview is computed again
 * against the ledger as it is inside the transaction (never taken from the
 * caller), then accounts are created as needed, each entry is checked
 * against the whole EntryInput schema and written, the
 * file recorded by its SHA-256 and the profile saved. Any refusal or failure
 * leaves the ledger as it was.
 */
export function commitImport(db: Database, a: CommitArgs): ImportCommitResult {
  const sha256 = sha256Hex(a.bytes);
  return db.transaction((): ImportCommitResult => {
    refuseIfImported(db, sha256);
    const sniffed = sniff(a.bytes, a.mapping.format);
    const preview = previewRows(sniffed, a.mapping, ledgerLookup(db, a.entityId));
    if (preview.mappingIssues.length > 0) {
      throw new KontorError('import.mappingIncomplete', `The mapping does not fit this file: ${preview.mappingIssues.map((i) => i.message).join(' ')}`);
    }
    const { totals } = preview;
    if (totals.failed > 0 && !a.skipInvalid) {
      throw new KontorError(
        'import.rowsHaveErrors',
        `Nothing was imported: ${totals.failed} of ${totals.rows} rows have errors. Correct them, or import only the rows without errors.`,
        { failed: totals.failed, rows: totals.rows },
      );
    }
    if (totals.ok === 0) throw new KontorError('import.nothingToImport', 'The file has no row that can be imported.');

    const created = new Map<string, number>();
    const instruments = new InstrumentWriter(db, a.entityId, a.at);
    for (const row of preview.rows) {
      if (!row.ok || !row.entry) continue;
      let accountId = row.entry.accountId;
      if (accountId === null) {
        const planned = row.newAccount;
        if (!planned) throw new Error(`Row ${row.line} has neither an account nor a new one`);
        accountId = created.get(planned.number) ?? null;
        if (accountId === null) {
          accountId = createAccount(db, AccountInput.parse(planned), a.at).id;
          created.set(planned.number, accountId);
        }
      }
      for (const p of row.instruments ?? []) instruments.write(p, accountId);
      const requestedInstrumentId = row.newMandate ? instruments.mandateId(row.newMandate) : row.entry.requestedInstrumentId;
      // The preview checked each field; the whole schema of an entry typed on screen is the last check before the ledger.
      createEntry(db, EntryInput.parse({ ...row.entry, accountId, requestedInstrumentId }), a.at, a.preparedBy);
    }
    recordImportFile(db, { sha256, kind: IMPORT_KIND, fileName: a.fileName, content: a.bytes, importedAt: a.at });
    if (a.saveProfileAs) saveImportProfile(db, a.saveProfileAs, a.mapping, a.at);
    return {
      imported: totals.ok,
      skipped: totals.failed,
      accountsCreated: created.size,
      mandatesCreated: instruments.count('sepa_mandate'),
      bankDetailsCreated: instruments.count('bank_details'),
    };
  })();
}
