/**
 * Hand-written bank exports in the layouts of the German banks (made-up
 * names, amounts and the well-known example IBANs; no customer data).
 */
export { base64, utf8, windows1252 } from '../../csv/test-files';

/** Our account in all samples. */
export const OUR_IBAN = 'DE89370400440532013000';
export const OUR_IBAN_SPACED = 'DE89 3704 0044 0532 0130 00';
/** A customer's account. */
export const CUSTOMER_IBAN = 'DE02120300000000202051';

const lines = (rows: string[], eol = '\r\n') => rows.join(eol) + eol;

export const SPARKASSE = lines([
  '"Auftragskonto";"Buchungstag";"Valutadatum";"Buchungstext";"Verwendungszweck";"Glaeubiger ID";"Mandatsreferenz";"Kundenreferenz (End-to-End)";"Sammlerreferenz";"Lastschrift Ursprungsbetrag";"Auslagenersatz Ruecklastschrift";"Beguenstigter/Zahlungspflichtiger";"Kontonummer/IBAN";"BIC (SWIFT-Code)";"Betrag";"Waehrung";"Info"',
  `"${OUR_IBAN}";"03.11.26";"03.11.26";"GUTSCHR. UEBERWEISUNG";"RE-2026-001 Danke";"";"";"NOTPROVIDED";"";"";"";"Müller GmbH";"${CUSTOMER_IBAN}";"BYLADEM1001";"1.234,56";"EUR";"Umsatz gebucht"`,
  `"${OUR_IBAN}";"04.11.26";"04.11.26";"FOLGELASTSCHRIFT";"Strom November";"DE98ZZZ09999999999";"M-77";"E2E-STROM-11";"";"";"";"Stadtwerke";"DE44500105175407324931";"INGDDEFFXXX";"-89,90";"EUR";"Umsatz gebucht"`,
  `"${OUR_IBAN}";"05.11.26";"05.11.26";"ENTGELTABSCHLUSS";"Entgelte";"";"";"";"";"";"";"";"";"";"-12,00";"EUR";"Umsatz gebucht"`,
]);

/** Deutsche Bank: metadata lines, separate Soll/Haben columns, a footer with the balance; Windows-1252. */
export const DEUTSCHE_BANK = lines([
  'Kontoumsätze Girokonto;;;;;;;;;;;;;;;;;',
  `Konto;${OUR_IBAN_SPACED};;;;;;;;;;;;;;;;`,
  'Zeitraum;01.11.2026 - 30.11.2026;;;;;;;;;;;;;;;;',
  '',
  'Buchungstag;Wert;Umsatzart;Begünstigter / Auftraggeber;Verwendungszweck;IBAN;BIC;Kundenreferenz;Mandatsreferenz ;Gläubiger ID;Fremde Gebühren;Betrag;Abweichender Empfänger;Anzahl der Aufträge;Anzahl der Schecks;Soll;Haben;Währung',
  `03.11.2026;03.11.2026;SEPA-Überweisung von;Müller GmbH;RE-2026-001;${CUSTOMER_IBAN};BYLADEM1001;;;;;;;;;;1.234,56;EUR`,
  '04.11.2026;04.11.2026;SEPA-Lastschrift;Stadtwerke;Strom € 89,90;DE44500105175407324931;INGDDEFFXXX;E2E-STROM-11;M-77;DE98ZZZ09999999999;;;;;;-89,90;;EUR',
  'Kontostand;30.11.2026;;;1.144,66;EUR;;;;;;;;;;;;',
]);

export const COMMERZBANK = lines([
  'Buchungstag;Wertstellung;Umsatzart;Buchungstext;Betrag;Währung;Auftraggeberkonto;Bankleitzahl Auftraggeberkonto;IBAN Auftraggeberkonto;Kategorie',
  `03.11.2026;03.11.2026;Gutschrift;Müller GmbH RE-2026-001;1234,56;EUR;532013000;37040044;${OUR_IBAN};Sonstiges`,
  `04.11.2026;04.11.2026;Lastschrift;Stadtwerke Strom November;-89,9;EUR;532013000;37040044;${OUR_IBAN};Wohnen`,
]);

/** ING: metadata lines (IBAN spaced, balance), two "Währung" columns; ISO-8859-1. */
export const ING = lines([
  'Umsatzanzeige;Datei erstellt am: 21.11.2026 09:00',
  '',
  `IBAN;${OUR_IBAN_SPACED}`,
  'Kontoname;Girokonto',
  'Bank;ING',
  'Kunde;Kontor Test GmbH',
  'Zeitraum;01.11.2026 - 21.11.2026',
  'Saldo;1.144,66;EUR',
  '',
  'Sortierung;Datum absteigend',
  '',
  'In der CSV-Datei finden Sie alle bereits gebuchten Umsätze.',
  '',
  'Buchung;Valuta;Auftraggeber/Empfänger;Buchungstext;Verwendungszweck;Saldo;Währung;Betrag;Währung',
  '04.11.2026;04.11.2026;Stadtwerke;Lastschrift;Strom November;1.144,66;EUR;-89,90;EUR',
  '03.11.2026;03.11.2026;Müller GmbH;Gutschrift;RE-2026-001;1.234,56;EUR;1.234,56;EUR',
]);

