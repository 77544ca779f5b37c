import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { aesEncrypt, newTransactionKey } from '../../ebics/crypto/e002';
import { packOrderData, unpackOrderData } from '../../ebics/crypto/pipeline';
import { downloadSegments, openOrderData, sealOrderData, uploadedBytes } from './order-data-wire';

const SEGMENT = 1024;

describe('order data between the bank and a client', () => {
  it.each([0, 1, SEGMENT, SEGMENT + 1, 5 * SEGMENT + 7])('%i bytes go down in segments Kontor’s client puts back together', (size) => {
    const data = randomBytes(size);
    const key = newTransactionKey();
    const segments = downloadSegments(sealOrderData(data, key), SEGMENT);
    expect(segments.length).toBeGreaterThanOrEqual(1);
    expect(segments.slice(0, -1).every((s) => s.length === SEGMENT)).toBe(true);
    expect(segments.at(-1)!.length).toBeLessThanOrEqual(SEGMENT);
    expect(unpackOrderData(segments, key).equals(data)).toBe(true);
  });

  it.each([0, 1, SEGMENT, SEGMENT + 1, 5 * SEGMENT + 7])('%i bytes uploaded by Kontor’s client come out whole at the bank', (size) => {
    const data = randomBytes(size);
    const key = newTransactionKey();
    const sealed = uploadedBytes(packOrderData(data, key, SEGMENT).segments);
    expect(sealed).not.toBeNull();
    expect(openOrderData(sealed!, key, 10 * SEGMENT)).toEqual(data);
  });

  it('reads segments a client padded one by one and base64 text a client cut anywhere', () => {
    const bytes = randomBytes(100);
    const padded = [bytes.subarray(0, 31), bytes.subarray(31, 62), bytes.subarray(62)].map((b) => b.toString('base64'));
    expect(padded.some((s) => s.endsWith('='))).toBe(true);
    expect(uploadedBytes(padded)).toEqual(bytes);
    const text = bytes.toString('base64');
    expect(uploadedBytes([text.slice(0, 7), text.slice(7, 50), text.slice(50)])).toEqual(bytes);
    expect(uploadedBytes([text.slice(0, 7), text.slice(7)])).toEqual(bytes);
    expect(uploadedBytes(['QQ==', 'QQ'])).toBeNull();
    expect(uploadedBytes(['QQ=', 'QQ'])).toBeNull();
  });

  it('says why sealed data cannot be opened: wrong key, no zlib stream, more than the limit', () => {
    const key = newTransactionKey();
    expect(openOrderData(Buffer.alloc(15), key, 1000)).toBe('decrypt');
    expect(openOrderData(aesEncrypt(Buffer.from('not zlib at all'), key), key, 1000)).toBe('inflate');
    expect(openOrderData(aesEncrypt(deflateSync(Buffer.alloc(10_000)), key), key, 1000)).toBe('tooLarge');
    expect(openOrderData(aesEncrypt(deflateSync(Buffer.alloc(1000)), key), key, 1000)).toEqual(Buffer.alloc(1000));
  });

  it('cuts segments only at multiples of 4 base64 characters', () => {
    expect(() => downloadSegments(Buffer.alloc(10), 6)).toThrow(RangeError);
    expect(() => downloadSegments(Buffer.alloc(10), 0)).toThrow(RangeError);
  });
});
