import { afterEach, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { zipStatements } from './container';

const files = [
  { name: 'camt053_2026-03-02.xml', content: '<?xml version="1.0" encoding="UTF-8"?><Document>Müller &amp; Söhne</Document>' },
  { name: 'camt053_2026-03-03.xml', content: '<Document/>' },
  { name: 'sta/mt940.sta', content: new Uint8Array([0x3a, 0x32, 0x30, 0x3a, 0xc4, 0x0d, 0x0a]) },
];

describe('ZIP container', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });

  it('unpacks to the same files with the same content', () => {
    const unpacked = unzipSync(zipStatements(files));
    expect(Object.keys(unpacked)).toEqual(files.map((f) => f.name));
    const decoder = new TextDecoder();
    expect(decoder.decode(unpacked['camt053_2026-03-02.xml'])).toBe(files[0]?.content);
    expect(decoder.decode(unpacked['camt053_2026-03-03.xml'])).toBe(files[1]?.content);
    expect(Array.from(unpacked['sta/mt940.sta'] ?? [])).toEqual(Array.from(files[2]?.content as Uint8Array));
  });

  it('gives the same bytes for the same files, whatever the time zone', () => {
    const first = zipStatements(files);
    process.env.TZ = 'Pacific/Kiritimati';
    const second = zipStatements(files);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('refuses two files of the same name and unsafe names', () => {
    const file = { name: 'camt053.xml', content: '<Document/>' };
    expect(() => zipStatements([file, { ...file }])).toThrow(/Two files/);
    expect(() => zipStatements([{ name: '../evil.xml', content: '' }])).toThrow(/safe/);
  });
});