export const DKB = lines([
  '"Girokonto";"' + OUR_IBAN + '"',
  '""',
  '"Kontostand vom 21.11.2026:";"1.144,66 €"',
  '""',
  '"Buchungsdatum";"Wertstellung";"Status";"Zahlungspflichtige*r";"Zahlungsempfänger*in";"Verwendungszweck";"Umsatztyp";"IBAN";"Betrag (€)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz"',
  `"05.11.26";"05.11.26";"Vorgemerkt";"Kontor Test GmbH";"Stadtwerke";"Abschlag";"Ausgang";"DE44500105175407324931";"-10";"";"";""`,
  `"04.11.26";"04.11.26";"Gebucht";"Kontor Test GmbH";"Stadtwerke";"Strom November";"Ausgang";"DE44500105175407324931";"-89,90";"DE98ZZZ09999999999";"M-77";"E2E-STROM-11"`,
  `"03.11.26";"03.11.26";"Gebucht";"Müller GmbH";"Kontor Test GmbH";"RE-2026-001";"Eingang";"${CUSTOMER_IBAN}";"1.234,56";"";"";""`,
]);

export const DKB_OLD = lines([
  `"Kontonummer:";"${OUR_IBAN} / Girokonto";`,
  '',
  '"Von:";"01.11.2026";',
  '"Bis:";"30.11.2026";',
  '"Kontostand vom 30.11.2026:";"1.144,66 EUR";',
  '',
  '"Buchungstag";"Wertstellung";"Buchungstext";"Auftraggeber / Begünstigter";"Verwendungszweck";"Kontonummer";"BLZ";"Betrag (EUR)";"Gläubiger-ID";"Mandatsreferenz";"Kundenreferenz";',
  `"03.11.2026";"03.11.2026";"Gutschrift";"Müller GmbH";"RE-2026-001";"${CUSTOMER_IBAN}";"BYLADEM1001";"1.234,56";"";"";"";`,
  '"04.11.2026";"04.11.2026";"Lastschrift";"Stadtwerke";"Strom November";"DE44500105175407324931";"INGDDEFFXXX";"-89,90";"DE98ZZZ09999999999";"M-77";"E2E-STROM-11";',
]);

/** Volksbank (classic): absolute amounts with an S/H column, balance lines after the data. */
export const VOLKSBANK = lines([
  'Volksbank Musterstadt eG;;;;;;;;;;;;',
  'Umsatzanzeige;;;;;;;;;;;;',
  `BLZ:;37040044;;Datum:;21.11.2026;;;;;;;;`,
  `Konto:;${OUR_IBAN};;Uhrzeit:;09:00:00;;;;;;;;`,
  '',
  'Buchungstag;Valuta;Auftraggeber/Zahlungsempfänger;Empfänger/Zahlungspflichtiger;Konto-Nr.;IBAN;BLZ;BIC;Vorgang/Verwendungszweck;Kundenreferenz;Währung;Umsatz;Soll/Haben',
  `03.11.2026;03.11.2026;Kontor Test GmbH;Müller GmbH;;${CUSTOMER_IBAN};;BYLADEM1001;"Gutschrift\nRE-2026-001";;EUR;1.234,56;H`,
  '04.11.2026;04.11.2026;Kontor Test GmbH;Stadtwerke;;DE44500105175407324931;;INGDDEFFXXX;Lastschrift Strom November;E2E-STROM-11;EUR;89,90;S',
  '',
  '01.11.2026;;;;;;;;;Anfangssaldo;EUR;0,00;H',
  '30.11.2026;;;;;;;;;Endsaldo;EUR;1.144,66;H',
]);

export const VOLKSBANK_2021 = lines([
  'Bezeichnung Auftragskonto;IBAN Auftragskonto;BIC Auftragskonto;Bankname Auftragskonto;Buchungstag;Valutadatum;Name Zahlungsbeteiligter;IBAN Zahlungsbeteiligter;BIC (SWIFT-Code) Zahlungsbeteiligter;Buchungstext;Verwendungszweck;Betrag;Waehrung;Saldo nach Buchung;Bemerkung;Kategorie;Steuerrelevant;Glaeubiger ID;Mandatsreferenz',
  `Girokonto;${OUR_IBAN};GENODEF1XXX;Volksbank Musterstadt;03.11.2026;03.11.2026;Müller GmbH;${CUSTOMER_IBAN};BYLADEM1001;Gutschrift;RE-2026-001;1.234,56;EUR;1.234,56;;;;;`,
  `Girokonto;${OUR_IBAN};GENODEF1XXX;Volksbank Musterstadt;04.11.2026;04.11.2026;Stadtwerke;DE44500105175407324931;INGDDEFFXXX;Lastschrift;Strom November;-89,90;EUR;1.144,66;;;;DE98ZZZ09999999999;M-77`,
]);

export const POSTBANK = lines([
  'Umsatzauskunft;;;;;;;',
  'Name;Kontor Test GmbH;;;;;;',
  'BLZ;37040044;;;;;;',
  `IBAN;${OUR_IBAN};;;;;;`,
  '',
  'Buchungstag;Wertstellung;Umsatzart;Buchungsdetails;Auftraggeber;Empfänger;Betrag (€);Saldo (€)',
  '04.11.2026;04.11.2026;Lastschrift;Strom November;Kontor Test GmbH;Stadtwerke;-89,90 €;1.144,66 €',
  '03.11.2026;03.11.2026;Gutschrift;RE-2026-001;Müller GmbH;Kontor Test GmbH;1.234,56 €;1.234,56 €',
]);

/** An export no profile knows, in English. */
export const UNKNOWN = lines(
  [
    'Date,Value date,Payee,Details,Amount,Currency,Reference',
    `2026-11-03,2026-11-03,Mueller GmbH,RE-2026-001,"1,234.56",EUR,REF-1`,
    `2026-11-04,2026-11-04,Stadtwerke,Power November,-89.90,EUR,REF-2`,
  ],
  '\n',
);
