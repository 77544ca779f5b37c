/**
 * (tests) The files of the clerk's week in the terminal: a German ERP's
 * master data and its 20 open items (`;`, decimal comma, Windows-1252 with
 * umlauts, a D/K column, IBAN/BIC/mandate columns, a payment-method column),
 * and a Sparkasse CSV export of the company's second account. The week is
 * Monday 23 to Friday 27 November 2026; every due date is chosen against it.
 * Valid IBANs (check digits computed), made-up names.
 */
import iconv from 'iconv-lite';

/** The company's account at a Sparkasse that has no EBICS access: its bookings come as CSV. */
export const SPARKASSE_IBAN = 'DE87701500001002345678';

export const PARTIES_CSV = [
  'Kontonummer;Name;D/K;IBAN;BIC;Mandatsreferenz;Mandatsdatum;Sequenz;PLZ;Ort',
  '10001;Müller & Söhne GmbH;D;DE89370400440532013000;COBADEFFXXX;MRF-10001;15.03.2024;RCUR;80331;München',
  '10002;Bäckerei Größler;D;DE02120300000000202051;BYLADEM1001;MRF-10002;01.06.2025;RCUR;10115;Berlin',
  '10003;Ärztehaus Überlingen;D;DE12500105170648489890;;;;;88662;Überlingen',
  '10004;Café Kröger OHG;D;DE57250501800912345670;SPKHDE2HXXX;;;;30159;Hannover',
  '10005;Jürgen Weiß e.K.;D;;;;;;90402;Nürnberg',
  '70001;Öko-Papier Süd AG;K;DE02500105170137075030;INGDDEFFXXX;;;;79098;Freiburg',
  '70002;Schäfer Logistik KG;K;DE75512108001245126199;;;;;28195;Bremen',
  '70003;Förster Büromöbel GmbH;K;DE85760501010011223344;SSKNDE77XXX;;;;90403;Nürnberg',
  '70004;Wäscherei Kühn;K;DE95660501010108765432;KARSDE66XXX;;;;76133;Karlsruhe',
  '',
].join('\r\n');

const HEADER = 'Belegnummer;Belegdatum;Fällig am;Kontonummer;Name;D/K;Betrag;Währung;IBAN;BIC;Mandatsreferenz;Mandatsdatum;Zahlweg;Verwendungszweck';

