/**
 * The ZIP container German banks deliver camt files in (one file per
 * statement, EBICS order types C53/C52/C54 or BTD with container `ZIP`).
 * The same files give the same bytes: every entry carries one fixed
 * timestamp, independent of the clock and the workstation's time zone.
 */
import { zipSync, type Zippable } from 'fflate';

export interface StatementFile {
  name: string;
  /** Text is stored as UTF-8 (camt); pass bytes for anything else (e.g. MT940 in ISO-8859-1). */
  content: string | Uint8Array;
}

export function zipStatements(files: readonly StatementFile[]): Uint8Array {
  // 1980-01-01 00:00, the first time a ZIP (DOS) timestamp can hold. fflate
  // reads the Date's local calendar fields, so it is built from local fields,
  // at each call: a Date made once would read differently after a zone change.
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  // No prototype: a file called `__proto__` stays a file.
  const entries = Object.create(null) as Zippable;
  const encoder = new TextEncoder();
  for (const file of files) {
    if (file.name === '' || file.name.includes('\\') || file.name.startsWith('/') || file.name.split('/').includes('..')) {
      throw new RangeError(`Not a safe file name inside a ZIP: "${file.name}"`);
    }
    if (entries[file.name] !== undefined) {
      throw new RangeError(`Two files named "${file.name}" in one ZIP`);
    }
    const bytes = typeof file.content === 'string' ? encoder.encode(file.content) : file.content;
    entries[file.name] = [bytes, { mtime }];
  }
  return zipSync(entries, { level: 6 });
}
