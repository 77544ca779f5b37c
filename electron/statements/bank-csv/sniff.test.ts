import { describe, expect, it } from 'vitest';
import { detectAccountIban, findIban, isBankFooter, sniffBankCsv } from './sniff';
import { COMMERZBANK, DEUTSCHE_BANK, ING, OUR_IBAN, SPARKASSE, UNKNOWN, utf8, VOLKSBANK, windows1252 } from './test-files';

describe('sniffing German bank exports', () => {
  it('UTF-8 with BOM, quoted cells, two-digit years (Sparkasse CSV-CAMT)', () => {
    const s = sniffBankCsv(utf8(SPARKASSE, true));
    expect(s.detected).toMatchObject({
      encoding: 'utf-8',
      bom: true,
      separator: ';',
      headerLine: 1,
      decimal: ',',
      dateFormat: 'dd.mm.yyyy',
      metadataLines: [],
      footerLines: [],
    });
    expect(s.columns).toHaveLength(17);
    expect(s.columns[12]).toBe('Kontonummer/IBAN');
    expect(s.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(s.rows[0]!.cells[11]).toBe('Müller GmbH');
    expect(s.rows[0]!.raw).toMatch(/^"DE89370400440532013000";"03\.11\.26";.*"Umsatz gebucht"$/);
  });

  it('Windows-1252 (€ is 0x80) with metadata lines, Soll/Haben columns and a balance footer (Deutsche Bank)', () => {
    const bytes = windows1252(DEUTSCHE_BANK);
    expect(bytes.includes(0x80)).toBe(true);
    expect(bytes.includes(0xfc)).toBe(true); // ü
    const s = sniffBankCsv(bytes);
    expect(s.detected).toMatchObject({ encoding: 'windows-1252', bom: false, headerLine: 5, decimal: ',', dateFormat: 'dd.mm.yyyy' });
    expect(s.detected.metadataLines).toEqual(['Kontoumsätze Girokonto', 'Konto ; DE89 3704 0044 0532 0130 00', 'Zeitraum ; 01.11.2026 - 30.11.2026']);
    expect(s.detected.footerLines).toEqual(['Kontostand ; 30.11.2026 ;  ;  ; 1.144,66 ; EUR']);
    expect(s.columns).toContain('Begünstigter / Auftraggeber');
    expect(s.columns).toContain('Mandatsreferenz');
    expect(s.rows.map((r) => r.line)).toEqual([6, 7]);
    expect(s.rows[1]!.cells[4]).toBe('Strom € 89,90');
    expect(detectAccountIban(s)).toBe(OUR_IBAN);
  });

  it('ISO-8859-1 (ä is 0xE4) with many metadata lines and a second "Währung" column (ING)', () => {
    const bytes = windows1252(ING);
    expect(bytes.includes(0xe4)).toBe(true);
    const s = sniffBankCsv(bytes);
    expect(s.detected).toMatchObject({ encoding: 'windows-1252', headerLine: 14, decimal: ',' });
    expect(s.detected.metadataLines).toHaveLength(9);
    expect(s.columns).toEqual(['Buchung', 'Valuta', 'Auftraggeber/Empfänger', 'Buchungstext', 'Verwendungszweck', 'Saldo', 'Währung', 'Betrag', 'Währung (2)']);
    expect(s.rows[1]!.cells[2]).toBe('Müller GmbH');
    expect(detectAccountIban(s)).toBe(OUR_IBAN);
  });

  it('balance lines after the data are footer, a quoted line break stays in its cell and its raw text (Volksbank)', () => {
    const s = sniffBankCsv(utf8(VOLKSBANK));
    expect(s.detected.headerLine).toBe(6);
    expect(s.rows.map((r) => r.line)).toEqual([7, 9]);
    expect(s.detected.footerLines).toHaveLength(2);
    expect(s.detected.footerLines[1]).toContain('Endsaldo');
    expect(s.rows[0]!.cells[8]).toBe('Gutschrift\nRE-2026-001');
    expect(s.rows[0]!.raw).toContain('"Gutschrift\nRE-2026-001";;EUR;1.234,56;H');
    expect(detectAccountIban(s)).toBe(OUR_IBAN);
  });

  it('finds our account in an own-account column when every row holds it (Commerzbank), not in an English file', () => {
    expect(detectAccountIban(sniffBankCsv(utf8(COMMERZBANK)))).toBe(OUR_IBAN);
    const s = sniffBankCsv(utf8(UNKNOWN));
    expect(s.detected).toMatchObject({ separator: ',', decimal: '.', dateFormat: 'yyyy-mm-dd' });
    expect(detectAccountIban(s)).toBeNull();
  });

  it('a last booking that merely starts with "Saldo" stays a booking', () => {
    const cols = ['Buchungstag', 'Umsatzart', 'Buchungstext', 'Betrag', 'Währung'];
    expect(isBankFooter(['Kontostand', '30.11.2026', '', '1,00', 'EUR'], cols)).toBe(true);
    expect(isBankFooter(['Kontostand vom 30.11.2026:', '1,00 €'], cols)).toBe(true);
    expect(isBankFooter(['30.11.2026', 'Abschluss', 'Saldo der Abschlussposten', '-3,00', 'EUR'], cols)).toBe(false);
  });
});

describe('finding an IBAN in a text', () => {
  it('spaced or compact, with text around it; invalid check digits are no IBAN', () => {
    expect(findIban('Konto: DE89 3704 0044 0532 0130 00 / Girokonto')).toBe(OUR_IBAN);
    expect(findIban(`${OUR_IBAN} / Girokonto`)).toBe(OUR_IBAN);
    expect(findIban(`IBAN ${OUR_IBAN} EUR`)).toBe(OUR_IBAN);
    expect(findIban('DE88 3704 0044 0532 0130 00')).toBeNull();
    expect(findIban('Zeitraum 01.11.2026')).toBeNull();
  });
});