/** Twenty open items as of Monday 23.11.2026: what each is for in the week is said beside it. */
export const OPEN_ITEMS_CSV = [
  'Offene Posten Debitoren und Kreditoren;;;;;;;;;;;;;',
  'Stichtag: 23.11.2026;;;;;;;;;;;;;',
  HEADER,
  // Collected by direct debit on Thursday.
  'AR-2026-201;02.11.2026;26.11.2026;10001;Müller & Söhne GmbH;D;1.234,56;EUR;DE89370400440532013000;COBADEFFXXX;MRF-10001;15.03.2024;Lastschrift;Rechnung AR-2026-201',
  'AR-2026-202;03.11.2026;26.11.2026;10002;Bäckerei Größler;D;99,90;EUR;DE02120300000000202051;BYLADEM1001;MRF-10002;01.06.2025;Lastschrift;Rechnung AR-2026-202',
  'AR-2026-203;05.11.2026;26.11.2026;10001;Müller & Söhne GmbH;D;2.000,00;EUR;DE89370400440532013000;;MRF-10001;15.03.2024;Lastschrift;Rechnung AR-2026-203',
  // Paid by the customers' transfers to the Sparkasse account (one exactly, one 5,00 short).
  'AR-2026-204;08.11.2026;20.11.2026;10003;Ärztehaus Überlingen;D;450,00;EUR;DE12500105170648489890;;;;Überweisung;Rechnung AR-2026-204',
  'AR-2026-205;09.11.2026;23.11.2026;10004;Café Kröger OHG;D;1.190,00;EUR;DE57250501800912345670;;;;Überweisung;Rechnung AR-2026-205',
  // Paid in cash at the counter.
  'AR-2026-206;10.11.2026;24.11.2026;10005;Jürgen Weiß e.K.;D;89,00;EUR;;;;;Bar;Rechnung AR-2026-206',
  // Due in December: open at the end of the week.
  'AR-2026-207;12.11.2026;10.12.2026;10001;Müller & Söhne GmbH;D;3.456,78;EUR;;;MRF-10001;15.03.2024;Lastschrift;Rechnung AR-2026-207',
  'AR-2026-208;13.11.2026;11.12.2026;10002;Bäckerei Größler;D;120,00;EUR;;;MRF-10002;01.06.2025;Lastschrift;Rechnung AR-2026-208',
  'AR-2026-209;16.11.2026;14.12.2026;10003;Ärztehaus Überlingen;D;600,00;EUR;;;;;Überweisung;Rechnung AR-2026-209',
  'AR-2026-210;17.11.2026;15.12.2026;10004;Café Kröger OHG;D;75,50;EUR;;;;;Überweisung;Rechnung AR-2026-210',
  'AR-2026-211;18.11.2026;16.12.2026;10001;Müller & Söhne GmbH;D;999,99;EUR;;;MRF-10001;15.03.2024;Lastschrift;Rechnung AR-2026-211',
  'AR-2026-212;19.11.2026;17.12.2026;10005;Jürgen Weiß e.K.;D;44,00;EUR;;;;;Bar;Rechnung AR-2026-212',
  // Paid by the payment run (approved by a second person, executed Tuesday to Thursday).
  'ER-5101;04.11.2026;24.11.2026;70001;Öko-Papier Süd AG;K;2.500,00;EUR;DE02500105170137075030;INGDDEFFXXX;;;Überweisung;Eingangsrechnung 5101',
  'ER-5102;06.11.2026;25.11.2026;70002;Schäfer Logistik KG;K;780,40;EUR;DE75512108001245126199;;;;Überweisung;Fracht November',
  'ER-5103;07.11.2026;25.11.2026;70001;Öko-Papier Süd AG;K;310,00;EUR;DE02500105170137075030;INGDDEFFXXX;;;Überweisung;Eingangsrechnung 5103',
  'ER-5104;09.11.2026;26.11.2026;70003;Förster Büromöbel GmbH;K;1.749,99;EUR;DE85760501010011223344;SSKNDE77XXX;;;Überweisung;Schreibtische Büro Süd',
  'ER-5105;10.11.2026;26.11.2026;70004;Wäscherei Kühn;K;145,20;EUR;DE95660501010108765432;KARSDE66XXX;;;Überweisung;Wäsche Oktober',
  // Rejected by the approver: never paid.
  'ER-5106;12.11.2026;26.11.2026;70001;Öko-Papier Süd AG;K;55,00;EUR;DE02500105170137075030;INGDDEFFXXX;;;Überweisung;Doppelt erfasst',
  // Due in December.
  'ER-5107;15.11.2026;18.12.2026;70003;Förster Büromöbel GmbH;K;3.000,00;EUR;DE85760501010011223344;SSKNDE77XXX;;;Überweisung;Anzahlung Regale',
  'ER-5108;16.11.2026;21.12.2026;70004;Wäscherei Kühn;K;99,00;EUR;DE95660501010108765432;KARSDE66XXX;;;Überweisung;Wäsche November',
  '',
].join('\r\n');

const SPARKASSE_HEADER =
  '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"';

const booking = (date: string, text: string, remittance: string, name: string, iban: string, bic: string, amount: string) =>
  [SPARKASSE_IBAN, date, date, text, remittance, '', '', 'NOTPROVIDED', '', '', '', name, iban, bic, amount, 'EUR', 'Umsatz gebucht']
    .map((c) => `"${c}"`)
    .join(';');

/** The Sparkasse account's bookings of the week, with the account above the header as online banking writes it. */
export const SPARKASSE_CSV = [
  '"Umsätze Geschäftskonto";"Stadtsparkasse München"',
  '"Konto";"DE87 7015 0000 1002 3456 78"',
  '"Zeitraum";"23.11.2026 - 27.11.2026"',
  '""',
  SPARKASSE_HEADER,
  booking('24.11.26', 'GUTSCHR. UEBERWEISUNG', 'Rechnung AR-2026-204 Ärztehaus', 'Ärztehaus Überlingen', 'DE12500105170648489890', 'SOLADES1SAL', '450,00'),
  booking('25.11.26', 'GUTSCHR. UEBERWEISUNG', 'AR-2026-205 abzgl. Spesen', 'Café Kröger OHG', 'DE57250501800912345670', 'SPKHDE2HXXX', '1.185,00'),
  '',
].join('\r\n');

/** The bytes the ERP and the online banking write. */
export const windows1252 = (text: string): Buffer => iconv.encode(text, 'win1252');
