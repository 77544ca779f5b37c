import { describe, expect, it } from 'vitest';
import { BankCsvMapping } from '../../../shared/bank-csv';
import { BUILT_IN_PROFILES, GENERIC_PROFILE, PROPOSAL_THRESHOLD, proposeProfile, resolveMapping, scoreProfile, type ProfileCandidate } from './profiles';
import { sniffBankCsv } from './sniff';
import * as files from './test-files';
import { utf8, windows1252 } from './test-files';

const propose = (bytes: Uint8Array, candidates: readonly ProfileCandidate[] = BUILT_IN_PROFILES) => {
  const s = sniffBankCsv(bytes);
  return proposeProfile(
    candidates,
    s.columns,
    s.columns.map((_c, k) => s.rows.map((r) => r.cells[k] ?? '')),
  );
};

describe('proposing a profile', () => {
  it.each([
    ['Sparkasse (CSV-CAMT)', utf8(files.SPARKASSE, true)],
    ['Deutsche Bank', windows1252(files.DEUTSCHE_BANK)],
    ['Commerzbank', utf8(files.COMMERZBANK)],
    ['ING', windows1252(files.ING)],
    ['DKB', utf8(files.DKB, true)],
    ['DKB (until 2023)', windows1252(files.DKB_OLD)],
    ['Volksbank / VR', windows1252(files.VOLKSBANK)],
    ['Volksbank / VR (since 2021)', utf8(files.VOLKSBANK_2021)],
    ['Postbank', windows1252(files.POSTBANK)],
  ])('proposes %s for its export', (name, bytes) => {
    const p = propose(bytes);
    expect(p).toMatchObject({ name, builtIn: true });
    expect(p.score).toBe(1);
    // Every other built-in fits worse.
    const s = sniffBankCsv(bytes);
    for (const other of BUILT_IN_PROFILES.filter((o) => o.name !== name)) expect(scoreProfile(other, s.columns)).toBeLessThan(p.score);
  });

  it('proposes Generic with columns from the header words for an unknown export', () => {
    const p = propose(utf8(files.UNKNOWN));
    expect(p.name).toBe(GENERIC_PROFILE);
    expect(p.score).toBe(0.5);
    expect(p.mapping.amountMode).toBe('signed');
    expect(p.mapping.columns).toMatchObject({
      bookingDate: 'Date',
      valueDate: 'Value date',
      amount: 'Amount',
      currency: 'Currency',
      counterpartyName: 'Payee',
      remittance: 'Details',
      reference: 'Reference',
      debit: null,
      credit: null,
      direction: null,
    });
  });

  it('suggests separate debit/credit columns or an S/H column when the header has them', () => {
    const debitCredit = utf8('Datum;Text;Soll;Haben\n01.11.2026;Miete;100,00;\n02.11.2026;Zahlung;;50,00\n');
    expect(propose(debitCredit).mapping).toMatchObject({ amountMode: 'debitCredit', columns: { bookingDate: 'Datum', debit: 'Soll', credit: 'Haben' } });
    const direction = utf8('Datum;Text;Betrag;S/H\n01.11.2026;Miete;100,00;S\n02.11.2026;Zahlung;50,00;H\n');
    expect(propose(direction).mapping).toMatchObject({ amountMode: 'withDirection', columns: { amount: 'Betrag', direction: 'S/H' } });
  });

  it('prefers a saved profile that fits as well as a built-in, and falls back to Generic below the threshold', () => {
    const sparkasse = BUILT_IN_PROFILES.find((p) => p.name === 'Sparkasse (CSV-CAMT)')!;
    const mine: ProfileCandidate = {
      name: 'Sparkasse Lastschriften',
      builtIn: false,
      header: sparkasse.header,
      mapping: { ...sparkasse.mapping, filter: `Betrag < 0` },
    };
    expect(propose(utf8(files.SPARKASSE), [...BUILT_IN_PROFILES, mine])).toMatchObject({ name: 'Sparkasse Lastschriften', builtIn: false, score: 1 });
    // A file with only a few of the profile's columns.
    const partial = utf8('Buchungstag;Betrag;Notiz\n01.11.2026;1,00;x\n');
    const p = propose(partial, [mine]);
    expect(scoreProfile(mine, ['Buchungstag', 'Betrag', 'Notiz'])).toBeLessThan(PROPOSAL_THRESHOLD);
    expect(p.name).toBe(GENERIC_PROFILE);
  });

  it('caps the score when a column the mapping needs is missing', () => {
    const db = BUILT_IN_PROFILES.find((p) => p.name === 'Deutsche Bank')!;
    const columns = db.header.filter((h) => h !== 'Haben');
    expect(scoreProfile(db, columns)).toBeLessThanOrEqual(0.3);
  });

  it('resolves column names as the file spells them', () => {
    const m = BankCsvMapping.parse({ columns: { bookingDate: 'buchungstag', amount: 'Waehrung', currency: 'nothing' } });
    expect(resolveMapping(m, ['Buchungstag', 'Währung']).columns).toMatchObject({ bookingDate: 'Buchungstag', amount: 'Währung', currency: 'nothing' });
  });
});
