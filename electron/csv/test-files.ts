/** Sample files for the import tests, written the way ERPs write them. */

const CP1252_SPECIALS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '–': 0x96,
  '—': 0x97,
};

/** Encodes text as Windows-1252, as a German Excel saves "CSV (Trennzeichen-getrennt)". */
export function windows1252(text: string): Uint8Array {
  return Uint8Array.from([...text], (ch) => {
    const special = CP1252_SPECIALS[ch];
    if (special !== undefined) return special;
    const code = ch.codePointAt(0)!;
    if (code > 0xff || (code >= 0x80 && code <= 0x9f)) throw new Error(`No Windows-1252 byte for ${ch}`);
    return code;
  });
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  return bom ? Uint8Array.from([0xef, 0xbb, 0xbf, ...body]) : body;
}

export const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Open items from a German ERP: two metadata lines padded with separators, umlauts, €, typographic quotes. */
export const GERMAN = [
  'Offene Posten Debitoren;;;;;;',
  'Stichtag: 21.11.2026;;;;;;',
  'Belegnummer;Belegdatum;Fällig am;Kunde;Name;Betrag;Verwendungszweck',
  'RE-2026-001;01.11.2026;15.11.2026;K-1001;Müller & Söhne GmbH;1.234,56;Rechnung RE-2026-001 „Büro“',
  'RE-2026-002;02.11.2026;16.11.2026;K-1002;Bäckerei Groß;99,90;Überweisung – 2 € Rabatt',
  'RE-2026-003;03.11.2026;17.11.2026;K-1001;Müller & Söhne GmbH;10.000,00;',
  '',
].join('\r\n');

/** The same kind of list from an English system: commas, decimal points, ISO dates, quoted fields. */
export const ENGLISH = [
  'Invoice no.,Invoice date,Due date,Customer no.,Customer name,Amount,Currency,Reference',
  'INV-1001,2026-11-01,2026-11-30,C-1,"Smith, Jones & Co",1234.56,EUR,Invoice INV-1001',
  'INV-1002,2026-11-02,2026-12-02,C-2,Acme Ltd,"1,000.00",EUR,"Two lines,',
  'of reference"',
  'INV-1003,2026-11-03,2026-12-03,C-1,"Smith, Jones & Co",0.99,EUR,"He said ""pay"""',
  '',
].join('\n');
