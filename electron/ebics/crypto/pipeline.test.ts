import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KontorError } from '../../../shared/errors';
import { aesEncrypt, newTransactionKey } from './e002';
import { MAX_ORDER_DATA_BYTES, SEGMENT_SIZE, base64Length, decodeSegments, packOrderData, segmentCount, splitSegments, unpackOrderData } from './pipeline';

const MB = 1_048_576;
const txKey = newTransactionKey();

function expectWellFormedSegments(segments: string[], segmentSize: number, encryptedSize: number): void {
  expect(segments.length).toBe(segmentCount(encryptedSize, segmentSize));
  segments.slice(0, -1).forEach((s) => expect(s.length).toBe(segmentSize));
  expect(segments.at(-1)?.length).toBeGreaterThan(0);
  expect(segments.at(-1)?.length).toBeLessThanOrEqual(segmentSize);
  expect(segments.reduce((n, s) => n + s.length, 0)).toBe(base64Length(encryptedSize));
}

/**
 * Random (incompressible) data whose encrypted form has exactly
 * `encryptedBytes` bytes, found by adjusting the length to deflate's overhead.
 */
function dataEncryptingTo(encryptedBytes: number): Buffer {
  const pool = randomBytes(encryptedBytes + 64);
  let length = encryptedBytes - 32;
  for (let attempt = 0; attempt < 20; attempt++) {
    const data = pool.subarray(0, length);
    const size = aesEncrypt(deflateSync(data), txKey).length;
    if (size === encryptedBytes) return data;
    length += encryptedBytes - size - 8;
  }
  throw new Error(`could not hit ${encryptedBytes} encrypted bytes`);
}

describe('segment arithmetic', () => {
  it('counts at least one segment, and one more right after each multiple of the segment size', () => {
    expect(segmentCount(0)).toBe(1);
    // 786432 bytes are exactly 1 MB of base64.
    expect(base64Length(786_432)).toBe(MB);
    expect(segmentCount(786_432)).toBe(1);
    expect(segmentCount(786_433)).toBe(2);
    expect(segmentCount(2 * 786_432)).toBe(2);
    expect(segmentCount(2 * 786_432 + 1)).toBe(3);
  });

  it('splits base64 text without losing the tail', () => {
    const text = 'A'.repeat(4 * 10 + 4);
    expect(splitSegments(text, 8).join('')).toBe(text);
    expect(splitSegments(text, 8)).toHaveLength(6);
    expect(splitSegments('', 8)).toEqual(['']);
    expect(splitSegments('AAAA', 4)).toEqual(['AAAA']);
    expect(splitSegments('AAAABBBB', 4)).toEqual(['AAAA', 'BBBB']);
  });

  it('only accepts positive multiples of 4 as segment size', () => {
    expect(() => packOrderData(Buffer.alloc(1), txKey, 6)).toThrow(RangeError);
    expect(() => segmentCount(1, 0)).toThrow(RangeError);
  });
});

