/**
 * Bytes of a CSV export to text: UTF-8 (with or without BOM), UTF-16 LE with
 * BOM (Excel's "Unicode text"), else Windows-1252, which covers ISO-8859-1
 * too (they differ only in 0x80–0x9F, where ISO-8859-1 has control codes no
 * export means). Windows-1252 is decoded by iconv-lite's table: Node 20.20's
 * TextDecoder('windows-1252') turns 0x80 into U+0080 instead of €.
 *
 * Control characters: a NUL means binary data and the file is refused; the
 * other C0 controls (tab and line breaks aside), DEL and C1 controls carry
 * nothing in an export and are removed from the text before it is split, so
 * no cell, and nothing the import stores, holds one.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { CsvEncoding } from '../../shared/entry-import';
import { KontorError } from '../../shared/errors';

export interface Decoded {
  text: string;
  encoding: CsvEncoding;
  bom: boolean;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) => prefix.every((b, i) => bytes[i] === b);

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'windows-1252');
}

/** The file's text, its encoding (detected unless forced) and whether it had a byte order mark. */
export function decode(bytes: Uint8Array, forced?: CsvEncoding): Decoded {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new KontorError('import.notCsv', 'This file is a ZIP container (e.g. an Excel workbook), not CSV. Save it as CSV first.');
  }
  const utf8Bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const utf16Bom = startsWith(bytes, [0xff, 0xfe]);
  const encoding: CsvEncoding = forced ?? (utf16Bom ? 'utf-16le' : utf8Bom || isUtf8(bytes) ? 'utf-8' : 'windows-1252');
  let text: string;
  let bom = false;
  if (encoding === 'utf-16le') {
    bom = utf16Bom;
    text = new TextDecoder('utf-16le').decode(bytes.subarray(bom ? 2 : 0));
  } else if (encoding === 'utf-8') {
    bom = utf8Bom;
    text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom ? 3 : 0));
  } else {
    text = decodeWindows1252(bytes);
  }
  if (text.includes('\u0000')) throw new KontorError('import.notCsv', 'This file contains binary data; it is not a CSV text file.');
  return { text: CONTROL.test(text) ? text.replace(CONTROLS, '') : text, encoding, bom };
}
