/**
 * Which bank layout an MT940 file is, decided once per file from its first
 * bytes: the envelope (`{1:F01<BIC>`, `:940:`, `ABNANL2A`, `0000 01INGB…`),
 * the account in `:25:` (IBAN bank code, `TRIODOSBANK/`, `BLZ/Konto`) and,
 * failing those, the shape of the first `:86:` fields. The dialect decides
 * how `:86:` is read (mt940-86.ts); each field is still recognised by its own
 * shape too, because banks mix layouts within one file.
 *
 * The country (from the BIC or IBAN) guides the encoding guess.
 */
import { countryOf } from './encoding';
import type { StatementDialect } from './model';

export interface FileProfile {
  dialect: StatementDialect;
  /** ISO 3166 alpha-2 of the account's bank, when the head names it. */
  country?: string;
}

/** Bank part of a BIC (first 4 letters) or Dutch IBAN bank code → dialect. */
const BANKS: Record<string, StatementDialect> = {
  INGB: 'ing-nl',
  RABO: 'rabobank',
  ABNA: 'abn-amro',
  TRIO: 'triodos',
  KNAB: 'knab',
  SNSB: 'sns',
  RBRB: 'sns',
  ASNB: 'asn',
  CITI: 'citibank',
  BREX: 'mbank',
  POFI: 'postfinance',
  RZBA: 'raiffeisen',
  RZOO: 'raiffeisen',
  RZBH: 'raiffeisen',
  RZKT: 'raiffeisen',
  RVSA: 'raiffeisen',
  RAIF: 'raiffeisen',
  RLNW: 'raiffeisen',
  CCRA: 'raiffeisen',
  UBRT: 'raiffeisen',
  SABR: 'sberbank',
  SBER: 'sberbank',
};

function fromBic(bic: string): FileProfile | undefined {
  const dialect = BANKS[bic.slice(0, 4)];
  const country = countryOf(bic);
  if (dialect === undefined) return country === 'DE' || country === 'AT' ? { dialect: 'de-dk', country } : undefined;
  // ING outside the Netherlands does not write the Dutch layout.
  if (dialect === 'ing-nl' && country !== 'NL') return country === 'DE' ? { dialect: 'de-dk', country } : { dialect: 'swift', country };
  return country !== undefined ? { dialect, country } : { dialect };
}

function fromAccount(value: string): FileProfile | undefined {
  const v = value.trim().toUpperCase();
  if (v.startsWith('TRIODOSBANK/')) return { dialect: 'triodos', country: 'NL' };
  const compact = v.replace(/\s+/g, '');
  const bicFirst = /^\/?\/?([A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\//.exec(compact);
  if (bicFirst !== null) return fromBic(bicFirst[1] as string);
  if (/^\/\/AT\d/.test(compact)) return { dialect: 'raiffeisen', country: 'AT' };
  const iban = /^([A-Z]{2})\d{2}([A-Z0-9]{4,})/.exec(compact);
  if (iban !== null) {
    const country = iban[1] as string;
    const bban = iban[2] as string;
    if (country === 'NL') return { dialect: BANKS[bban.slice(0, 4)] ?? 'swift', country };
    if (country === 'PL') return { dialect: bban.startsWith('114') ? 'mbank' : 'swift', country };
    if (country === 'CH' || country === 'LI') return { dialect: bban.startsWith('09000') ? 'postfinance' : 'swift', country };
    if (country === 'DE') return { dialect: 'de-dk', country };
    if (country === 'AT') return { dialect: bban.startsWith('3') ? 'raiffeisen' : 'de-dk', country };
    return { dialect: 'swift', country };
  }
  if (/^\d{8}\/\d{1,10}/.test(compact)) return { dialect: 'de-dk', country: 'DE' };
  return undefined;
}

/** The first `:86:` shapes in the head, for files whose envelope and account say nothing. */
function fromDetails(head: string): StatementDialect | undefined {
  if (/\n:86:\s*\d{3}\s*\?\d\d/.test(head)) return 'de-dk';
  if (/\n:86:\s*\d{3}\s*>\d\d/.test(head)) return 'triodos';
  if (/\n:NS:/.test(head)) return 'sberbank';
  if (/\n:86:[^\n]*\/\/(?:CNTP|REMI|MARF|CSID|PREF)\//.test(head) || /\n:86:\/EREF\/[^\n/]*\/\/[A-Z]{4}\//.test(head)) return 'ing-nl';
  if (/\n:86:\/TRTP\//.test(head)) return 'abn-amro';
  return undefined;
}

/** The file's dialect and country from its first bytes (Latin-1 text, any line endings). */
export function detectDialect(head: string): FileProfile {
  // CRLF, LF and old Mac CR alone all end a line.
  const text = `\n${head.replace(/\r\n?/g, '\n')}`;
  const block1 = /\{1:F\d\d([A-Z]{6}[A-Z0-9]{2})/.exec(text);
  const fromEnvelope = block1 !== null ? fromBic(block1[1] as string) : undefined;
  const account = /\n:25:([^\n]*)/.exec(text);
  const fromAcct = account !== null ? fromAccount(account[1] as string) : undefined;
  const country = fromEnvelope?.country ?? fromAcct?.country;
  const withCountry = (dialect: StatementDialect): FileProfile => (country !== undefined ? { dialect, country } : { dialect });
  if (/\n:940:/.test(text)) return { dialect: 'rabobank', country: 'NL' };
  if (/\nABNANL2A\s*\n/.test(text)) return { dialect: 'abn-amro', country: 'NL' };
  if (/\n0000 01INGBNL2A/.test(text)) return { dialect: 'ing-nl', country: 'NL' };
  if (fromEnvelope !== undefined && fromEnvelope.dialect !== 'swift' && fromEnvelope.dialect !== 'de-dk') return fromEnvelope;
  if (fromAcct !== undefined && fromAcct.dialect !== 'swift' && fromAcct.dialect !== 'de-dk') return withCountry(fromAcct.dialect);
  const byDetails = fromDetails(text);
  if (byDetails !== undefined) return withCountry(byDetails);
  if (fromEnvelope?.dialect === 'de-dk' || fromAcct?.dialect === 'de-dk') return withCountry('de-dk');
  return withCountry('swift');
}
