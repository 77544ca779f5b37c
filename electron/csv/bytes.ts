/**
 * A CSV file as an import receives it: base64 text from the API, checked
 * for being base64 at all and for its size before anything is decoded, and
 * its content hash, by which every import refuses the same content twice.
 */
import { createHash } from 'node:crypto';
import { MAX_IMPORT_BYTES } from '../../shared/entry-import';
import { KontorError } from '../../shared/errors';

/** The file's bytes; refuses text that is not base64 and files over the limit. */
export function fileBytes(base64: string): Buffer {
  const compact = base64.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new KontorError('import.unreadable', 'The file could not be read (it did not arrive intact).');
  }
  const bytes = Buffer.from(compact, 'base64');
  if (bytes.length > MAX_IMPORT_BYTES) {
    throw new KontorError('import.tooLarge', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into smaller files.`, {
      maxMb: MAX_IMPORT_BYTES / 1024 / 1024,
    });
  }
  return bytes;
}

/** The content's SHA-256 in hex: what the ledger's `import_file` is keyed by. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
