/**
 * Hostile input, CSV: the entries import (sniff, mapping proposal, preview:
 * `entries.importPreview` minus the API door) and the bank CSV preview
 * (`bankCsv.preview`), over mutations of CSV exports as ERPs and banks write
 * them. A case ends in a preview that matches the API's output schema, with
 * safe-integer amounts and real dates in every good row, or in a KontorError.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { z } from 'zod';
import { ImportPreview, ImportPreviewInput } from '../../../shared/entry-import';
import { BankCsvPreview, BankCsvPreviewInput } from '../../../shared/bank-csv';
import { KontorError } from '../../../shared/errors';
import { importPreview } from '../../../electron/services/entries-import/service';
import { ENGLISH, GERMAN, utf8, windows1252 } from '../../../electron/csv/test-files';
import { bankCsvPreview } from '../../../electron/services/statements/bank-csv/service';
import { ok, tempContext } from '../../integration/helpers';
import { FULL, casesPerParser, expectClean, fuzz, fuzzSeed, invariant, isBusinessDate, random, type FuzzTarget } from './fuzz';

const seed = fuzzSeed();
const cases = casesPerParser();
let ctx: ReturnType<typeof tempContext>;
let entityId = 0;

/** A longer ERP export: quotes, separators and line breaks inside fields, negative and German amounts, empty cells. */
function erpExport(rows: number, s: number): Buffer {
  const r = random(s);
  const lines = ['Belegnr;Datum;Fällig;Kunde;Name;Betrag;Währung;Art;Mandat;Verwendungszweck'];
  for (let i = 0; i < rows; i++) {
    const amount = `${r.chance(0.2) ? '-' : ''}${r.int(100000)},${String(r.int(100)).padStart(2, '0')}`;
    const name = r.pick(['Müller & Söhne', '"Smith; Jones"', 'Groß "Bäcker"', '', 'A'.repeat(80)]);
    const text = r.pick(['Rechnung', '"zwei\r\nZeilen"', '"mit ""Zitat"""', '€ 5 Rabatt', '']);
    lines.push(
      [
        `RE-${i}`,
        `0${1 + r.int(9)}.1${r.int(3)}.2026`,
        '15.12.2026',
        `K-${r.int(20)}`,
        name,
        amount,
        r.pick(['EUR', 'eur', '']),
        r.pick(['Debit', 'Credit', 'Soll', 'Haben', '']),
        r.chance(0.3) ? `MANDAT-${i}` : '',
        text,
      ].join(';'),
    );
  }
  lines.push('Summe;;;;;999.999,99;;;;');
  return Buffer.from(windows1252([...lines.join('\r\n')].map((c) => (c === '€' || c.charCodeAt(0) <= 0xff ? c : '?')).join('')));
}

/** Bank account CSVs: metadata lines above the header, a closing balance below, German and English styles. */
const BANK_CSV: readonly string[] = [
  [
    'Kontonummer:;DE89370400440532013000;;;;;',
    'Zeitraum:;01.11.2026 - 20.11.2026;;;;;',
    '',
    'Buchungstag;Valuta;Auftraggeber/Empfänger;IBAN;BIC;Verwendungszweck;Betrag;Währung',
    '03.11.2026;03.11.2026;Müller & Söhne KG;DE02120300000000202051;BYLADEM1001;RE-2026-001 Danke;1.234,56;EUR',
    '04.11.2026;04.11.2026;Stadtwerke;DE02500105170137075030;INGDDEFFXXX;"Abschlag ""November""";-89,00;EUR',
    '05.11.2026;06.11.2026;Café Crème;FR1420041010050500013M02606;PSSTFRPPXXX;Miete;-1.500,00;EUR',
    'Kontostand am 20.11.2026;;;;;;12.345,67;EUR',
  ].join('\r\n'),
  [
    'Date,Value date,Counterparty,IBAN,Reference,Amount,Currency',
    '2026-11-03,2026-11-03,"Smith, Jones & Co",GB33BUKB20201555555555,INV-1001,1234.56,EUR',
    '2026-11-04,2026-11-05,Acme Ltd,DE02500105170137075030,"two,\nlines",-10.00,EUR',
    'Closing balance,,,,,9999.99,EUR',
  ].join('\n'),
];

