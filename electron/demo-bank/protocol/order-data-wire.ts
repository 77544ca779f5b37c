/**
 * Order data between the bank and a client: zlib (RFC 1950) compression,
 * E002 encryption with the transaction key (AES primitives from
 * ebics/crypto), base64, and the cut into segments. The bank's own
 * implementation of the pipeline, written apart from the client's.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { aesDecrypt, aesEncrypt } from '../../ebics/crypto/e002';

/** Compressed and encrypted: what goes into OrderData before base64. */
export function sealOrderData(data: Buffer, txKey: Buffer): Buffer {
  return aesEncrypt(deflateSync(data), txKey);
}

/**
 * base64 of the sealed data cut into segments of `segmentChars` characters
 * (a multiple of 4, so that each segment decodes on its own); empty data
 * still makes one segment.
 */
export function downloadSegments(sealed: Buffer, segmentChars: number): string[] {
  if (!Number.isSafeInteger(segmentChars) || segmentChars <= 0 || segmentChars % 4 !== 0)
    throw new RangeError(`segment size ${segmentChars} is not a positive multiple of 4`);
  const text = sealed.toString('base64');
  const segments: string[] = [];
  for (let at = 0; at < text.length; at += segmentChars) segments.push(text.slice(at, at + segmentChars));
  return segments.length > 0 ? segments : [''];
}

/**
 * The bytes of uploaded segments (base64 text, already checked for its
 * alphabet). A client may pad each segment or cut the text anywhere: whole
 * segments are decoded one by one, anything else is joined first. null when
 * the text is no base64.
 */
export function uploadedBytes(segments: readonly string[]): Buffer | null {
  if (segments.every((s) => s.length % 4 === 0 && !/=[^=]/.test(s))) return Buffer.concat(segments.map((s) => Buffer.from(s, 'base64')));
  const joined = segments.join('');
  if (joined.length % 4 !== 0 || /=[^=]/.test(joined)) return null;
  return Buffer.from(joined, 'base64');
}

export type OpenProblem = 'decrypt' | 'inflate' | 'tooLarge';

/** Decrypts and inflates sealed order data; at most `maxBytes` after inflating. */
export function openOrderData(sealed: Buffer, txKey: Buffer, maxBytes: number): Buffer | OpenProblem {
  let compressed: Buffer;
  try {
    compressed = aesDecrypt(sealed, txKey);
  } catch {
    return 'decrypt';
  }
  try {
    return inflateSync(compressed, { maxOutputLength: maxBytes });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return 'tooLarge';
    return 'inflate';
  }
}
