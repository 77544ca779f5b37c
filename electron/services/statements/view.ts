/**
 * What the statement browser shows beyond the ledger's rows (those come from
 * ledger/repos/statements and statement-lines, paged and filtered in SQL so
 * the table stays quick at 100,000 lines): a line's raw text in its file's
 * encoding, and the filtered lines as a CSV file.
 */
import type { Database } from 'better-sqlite3';
import { formatAmount } from '../../../shared/money';
import type { FileDownload } from '../../../shared/domain';
import { csvNumber, writeCsv, type CsvValue } from '../../csv/write';
import type { LineFilter, StatementLineDetail } from '../../../shared/statements';
import type { z } from 'zod';
import { decodeStatementText } from '../../statements/encoding';
import { getStatementSummary } from '../../ledger/repos/statements';
import { eachLine, lineDetailRow } from '../../ledger/repos/statement-lines';
import { readArchivedRange } from '../../statements/archive';

export { getStatementSummary };

type Filter = z.output<typeof LineFilter>;

/** A line's raw bytes in the encoding its statement was read in (UTF-8 lines stay UTF-8). */
export function decodeBankText(bytes: Uint8Array, encoding?: string | null): string {
  return decodeStatementText(bytes, encoding);
}

/** `archiveDir`: where the files of statements imported into the archive are (see electron/statements/archive.ts). */
export function lineDetail(db: Database, id: number, archiveDir: string): StatementLineDetail {
  const { line, transactions, raw, rawBytes, archivedRaw, encoding, ...more } = lineDetailRow(db, id);
  const bytes = archivedRaw ? readArchivedRange(archiveDir, archivedRaw.sha256, archivedRaw.start, archivedRaw.end) : rawBytes;
  return {
    ...line,
    statement: getStatementSummary(db, line.statementDbId),
    ...more,
    transactions: JSON.parse(transactions) as Record<string, unknown>[],
    raw: bytes ? decodeBankText(bytes, encoding) : (raw ?? ''),
  };
}

/** The filtered lines as CSV the way the user's spreadsheet reads it: `;` and decimal comma in German, `,` and point in English. */
export function exportLinesCsv(db: Database, f: Filter, locale: 'de' | 'en', today: string): FileDownload {
  const sep = locale === 'de' ? ';' : ',';
  const header =
    locale === 'de'
      ? [
          'Konto',
          'Buchungstag',
          'Valuta',
          'Betrag',
          'Währung',
          'Name',
          'IBAN',
          'BIC',
          'Verwendungszweck',
          'Buchungstext',
          'End-to-End-ID',
          'Mandat',
          'Bankreferenz',
          'GVC',
          'Rückgabegrund',
          'Status',
        ]
      : [
          'Account',
          'Booking date',
          'Value date',
          'Amount',
          'Currency',
          'Name',
          'IBAN',
          'BIC',
          'Remittance',
          'Booking text',
          'End-to-end id',
          'Mandate',
          'Bank reference',
          'Transaction code',
          'Return reason',
          'Match',
        ];
  function* cells(): Generator<CsvValue[]> {
    yield header;
    for (const r of eachLine(db, f)) {
      yield [
        r.accountIban,
        r.bookingDate,
        r.valueDate,
        csvNumber(formatAmount(r.amountCents, locale, { grouping: false })),
        r.currency,
        r.counterpartyName,
        r.counterpartyIban,
        r.counterpartyBic,
        r.remittance,
        r.bookingText,
        r.endToEndId,
        r.mandateId,
        r.bankReference,
        r.bankTxCode,
        r.returnReason,
        r.matchState,
      ];
    }
  }
  // Every text goes through the one CSV writer: quoted as needed, formulas neutralised (OWASP), a BOM for Excel.
  const text = writeCsv(cells(), { separator: sep });
  return { fileName: `statement-lines-${today}.csv`, mimeType: 'text/csv', base64: Buffer.from(text, 'utf8').toString('base64') };
}
