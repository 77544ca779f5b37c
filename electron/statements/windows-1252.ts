/**
 * Windows-1252, the single-byte encoding of German bank files (ISO-8859-1
 * declared or not: the two differ only in 0x80–0x9F, where ISO-8859-1 has
 * control codes no bank means). Node 20.20's TextDecoder('windows-1252')
 * decodes that range as those control codes (0x80 as U+0080 instead of €),
 * a known regression; iconv-lite's table is right.
 */
import iconv from 'iconv-lite';

export function decodeWindows1252(bytes: Uint8Array): string {
  return iconv.decode(bytes as Buffer, 'windows-1252');
}
