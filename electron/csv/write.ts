/**
 * The one way Kontor writes CSV for a spreadsheet. A text cell that a
 * spreadsheet would run as a formula (OWASP "CSV injection": a first
 * character of `= + - @`, tab or carriage return) gets a leading apostrophe
 * and quotes, so it is shown as the text it is. A cell holding either
 * separator, a quote or a line break is quoted whatever separator the file
 * uses, so a program that guesses the separator (or takes its locale's)
 * still keeps the value in one cell instead of making `=cmd` a cell of its own.
 *
 * Numbers that Kontor formats itself (amounts from integer cents) are typed
 * cells: `-12,34` stays unprefixed so the spreadsheet still reads a number;
 * `csvNumber` refuses anything that is not a plain decimal number, so no
 * text can pass as one.
 */

export type CsvSeparator = ',' | ';';

/** A number written as it is; made only by `csvNumber`. */
export interface CsvNumber {
  readonly kind: 'number';
  readonly text: string;
}

/** Text (neutralised and quoted as needed), a number, or an empty cell. */
export type CsvValue = string | CsvNumber | null | undefined;

const PLAIN_NUMBER = /^-?[0-9]+(?:[.,][0-9]+)?$/;

/** A number cell from text Kontor formatted itself (`-12,34`, `1000.00`); throws on anything else. */
export function csvNumber(text: string): CsvNumber {
  if (!PLAIN_NUMBER.test(text)) throw new Error(`Not a plain decimal number for a CSV number cell: ${JSON.stringify(text)}`);
  return { kind: 'number', text };
}

/**
 * Starts a formula in Excel, LibreOffice or Google Sheets: `= + - @`, tab and
 * carriage return (OWASP), line feed, their full-width forms, and any of them
 * after leading blanks (some programs trim before they look).
 */
const FORMULA_START = /^[\s\u00a0\u3000]*[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]/;
/** What makes a cell need quotes: either separator, a quote, a line break, a tab, or blanks at its ends that a reader could trim. */
const NEEDS_QUOTES = /[,;"\r\n\t]|^\s|\s$/;

/** Whether a text cell would be read as a formula and is therefore written with a leading apostrophe. */
export function isFormulaLike(text: string): boolean {
  return FORMULA_START.test(text);
}

/** One cell as it goes into the file. */
export function csvCell(value: CsvValue, separator: CsvSeparator): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return value.text.includes(separator) ? `"${value.text}"` : value.text;
  if (isFormulaLike(value)) return `"'${value.replace(/"/g, '""')}"`;
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvWriteOptions {
  separator: CsvSeparator;
  /** A UTF-8 byte order mark first, so Excel reads umlauts right (default true). */
  bom?: boolean;
}

/** Rows as CSV text: CRLF after every row (RFC 4180), a BOM first unless turned off. */
export function writeCsv(rows: Iterable<readonly CsvValue[]>, options: CsvWriteOptions): string {
  const out: string[] = [];
  for (const row of rows) out.push(row.map((v) => csvCell(v, options.separator)).join(options.separator));
  return `${options.bom === false ? '' : '\uFEFF'}${out.join('\r\n')}\r\n`;
}
