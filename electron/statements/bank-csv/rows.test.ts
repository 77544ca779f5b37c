import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BankCsvMapping, type BankCsvMappingInput } from '../../../shared/bank-csv';
import { BUILT_IN_PROFILES, proposeProfile, resolveMapping } from './profiles';
import { looksLikeReturn } from './returns';
import { readDirection } from './fields';
import { readRows } from './rows';
import { sniffBankCsv } from './sniff';
import * as files from './test-files';
import { CUSTOMER_IBAN, utf8, windows1252 } from './test-files';

const profile = (name: string) => BUILT_IN_PROFILES.find((p) => p.name === name)!.mapping;
function read(bytes: Uint8Array, mapping: BankCsvMapping | BankCsvMappingInput) {
  const s = sniffBankCsv(bytes);
  return readRows(s, resolveMapping(BankCsvMapping.parse(mapping), s.columns));
}

describe('reading bank rows', () => {
  it('signed amounts with thousands points, two-digit years, ids without placeholders (Sparkasse)', () => {
    const r = read(utf8(files.SPARKASSE, true), profile('Sparkasse (CSV-CAMT)'));
    expect(r.totals).toEqual({
      rows: 3,
      ok: 3,
      skipped: 0,
      filtered: 0,
      failed: 0,
      sumCents: 123_456 - 8_990 - 1_200,
      firstDate: '2026-11-03',
      lastDate: '2026-11-05',
    });
    expect(r.lines[0]!.parsed).toEqual({
      bookingDate: '2026-11-03',
      valueDate: '2026-11-03',
      amountCents: 123_456,
      currency: 'EUR',
      counterpartyName: 'Müller GmbH',
      counterpartyIban: CUSTOMER_IBAN,
      counterpartyBic: 'BYLADEM1001',
      remittance: 'RE-2026-001 Danke',
      bookingText: 'GUTSCHR. UEBERWEISUNG',
      endToEndId: null,
      mandateId: null,
      creditorId: null,
      reference: null,
      chargeback: false,
    });
    expect(r.lines[1]!.parsed).toMatchObject({ amountCents: -8_990, endToEndId: 'E2E-STROM-11', mandateId: 'M-77', creditorId: 'DE98ZZZ09999999999' });
    expect(r.lines[0]!.raw).toContain('"Müller GmbH"');
    expect(r.rows[0]!.values['Kontonummer/IBAN']).toBe(CUSTOMER_IBAN);
    expect(r.currency).toBe('EUR');
    expect(r.warnings).toEqual([]);
  });

  it('separate Soll and Haben columns: debit negative, credit positive (Deutsche Bank)', () => {
    const r = read(windows1252(files.DEUTSCHE_BANK), profile('Deutsche Bank'));
    expect(r.lines.map((l) => [l.line, l.parsed.amountCents])).toEqual([
      [6, 123_456],
      [7, -8_990],
    ]);
    expect(r.lines[1]!.parsed).toMatchObject({ remittance: 'Strom € 89,90', endToEndId: 'E2E-STROM-11', mandateId: 'M-77' });
  });

  it('absolute amounts with an S/H column; a quoted line break joins the remittance (Volksbank)', () => {
    const r = read(windows1252(files.VOLKSBANK), profile('Volksbank / VR'));
    expect(r.lines.map((l) => l.parsed.amountCents)).toEqual([123_456, -8_990]);
    expect(r.lines[0]!.parsed.remittance).toBe('Gutschrift RE-2026-001');
    expect(r.lines[0]!.parsed.counterpartyName).toBe('Müller GmbH');
  });

  it('the DKB profile leaves pending rows out with its filter; Postbank amounts carry €', () => {
    const dkb = read(utf8(files.DKB, true), profile('DKB'));
    expect(dkb.totals).toMatchObject({ rows: 3, ok: 2, filtered: 1, sumCents: 123_456 - 8_990 });
    expect(dkb.rows.find((row) => row.state === 'filtered')!.line).toBe(6);
    const postbank = read(windows1252(files.POSTBANK), profile('Postbank'));
    expect(postbank.lines.map((l) => l.parsed.amountCents)).toEqual([-8_990, 123_456]);
    const ing = read(windows1252(files.ING), profile('ING'));
    expect(ing.lines.map((l) => [l.parsed.amountCents, l.parsed.currency])).toEqual([
      [-8_990, 'EUR'],
      [123_456, 'EUR'],
    ]);
  });

  it('reports broken rows with their physical line and column; skipped lines are left out and not failed', () => {
    const text =
      files.COMMERZBANK +
      '05.11.2026;05.11.2026;Gutschrift;x;12,345;EUR;;;;\n31.02.2026;31.02.2026;Gutschrift;y;1,00;EUR;;;;\n06.11.2026;;Gutschrift;z;;EUR;;;;\n';
    const mapping = profile('Commerzbank');
    const r = read(utf8(text), mapping);
    expect(r.totals).toMatchObject({ rows: 5, ok: 2, failed: 3 });
    const failed = r.rows.filter((row) => row.state === 'failed');
    expect(failed.map((row) => [row.line, row.errors[0]!.code, row.errors[0]!.column])).toEqual([
      [4, 'import.badAmount', 'Betrag'],
      [5, 'import.badDate', 'Buchungstag'],
      [6, 'import.amountMissing', 'Betrag'],
    ]);
    expect(failed[1]!.errors[0]!.message).toContain('31.02.2026');
    expect(failed[1]!.parsed).toBeUndefined();

    const skipped = read(utf8(text), { ...mapping, skipLines: [4, 5, 6] });
    expect(skipped.totals).toMatchObject({ rows: 5, ok: 2, skipped: 3, failed: 0 });
    expect(skipped.lines.map((l) => l.line)).toEqual([2, 3]);
  });

  it('debit and credit both filled, a word that is no direction, a bad currency: errors; a bad value date or counterparty IBAN: kept with a note', () => {
    const text = [
      'Buchungstag;Valuta;Soll;Haben;Währung;IBAN;S/H;Umsatz',
      '01.11.2026;01.11.2026;10,00;5,00;EUR;;S;1,00',
      '02.11.2026;30.02.2026;10,00;;EUR;1234567;X;1,00',
      '03.11.2026;03.11.2026;;5,00;EURO;DE02 1203 0000 0000 2020 51;H;1,00',
      '',
    ].join('\n');
    const dc = read(utf8(text), {
      amountMode: 'debitCredit',
      columns: { bookingDate: 'Buchungstag', valueDate: 'Valuta', debit: 'Soll', credit: 'Haben', currency: 'Währung', counterpartyIban: 'IBAN' },
    });
    expect(dc.rows.map((row) => [row.state, row.errors.map((e) => e.code)])).toEqual([
      ['failed', ['bankCsv.debitAndCredit']],
      ['ok', []],
      ['failed', ['import.badCurrency']],
    ]);
    expect(dc.lines[0]!.parsed).toMatchObject({ amountCents: -1_000, valueDate: null, counterpartyIban: '1234567' });
    expect(dc.warnings.sort()).toEqual(['bankCsv.counterpartyNotIban', 'bankCsv.valueDateUnreadable']);

    const withDirection = read(utf8(text), {
      amountMode: 'withDirection',
      columns: { bookingDate: 'Buchungstag', amount: 'Umsatz', direction: 'S/H', counterpartyIban: 'IBAN' },
    });
    expect(withDirection.rows.map((row) => row.parsed?.amountCents ?? row.errors[0]!.code)).toEqual([-100, 'bankCsv.badDirection', 100]);
    expect(withDirection.lines[1]!.parsed.counterpartyIban).toBe(CUSTOMER_IBAN);
  });

  it('names what the mapping lacks for its amount mode', () => {
    const r = read(utf8(files.COMMERZBANK), { amountMode: 'debitCredit', columns: { bookingDate: 'Buchungstag', debit: 'Soll' } });
    expect(r.mappingIssues.map((i) => [i.field, i.code])).toEqual([
      ['debit', 'import.columnMissing'],
      ['credit', 'import.fieldNotMapped'],
    ]);
    expect(r.totals.ok).toBe(0);
  });

  it('a chargeback file marks every line; a return booking text marks its own line', () => {
    const all = read(utf8(files.SPARKASSE), { ...profile('Sparkasse (CSV-CAMT)'), chargeback: true });
    expect(all.lines.every((l) => l.parsed.chargeback)).toBe(true);
    expect(looksLikeReturn('RUECKLASTSCHRIFT')).toBe(true);
    expect(looksLikeReturn('SEPA-Lastschrift Rückbelastung')).toBe(true);
    expect(looksLikeReturn('Entgelt Rücklastschrift')).toBe(false);
    expect(looksLikeReturn('FOLGELASTSCHRIFT')).toBe(false);
  });

  it('one statement has one currency: rows in another fail', () => {
    const text = 'Buchungstag;Betrag;Währung\n01.11.2026;1,00;EUR\n02.11.2026;2,00;EUR\n03.11.2026;3,00;USD\n';
    const r = read(utf8(text), { columns: { bookingDate: 'Buchungstag', amount: 'Betrag', currency: 'Währung' } });
    expect(r.currency).toBe('EUR');
    expect(r.rows[2]).toMatchObject({ state: 'failed', errors: [{ code: 'bankCsv.otherCurrency', column: 'Währung' }] });
    expect(r.totals).toMatchObject({ ok: 2, failed: 1, sumCents: 300 });
  });

  it('a filter with an error filters nothing and says where', () => {
    const r = read(utf8(files.COMMERZBANK), { ...profile('Commerzbank'), filter: 'Betrag <' });
    expect(r.filterError).toMatchObject({ code: 'bankCsv.filterSyntax', position: 8 });
    expect(r.totals.filtered).toBe(0);
  });

  it('reads direction marks', () => {
    expect(['S', 'soll', 'D', 'Debit', '-', 'DR'].map(readDirection)).toEqual([-1, -1, -1, -1, -1, -1]);
    expect(['H', 'Haben', 'c', 'Credit', '+', 'CR'].map(readDirection)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(readDirection('x')).toBeNull();
  });
});

describe('the end-to-end samples in test/e2e/fixtures/bank-csv', () => {
  it.each([
    ['sparkasse-camt.csv', 'Sparkasse (CSV-CAMT)', 3, 132_246],
    ['deutsche-bank-1252.csv', 'Deutsche Bank', 2, 114_466],
  ])('%s is read with the %s profile', (file, name, count, sum) => {
    const bytes = new Uint8Array(readFileSync(join(import.meta.dirname, '../../../test/e2e/fixtures/bank-csv', file)));
    const s = sniffBankCsv(bytes);
    const p = proposeProfile(BUILT_IN_PROFILES, s.columns, []);
    expect(p).toMatchObject({ name, score: 1 });
    expect(readRows(s, p.mapping).totals).toMatchObject({ ok: count, failed: 0, sumCents: sum });
  });
});
