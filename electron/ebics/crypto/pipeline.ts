/**
 * Order data on the wire. Upload: deflate (zlib) -> E002 encrypt -> base64 ->
 * segments. Download: decode every segment, join, decrypt once, inflate once
 * (with an output limit against decompression bombs).
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { KontorError } from '../../../shared/errors';
import { aesDecrypt, aesEncrypt } from './e002';

/** EBICS limits a segment to 1 MB; we count base64 characters. */
export const SEGMENT_SIZE = 1_048_576;
/** Default ceiling for inflated order data. */
export const MAX_ORDER_DATA_BYTES = 500 * 1024 * 1024;

export interface PackedOrderData {
  /** base64 text of each segment, in order; at least one. */
  segments: string[];
  /** Bytes of encrypted data (before base64). */
  encryptedSize: number;
}

function checkSegmentSize(segmentSize: number): void {
  // A multiple of 4 keeps every segment decodable on its own.
  if (!Number.isSafeInteger(segmentSize) || segmentSize <= 0 || segmentSize % 4 !== 0) {
    throw new RangeError(`Segment size must be a positive multiple of 4, not ${segmentSize}`);
  }
}

/** Base64 characters for `byteLength` bytes. */
export function base64Length(byteLength: number): number {
  return 4 * Math.ceil(byteLength / 3);
}

/** How many segments `encryptedBytes` bytes of encrypted order data need (at least one). */
export function segmentCount(encryptedBytes: number, segmentSize: number = SEGMENT_SIZE): number {
  checkSegmentSize(segmentSize);
  return Math.max(1, Math.ceil(base64Length(encryptedBytes) / segmentSize));
}

/** Split base64 text into pieces of at most `segmentSize` characters; '' gives one empty segment. */
export function splitSegments(text: string, segmentSize: number = SEGMENT_SIZE): string[] {
  checkSegmentSize(segmentSize);
  const segments: string[] = [];
  for (let start = 0; start < text.length; start += segmentSize) segments.push(text.slice(start, start + segmentSize));
  return segments.length === 0 ? [''] : segments;
}

/** Compress, encrypt with the transaction key, base64-encode and segment order data for upload. */
export function packOrderData(data: Buffer, txKey: Buffer, segmentSize: number = SEGMENT_SIZE): PackedOrderData {
  checkSegmentSize(segmentSize);
  const encrypted = aesEncrypt(deflateSync(data), txKey);
  return { segments: splitSegments(encrypted.toString('base64'), segmentSize), encryptedSize: encrypted.length };
}

function badData(message: string): KontorError {
  return new KontorError('ebics.badOrderData', message);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes of all segments joined. Segments are decoded one by one (each may
 * carry its own padding); if a bank split the base64 text at a length that is
 * not a multiple of 4, the text is joined first.
 */
export function decodeSegments(segments: readonly string[]): Buffer {
  if (segments.length === 0) throw badData('The bank sent no order data segments.');
  const cleaned = segments.map((s) => s.replace(/\s+/g, ''));
  for (const segment of cleaned) {
    if (!BASE64.test(segment)) throw badData('An order data segment from the bank is not valid base64.');
  }
  if (cleaned.every((s) => s.length % 4 === 0)) return Buffer.concat(cleaned.map((s) => Buffer.from(s, 'base64')));
  const joined = cleaned.join('');
  if (joined.length % 4 !== 0 || !BASE64.test(joined)) throw badData('The order data segments from the bank do not form valid base64.');
  return Buffer.from(joined, 'base64');
}

export interface UnpackOptions {
  /** Refuse order data that inflates to more than this many bytes (default 500 MB). */
  maxBytes?: number;
}

/** Join, decrypt and inflate downloaded order data. */
export function unpackOrderData(segments: readonly string[], txKey: Buffer, options: UnpackOptions = {}): Buffer {
  const maxBytes = options.maxBytes ?? MAX_ORDER_DATA_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 1) throw new RangeError(`maxBytes must be a positive integer, not ${maxBytes}`);
  const compressed = aesDecrypt(decodeSegments(segments), txKey);
  try {
    return inflateSync(compressed, { maxOutputLength: maxBytes });
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new KontorError('ebics.tooLarge', 'The order data from the bank is larger than allowed.', { limit: maxBytes });
    }
    throw badData('The order data from the bank could not be decompressed.');
  }
}
