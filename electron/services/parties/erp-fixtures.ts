/**
 * (tests) A German ERP's exports as a treasury clerk gets them: semicolons,
 * decimal comma, Windows-1252 bytes, umlauts, a D/K column (Debitor =
 * receivable, Kreditor = payable, all amounts positive), IBAN, BIC and SEPA
 * mandate columns; and the same ERP's master data of customers and
 * suppliers. The IBANs are valid; the BIC of some rows is left empty so it
 * has to be derived from another row of the same bank.
 */
import { windows1252 } from '../../csv/test-files';

export const ERP_OPEN_ITEMS = [
  'Offene Posten Debitoren und Kreditoren;;;;;;;;;;;;',
  'Stichtag: 30.11.2026;;;;;;;;;;;;',
  'Belegnummer;Belegdatum;Fällig am;Kontonummer;Name;D/K;Betrag;Währung;IBAN;BIC;Mandatsreferenz;Mandatsdatum;Verwendungszweck',
  'AR-2026-101;02.11.2026;16.11.2026;10001;Müller & Söhne GmbH;D;1.234,56;EUR;DE89370400440532013000;COBADEFFXXX;MRF-10001;15.03.2024;Rechnung AR-2026-101',
  'AR-2026-102;03.11.2026;17.11.2026;10002;Bäckerei Größler;D;99,90;EUR;DE02120300000000202051;BYLADEM1001;MRF-10002;01.06.2025;Rechnung AR-2026-102',
  'ER-4711;04.11.2026;04.12.2026;70001;Öko-Papier Süd AG;K;2.500,00;EUR;DE02500105170137075030;INGDDEFFXXX;;;Eingangsrechnung 4711',
  'AR-2026-103;05.11.2026;19.11.2026;10001;Müller & Söhne GmbH;D;10.000,00;EUR;DE89370400440532013000;;MRF-10001;15.03.2024;Rechnung AR-2026-103',
  'ER-4712;06.11.2026;06.12.2026;70002;Schäfer Logistik KG;K;780,40;EUR;DE75512108001245126199;;;;Fracht November',
  'ER-4713;07.11.2026;07.12.2026;70001;Öko-Papier Süd AG;K;310,00;EUR;DE02500105170137075030;INGDDEFFXXX;;;Eingangsrechnung 4713',
  'AR-2026-104;08.11.2026;22.11.2026;10003;Ärztehaus Überlingen;D;450,00;EUR;DE12500105170648489890;;;;Rechnung AR-2026-104',
  '',
].join('\r\n');

/** What the file holds, per type: receivables 1.234,56 + 99,90 + 10.000,00 + 450,00; payables 2.500,00 + 780,40 + 310,00. */
export const ERP_TOTALS = { receivables: { count: 4, cents: 1_178_446 }, payables: { count: 3, cents: 359_040 } };

/** The same ERP's master data: customers with mandates (sequence RCUR/OOFF), suppliers with bank details, one BIC to derive. */
export const ERP_PARTIES = [
  'Kontonummer;Name;D/K;IBAN;BIC;Mandatsreferenz;Mandatsdatum;Sequenz;PLZ;Ort',
  '10001;Müller & Söhne GmbH;D;DE89370400440532013000;COBADEFFXXX;MRF-10001;15.03.2024;RCUR;80331;München',
  '10002;Bäckerei Größler;D;DE02120300000000202051;BYLADEM1001;MRF-10002;01.06.2025;OOFF;10115;Berlin',
  '70001;Öko-Papier Süd AG;K;DE02500105170137075030;INGDDEFFXXX;;;;79098;Freiburg',
  '70002;Schäfer Logistik KG;K;DE75512108001245126199;;;;;28195;Bremen',
  '10003;Ärztehaus Überlingen;D;DE12500105170648489890;;;;;88662;Überlingen',
  '',
].join('\r\n');

export const erpOpenItemsBytes = (): Uint8Array => windows1252(ERP_OPEN_ITEMS);
export const erpPartiesBytes = (): Uint8Array => windows1252(ERP_PARTIES);
