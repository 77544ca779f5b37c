/**
 * Bank CSV import as the API offers it (`bankCsv.preview`, `bankCsv.commit`,
 * `bankCsv.profiles`): preview, then commit. The preview never writes; the
 * commit reads the bytes again (never the preview) and stores every row as
 * one statement of our account, or nothing.
 */
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import {
  BANK_CSV_PREVIEW_ROWS,
  type BankCsvCommitInput,
  type BankCsvCommitResult,
  type BankCsvMapping,
  type BankCsvPreview,
  type BankCsvPreviewInput,
  type BankCsvProfile,
} from '../../../../shared/bank-csv';
import { KontorError } from '../../../../shared/errors';
import { assertIban, isValidIban, normalizeIban } from '../../../../shared/ids';
import { fileBytes, sha256Hex } from '../../../csv/bytes';
import { findImportFile } from '../../../ledger/repos/import-files';
import { appendAudit } from '../../../ledger/repos/audit-log';
import { GENERIC_PROFILE, proposeProfile, resolveMapping, scoreProfile, suggestBankMapping } from '../../../statements/bank-csv/profiles';
import { readRows } from '../../../statements/bank-csv/rows';
import { detectAccountIban, sniffBankCsv } from '../../../statements/bank-csv/sniff';
import { firstValues } from '../../../csv/columns';
import type { Sniffed } from '../../../csv/sniff';
import { actor, now } from '../../bank-access/connection';
import type { ServiceContext } from '../../context';
import { getStatementSummary } from '../view';
import { findBankCsvProfile, listBankCsvProfiles, profileCandidates, storeProfile } from './profiles';
import { storeCsvStatement } from './store';

const SAMPLE_ROWS = 50;

const columnExamples = (s: Sniffed) => s.columns.map((_c, k) => s.rows.slice(0, SAMPLE_ROWS).map((r) => (r.cells[k] ?? '').trim()));

function refuseIfImported(ctx: ServiceContext, sha256: string): void {
  const earlier = findImportFile(ctx.db, sha256);
  if (earlier) {
    throw new KontorError(
      'bankCsv.alreadyImported',
      `This file was imported before (as "${earlier.fileName}" on ${earlier.importedAt.slice(0, 10)}); importing it again would double its bookings.`,
      { fileName: earlier.fileName, importedAt: earlier.importedAt.slice(0, 10) },
    );
  }
}

interface Chosen {
  sniffed: Sniffed;
  mapping: BankCsvMapping;
  profile: BankCsvPreview['profile'];
}

/** The mapping a preview uses: the user's, the chosen profile's, Generic's suggestion, or the best-fitting profile's. */
function chooseMapping(db: Database, bytes: Uint8Array, input: z.output<typeof BankCsvPreviewInput>): Chosen {
  const chosen = input.profile ? findBankCsvProfile(db, input.profile) : undefined;
  if (input.profile && !chosen) {
    const names = profileCandidates(db).map((p) => `"${p.name}"`);
    throw new KontorError('bankCsv.unknownProfile', `There is no bank CSV profile named "${input.profile}" (there are ${names.join(', ')}).`, {
      name: input.profile,
    });
  }
  const sniffed = sniffBankCsv(bytes, input.mapping?.format ?? chosen?.mapping.format ?? {});
  if (input.mapping) {
    const profile = chosen
      ? { name: chosen.name, builtIn: chosen.builtIn, score: chosen.name === GENERIC_PROFILE ? 0 : scoreProfile(chosen, sniffed.columns) }
      : null;
    return { sniffed, mapping: input.mapping, profile };
  }
  if (chosen && chosen.name !== GENERIC_PROFILE) {
    return {
      sniffed,
      mapping: resolveMapping(chosen.mapping, sniffed.columns),
      profile: { name: chosen.name, builtIn: chosen.builtIn, score: scoreProfile(chosen, sniffed.columns) },
    };
  }
  if (chosen) {
    const examples = columnExamples(sniffed);
    const mapping = suggestBankMapping(sniffed.columns.map((name, k) => ({ name, examples: examples[k] ?? [] })));
    return { sniffed, mapping, profile: { name: chosen.name, builtIn: true, score: 0 } };
  }
  const proposal = proposeProfile(profileCandidates(db), sniffed.columns, columnExamples(sniffed));
  const profile = { name: proposal.name, builtIn: proposal.builtIn, score: proposal.score };
  // A saved profile may fix the file's format (another header line, say): read the file as it says.
  if (Object.keys(proposal.mapping.format).length === 0) return { sniffed, mapping: proposal.mapping, profile };
  const again = sniffBankCsv(bytes, proposal.mapping.format);
  return { sniffed: again, mapping: resolveMapping(proposal.mapping, again.columns), profile };
}

