/**
 * The preview checks a row field by field (fields.ts) instead of running the
 * whole EntryInput schema per row; these tests prove it accepts nothing
 * EntryInput refuses and builds exactly the entry EntryInput makes.
 */
import { describe, expect, it } from 'vitest';
import { EntryInput } from '../../../shared/domain';
import { ImportMapping } from '../../../shared/entry-import';
import { seeded } from '../../../test/bench/figure';
import { utf8 } from '../../csv/test-files';
import { sniff } from '../../csv/sniff';
import { previewRows, type LedgerLookup } from './preview';

const HEADER = ['Nr', 'Datum', 'Fällig', 'Kunde', 'Name', 'Betrag', 'Währung', 'Art', 'Zahlart', 'Mandat', 'Zweck'];
/** Per column the usual value first, then the unusual ones. */
const CHOICES: Record<string, readonly string[]> = {
  Nr: ['(unique)', '', ' ', 'R-1', 'R-2', ' R-3 ', 'N'.repeat(35), 'N'.repeat(36), 'R 4 mit Leerzeichen'],
  Datum: ['01.02.2026', '31.02.2026', '', '2026-02-03', '1.2.26'],
  Fällig: ['', '15.02.2026', '01.01.2026', 'bald'],
  Kunde: ['K-1', 'K-2', 'K-9', '', 'L-7'],
  Name: ['', 'Neukunde GmbH', 'X'.repeat(71)],
  Betrag: ['1,00', '0,00', '-5,00', 'abc', '1,00 USD', '', '12,345', '99.999.999.999.999,99'],
  Währung: ['', 'EUR', 'eur', 'EURO', 'USD', '€'],
  Art: ['S', 'H', '', '?'],
  Zahlart: ['', 'SEPA', 'bar', 'Scheck?'],
  Mandat: ['', 'M-1', 'M-2', 'M-9'],
  Zweck: ['', 'Rechnung Februar', 'z'.repeat(140), 'z'.repeat(141), `  ${'z'.repeat(140)}  `],
};

/** A file of `count` rows from a seed: each cell the usual value mostly, else any of the choices (quoted, as they may hold blanks). */
function randomFile(seed: number, count: number): Uint8Array {
  const rand = seeded(seed);
  const lines = [HEADER.join(';')];
  for (let k = 0; k < count; k++) {
    const cells = HEADER.map((h) => {
      const choices = CHOICES[h]!;
      const v = rand() < 0.8 ? choices[0]! : choices[Math.floor(rand() * choices.length)]!;
      return `"${v === '(unique)' ? `R-${seed}-${k}` : v}"`;
    });
    lines.push(cells.join(';'));
  }
  return utf8(`${lines.join('\n')}\n`);
}

const lookup: LedgerLookup = {
  entityId: 3,
  preferredBankAccountId: 5,
  account: (n) => (n === 'K-1' ? { id: 11, number: 'K-1', name: 'Kunde Eins' } : n === 'K-2' ? { id: 12, number: 'K-2', name: 'Kunde Zwei' } : undefined),
  entryExists: (n) => n === 'R-2',
  mandate: (m) => (m === 'M-1' ? { id: 21, accountId: 11 } : m === 'M-2' ? { id: 22, accountId: 12 } : undefined),
  hasIban: () => false,
  knownBic: () => null,
};

const mappingOf = (createAccounts: boolean) =>
  ImportMapping.parse({
    columns: {
      number: 'Nr',
      statementDate: 'Datum',
      dueDate: 'Fällig',
      accountNumber: 'Kunde',
      accountName: 'Name',
      amount: 'Betrag',
      currency: 'Währung',
      type: 'Art',
      requestedMethod: 'Zahlart',
      mandateId: 'Mandat',
      paymentReference: 'Zweck',
    },
    type: { from: 'column' },
    amountSign: 'signed',
    createAccounts,
  });

/** What EntryInput says of the file's number and reference, everything else valid. */
const VALID = { entityId: 3, accountId: 11, type: 'Debit', statementDate: '2026-02-01', amountCents: 100 } as const;

describe('a row checked field by field', () => {
  for (const createAccounts of [false, true]) {
    it(`builds exactly the entry EntryInput makes, and fails every number and reference EntryInput refuses (${createAccounts ? 'creating accounts' : 'known accounts'})`, () => {
      let ok = 0;
      let refused = 0;
      for (let seed = 1; seed <= 20; seed++) {
        const sniffed = sniff(randomFile(seed, 200));
        const preview = previewRows(sniffed, mappingOf(createAccounts), lookup);
        const cellsOf = new Map(sniffed.rows.map((r) => [r.line, r.cells]));
        for (const row of preview.rows) {
          const cells = cellsOf.get(row.line)!;
          const schema = EntryInput.safeParse({ ...VALID, number: cells[0]!, paymentReference: cells[10]! });
          if (!schema.success) {
            refused++;
            for (const issue of schema.error.issues) {
              const field = issue.path[0] === 'number' ? 'number' : 'paymentReference';
              const expected = field === 'number' && issue.message === 'text.required' ? 'import.numberMissing' : issue.message;
              expect(
                row.errors.map((e) => [e.field, e.code]),
                `line ${row.line}`,
              ).toContainEqual([field, expected]);
            }
          }
          if (!row.ok) continue;
          ok++;
          const entry = row.entry!;
          expect(EntryInput.parse({ ...entry, accountId: entry.accountId ?? Number.MAX_SAFE_INTEGER })).toEqual({
            ...entry,
            accountId: entry.accountId ?? Number.MAX_SAFE_INTEGER,
          });
        }
      }
      // The seeds give both kinds in numbers, so neither half of the test is empty.
      expect(ok).toBeGreaterThan(20);
      expect(refused).toBeGreaterThan(200);
    });
  }
});
