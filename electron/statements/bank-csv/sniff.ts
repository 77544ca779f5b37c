/**
 * A bank export read with the CSV toolkit's sniffer (encoding, separator,
 * metadata, header, footer, decimal and date format), plus what bank files
 * add: balance lines at the end ("Kontostand", "Endsaldo") and the IBAN of
 * the account the file belongs to.
 */
import type { z } from 'zod';
import type { ImportFormat } from '../../../shared/entry-import';
import { isValidIban } from '../../../shared/ids';
import { normalizeHeader } from '../../csv/columns';
import { decode } from '../../csv/decode';
import { parseRecords } from '../../csv/parse';
import { detectSeparator, sniff, type Sniffed } from '../../csv/sniff';
import { KNOWN_HEADER_WORDS } from './profiles';

/** A cell that is only a balance's name, maybe with its date: `Kontostand`, `Endsaldo`, `Kontostand vom 31.01.2026:`. */
const BALANCE_WORDS =
  /^(alter |neuer )?(kontostand|saldo|anfangssaldo|endsaldo|schlusssaldo|abschlusssaldo|summe|umsatzsumme|opening balance|closing balance|balance)( (vom|am|per|zum|on|at) [0-9./-]+)?\s*:?$/i;

/**
 * A trailing line naming a balance, with few cells filled (a data row has
 * most of them). Only a cell that is nothing but the balance's name counts, so a
 * last booking "Saldo der Abschlussposten" stays a booking.
 */
export function isBankFooter(cells: readonly string[], columns: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== '');
  if (filled.length > Math.max(4, Math.ceil(columns.length / 2))) return false;
  return filled.some((c) => BALANCE_WORDS.test(c));
}

/**
 * The header of a bank export: the first of its first lines where at least
 * three cells, and most of the filled ones, are column names banks use. The
 * sniffer's own guess goes by the most common line width, which metadata
 * lines win in a short export (ING writes nine of them).
 */
export function findBankHeaderLine(bytes: Uint8Array, format: z.output<typeof ImportFormat> = {}): number | undefined {
  const { text } = decode(bytes, format.encoding);
  const separator = format.separator ?? detectSeparator(text);
  for (const r of parseRecords(text.slice(0, 64 * 1024), separator, { maxRecords: 60 })) {
    const filled = r.cells.map(normalizeHeader).filter((c) => c !== '');
    const known = filled.filter((c) => KNOWN_HEADER_WORDS.has(c)).length;
    if (known >= 3 && known * 2 >= filled.length) return r.line;
  }
  return undefined;
}

export function sniffBankCsv(bytes: Uint8Array, format: z.output<typeof ImportFormat> = {}): Sniffed {
  const headerLine = format.headerLine ?? findBankHeaderLine(bytes, format);
  return sniff(bytes, headerLine === undefined ? format : { ...format, headerLine }, { raw: true, isFooter: isBankFooter });
}

/** The first valid IBAN written in a text, spaced or not (`DE89 3704 0044 0532 0130 00`). */
export function findIban(text: string): string | null {
  const upper = text.toUpperCase();
  const starts = /[A-Z]{2}[0-9]{2}/g;
  for (let m = starts.exec(upper); m !== null; m = starts.exec(upper)) {
    // Before it: not a letter or digit (the IBAN starts a word).
    if (m.index > 0 && /[A-Z0-9]/.test(upper[m.index - 1]!)) continue;
    let compact = '';
    for (let i = m.index; i < upper.length && compact.length < 34; i++) {
      const c = upper[i]!;
      if (/[A-Z0-9]/.test(c)) compact += c;
      else if (c !== ' ' && c !== '\u00a0') break;
    }
    for (let n = compact.length; n >= 15; n--) if (isValidIban(compact.slice(0, n))) return compact.slice(0, n);
  }
  return null;
}

/** Columns that hold our own account on every row. */
const OWN_ACCOUNT_COLUMNS = new Set([
  'auftragskonto',
  'ibanauftragskonto',
  'ibanauftraggeberkonto',
  'kontoiban',
  'eigeneiban',
  'accountiban',
  'eigenekontonummer',
]);

/**
 * Our account's IBAN: from the metadata lines above the header (a line
 * naming an IBAN or account), else from an own-account column when every
 * row holds the same valid IBAN; null when the file does not say.
 */
export function detectAccountIban(sniffed: Sniffed): string | null {
  for (const cells of sniffed.metadataCells) {
    for (const c of cells) {
      const iban = findIban(c);
      if (iban) return iban;
    }
  }
  for (const [k, name] of sniffed.columns.entries()) {
    if (!OWN_ACCOUNT_COLUMNS.has(normalizeHeader(name))) continue;
    const values = new Set(sniffed.rows.map((r) => (r.cells[k] ?? '').replace(/\s+/g, '').toUpperCase()).filter((v) => v !== ''));
    if (values.size !== 1) continue;
    const [only] = values;
    if (only && isValidIban(only)) return only;
  }
  return null;
}