/** Only the ledger: the preview runs in a worker thread with its own read-only connection (../../csv-import/off-thread.ts). */
export function bankCsvPreview(ctx: Pick<ServiceContext, 'db'>, input: z.output<typeof BankCsvPreviewInput>): BankCsvPreview {
  const bytes = fileBytes(input.base64);
  const { sniffed, mapping, profile } = chooseMapping(ctx.db, bytes, input);
  const result = readRows(sniffed, mapping, { limit: BANK_CSV_PREVIEW_ROWS });
  const sha256 = sha256Hex(bytes);
  const earlier = findImportFile(ctx.db, sha256);
  const given = input.accountIban ? normalizeIban(input.accountIban) : null;
  return {
    fileName: input.fileName,
    sha256,
    detected: sniffed.detected,
    columns: sniffed.columns,
    examples: firstValues(sniffed.columns.length, sniffed.rows),
    profile,
    mapping,
    mappingIssues: result.mappingIssues,
    filterError: result.filterError,
    accountIban: detectAccountIban(sniffed) ?? (given && isValidIban(given) ? given : null),
    rows: result.rows,
    totals: result.totals,
    alreadyImported: earlier ? { fileName: earlier.fileName, importedAt: earlier.importedAt.slice(0, 10) } : null,
  };
}

/** `7`, `7 and 12`, `7, 12 and 15`, `7, 12, 15, 20, 22 and 3 more`. */
export function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).map(String);
  const more = lines.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

export function bankCsvCommit(ctx: ServiceContext, input: z.output<typeof BankCsvCommitInput>): BankCsvCommitResult {
  const bytes = fileBytes(input.base64);
  const accountIban = assertIban(input.accountIban);
  const sha256 = sha256Hex(bytes);
  const at = now(ctx);
  const { mapping } = input;

  const done = ctx.db.transaction(() => {
    refuseIfImported(ctx, sha256);
    const sniffed = sniffBankCsv(bytes, mapping.format);
    const result = readRows(sniffed, mapping);
    if (result.mappingIssues.length > 0) {
      throw new KontorError('import.mappingIncomplete', `The column mapping does not fit this file: ${result.mappingIssues.map((i) => i.message).join(' ')}`);
    }
    if (result.filterError) {
      throw new KontorError('bankCsv.filterInvalid', `The filter cannot be used: ${result.filterError.message}`, {
        position: result.filterError.position,
        reason: result.filterError.code,
      });
    }
    const failed = result.rows.filter((r) => r.state === 'failed');
    if (failed.length > 0) {
      const first = failed[0]!;
      const lines = lineList(failed.map((r) => r.line));
      throw new KontorError(
        'bankCsv.rowsFailed',
        `Nothing was imported. ${failed.length === 1 ? 'Line' : 'Lines'} ${lines} cannot be imported: ${first.errors[0]?.message ?? 'the row cannot be read.'} Correct the file, or skip ${failed.length === 1 ? 'that line' : 'those lines'}.`,
        { lines, count: failed.length, firstLine: first.line, reason: first.errors[0]?.code ?? '' },
      );
    }
    if (result.lines.length === 0) throw new KontorError('import.nothingToImport', 'The file has no row that can be imported.');
    const fileIban = detectAccountIban(sniffed);
    if (fileIban && fileIban !== accountIban) {
      throw new KontorError('bankCsv.accountMismatch', `The file is an export of account ${fileIban}, not of ${accountIban}.`, { fileIban, iban: accountIban });
    }
    if (input.saveProfileAs) storeProfile(ctx.db, input.saveProfileAs, mapping, sniffed.columns, at);

    const same = JSON.stringify(mapping);
    const profileName =
      input.saveProfileAs?.trim() ?? profileCandidates(ctx.db).find((p) => JSON.stringify(resolveMapping(p.mapping, sniffed.columns)) === same)?.name ?? 'CSV';
    const stored = storeCsvStatement(ctx.db, {
      sha256,
      fileName: input.fileName,
      bytes,
      accountIban,
      currency: result.currency,
      messageName: profileName,
      warnings: result.warnings,
      lines: result.lines,
      at,
    });
    appendAudit(ctx.db, at, {
      actor: actor(ctx),
      action: 'statement.csvImported',
      subjectType: 'statement',
      subjectId: stored.statementId,
      details: {
        fileName: input.fileName,
        sha256,
        rows: result.totals.rows,
        lines: result.lines.length,
        skipped: result.totals.skipped,
        filtered: result.totals.filtered,
        chargebacks: stored.chargebacks,
        paymentsUpdated: stored.paymentsUpdated,
        profile: profileName,
      },
    });
    return { stored, lines: result.lines.length };
  })();

  return { statement: getStatementSummary(ctx.db, done.stored.statementId), lines: done.lines, chargebacks: done.stored.chargebacks };
}

export function bankCsvProfiles(ctx: ServiceContext): BankCsvProfile[] {
  return listBankCsvProfiles(ctx.db);
}