let entriesCorpus: Buffer[] = [];
let bankCorpus: Buffer[] = [];
let bankCsvSkip: string | undefined;

beforeAll(async () => {
  console.log(`[hostile] csv: seed ${seed} (replay with KONTOR_FUZZ_SEED=${seed}), ${cases} cases per parser, ${FULL ? 'full' : 'short'} mode`);
  ctx = tempContext();
  entityId = (await ok(ctx, 'entities.create', { name: 'Muster GmbH' })).id;
  await ok(ctx, 'accounts.create', { kind: 'customer', number: 'K-1', name: 'Müller & Söhne KG' });
  entriesCorpus = [Buffer.from(windows1252(GERMAN)), Buffer.from(utf8(GERMAN, true)), Buffer.from(utf8(ENGLISH)), erpExport(30, 1), erpExport(200, 2)];
  bankCorpus = BANK_CSV.map((t) => Buffer.from(utf8(t))).concat([Buffer.from(windows1252(BANK_CSV[0]!))]);
  try {
    bankCsvPreview(ctx, BankCsvPreviewInput.parse({ fileName: 'probe.csv', base64: bankCorpus[0]!.toString('base64') }));
  } catch (e) {
    if (e instanceof KontorError && e.code === 'notImplemented') {
      bankCsvSkip = 'TODO(lead): bankCsv.preview (electron/services/statements/bank-csv/service.ts) is not implemented yet; this fuzz target runs once it is';
    }
  }
});
afterAll(() => ctx?.cleanup());

/** The input as dispatch parses it: a refusal there is the API's typed `input.invalid` (an empty file, for one). */
function apiInput<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new KontorError('input.invalid', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

describe('hostile CSV files', () => {
  it('entries import: sniff, proposed mapping and preview', () => {
    const target: FuzzTarget = {
      parser: 'csv-entries',
      corpus: entriesCorpus,
      parse(bytes) {
        const input = apiInput(ImportPreviewInput, { fileName: 'offene-posten.csv', base64: bytes.toString('base64'), entityId });
        // The API validates every answer against its output schema: a preview that does not fit would be an internal error.
        const preview = ImportPreview.parse(importPreview(ctx, input));
        invariant(preview.totals.rows === preview.totals.ok + preview.totals.failed, 'totals add up');
        for (const row of preview.rows) {
          if (!row.ok) {
            invariant(row.errors.length > 0, 'a failed row says why');
            continue;
          }
          const e = row.entry;
          invariant(e !== undefined, 'a good row has its entry');
          invariant(Number.isSafeInteger(e.amountCents) && e.amountCents > 0, `amount ${e.amountCents}`);
          invariant(isBusinessDate(e.statementDate), `statement date ${e.statementDate}`);
          invariant(e.dueDate === undefined || e.dueDate === null || isBusinessDate(e.dueDate), `due date ${String(e.dueDate)}`);
        }
        return preview;
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });

  it('bank CSV preview', (t) => {
    if (bankCsvSkip) {
      console.log(`[hostile] csv-bank: skipped. ${bankCsvSkip}`);
      t.skip();
      return;
    }
    const target: FuzzTarget = {
      parser: 'csv-bank',
      corpus: bankCorpus,
      parse(bytes) {
        const input = apiInput(BankCsvPreviewInput, { fileName: 'umsaetze.csv', base64: bytes.toString('base64') });
        return BankCsvPreview.parse(bankCsvPreview(ctx, input));
      },
    };
    expectClean(fuzz(target, seed, cases), cases);
  });
});
