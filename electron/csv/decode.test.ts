import { describe, expect, it } from 'vitest';
import { decode } from './decode';

describe('decoding a CSV file', () => {
  it('reads € „ “ – from Windows-1252 bytes 0x80–0x9F (which Node 20.20 decodes as control characters)', () => {
    expect(decode(Uint8Array.from([0x80, 0x20, 0x84, 0x93, 0x96])).text).toBe('€ „“–');
  });

  it('removes control characters other than tab and line breaks, from UTF-8 and Windows-1252 files alike', () => {
    expect(decode(Buffer.from('Nr;Name\r\nR-1\u0007;M\u00fcller\u001b[0m\u007f\u0085\tGmbH\n', 'utf8')).text).toBe('Nr;Name\r\nR-1;Müller[0m\tGmbH\n');
    expect(decode(Uint8Array.from([0x41, 0x07, 0x0b, 0x0c, 0xe4, 0x3b, 0x42])).text).toBe('Aä;B');
  });

  it('refuses a file with NUL bytes as binary', () => {
    expect(() => decode(Uint8Array.from([0x41, 0x00, 0x42]))).toThrow(/binary data/);
  });
});