describe('order data pipeline', () => {
  it.each([
    ['0 bytes', 0],
    ['1 byte', 1],
    ['exactly 1 MB', MB],
    ['1 MB + 1 byte', MB + 1],
  ])('round-trips %s of random data with consistent segments', (_label, size) => {
    const data = randomBytes(size);
    const packed = packOrderData(data, txKey);
    expectWellFormedSegments(packed.segments, SEGMENT_SIZE, packed.encryptedSize);
    expect(unpackOrderData(packed.segments, txKey).equals(data)).toBe(true);
  });

  it('yields exactly one segment for a 0-byte order', () => {
    const packed = packOrderData(Buffer.alloc(0), txKey);
    expect(packed.segments).toHaveLength(1);
    expect(packed.encryptedSize).toBe(16);
  });

  it('splits 1 MB + 1 byte of random data into two segments, the first exactly 1 MB of base64', () => {
    const packed = packOrderData(randomBytes(MB + 1), txKey);
    expect(packed.segments).toHaveLength(2);
    expect(packed.segments[0]).toHaveLength(SEGMENT_SIZE);
  });

  it('goes from one segment to two exactly where the base64 text passes 1 MB', () => {
    const atLimit = packOrderData(dataEncryptingTo(786_432), txKey);
    expect(atLimit.encryptedSize).toBe(786_432);
    expect(atLimit.segments).toHaveLength(1);
    expect(atLimit.segments[0]).toHaveLength(MB);

    const data = dataEncryptingTo(786_448); // one AES block more
    const overLimit = packOrderData(data, txKey);
    expect(overLimit.segments).toHaveLength(2);
    expect(overLimit.segments.map((s) => s.length)).toEqual([MB, base64Length(786_448) - MB]);
    expect(unpackOrderData(overLimit.segments, txKey).equals(data)).toBe(true);
  });

  it('round-trips 50 MB of random data in 67 segments', () => {
    const data = randomBytes(50 * MB);
    const packed = packOrderData(data, txKey);
    expect(packed.segments.length).toBe(67);
    expectWellFormedSegments(packed.segments, SEGMENT_SIZE, packed.encryptedSize);
    expect(unpackOrderData(packed.segments, txKey).equals(data)).toBe(true);
  });

  it('honours a smaller segment size at its boundaries', () => {
    const data = randomBytes(3000);
    const packed = packOrderData(data, txKey, 1000);
    expectWellFormedSegments(packed.segments, 1000, packed.encryptedSize);
    expect(packed.segments.length).toBe(Math.ceil(base64Length(packed.encryptedSize) / 1000));
    expect(unpackOrderData(packed.segments, txKey)).toEqual(data);
  });

  it('compresses with a zlib header', () => {
    const packed = packOrderData(Buffer.from('x'.repeat(1000)), txKey);
    expect(packed.encryptedSize).toBeLessThan(100);
  });

  it('refuses a decompression bomb with ebics.tooLarge', () => {
    const bomb = deflateSync(Buffer.alloc(20 * MB));
    const segments = [aesEncrypt(bomb, txKey).toString('base64')];
    expect(bomb.length).toBeLessThan(50_000);
    let error: unknown = null;
    try {
      unpackOrderData(segments, txKey, { maxBytes: 10 * MB });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KontorError);
    expect((error as KontorError).code).toBe('ebics.tooLarge');
    expect(unpackOrderData(segments, txKey, { maxBytes: 20 * MB })).toHaveLength(20 * MB);
    expect(MAX_ORDER_DATA_BYTES).toBe(500 * 1024 * 1024);
  });

  it('refuses data that does not inflate, or was encrypted with another key', () => {
    const garbage = [aesEncrypt(randomBytes(100), txKey).toString('base64')];
    expect(() => unpackOrderData(garbage, txKey)).toThrow(KontorError);
    const packed = packOrderData(randomBytes(100), txKey);
    expect(() => unpackOrderData(packed.segments, newTransactionKey())).toThrow(KontorError);
  });
});

describe('downloaded segments', () => {
  const bytes = randomBytes(1000);
  const text = bytes.toString('base64');

  it('decodes each segment and joins the bytes', () => {
    expect(decodeSegments(splitSegments(text, 400))).toEqual(bytes);
  });

  it('accepts segments that each carry their own base64 padding', () => {
    const parts = [bytes.subarray(0, 301), bytes.subarray(301)].map((b) => b.toString('base64'));
    expect(parts[0]?.endsWith('=')).toBe(true);
    expect(decodeSegments(parts)).toEqual(bytes);
  });

  it('accepts a bank that split the base64 text at any length, and line breaks inside segments', () => {
    const parts = [text.slice(0, 401), text.slice(401, 1002).replace(/(.{76})/g, '$1\r\n'), text.slice(1002)];
    expect(decodeSegments(parts)).toEqual(bytes);
  });

  it('refuses no segments and characters outside base64', () => {
    expect(() => decodeSegments([])).toThrow(KontorError);
    expect(() => decodeSegments(['AAA*'])).toThrow(KontorError);
  });

  it('fetching only the first segment of several does not pass as the whole order', () => {
    const packed = packOrderData(randomBytes(3000), txKey, 1000);
    expect(packed.segments.length).toBeGreaterThan(1);
    expect(() => unpackOrderData(packed.segments.slice(0, 1), txKey)).toThrow(KontorError);
  });
});
