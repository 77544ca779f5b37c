import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, fileToBase64 } from './files';

describe('files as base64', () => {
  it('turn bytes into base64 and back, also past one chunk', async () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
    expect(await fileToBase64(new Blob([bytes]))).toBe(text);
  });

  it('read a PDF header', () => {
    expect(new TextDecoder().decode(base64ToBytes(btoa('%PDF-1.7')))).toBe('%PDF-1.7');
  });
});
